#!/bin/bash
# SPDX-License-Identifier: MIT
# SCTPSHIM_ALLOW names another uid: a program of that uid gets sockets
# from a daemon of root and runs an SCTP exchange.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_build
fresh_daemon 91
export SCTPSHIM_ALLOW="nosuchuser-sctpshim,$other_uid"

# root starts the daemon
run_e2e one-to-one-v4 34611

out=$(as_other -- "${SHIM[@]}" "$E2E" one-to-one-v4 34610 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "e2e as uid $other_uid exited with status $status"
grep -q "^e2e one-to-one-v4: ok$" <<<"$out" || fail "e2e as uid $other_uid did not report ok"
grep -q "no user nosuchuser-sctpshim" "$work/daemon.log" || fail "the bad SCTPSHIM_ALLOW entry was not logged"
