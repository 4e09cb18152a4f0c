#!/bin/bash
# SPDX-License-Identifier: MIT
# Native SCTP on the wire, one-to-one: both hosts' daemons have
# sctpshim.native = 1 (and CAP_NET_RAW, as root): sctp_test -T moves its
# messages, and tshark on the link sees SCTP straight over IP (protocol
# 132, no UDP) with good CRC32c, INIT to SHUTDOWN.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
netns_setenv a SCTPSHIM_NATIVE=1
netns_setenv b SCTPSHIM_NATIVE=1
capture_start wire b eth0 "$NETNS_UDP_PORT" native
sctp_test_pair 10.16.1.1 10.16.1.2 -T
capture_wait wire 1 14 || fail "the capture did not see the association end (SHUTDOWN_COMPLETE)"
expect_wire_ok wire
expect_wire_native wire
