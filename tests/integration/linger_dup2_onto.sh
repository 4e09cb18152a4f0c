#!/bin/bash
# SPDX-License-Identifier: MIT
# linger dup2 onto: dup2 of another descriptor onto the last copy of a
# one-to-one socket with SO_LINGER {1, 2}, whose peer reads nothing, waits
# about 2 s as close() would (Linux releases the file there), then returns.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-dup2-onto 35200
