#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait fork-while-recv: a child forked while a thread waits in recv does
# not keep the socket alive once the program closed it and the wait is over.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e fork-while-recv 34385
