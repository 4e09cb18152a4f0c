#!/bin/bash
# SPDX-License-Identifier: MIT
# linger blocks: the peer reads nothing: close() with SO_LINGER {1, 2}
# waits about 2 s, then returns 0.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-blocks 34800
