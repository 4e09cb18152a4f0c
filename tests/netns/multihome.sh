# SPDX-License-Identifier: MIT
# Common part of the multihoming tests (docs/networks.md, "Multihoming"):
# two hosts joined by two links, and nftables counters that tell which link
# carried the DATA.  Sourced after lib.sh's own set-up.
. "$(dirname "$0")/lib.sh"

multihome="$builddir/tests/netns/netns_multihome"

# Two hosts, a (client) and b (server), joined by two links on two subnets:
# a's eth0 10.16.3.1 - b's eth0 10.16.3.2, a's eth1 10.16.4.1 - b's eth1
# 10.16.4.2.  Each address reaches the other host's address on the same
# link only, so a path is a link.
netns_two_paths() {
	require_build
	[ -x "$multihome" ] || hard_error "$multihome is not built"
	netns_add a
	netns_add b
	netns_link a eth0 b eth0
	netns_link a eth1 b eth1
	netns_addr a eth0 10.16.3.1/24
	netns_addr b eth0 10.16.3.2/24
	netns_addr a eth1 10.16.4.1/24
	netns_addr b eth1 10.16.4.2/24
}

# path_counters NS: nftables in NS counts the encapsulated packets of more
# than 1000 bytes (DATA of netns_multihome's 1200-byte messages; heartbeats,
# SACKs and the sink's confirmations are smaller) arriving on eth0 and eth1.
path_counters() {
	require_tools nft
	netns_exec "$1" nft -f - <<NFT || skip "nftables is not available"
table inet paths {
	chain in {
		type filter hook input priority 0;
		iifname "eth0" udp dport $NETNS_UDP_PORT meta length > 1000 counter
		iifname "eth1" udp dport $NETNS_UDP_PORT meta length > 1000 counter
	}
}
NFT
}

# path_count NS IF: how many DATA packets arrived on IF (eth0 or eth1) of NS.
path_count() {
	netns_exec "$1" nft list table inet paths |
		awk -v ifname="\"$2\"" '$1 == "iifname" && $2 == ifname {
			for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }'
}

# path_counts NS: "eth0 N, eth1 M" for the log.
path_counts() {
	echo "eth0 $(path_count "$1" eth0), eth1 $(path_count "$1" eth1)"
}

# hb_capture_start NS IF: tshark on IF of NS, one line per packet of the
# encapsulation port in $work/hb.log: time (epoch seconds), source address,
# chunk types (empty for capture_flush's markers, which are not SCTP).
hb_capture_start() {
	local v="ns_$1"
	require_tools tshark
	start hb ip netns exec "${!v}" tshark -l -n -i "$2" -f "udp port $NETNS_UDP_PORT" \
		-d "udp.port==$NETNS_UDP_PORT,sctp" -T fields -e frame.time_epoch -e ip.src \
		-e sctp.chunk_type
	wait_for_line "$work/hb.log" "^Capturing on" 20 || fail "tshark did not start capturing"
}

# hb_capture_flush NS ADDR: send markers from NS to ADDR until the capture
# shows one more: every packet before it is then in hb.log.
hb_capture_flush() {
	local before
	before=$(hb_markers)
	wait_until 20 hb_marker_seen "$1" "$2" "$before" || fail "the capture does not see packets"
}

hb_markers() {
	awk -F'\t' 'NF == 3 && $3 == ""' "$work/hb.log" | wc -l
}

hb_marker_seen() {
	local v="ns_$1"
	ip netns exec "${!v}" bash -c "echo marker >/dev/udp/$2/$NETNS_UDP_PORT" 2>/dev/null
	[ "$(hb_markers)" -gt "$3" ]
}

# hb_times SRC AFTER [BEFORE]: the times of the packets from SRC carrying a
# HEARTBEAT (chunk type 4) captured after AFTER (and up to BEFORE).
hb_times() {
	awk -F'\t' -v src="$1" -v after="$2" -v before="${3:-1e12}" '
		$2 == src && $1 > after && $1 <= before && ("," $3 ",") ~ /,4,/ { print $1 }' "$work/hb.log"
}

# hb_last_ack SRC: the time of the last HEARTBEAT ACK (type 5) from SRC
# (as tshark wrote it: awk would print a number in %g).
hb_last_ack() {
	awk -F'\t' -v src="$1" 'BEGIN { t = 0 } $2 == src && ("," $3 ",") ~ /,5,/ { t = $1 } END { print t }' \
		"$work/hb.log"
}
