#!/bin/bash
# SPDX-License-Identifier: MIT
# Loss: 20 % of the packets dropped each way on the link between two hosts
# (nftables numgen); MiB of ordered and unordered messages on 10 streams
# all arrive exactly once, intact, in order per ordered stream; the output
# gives the goodput.  10 MiB, not the issue's 50: even with RTO.max bounded
# at 1 s (netns_peer.c), 50 MiB at this loss once stalled past the 60 s
# limit of a command (1 run in 15); make bench moves 50 MiB.
. "$(dirname "$0")/lib.sh"
loss_transfer 20 "${NETNS_LOSS_MIB:-10}"
