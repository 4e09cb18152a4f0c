#!/bin/bash
# SPDX-License-Identifier: MIT
# procs accept-fork: inetd style: accept, fork, the child serves, the parent
# closes its copy at once; the client sees the echo, then EOF when the
# child exits (the last close).
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e accept-fork 34010
