#!/bin/bash
# SPDX-License-Identifier: MIT
# procs dup-copies: dup, F_DUPFD, F_DUPFD_CLOEXEC, dup3 and dup2 copies are
# all the SCTP socket; closing copies keeps the association; close_range
# of the last copies is the last close: data first, then EOF at the peer.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e dup-copies 34030
