#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent writer-epipe: once COMM_LOST is readable a send fails with EPIPE,
# as on Linux, although messages sent before are still being handed
# back (the daemon shuts its end of the channel for reading).
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e writer-epipe 35005
