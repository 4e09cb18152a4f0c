#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err passthrough: the poll wrappers pass timeouts, EINTR and signal masks through.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e passthrough 35112
