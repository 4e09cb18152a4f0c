#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent old-each-once: the same with the old SCTP_SEND_FAILED notification.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e old-each-once 35001
