#!/bin/bash
# SPDX-License-Identifier: MIT
# linger dup: close() of a copy (dup) with SO_LINGER {1, 10} returns at
# once; the association stays.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-dup 34802
