#!/bin/bash
# SPDX-License-Identifier: MIT
# Multihoming, SCTP_PRIMARY_ADDR: the sender connects to b's 10.16.3.2
# (eth0), sends 300 messages, makes 10.16.4.2 (eth1) the primary path with
# SCTP_PRIMARY_ADDR (it reads back, and Linux reports SCTP_ADDR_MADE_PRIM),
# and sends 300 more: the first 300 arrive over eth0, the others over eth1.
. "$(dirname "$0")/multihome.sh"
netns_two_paths
path_counters b
netns_start server b "$multihome" sink 5001
wait_for_line "$work/server.log" "^listening" 20 || fail "the sink did not start"
netns_start client a "$multihome" primary 10.16.3.2 10.16.4.2 5001
finish client || fail "the sender exited with status $?"
finish server || fail "the sink exited with status $?"
cat "$work/client.log" "$work/server.log"
echo "DATA packets per link: $(path_counts b)"
grep -q "^MADE_PRIM 10\.16\.4\.2 " "$work/client.log" ||
	fail "no SCTP_PEER_ADDR_CHANGE SCTP_ADDR_MADE_PRIM for 10.16.4.2"
grep -q "^received 600 messages, in order and intact" "$work/server.log" ||
	fail "the sink did not receive the 600 messages"
# One message per packet (1200 bytes).  Retransmissions add packets (under
# load, a hundred on one link was seen), so the counts are bounds: each
# link carried its 300, and neither carried both halves.
eth0=$(path_count b eth0)
eth1=$(path_count b eth1)
if [ "$eth0" -lt 300 ] || [ "$eth0" -ge 600 ]; then
	fail "want the first 300 messages on eth0 (and not the rest), saw $eth0 packets"
fi
if [ "$eth1" -lt 300 ] || [ "$eth1" -ge 600 ]; then
	fail "want the last 300 messages on eth1 (and not the first), saw $eth1 packets"
fi
