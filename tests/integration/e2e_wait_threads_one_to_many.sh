#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait threads-one-to-many: four threads send messages of 64 KiB and more
# on one one-to-many socket while four receive on the peer's: each arrives
# once, whole, unmixed.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e threads-one-to-many 34350
