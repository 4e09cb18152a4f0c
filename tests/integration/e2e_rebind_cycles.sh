#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e rebind-cycles: a one-to-many server and client on the same two ports,
# exchanging a message and closing, 300 times in one daemon: each time the
# ports come back (within seconds: the last cycle's associations may still
# be shutting down), and no closed socket of ours is left behind.
. "$(dirname "$0")/lib.sh"
port=35400
run_e2e rebind-cycles $port
ours_closing() {
	t "$builddir/sctpshim" status | awk -v a=$port -v b=$((port + 1)) \
		'/^closed, still ending/ { c = 1 } c && ($3 == a || $3 == b) { n++ } END { exit !n }'
}
wait_until 10 eval '! ours_closing' || fail "closed sockets of ours left: $(t "$builddir/sctpshim" status)"
