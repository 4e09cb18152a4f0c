#!/bin/bash
# SPDX-License-Identifier: MIT
# linger one-to-many: a one-to-many socket's close() with SO_LINGER {1,
# 10} never waits.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-one-to-many 34803
