#!/bin/bash
# SPDX-License-Identifier: MIT
# A program of another uid cannot use a daemon that does not allow it: its
# socket() fails with EACCES (SO_PEERCRED decides, not the program), the
# daemon logs the refusal and goes on serving its own users.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_build
fresh_daemon 90
unset SCTPSHIM_ALLOW

# root starts the daemon
run_e2e one-to-one-v4 34600

out=$(as_other -- "${SHIM[@]}" "$E2E" socket-fails 0 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "socket() as uid $other_uid did not fail cleanly (status $status)"
grep -q "errno 13 " <<<"$out" || fail "socket() as uid $other_uid should fail with EACCES"
grep -q "refused a client of uid $other_uid" "$work/daemon.log" || fail "the daemon did not log the refusal"
run_e2e one-to-one-v4 34601
