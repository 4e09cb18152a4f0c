#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait epoll-edge: edge-triggered epoll: one edge per message, EPOLLIN|
# EPOLLRDHUP on the peer's SHUTDOWN.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e epoll-edge 34290
