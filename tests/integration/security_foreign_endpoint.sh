#!/bin/bash
# SPDX-License-Identifier: MIT
# Nothing in the protocol lets a client act on an endpoint whose descriptor
# it does not hold: requests without one, with a foreign descriptor, or
# with a socket bound to a forged endpoint name are refused, and the real
# endpoint is untouched (tests/integration/foreign_endpoint.c).
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 97
export SCTPSHIM_IDLE_TIMEOUT=0

# a program under the shim starts the daemon
run_e2e one-to-one-v4 34700
t "$builddir/tests/integration/foreign_endpoint" 34701 >"$work/foreign.log" 2>&1
status=$?
cat "$work/foreign.log"
[ "$status" -eq 0 ] || fail "foreign_endpoint exited with status $status"
expect_fresh_daemon_survived
