#!/bin/bash
# SPDX-License-Identifier: MIT
# Ports below net.ipv4.ip_unprivileged_port_start need CAP_NET_BIND_SERVICE,
# not uid 0: root without the capability gets EACCES from bind(), as from
# Linux's inet_bind.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_tools socat
require_build
fresh_daemon 93
port=$low_port

# root, with every capability, starts the daemon
run_e2e one-to-one-v4 34630

t setpriv --inh-caps=-net_bind_service --bounding-set=-net_bind_service -- \
	"${SHIM[@]}" socat -d -d "SCTP-LISTEN:$port,bind=127.0.0.1" - </dev/null >"$work/nocap.log" 2>&1
status=$?
cat "$work/nocap.log"
[ "$status" -ne 0 ] || fail "socat listened on port $port without CAP_NET_BIND_SERVICE"
grep -q "bind.*Permission denied" "$work/nocap.log" || fail "bind() should fail with EACCES"
