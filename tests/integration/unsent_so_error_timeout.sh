#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent so-error-timeout: an association whose peer stops answering (its
# daemon, another one, is stopped) times out: SO_ERROR is ETIMEDOUT once,
# then 0.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
fresh_daemon 101
export UNSENT_PEER_SOCKET="$SCTPSHIM_SOCKET-peer"
export UNSENT_PEER_PORT=$((check_udp_port + 102))
export SCTPSHIM_ENCAP_PORT=$UNSENT_PEER_PORT
stop_peer_daemon() {
	local pid
	for pid in $(SCTPSHIM_SOCKET=$UNSENT_PEER_SOCKET serving_pids); do
		kill -CONT "$pid" 2>/dev/null
		kill "$pid" 2>/dev/null
	done
}
on_exit stop_peer_daemon
run_e2e so-error-timeout 35008
