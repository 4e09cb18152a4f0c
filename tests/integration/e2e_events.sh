#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e events: SCTP_INITMSG, SCTP_NODELAY, SCTP_EVENTS: COMM_UP with the
# negotiated streams, SHUTDOWN_EVENT.
. "$(dirname "$0")/lib.sh"
run_e2e events 30290
