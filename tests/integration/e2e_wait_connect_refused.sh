#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait connect-refused: non-blocking connect to a closed port: EINPROGRESS,
# writable, SO_ERROR ECONNREFUSED; the blocking kind fails with it.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e connect-refused 34240
