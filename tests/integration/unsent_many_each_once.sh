#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent many-each-once: on a one-to-many socket, the association whose
# peer aborts hands back each message queued for it once, in order, with
# its data (those the daemon held and those still in the socket's channel
# too), and the socket's other association goes on.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e many-each-once 35003
