#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait reconnect-after-refused: a one-to-one socket whose connect was
# refused connects again, as Linux allows: same local port, its options
# kept, data flows.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e reconnect-after-refused 35208
