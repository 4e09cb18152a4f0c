#!/bin/bash
# SPDX-License-Identifier: MIT
# reuse reuse-needs-both: a port is shared only when both sockets asked for it
# (SO_REUSEADDR/SCTP_REUSE_PORT on both, or SO_REUSEPORT on both): EADDRINUSE.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/reuse"
run_e2e reuse-needs-both 35330
