#!/bin/bash
# SPDX-License-Identifier: MIT
# A user without CAP_NET_BIND_SERVICE cannot bind a port below
# net.ipv4.ip_unprivileged_port_start (EACCES), and can bind one above it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_tools socat
require_build
fresh_daemon 94
export SCTPSHIM_ALLOW=$other_uid
port=$low_port

run_e2e one-to-one-v4 34640

as_other -- "${SHIM[@]}" socat -d -d "SCTP-LISTEN:$port,bind=127.0.0.1" - </dev/null >"$work/low.log" 2>&1
status=$?
cat "$work/low.log"
[ "$status" -ne 0 ] || fail "uid $other_uid listened on port $port"
grep -q "bind.*Permission denied" "$work/low.log" || fail "bind() should fail with EACCES"

start high "${as_other_cmd[@]}" --clear-groups -- "${SHIM[@]}" socat -d -d SCTP-LISTEN:34641,bind=127.0.0.1 -
wait_for_line "$work/high.log" "listening on" 20 || fail "uid $other_uid could not listen on port 34641"
