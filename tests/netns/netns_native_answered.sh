#!/bin/bash
# SPDX-License-Identifier: MIT
# An encapsulating host answers a native one natively, and the choice is
# per peer on a one-to-many socket: a's daemon encapsulates by default but
# lists b's prefix in sctpshim.native_peers, so the association sctp_test
# starts with its first message to b is native; b's daemon is configured
# for UDP only, but usrsctp receives on its raw socket too (root) and
# answers each association the way it arrived.  The messages arrive, and
# every packet on the link is SCTP straight over IP with a good CRC32c.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
netns_setenv a SCTPSHIM_NATIVE_PEERS=10.16.1.0/24
capture_start wire b eth0 "$NETNS_UDP_PORT" native
sctp_test_pair 10.16.1.1 10.16.1.2
capture_wait wire 1 3 || fail "the capture saw no SACK"
capture_wait wire 1 0 || fail "the capture saw no DATA"
expect_wire_native wire
awk '$4 != 1 { bad = 1 } END { exit bad }' "$work/packets.log" ||
	fail "a packet was not SCTP with a good CRC32c (status column 4 is not 1)"
