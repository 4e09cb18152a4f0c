#!/bin/bash
# SPDX-License-Identifier: MIT
# procs crash-cycles: 10,000 programs that die holding SCTP sockets (one
# in ten with a listener and an association whose data it never read, half
# of those SIGKILLed): the daemon frees every endpoint, ends every
# association, and its RSS does not grow (no leak per program).
. "$(dirname "$0")/lib.sh"
fresh_daemon 170
E2E="$builddir/tests/integration/procs"

daemon_rss_kb() {
	local pid
	pid=$(serving_pids | head -1)
	[ -n "$pid" ] || fail "no daemon"
	awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"
}
no_endpoints() {
	t "$builddir/sctpshim" status 2>&1 | head -1 | grep -q ", 0 endpoint(s)$"
}

# warm-up: usrsctp's and the allocator's pools reach their size
PROCS_CYCLES=500 run_e2e crash-cycles 34100
wait_until 20 no_endpoints || fail "endpoints left after the warm-up: $(t "$builddir/sctpshim" status 2>&1)"
before=$(daemon_rss_kb)
begin=$SECONDS
PROCS_CYCLES=10000 run_e2e crash-cycles 34100
echo "10000 cycles in $((SECONDS - begin)) s"
wait_until 20 no_endpoints || fail "endpoints left: $(t "$builddir/sctpshim" status 2>&1)"
after=$(daemon_rss_kb)
echo "daemon RSS: $before kB after the warm-up, $after kB after 10000 more cycles"
# ASan's quarantine and shadow memory make RSS meaningless there
if ! asan_build; then
	[ "$after" -le $((before + 2048)) ] ||
		fail "the daemon's RSS grew by $((after - before)) kB over 10000 cycles"
fi
expect_fresh_daemon_survived
