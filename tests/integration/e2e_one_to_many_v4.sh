#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e one-to-many-v4: one-to-many (SOCK_SEQPACKET) over IPv4: implicit
# association by sending to an address; recvmsg names the sender; the
# reply goes back.
. "$(dirname "$0")/lib.sh"
run_e2e one-to-many-v4 30230
