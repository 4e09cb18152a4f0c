#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-err epoll-edge: edge-triggered epoll: the hang-up edge of an ABORT carries EPOLLERR.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_err"
run_e2e epoll-edge 35102
