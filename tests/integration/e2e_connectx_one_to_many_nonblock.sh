#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e connectx-one-to-many-nonblock: non-blocking sctp_connectx on a one-
# to-many socket: EINPROGRESS with an association id that COMM_UP and
# SCTP_STATUS report.
. "$(dirname "$0")/lib.sh"
run_e2e connectx-one-to-many-nonblock 30425
