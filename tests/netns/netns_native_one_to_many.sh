#!/bin/bash
# SPDX-License-Identifier: MIT
# Native SCTP on the wire, one-to-many, IPv6: both daemons have
# sctpshim.native = 1; sctp_test moves its messages over SOCK_SEQPACKET
# sockets, and tshark sees only SCTP straight over IPv6 (next header 132)
# with good CRC32c.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
netns_setenv a SCTPSHIM_NATIVE=1
netns_setenv b SCTPSHIM_NATIVE=1
capture_start wire b eth0 "$NETNS_UDP_PORT" native
sctp_test_pair fd00:16:1::1 fd00:16:1::2
capture_wait wire 1 3 || fail "the capture saw no SACK"
capture_wait wire 1 0 || fail "the capture saw no DATA"
expect_wire_native wire
awk '$4 != 1 { bad = 1 } END { exit bad }' "$work/packets.log" ||
	fail "a packet was not SCTP with a good CRC32c (status column 4 is not 1)"
awk '$1 !~ /:/ { bad = 1 } END { exit bad }' "$work/packets.log" || fail "a packet was not IPv6"
