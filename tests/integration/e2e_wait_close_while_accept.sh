#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait close-while-accept: close() of the listener by another thread
# leaves a blocked accept waiting, and it accepts what arrives, as on Linux.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e close-while-accept 34380
