#!/bin/bash
# SPDX-License-Identifier: MIT
# Programs started just as the daemon exits when idle get a fresh daemon,
# never a half-dead one: ten times, the moment the daemon logs that it is
# exiting, three programs start at once; all must succeed.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 64
export SCTPSHIM_IDLE_TIMEOUT=1
rounds=10

run_round() {
	local round=$1 i
	for i in 1 2 3; do
		start "r${round}_$i" shim "$E2E" one-to-one-v4 $((34440 + round * 6 + i * 2))
	done
	for i in 1 2 3; do
		finish "r${round}_$i" ||
			fail "round $round, program $i exited with status $?: $(tail -n 3 "$work/r${round}_$i.log")"
	done
}

run_round 0
for round in $(seq 1 $rounds); do
	# the daemon's last line before it closes its listener
	wait_for_count "$work/daemon.log" "idle for 1 s: exiting" "$round" 30 ||
		fail "the daemon did not exit when idle (round $round)"
	run_round "$round"
done
echo "$(grep -c "serving @" "$work/daemon.log") daemons served $(((rounds + 1) * 3)) programs"
