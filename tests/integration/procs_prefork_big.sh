#!/bin/bash
# SPDX-License-Identifier: MIT
# procs prefork-big: as procs prefork, with every fourth message 200 KB
# (larger than a data record used to be): each still reaches exactly one
# worker, whole, as from Linux's receive queue.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e prefork-big 35300
