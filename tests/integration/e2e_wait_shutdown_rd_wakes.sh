#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait shutdown-rd-wakes: shutdown(SHUT_RD) by another thread wakes a reader
# blocked in recv, which returns 0, as on Linux.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e shutdown-rd-wakes 34210
