#!/bin/bash
# SPDX-License-Identifier: MIT
# A user holding CAP_NET_BIND_SERVICE (ambient, so it survives exec) may
# bind a low port: the daemon reads the calling process's capabilities,
# not its uid.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_tools socat
require_build
fresh_daemon 95
export SCTPSHIM_ALLOW=$other_uid
port=$low_port

run_e2e one-to-one-v4 34650

start low "${as_other_cmd[@]}" --clear-groups --inh-caps=+net_bind_service --ambient-caps=+net_bind_service -- \
	"${SHIM[@]}" socat -d -d "SCTP-LISTEN:$port,bind=127.0.0.1" -
wait_for_line "$work/low.log" "listening on" 20 || fail "uid $other_uid with CAP_NET_BIND_SERVICE could not listen on port $port"
