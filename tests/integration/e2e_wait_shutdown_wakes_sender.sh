#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait shutdown-wakes-sender: a thread blocked in send on a full send
# buffer wakes when another thread calls shutdown(SHUT_WR): EPIPE and one
# SIGPIPE, as Linux's sctp_wait_for_sndbuf() gives.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e shutdown-wakes-sender 35206
