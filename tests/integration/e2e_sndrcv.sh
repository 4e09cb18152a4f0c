#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e sndrcv: stream and ppid round trip through sctp_sendmsg/sctp_recvmsg
# (SCTP_SNDRCV).
. "$(dirname "$0")/lib.sh"
run_e2e sndrcv 30300
