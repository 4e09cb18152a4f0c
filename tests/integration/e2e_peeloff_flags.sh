#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e peeloff-flags: sctp_peeloff_flags(SOCK_NONBLOCK | SOCK_CLOEXEC)
# gives a non-blocking, close-on-exec descriptor; sctp_peeloff neither.
. "$(dirname "$0")/lib.sh"
run_e2e peeloff-flags 30720
