#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait abort-wakes: the peer's ABORT wakes a reader blocked in another
# thread with ECONNRESET, and epoll reports it.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e abort-wakes 34365
