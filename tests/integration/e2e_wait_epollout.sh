#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait epollout: a non-blocking sender that got EAGAIN gets an EPOLLOUT edge
# once the receiver reads.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e epollout 34330
