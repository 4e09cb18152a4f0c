#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait close-while-recv: close() by another thread leaves a blocked recv
# waiting; it returns the message that arrives (not what reuses the number),
# then the socket is released, as on Linux.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e close-while-recv 34370
