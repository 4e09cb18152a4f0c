#!/bin/bash
# SPDX-License-Identifier: MIT
# Ten programs started at once with no daemon running all succeed, and
# exactly one sctpshimd serves their socket name.
. "$(dirname "$0")/lib.sh"
require_tools ss pgrep
require_build
fresh_daemon 14
export SCTPSHIM_IDLE_TIMEOUT=30

# The daemons of this test: those whose environment names our socket.
our_daemons() {
	local pid
	for pid in $(pgrep -x sctpshimd); do
		# A loser of the race may exit while we look.
		{ tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null |
			grep -qx "SCTPSHIM_SOCKET=$SCTPSHIM_SOCKET" && echo "$pid"
	done
}
stop_our_daemons() {
	local pid
	for pid in $(our_daemons); do kill "$pid"; done
}
on_exit stop_our_daemons

for i in $(seq 1 10); do
	start "p$i" shim "$E2E" one-to-one-v4 $((30500 + i * 2))
done
for i in $(seq 1 10); do
	finish "p$i" || fail "program $i exited with status $?: $(tail -n 3 "$work/p$i.log")"
done

listeners=$(ss -xl | grep -c -- "@$SCTPSHIM_SOCKET ")
[ "$listeners" -eq 1 ] || fail "$listeners listening sockets named @$SCTPSHIM_SOCKET"
# Losers of the race exit on their own; wait for them, bounded (counted
# afresh on every try).
one_daemon_left() { [ "$(our_daemons | wc -l)" -eq 1 ]; }
wait_until 10 one_daemon_left ||
	fail "$(our_daemons | wc -l) sctpshimd processes for $SCTPSHIM_SOCKET: $(our_daemons | tr '\n' ' ')"
echo "one daemon: $(our_daemons)"
