#!/bin/bash
# SPDX-License-Identifier: MIT
# sctp_test with one-to-one (SOCK_STREAM, -T) sockets: case 4 sends sizes
# from 1 byte to 32 KiB over an accepted association.
. "$(dirname "$0")/lib.sh"
require_tools sctp_test
require_build
port=30121

start server shim sctp_test -H 127.0.0.1 -P $port -l -d 1 -T
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"

shim sctp_test -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p $port -s -d 1 -T -c 4 -x 1 \
	>"$work/client.log" 2>&1 || fail "client exited with status $?"
wait_for_count "$work/server.log" "Data [0-9]+ bytes" 10 20 || fail "server did not get the 10 messages"
for size in 1 1000 25000 32768; do
	grep -q "Data $size bytes" "$work/server.log" || fail "no message of $size bytes"
done
