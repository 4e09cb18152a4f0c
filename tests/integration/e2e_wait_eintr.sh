#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait eintr: a signal interrupts a blocked recv with EINTR; SA_RESTART
# restarts it, except with SO_RCVTIMEO set (sock_intr_errno()).
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e eintr 34230
