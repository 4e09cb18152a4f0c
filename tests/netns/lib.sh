# SPDX-License-Identifier: MIT
# Common part of the network namespace tests (docs/networks.md): hosts of
# our own, made of network namespaces joined by veth pairs, each with its
# own sctpshimd (the daemon's abstract socket and UDP port are per
# namespace, so `ip netns exec NS sctpshim run PROG` starts one there).
# Nothing leaves the machine: the links exist only between our namespaces.
#
# Needs root (CI runs as root) and a kernel that lets us make namespaces:
# otherwise the test is skipped (77).
. "$(dirname "$0")/../integration/lib.sh"

require_tools ip
[ "$(id -u)" -eq 0 ] || skip "making network namespaces needs root"

# Inside our namespaces the daemons use the standard port: nothing else
# listens there, and it is what a container would use.
NETNS_UDP_PORT=9899

# Namespace names: unique per test and run, so tests can run in parallel.
netns_prefix="sctpshim-${test_name//_/-}-$$"
netns_made=()

# netns_add NAME: a namespace called $netns_prefix-NAME with lo up; its full
# name is in ns_NAME.  Skips the test when the kernel refuses.
netns_add() {
	local ns="$netns_prefix-$1"
	ip netns add "$ns" 2>"$work/netns-add.err" ||
		skip "ip netns add failed: $(cat "$work/netns-add.err")"
	netns_made+=("$ns")
	printf -v "ns_$1" %s "$ns"
	ip -n "$ns" link set lo up || hard_error "cannot bring lo up in $ns"
}

# Every namespace we made goes at exit, with whatever runs in it (our
# programs and the daemons they started there).
netns_teardown() {
	local ns pid
	for ns in "${netns_made[@]}"; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
}
on_exit netns_teardown

# netns_link A IFA B IFB: a veth pair, IFA in namespace ns_A and IFB in ns_B,
# both up.  The pair is made inside A, so no name is taken in the host's
# namespace.
netns_link() {
	local a="ns_$1" b="ns_$3"
	ip -n "${!a}" link add "$2" type veth peer name "$4" netns "${!b}" ||
		hard_error "cannot make the veth pair $1:$2 - $3:$4"
	ip -n "${!a}" link set "$2" up || hard_error "cannot bring $2 up"
	ip -n "${!b}" link set "$4" up || hard_error "cannot bring $4 up"
}

# netns_addr NS IF ADDR/PREFIX: an address; IPv6 ones without duplicate
# address detection (nobody else is on our links), then wait until the
# link has carrier and no address is tentative any more.
netns_addr() {
	local v="ns_$1" ns
	ns=${!v}
	case $3 in
	*:*) ip -n "$ns" -6 addr add "$3" dev "$2" nodad ;;
	*) ip -n "$ns" addr add "$3" dev "$2" ;;
	esac || hard_error "cannot add $3 to $2 in $ns"
	wait_until 20 netns_link_ready "$ns" "$2" || fail "$2 in $ns did not become usable"
}

netns_link_ready() {
	ip -n "$1" link show dev "$2" | grep -q "LOWER_UP" &&
		[ -z "$(ip -n "$1" addr show dev "$2" tentative)" ]
}

# netns_route NS ARGS...: ip route add ARGS in NS.
netns_route() {
	local v="ns_$1"
	shift
	ip -n "${!v}" route add "$@" || hard_error "ip route add $* failed"
}

# netns_exec NS CMD...: CMD in namespace NS, with the time limit.
netns_exec() {
	local v="ns_$1"
	shift
	timeout -k 5 "$CMD_TIMEOUT" ip netns exec "${!v}" "$@"
}

# netns_env NS: the environment of a program under the shim in NS: the
# namespace's daemon on the standard port, logging into $work (shown if the
# test fails) with its debug lines: these tests fail rarely, and then the
# log is all there is.
netns_env() {
	local extra="netns_extra_$1"
	echo SCTPSHIM_UDP_PORT=$NETNS_UDP_PORT SCTPSHIM_ENCAP_PORT=$NETNS_UDP_PORT \
		SCTPSHIM_LOG="$work/sctpshimd-$1.log" SCTPSHIM_DEBUG=1 ${!extra-}
}

# netns_setenv NS VAR=VALUE...: more environment for the programs (and so
# the daemon) of NS, e.g. SCTPSHIM_NATIVE=1.  Values without spaces.
netns_setenv() {
	local ns=$1
	shift
	printf -v "netns_extra_$ns" %s "$*"
}

# netns_start NAME NS CMD...: start NAME (lib.sh) running CMD under the shim
# in namespace NS.
netns_start() {
	local name=$1 ns=$2 v="ns_$2"
	shift 2
	# shellcheck disable=SC2046 # netns_env gives words
	start "$name" ip netns exec "${!v}" env $(netns_env "$ns") \
		"$builddir/sctpshim" run "$@"
}

# netns_shim NS CMD...: run CMD under the shim in NS, in the foreground.
netns_shim() {
	local ns=$1
	shift
	# shellcheck disable=SC2046
	netns_exec "$ns" env $(netns_env "$ns") "$builddir/sctpshim" run "$@"
}

# netns_status NS: sctpshim status and stats of the daemon of NS, each line
# prefixed with NS (for a test that stalls).
netns_status() {
	# shellcheck disable=SC2046
	{ netns_exec "$1" env $(netns_env "$1") "$builddir/sctpshim" status
	  netns_exec "$1" env $(netns_env "$1") "$builddir/sctpshim" stats; } 2>&1 | sed "s/^/$1: /"
}

# Two hosts on one link: namespaces a (client) and b (server), a's eth0 to
# b's eth0, with 10.16.1.1/24 and fd00:16:1::1/64 on a, .2 and ::2 on b.
netns_two_hosts() {
	netns_add a
	netns_add b
	netns_link a eth0 b eth0
	netns_addr a eth0 10.16.1.1/24
	netns_addr b eth0 10.16.1.2/24
	netns_addr a eth0 fd00:16:1::1/64
	netns_addr b eth0 fd00:16:1::2/64
}

# sctp_test_pair CLIENT_ADDR SERVER_ADDR [-T]: sctp_test listening on
# SERVER_ADDR in b, a client on CLIENT_ADDR in a sending the ten sizes of
# case 4 (1 byte to 32 KiB); one-to-many sockets unless -T (one-to-one).
sctp_test_pair() {
	local client=$1 server=$2
	shift 2
	require_tools sctp_test
	require_build
	netns_start server b sctp_test -H "$server" -P 5001 -l -d 1 "$@"
	wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"
	netns_shim a sctp_test -H "$client" -P 5002 -h "$server" -p 5001 -s -d 1 -c 4 -x 1 "$@" \
		>"$work/client.log" 2>&1 || fail "client exited with status $?"
	wait_for_count "$work/server.log" "Data [0-9]+ bytes" 10 20 ||
		fail "server did not get the 10 messages"
	local size
	for size in 1 1000 25000 32768; do
		grep -q "Data $size bytes" "$work/server.log" || fail "no message of $size bytes"
	done
}

# capture_start NAME NS IF PORT: tshark on interface IF of namespace NS (or
# of the host's namespace if NS is -), decoding UDP port PORT as SCTP with
# CRC32c checks.  One line per packet in $work/NAME.log, tab-separated:
#   source address, UDP source port, UDP destination port,
#   SCTP checksum status (1: good), chunk types (comma-separated),
#   IPv4 addresses listed in the chunks (INIT's address parameters)
# Returns once tshark is capturing.  With a fifth argument "native", SCTP
# straight over IP (protocol 132) is captured as well.
capture_start() {
	local name=$1 ns=$2 ifname=$3 port=$4 cmd=() filter="udp port $4"
	require_tools tshark
	[ "${5-}" = native ] && filter="sctp or udp port $port"
	if [ "$ns" != - ]; then
		local v="ns_$ns"
		cmd=(ip netns exec "${!v}")
	fi
	start "$name" "${cmd[@]}" tshark -l -n -i "$ifname" -f "$filter" \
		-d "udp.port==$port,sctp" -o "sctp.checksum:CRC 32c" \
		-T fields -e ip.src -e ipv6.src -e udp.srcport -e udp.dstport \
		-e sctp.checksum.status -e sctp.chunk_type -e sctp.parameter_ipv4_address
	wait_for_line "$work/$name.log" "^Capturing on" 20 || fail "tshark did not start capturing"
}

# capture_flush NAME NS ADDR PORT: tshark may miss packets for a while
# after it says "Capturing on", and shows the ones it has with a delay.
# Send UDP datagrams that are not SCTP from namespace NS to ADDR:PORT until
# capture NAME shows one more of them: from then on it sees every packet,
# and it has shown every one that went over the link before.
capture_flush() {
	local before
	before=$(capture_markers "$1")
	wait_until 20 capture_marker_seen "$@" "$before" || fail "capture $1 does not see packets"
}

capture_markers() {
	awk -F'\t' 'NF >= 7 && $5 == "" && $6 == ""' "$work/$1.log" | wc -l
}

capture_marker_seen() {
	local v="ns_$2"
	ip netns exec "${!v}" bash -c "echo marker >/dev/udp/$3/$4" 2>/dev/null
	[ "$(capture_markers "$1")" -gt "$5" ]
}

# capture_packets NAME: the packets captured so far, source addresses of
# both families in one column: ADDRESS SPORT DPORT STATUS CHUNKS LISTED
# (LISTED: the listed addresses, or -; SPORT and DPORT are - for SCTP
# straight over IP).
capture_packets() {
	awk -F'\t' 'NF >= 7 { print $1 $2, ($3 == "" ? "-" : $3), ($4 == "" ? "-" : $4), $5, $6,
		($7 == "" ? "-" : $7) }' "$work/$1.log"
}

# capture_wait NAME N CHUNK: until N packets carrying chunk type CHUNK
# (a number) were captured.
capture_wait() {
	wait_for_count "$work/$1.log" "	([0-9]+,)*$3(,[0-9]+)*	[^	]*\$" "$2" 20
}

# expect_wire_ok NAME: every packet of capture NAME decoded as SCTP with a
# good CRC32c, and the chunks of a whole association's life appeared:
# INIT (1), INIT_ACK (2), COOKIE_ECHO (10), COOKIE_ACK (11), DATA (0),
# SACK (3), SHUTDOWN (7).
expect_wire_ok() {
	capture_packets "$1" >"$work/packets.log"
	[ -s "$work/packets.log" ] || fail "nothing was captured"
	awk '$4 != 1 { bad = 1 } END { exit bad }' "$work/packets.log" ||
		fail "a packet was not SCTP with a good CRC32c (status column 4 is not 1)"
	local chunk name
	for chunk in 1:INIT 2:INIT_ACK 10:COOKIE_ECHO 11:COOKIE_ACK 0:DATA 3:SACK 7:SHUTDOWN; do
		name=${chunk#*:}
		chunk=${chunk%%:*}
		awk -v c="$chunk" '{ n = split($5, t, ","); for (i = 1; i <= n; i++) if (t[i] == c) found = 1 }
			END { exit !found }' "$work/packets.log" || fail "no $name chunk on the wire"
	done
	echo "$(wc -l <"$work/packets.log") packets, all SCTP with good CRC32c, every expected chunk type"
}

# netns_loss NS IF PERCENT: nftables drops PERCENT % of the encapsulated
# SCTP packets leaving and entering IF in NS, so both directions of the link
# lose that share (netem does not exist on every kernel; numgen does).
netns_loss() {
	require_tools nft
	netns_exec "$1" nft -f - <<NFT || skip "nftables numgen is not available"
table inet loss {
	chain out {
		type filter hook output priority 0;
		oifname "$2" udp dport $NETNS_UDP_PORT counter
		oifname "$2" udp dport $NETNS_UDP_PORT numgen random mod 100 < $3 counter drop
	}
	chain in {
		type filter hook input priority 0;
		iifname "$2" udp dport $NETNS_UDP_PORT counter
		iifname "$2" udp dport $NETNS_UDP_PORT numgen random mod 100 < $3 counter drop
	}
}
NFT
}

# netns_loss_counts NS: what the loss table of NS saw and dropped, as
# "out: DROPPED of SEEN, in: DROPPED of SEEN".
netns_loss_counts() {
	netns_exec "$1" nft list table inet loss |
		awk '/counter packets/ { for (i = 1; i < NF; i++) if ($i == "packets") c[n++] = $(i + 1) }
			END { printf "out: %d of %d, in: %d of %d\n", c[1], c[0], c[3], c[2] }'
}

# loss_transfer PERCENT MIB: two hosts, PERCENT % loss each way on their
# link, netns_peer sends MIB MiB of mixed ordered and unordered messages on
# 10 streams from a to b, which checks every one; prints the goodput.
loss_transfer() {
	local percent=$1 bytes=$(($2 * 1024 * 1024))
	local peer="$builddir/tests/netns/netns_peer"
	require_build
	[ -x "$peer" ] || hard_error "$peer is not built"
	netns_two_hosts
	netns_loss a eth0 "$percent"
	netns_start server b "$peer" recv 10.16.1.2 5001 "$bytes"
	wait_for_line "$work/server.log" "^listening" 20 || fail "the receiver did not start"
	netns_start client a "$peer" send 10.16.1.2 5001 "$bytes"
	wait_until $((CMD_TIMEOUT - 10)) job_ended client || {
		echo "the transfer stalls; what the daemons hold:"
		netns_status a
		netns_status b
	}
	finish client || fail "the sender exited with status $?"
	finish server || fail "the receiver exited with status $?"
	cat "$work/client.log" "$work/server.log"
	echo "$percent % loss each way, $2 MiB; packets dropped on a's link, $(netns_loss_counts a)"
}

# unreach_connect ERRNO: netns_peer in a connects to 10.16.1.2 port 5001
# with short INIT timers (3 attempts, RTO 200-500 ms) and must fail with
# ERRNO (a name); its output says after how long.
unreach_connect() {
	local peer="$builddir/tests/netns/netns_peer"
	require_build
	[ -x "$peer" ] || hard_error "$peer is not built"
	netns_shim a "$peer" connect 10.16.1.2 5001 "$1" >"$work/client.log" 2>&1 ||
		fail "connect did not fail with $1 (status $?)"
	cat "$work/client.log"
}

# expect_wire_native NAME: no packet of capture NAME went over UDP: all
# were SCTP straight over IP (protocol 132).
expect_wire_native() {
	capture_packets "$1" >"$work/packets.log"
	awk '$2 != "-" || $3 != "-" { bad = 1 } END { exit bad }' "$work/packets.log" ||
		fail "a packet went over UDP (columns 2 and 3 are its ports): $(grep -v -- '^[^ ]* - -' "$work/packets.log" | head -3)"
	echo "all $(wc -l <"$work/packets.log") packets were SCTP straight over IP"
}

# expect_wire_udp NAME PORT: every packet of capture NAME went over UDP to
# or from PORT (SCTP over UDP, RFC 6951), none straight over IP.
expect_wire_udp() {
	capture_packets "$1" >"$work/packets.log"
	awk -v p="$2" '$2 != p && $3 != p { bad = 1 } END { exit bad }' "$work/packets.log" ||
		fail "a packet was not SCTP over UDP port $2: $(awk -v p="$2" '$2 != p && $3 != p' "$work/packets.log" | head -3)"
	echo "all $(wc -l <"$work/packets.log") packets were SCTP over UDP port $2"
}
