#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshimd killed (SIGKILL) under a program: its SCTP descriptors report
# EPOLLHUP at once, a blocked reader wakes, reads end and writes fail with
# EPIPE; a new socket starts a new daemon.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 63

out=$(shim "$builddir/tests/integration/daemon_dies" daemon-killed 34420 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "daemon_dies daemon-killed exited with status $status"
grep -q "^daemon_dies daemon-killed: ok$" <<<"$out" || fail "daemon-killed did not report ok"
