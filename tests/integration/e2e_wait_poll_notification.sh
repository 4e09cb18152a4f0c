#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait poll-notification: a one-to-many socket polls readable for a
# notification (COMM_UP) before any data.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e poll-notification 34300
