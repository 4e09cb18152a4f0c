#!/bin/bash
# SPDX-License-Identifier: MIT
# NAT (RFC 6951 section 5): two clients, each in its own namespace and each
# with its daemon on UDP port 9899, reach a server through a router that
# masquerades them behind its one address with random outer UDP ports.  Both
# associations work at once, the server sees only the router's address, and
# it answers each client on that client's outer port, learnt from its
# packets (replies sent to 9899 would find no NAT mapping and be lost).
. "$(dirname "$0")/lib.sh"
require_tools nft sctp_test
require_build

netns_add srv
netns_add rtr
netns_add c1
netns_add c2
netns_link rtr wan srv eth0
netns_link rtr lan1 c1 eth0
netns_link rtr lan2 c2 eth0
netns_addr rtr wan 10.16.2.1/24
netns_addr srv eth0 10.16.2.2/24
netns_addr rtr lan1 192.168.16.1/24
netns_addr c1 eth0 192.168.16.2/24
netns_addr rtr lan2 192.168.17.1/24
netns_addr c2 eth0 192.168.17.2/24
netns_route c1 default via 192.168.16.1
netns_route c2 default via 192.168.17.1
# The server has no route to the clients' networks: only to the router.

netns_exec rtr sysctl -q -w net.ipv4.ip_forward=1 || hard_error "cannot turn forwarding on"
netns_exec rtr nft -f - <<'NFT' || skip "nftables masquerade is not available"
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat;
		oifname "wan" masquerade fully-random
	}
}
NFT

capture_start wire srv eth0 "$NETNS_UDP_PORT"
netns_start server srv sctp_test -H 10.16.2.2 -P 5001 -l -d 1
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"

# Both clients at once: each sends the ten sizes of case 4, three times.
# Their SCTP ports differ: the NAT rewrites only UDP ports, and the server
# tells associations apart by address and SCTP ports, so a second client
# with the same SCTP port would look like the first one restarting (usrsctp
# answers its INIT with an ABORT; Linux would do the same).
netns_start client1 c1 sctp_test -H 192.168.16.2 -P 5002 -h 10.16.2.2 -p 5001 -s -d 1 -c 4 -x 3
netns_start client2 c2 sctp_test -H 192.168.17.2 -P 5003 -h 10.16.2.2 -p 5001 -s -d 1 -c 4 -x 3
finish client1 || fail "client 1 exited with status $?"
finish client2 || fail "client 2 exited with status $?"
wait_for_count "$work/server.log" "Data [0-9]+ bytes" 60 20 ||
	fail "the server did not get the 60 messages"
capture_wait wire 2 14 || fail "the capture did not see both associations end (SHUTDOWN_COMPLETE)"

capture_packets wire >"$work/packets.log"
# Seen from the server's link, every client packet comes from the router.
awk '$1 != "10.16.2.2" && $1 != "10.16.2.1" { bad = 1 } END { exit bad }' "$work/packets.log" ||
	fail "a packet on the server's link came from behind the NAT"
# RFC 6951 section 5.6: addresses the NAT translates must not appear inside
# SCTP packets (a client bound to one address lists none in its INIT).
awk '$6 ~ /192\.168\./ { bad = 1 } END { exit bad }' "$work/packets.log" ||
	fail "a chunk listed an address from behind the NAT"
inbound_ports=$(awk '$1 == "10.16.2.1" { print $2 }' "$work/packets.log" | sort -u)
outbound_ports=$(awk '$1 == "10.16.2.2" { print $3 }' "$work/packets.log" | sort -u)
echo "outer ports of the clients: ${inbound_ports//$'\n'/ }; server replied to: ${outbound_ports//$'\n'/ }"
[ "$(wc -w <<<"$inbound_ports")" -eq 2 ] || fail "the two clients did not get two outer ports"
[ "$inbound_ports" = "$outbound_ports" ] ||
	fail "the server replied to ports other than the clients' outer ports"
