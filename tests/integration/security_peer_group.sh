#!/bin/bash
# SPDX-License-Identifier: MIT
# SCTPSHIM_ALLOW=@gid allows a program whose supplementary groups (the
# kernel's SO_PEERGROUPS) include it, and refuses one whose do not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_build
fresh_daemon 92
export SCTPSHIM_ALLOW="@$((other_gid + 1))"

# root starts the daemon
run_e2e one-to-one-v4 34620

out=$(as_other --groups "$((other_gid + 1))" -- "${SHIM[@]}" "$E2E" one-to-one-v4 34621 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "e2e in group $((other_gid + 1)) exited with status $status"

out=$(as_other -- "${SHIM[@]}" "$E2E" socket-fails 0 2>&1)
echo "$out"
grep -q "errno 13 " <<<"$out" || fail "socket() outside the group should fail with EACCES"
