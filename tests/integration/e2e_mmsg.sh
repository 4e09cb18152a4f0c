#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e mmsg: sendmmsg of three addressed messages on a one-to-many socket
# returns 3 with each msg_len; recvmmsg(MSG_WAITFORONE) gets them whole,
# in order.
. "$(dirname "$0")/lib.sh"
run_e2e mmsg 30430
