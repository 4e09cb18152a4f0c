#!/bin/bash
# SPDX-License-Identifier: MIT
# Wire check on loopback in the host's own namespace: a daemon of this test's
# own, on a UDP port of the check range, carries a one-to-one association
# over 127.0.0.1; tshark on lo decodes every packet as SCTP with a good
# CRC32c (usrsctp may not skip it on loopback: a kernel SCTP peer over UDP
# checks it) and sees INIT to SHUTDOWN.
. "$(dirname "$0")/lib.sh"
require_tools sctp_test
require_build
fresh_daemon 160
port=30161

capture_start wire - lo "$SCTPSHIM_UDP_PORT"
start server shim sctp_test -H 127.0.0.1 -P $port -l -d 1 -T
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"
shim sctp_test -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p $port -s -d 1 -T -c 4 -x 1 \
	>"$work/client.log" 2>&1 || fail "client exited with status $?"
wait_for_count "$work/server.log" "Data [0-9]+ bytes" 10 20 || fail "server did not get the 10 messages"
capture_wait wire 1 14 || fail "the capture did not see the association end (SHUTDOWN_COMPLETE)"
expect_wire_ok wire
