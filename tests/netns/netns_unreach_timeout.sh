#!/bin/bash
# SPDX-License-Identifier: MIT
# Reachability: a peer that never answers (nftables drops everything that
# reaches it).  connect() fails with ETIMEDOUT once the INIT retransmissions
# that SCTP_INITMSG allows are spent, as on Linux: the first INIT and
# sinit_max_attempts = 3 more go on the wire, then nothing.
. "$(dirname "$0")/lib.sh"
require_tools nft
netns_two_hosts
netns_exec b nft -f - <<'NFT' || skip "nftables is not available"
table inet deaf {
	chain in {
		type filter hook input priority 0;
		iifname "eth0" drop
	}
}
NFT
# tshark sees the packets on b's link before nftables drops them.
capture_start wire b eth0 "$NETNS_UDP_PORT"
capture_flush wire a 10.16.1.2 "$NETNS_UDP_PORT"
unreach_connect ETIMEDOUT
capture_flush wire a 10.16.1.2 "$NETNS_UDP_PORT"
inits=$(capture_packets wire | awk '$5 == 1' | wc -l)
echo "INITs on the wire: $inits"
[ "$inits" -eq 4 ] || fail "want 4 INITs (the first and 3 retransmissions), saw $inits"
