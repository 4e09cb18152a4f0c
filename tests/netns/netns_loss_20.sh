#!/bin/bash
# SPDX-License-Identifier: MIT
# Loss: 20 % of the packets dropped each way on the link between two hosts
# (nftables numgen); MiB of ordered and unordered messages on 10 streams
# all arrive exactly once, intact, in order per ordered stream; the output
# gives the goodput.  The transfer bounds RTO.max to 1 s (netns_peer.c
# says why); NETNS_LOSS_MIB chooses another size than the issue's 50 MiB.
. "$(dirname "$0")/lib.sh"
loss_transfer 20 "${NETNS_LOSS_MIB:-50}"
