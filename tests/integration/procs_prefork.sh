#!/bin/bash
# SPDX-License-Identifier: MIT
# procs prefork: kamailio's model: a one-to-many socket made by the
# parent, 4 forked workers blocking in recvmsg on it; each message reaches
# exactly one worker, whole, and that worker answers.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e prefork 34020
