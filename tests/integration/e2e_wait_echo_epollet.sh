#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait echo-epollet: an epoll echo server with edge-triggered,
# non-blocking I/O serves four clients at once, messages short and longer
# than a data record, without missing an edge.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e echo-epollet 34390
