#!/bin/bash
# SPDX-License-Identifier: MIT
# sctp_test server and client (one-to-many sockets): several runs with small
# and fragmenting message sizes; every message reaches the server.
. "$(dirname "$0")/lib.sh"
require_tools sctp_test
require_build
port=30101

start server shim sctp_test -H 127.0.0.1 -P $port -l -d 1
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"

total=0
lport=$((port + 1))
# case 0: 1-byte messages; case 1: multiples of 1452 bytes; case 2: 1453
# bytes (the first size that fragments on a 1500-byte MTU); -M/-o spread
# them over 4 streams, alternating ordered and unordered.
for args in "-c 0 -x 2" "-c 1 -x 2" "-c 2 -x 2 -M 4 -o 2"; do
	lport=$((lport + 1))
	# shellcheck disable=SC2086 # $args holds several options
	shim sctp_test -H 127.0.0.1 -P $lport -h 127.0.0.1 -p $port -s -d 1 $args \
		>"$work/client.log" 2>&1 || fail "client ($args) exited with status $?: $(tail -n 5 "$work/client.log")"
	total=$((total + 20))
	wait_for_count "$work/server.log" "Data [0-9]+ bytes" $total 20 || fail "server did not get the messages of '$args'"
done
grep -c "Data 1453 bytes" "$work/server.log" | grep -qx 20 || fail "expected 20 messages of 1453 bytes"
echo "server received $total messages"
