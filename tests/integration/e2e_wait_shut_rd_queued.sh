#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait shut-rd-queued: after shutdown(SHUT_RD) the queued message is
# still read, then 0; poll says POLLIN|POLLRDHUP; sending goes on.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e shut-rd-queued 34310
