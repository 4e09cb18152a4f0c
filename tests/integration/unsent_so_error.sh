#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent so-error: after the peer's ABORT, SO_ERROR is ECONNRESET once, then 0.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e so-error 35002
