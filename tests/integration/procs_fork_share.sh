#!/bin/bash
# SPDX-License-Identifier: MIT
# procs fork-share: parent and forked child both send and receive on one
# one-to-one socket; the child's exit (its close of a copy) keeps the
# association, the parent's last close ends it gracefully.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e fork-share 34000
