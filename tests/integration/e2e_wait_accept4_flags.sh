#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait accept4-flags: accept4 SOCK_NONBLOCK|SOCK_CLOEXEC reach the new
# descriptor; EAGAIN on a non-blocking listener; EINVAL for a bad flag.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e accept4-flags 34260
