#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait epoll-hup: shutdown(SHUT_RDWR) polls EPOLLIN|EPOLLRDHUP|EPOLLHUP.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e epoll-hup 34340
