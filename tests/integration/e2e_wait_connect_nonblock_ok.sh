#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait connect-nonblock-ok: non-blocking connect: writable once up, SO_ERROR 0,
# connect again EISCONN.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e connect-nonblock-ok 34250
