#!/bin/bash
# SPDX-License-Identifier: MIT
# SO_REUSEPORT shares a port only within one uid (Linux compares
# sock_i_uid): a second user's SO_REUSEPORT bind to a port root holds with
# SO_REUSEPORT fails with EADDRINUSE.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_build
fresh_daemon 131
export SCTPSHIM_ALLOW=$other_uid
port=35360
reuse="$builddir/tests/integration/reuse"

coproc holder { shim "$reuse" reuseport-hold "$port"; }
read -r -t 30 line <&"${holder[0]}" || fail "the holder did not bind"
[ "$line" = bound ] || fail "the holder said '$line'"
as_other -- "${SHIM[@]}" "$reuse" reuseport-take "$port" >"$work/take.log" 2>&1
status=$?
cat "$work/take.log"
exec {holder[1]}>&-
wait "$holder_PID" || fail "the holder failed"
[ "$status" -eq 0 ] || fail "uid $other_uid shared root's SO_REUSEPORT port (status $status)"
