#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e connectx-one-to-one-nonblock: non-blocking sctp_connectx on a one-
# to-one socket: EINPROGRESS with an association id that SCTP_STATUS
# reports once writable.
. "$(dirname "$0")/lib.sh"
run_e2e connectx-one-to-one-nonblock 30415
