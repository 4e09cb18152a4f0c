#!/bin/bash
# SPDX-License-Identifier: MIT
# linger signal: a signal (SA_RESTART even) ends the wait of a close()
# with SO_LINGER {1, 30}: it returns 0 long before the linger time.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-signal 34804
