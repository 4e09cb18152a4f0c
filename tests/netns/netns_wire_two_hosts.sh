#!/bin/bash
# SPDX-License-Identifier: MIT
# Wire check between two hosts: tshark on the server's link decodes every
# packet of a one-to-one association over UDP port 9899 as SCTP with a good
# CRC32c, and sees INIT to SHUTDOWN.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
capture_start wire b eth0 "$NETNS_UDP_PORT"
sctp_test_pair 10.16.1.1 10.16.1.2 -T
capture_wait wire 1 14 || fail "the capture did not see the association end (SHUTDOWN_COMPLETE)"
expect_wire_ok wire
