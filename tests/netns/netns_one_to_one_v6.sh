#!/bin/bash
# SPDX-License-Identifier: MIT
# Two hosts over one link, IPv6, one-to-one (SOCK_STREAM) sockets: sctp_test
# in namespace a sends messages of 1 byte to 32 KiB to a listener in b.
. "$(dirname "$0")/lib.sh"
netns_two_hosts
sctp_test_pair fd00:16:1::1 fd00:16:1::2 -T
