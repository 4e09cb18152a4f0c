#!/bin/bash
# SPDX-License-Identifier: MIT
# A port one user listens on cannot be taken by another, even when both
# ask for SCTP_REUSE_PORT: Linux shares a port only among sockets that do
# not listen (sctp_get_port_local), so the second bind fails with
# EADDRINUSE, and the first user's listener goes on.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_tools socat
require_build
fresh_daemon 98
export SCTPSHIM_ALLOW=$other_uid
port=34730
reuse=setsockopt-int=132:36:1   # SOL_SCTP, SCTP_REUSE_PORT, 1

start owner shim socat -d -d "SCTP-LISTEN:$port,bind=127.0.0.1,$reuse" EXEC:cat
wait_for_line "$work/owner.log" "listening on" 20 || fail "the owner's listener did not start"

as_other -- "${SHIM[@]}" socat -d -d "SCTP-LISTEN:$port,bind=127.0.0.1,$reuse" - </dev/null >"$work/thief.log" 2>&1
status=$?
cat "$work/thief.log"
[ "$status" -ne 0 ] || fail "uid $other_uid listened on a port root listens on"
grep -q "bind.*Address already in use" "$work/thief.log" || fail "the second bind should fail with EADDRINUSE"
kill -0 "$pid_owner" 2>/dev/null || fail "the owner's listener is gone"
