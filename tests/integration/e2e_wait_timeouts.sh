#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait timeouts: SO_RCVTIMEO ends recv and accept with EAGAIN after the time;
# SO_SNDTIMEO ends a send that finds no room with EAGAIN.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e timeouts 34320
