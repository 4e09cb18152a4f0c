#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err poll-read-clears: poll shows POLLERR after an ABORT until a read returns ECONNRESET.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e poll-read-clears 35104
