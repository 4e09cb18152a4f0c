#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e never-connected: a one-to-one socket that never connected: recv/read
# ENOTCONN at once, send/write EPIPE with one SIGPIPE each, none with
# MSG_NOSIGNAL.
. "$(dirname "$0")/lib.sh"
run_e2e never-connected 30375
