#!/bin/bash
# SPDX-License-Identifier: MIT
# An association whose only path was marked unreachable goes on carrying
# data once the peer answers, as on Linux.  a's path_max_retrans is 1, and
# b's first two SACKs of a's first message are lost: two retransmission
# timeouts mark the path unreachable, and b's third SACK acknowledges the
# message, retransmitted.  usrsctp revives a path only on the
# acknowledgement of data sent once, sends no new data to an unreachable
# path and heartbeats it only after hb_interval (30 s), so a's second
# message would wait that long; sctpshimd's watch (engine_unsent.c)
# heartbeats the path within an RTO or two and the message goes.
. "$(dirname "$0")/lib.sh"
require_tools nft
require_build
peer="$builddir/tests/netns/netns_peer"
[ -x "$peer" ] || hard_error "$peer is not built"
netns_two_hosts
# the third and fourth packets a gets from b (after INIT-ACK and
# COOKIE-ACK): the first SACKs of a's first message
netns_exec a nft -f - <<NFT || skip "nftables numgen is not available"
table inet lost {
	chain in {
		type filter hook input priority 0;
		iifname "eth0" udp dport $NETNS_UDP_PORT numgen inc mod 1000000 { 2, 3 } counter drop
	}
}
NFT
netns_start server b "$peer" pong 10.16.1.2 5001 2
wait_for_line "$work/server.log" "^listening" 20 || fail "the receiver did not start"
netns_shim a env PING_PATHMAXRXT=1 "$peer" ping 10.16.1.2 5001 2 >"$work/client.log" 2>&1 ||
	fail "the messages did not get through in time (status $?)"
finish server || fail "the receiver exited with status $?"
rule=$(netns_exec a nft list table inet lost | grep counter)
[[ $rule == *"counter packets 2 "* ]] || fail "b's first two SACKs were not lost: $rule"
cat "$work/client.log" "$work/server.log"
grep -E "no timer for an RTO, path unreachable: heartbeat" "$work/sctpshimd-a.log" ||
	fail "sctpshimd did not heartbeat the unreachable path"
echo "the path came back and the second message went"
