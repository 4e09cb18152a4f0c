#!/bin/bash
# SPDX-License-Identifier: MIT
# A native host talking to an encapsulating one: a's daemon speaks native
# SCTP by default (sctpshim.native = 1) but lists b's address in
# sctpshim.encap_peers; b's daemon only encapsulates.  sctp_test -T moves
# its messages, and every packet on the link is SCTP over UDP port 9899.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
netns_setenv a SCTPSHIM_NATIVE=1 SCTPSHIM_ENCAP_PEERS=10.16.1.2/32
capture_start wire b eth0 "$NETNS_UDP_PORT" native
sctp_test_pair 10.16.1.1 10.16.1.2 -T
capture_wait wire 1 14 || fail "the capture did not see the association end (SHUTDOWN_COMPLETE)"
expect_wire_ok wire
expect_wire_udp wire "$NETNS_UDP_PORT"
