#!/bin/bash
# SPDX-License-Identifier: MIT
# procs peeloff-fork: a peeled-off descriptor is like any other: dup'd,
# used by a forked child, and its last close ends the association.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e peeloff-fork 34070
