#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e connectx-one-to-one: blocking sctp_connectx on a one-to-one socket
# returns 0 and an association id that SCTP_STATUS reports.
. "$(dirname "$0")/lib.sh"
run_e2e connectx-one-to-one 30410
