#!/bin/bash
# SPDX-License-Identifier: MIT
# sctp_test with 32 KiB messages (cases 3 and 5: 32768-byte packets).
. "$(dirname "$0")/lib.sh"
require_tools sctp_test
require_build
port=30111

start server shim sctp_test -H 127.0.0.1 -P $port -l -d 1
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"

shim sctp_test -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p $port -s -d 1 -c 5 -x 3 \
	>"$work/client5.log" 2>&1 || fail "client (case 5) exited with status $?"
wait_for_count "$work/server.log" "Data 32768 bytes" 30 30 || fail "server did not get 30 messages of 32768 bytes"

shim sctp_test -H 127.0.0.1 -P $((port + 2)) -h 127.0.0.1 -p $port -s -d 1 -c 3 -x 2 -o 1 \
	>"$work/client3.log" 2>&1 || fail "client (case 3) exited with status $?"
wait_for_count "$work/server.log" "Data [0-9]+ bytes" 50 30 || fail "server did not get the 20 messages of case 3"
wait_for_count "$work/server.log" "Data 32768 bytes" 36 5 || fail "case 3 did not deliver its 6 messages of 32768 bytes"
