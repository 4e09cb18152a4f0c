#!/bin/bash
# SPDX-License-Identifier: MIT
# procs dup2-onto: dup2 of a dead socket onto the SCTP descriptor (how Java
# closes) is the last close: the peer gets the data, then EOF; the number
# is then the other socket's.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e dup2-onto 34040
