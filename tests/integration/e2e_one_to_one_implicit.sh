#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e one-to-one-implicit: sendto() an address on an unconnected one-to-one
# socket sets the association up (as sctp_darn -t does); the peer accepts it.
. "$(dirname "$0")/lib.sh"
run_e2e one-to-one-implicit 30350
