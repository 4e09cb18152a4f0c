#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err epoll-mixed: a pipe beside an aborted socket in one epoll set keeps its data and events.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e epoll-mixed 35110
