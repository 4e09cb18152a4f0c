#!/bin/bash
# SPDX-License-Identifier: MIT
# Loss: 20 % of the packets dropped each way on the link between two hosts
# (nftables numgen); MiB of ordered and unordered messages on 10 streams
# all arrive exactly once, intact, in order per ordered stream; the output
# gives the goodput.  10 MiB, not the issue's 50: 50 MiB at this loss took
# 11 to 44 s on a 2-core machine (retransmission timeouts back off), too
# close to the time limit; NETNS_LOSS_MIB=50 (make bench) is the full size.
. "$(dirname "$0")/lib.sh"
loss_transfer 20 "${NETNS_LOSS_MIB:-10}"
