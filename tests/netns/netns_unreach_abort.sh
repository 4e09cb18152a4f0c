#!/bin/bash
# SPDX-License-Identifier: MIT
# Reachability: the peer host runs a daemon but nothing is bound to the SCTP
# port, so its INIT is answered with an ABORT: connect() fails with
# ECONNREFUSED at once, as on Linux.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
# Something under the shim in b, so that b has a daemon on UDP 9899; it
# listens on another port than the one the client asks for.
netns_start other b "$builddir/tests/netns/netns_peer" recv 10.16.1.2 5002 1
wait_for_line "$work/other.log" "^listening" 20 || fail "the daemon in b did not start"
capture_start wire b eth0 "$NETNS_UDP_PORT"
capture_flush wire a 10.16.1.2 "$NETNS_UDP_PORT"
unreach_connect ECONNREFUSED
capture_flush wire a 10.16.1.2 "$NETNS_UDP_PORT"
capture_packets wire >"$work/packets.log"
awk '$1 == "10.16.1.2" && $5 == 6 { found = 1 } END { exit !found }' "$work/packets.log" ||
	fail "b did not answer with an ABORT"
inits=$(awk '$5 == 1' "$work/packets.log" | wc -l)
[ "$inits" -eq 1 ] || fail "want one INIT, saw $inits"
echo "one INIT, answered by an ABORT"
