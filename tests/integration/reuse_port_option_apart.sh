#!/bin/bash
# SPDX-License-Identifier: MIT
# reuse reuse-port-option-apart: SO_REUSEADDR leaves getsockopt(SCTP_REUSE_PORT)
# at 0: the options stay apart as on Linux.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/reuse"
run_e2e reuse-port-option-apart 35350
