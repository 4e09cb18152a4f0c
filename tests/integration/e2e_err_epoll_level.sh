#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err epoll-level: level-triggered epoll reports EPOLLERR after the peer's ABORT until SO_ERROR reads ECONNRESET.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e epoll-level 35100
