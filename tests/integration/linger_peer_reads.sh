#!/bin/bash
# SPDX-License-Identifier: MIT
# linger peer-reads: the peer reads: close() with SO_LINGER {1, 10}
# returns once the data is delivered and the SHUTDOWN is over, well before
# 10 s.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-peer-reads 34801
