#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e ended: after the peer sent 2 bytes and closed: reads give 2, 0, 0,
# and the socket answers options, names and send as Linux's closed socket.
. "$(dirname "$0")/lib.sh"
run_e2e ended 30380
