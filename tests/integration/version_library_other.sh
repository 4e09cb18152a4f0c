#!/bin/bash
# SPDX-License-Identifier: MIT
# A library of another protocol version (faked with the test-only
# SCTPSHIM_TEST_PROTO_VERSION) is refused by the daemon: socket() fails
# promptly with one clear "sctpshim: " line naming both versions.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 60
export SCTPSHIM_IDLE_TIMEOUT=120  # the refused program must meet this daemon, not start one

# A daemon of this build first, started by a program of this build.
run_e2e one-to-one-v4 34400
daemon_listening || fail "no daemon serving @$SCTPSHIM_SOCKET"

SCTPSHIM_TEST_PROTO_VERSION=4242 expect_socket_fails
grep -q "protocol version .*4242" "$work/err.log" || fail "the line does not name the library's version 4242"
grep -q "matching builds" "$work/err.log" || fail "the line does not say what to do"
daemon_listening || fail "the daemon did not survive the refused client"
exit 0
