#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e send-failed-event: the peer aborts with messages queued for it; a
# program subscribed to SCTP_SEND_FAILED_EVENT gets each back with its
# data, then COMM_LOST.
. "$(dirname "$0")/lib.sh"
run_e2e send-failed-event 30470
