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
