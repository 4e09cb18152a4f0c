#!/bin/bash
# SPDX-License-Identifier: MIT
# procs shutdown-fork: shutdown(SHUT_WR) in a forked child acts on the
# socket: the peer reads the last message then EOF; the parent's copy
# reads 0 and its send fails with EPIPE.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e shutdown-fork 34080
