#!/bin/bash
# SPDX-License-Identifier: MIT
# Loss: 1 % of the packets dropped each way on the link between two hosts
# (nftables numgen); MiB of ordered and unordered messages on 10 streams
# all arrive exactly once, intact, in order per ordered stream; the output
# gives the goodput.  NETNS_LOSS_MIB=50 (make bench) is the issue's full size.
. "$(dirname "$0")/lib.sh"
loss_transfer 1 "${NETNS_LOSS_MIB:-50}"
