#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent event-each-once: the peer aborts while messages sent to it are queued in the stack,
# the daemon and the socket's channel: each comes back once as
# SCTP_SEND_FAILED_EVENT with its data, in order, none lost silently.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e event-each-once 35000
