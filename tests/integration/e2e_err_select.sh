#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err select: select shows an aborted socket readable and writable.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e select 35106
