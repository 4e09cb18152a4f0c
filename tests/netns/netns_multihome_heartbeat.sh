#!/bin/bash
# SPDX-License-Identifier: MIT
# Multihoming, SCTP_PEER_ADDR_PARAMS per path: the sender connects to b's
# 10.16.3.2 and sets, on the idle path to 10.16.4.2 only, a heartbeat every
# 1000 ms and pathmaxrxt 3 (the other path keeps the socket's 200 ms and 2).
# On b's eth1 the heartbeats then come 1000 ms plus an RTO (100-500 ms,
# jittered by half) apart.  Then nftables drops everything reaching b on
# eth1: the path is declared unreachable (SCTP_ADDR_UNREACHABLE) after
# pathmaxrxt + 1 = 4 heartbeats without an answer, as on Linux.
. "$(dirname "$0")/multihome.sh"
require_tools nft
netns_two_paths
hb_capture_start b eth1
hb_capture_flush a 10.16.4.2
netns_start server b "$multihome" sink 5001
wait_for_line "$work/server.log" "^listening" 20 || fail "the sink did not start"
netns_start client a "$multihome" heartbeat 10.16.3.2 10.16.4.2 5001
wait_for_line "$work/client.log" "^path to 10\.16\.3\.2" 20 || fail "the sender did not set its paths up"
grep -q "^path to 10\.16\.4\.2: heartbeat every 1000 ms, pathmaxrxt 3" "$work/client.log" ||
	fail "the path to 10.16.4.2 did not read back as set"
grep -q "^path to 10\.16\.3\.2: heartbeat every 200 ms, pathmaxrxt 2" "$work/client.log" ||
	fail "setting one path changed the other"
set_at=$(sed -n 's/^set at //p' "$work/client.log")

# Five heartbeats after the change give four intervals; the first may still
# have been timed with the 200 ms interval.
six_heartbeats() {
	[ "$(hb_times 10.16.4.1 "$set_at" | wc -l)" -ge 6 ]
}
wait_until 30 six_heartbeats ||
	fail "fewer than 6 heartbeats on eth1 in 30 s"
intervals=$(hb_times 10.16.4.1 "$set_at" | awk 'NR > 1 && NR <= 6 { if (NR > 2) printf "%.3f ", $1 - prev } { prev = $1 }')
echo "heartbeat intervals (s): $intervals"
for i in $intervals; do
	awk -v i="$i" 'BEGIN { exit !(i >= 0.95 && i <= 2.5) }' ||
		fail "a heartbeat interval of $i s: want 1 s plus 50-750 ms"
done

netns_exec b nft -f - <<'NFT' || skip "nftables is not available"
table inet deaf {
	chain in {
		type filter hook input priority 0;
		iifname "eth1" drop
	}
}
NFT
wait_for_line "$work/client.log" "^unreachable at " 30 || fail "10.16.4.2 did not become unreachable"
unreachable_at=$(sed -n 's/^unreachable at //p' "$work/client.log")
grep -q "^UNREACHABLE 10\.16\.4\.2 " "$work/client.log" || fail "the notification was not for 10.16.4.2"
hb_capture_flush a 10.16.4.2
# The heartbeats lost: those after b's last HEARTBEAT ACK (tshark sees
# packets before nftables drops them), up to half an interval before the
# notification.  The timer that finds the last one unanswered declares the
# path unreachable and sends one more heartbeat at the same moment (usrsctp
# as Linux): that one was not lost yet.
before=$(awk -v t="$unreachable_at" 'BEGIN { printf "%.6f", t - 0.5 }')
unanswered=$(hb_times 10.16.4.1 "$(hb_last_ack 10.16.4.2)" "$before" | wc -l)
echo "heartbeats without an answer before SCTP_ADDR_UNREACHABLE: $unanswered"
[ "$unanswered" -eq 4 ] || fail "want pathmaxrxt + 1 = 4 lost heartbeats, saw $unanswered"
finish client || fail "the sender exited with status $?"
finish server || fail "the sink exited with status $?"
