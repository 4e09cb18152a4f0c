#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err connect-refused: a refused non-blocking connect polls EPOLLERR until SO_ERROR reads ECONNREFUSED.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e connect-refused 35108
