#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait recv-flags: MSG_PEEK keeps the message, MSG_TRUNC and MSG_WAITALL
# change nothing (sctp_recvmsg), MSG_DONTWAIT gives EAGAIN.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e recv-flags 34280
