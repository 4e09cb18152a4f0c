#!/bin/bash
# SPDX-License-Identifier: MIT
# SCTPSHIM_DAEMON pointing nowhere: socket() fails promptly with an errno
# and one "sctpshim: " line on stderr, instead of hanging.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 12
export SCTPSHIM_DAEMON=/nonexistent/sctpshimd

expect_socket_fails
