#!/bin/bash
# SPDX-License-Identifier: MIT
# Multihoming, failover: a transfer runs on the primary path (a's eth0 to
# b's 10.16.3.2); b's eth0 goes down in the middle.  The sender gets
# SCTP_PEER_ADDR_CHANGE SCTP_ADDR_UNREACHABLE for 10.16.3.2 (heartbeat
# every 200 ms, pathmaxrxt 2, RTO 100-500 ms, set with SCTP_PEER_ADDR_PARAMS
# and SCTP_RTOINFO), and what it sends next arrives over eth1.  The link
# comes back: SCTP_ADDR_AVAILABLE, and the DATA goes over eth0 again.
. "$(dirname "$0")/multihome.sh"
netns_two_paths
path_counters b
netns_start server b "$multihome" sink 5001
wait_for_line "$work/server.log" "^listening" 20 || fail "the sink did not start"
netns_start client a "$multihome" failover 10.16.3.2 5001

wait_for_line "$work/client.log" "^sending on the primary" 20 || fail "the transfer did not start"
echo "before the link goes down: $(path_counts b)"
[ "$(path_count b eth0)" -gt 0 ] || fail "no DATA on the primary path (eth0)"
eth1_before=$(path_count b eth1)
netns_exec b ip link set eth0 down || hard_error "cannot take b's eth0 down"

wait_for_line "$work/client.log" "^UNREACHABLE 10\.16\.3\.2 " 30 ||
	fail "no SCTP_ADDR_UNREACHABLE for 10.16.3.2"
wait_for_line "$work/client.log" "^waiting for 10\.16\.3\.2" 30 ||
	fail "the transfer did not go on over the other path"
echo "while the link is down: $(path_counts b)"
[ "$(path_count b eth1)" -gt "$eth1_before" ] || fail "no DATA on eth1 after the failover"
eth0_down=$(path_count b eth0)
netns_exec b ip link set eth0 up || hard_error "cannot bring b's eth0 up"

wait_for_line "$work/client.log" "^AVAILABLE 10\.16\.3\.2 " 30 ||
	fail "no SCTP_ADDR_AVAILABLE for 10.16.3.2"
finish client || fail "the sender exited with status $?"
finish server || fail "the sink exited with status $?"
cat "$work/client.log" "$work/server.log"
echo "at the end: $(path_counts b)"
[ "$(path_count b eth0)" -gt "$eth0_down" ] || fail "no DATA on eth0 once it came back"
sent=$(sed -n 's/^sent \([0-9]*\) messages$/\1/p' "$work/client.log")
grep -q "^received $sent messages, in order and intact" "$work/server.log" ||
	fail "the sink did not receive the $sent messages sent"
