#!/bin/bash
# SPDX-License-Identifier: MIT
# procs linger-abort: SO_LINGER {1, 0}: close aborts the association; the
# peer reads ECONNRESET.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e linger-abort 34060
