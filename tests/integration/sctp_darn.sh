#!/bin/bash
# SPDX-License-Identifier: MIT
# sctp_darn: a client sends lines read from stdin to a listener, which
# prints them.
. "$(dirname "$0")/lib.sh"
require_tools sctp_darn stdbuf
require_build
port=30131

start server shim stdbuf -oL sctp_darn -H 127.0.0.1 -P $port -l
wait_for_line "$work/server.log" "listening" 20 || fail "listener did not start"

# sctp_darn -s exits with the byte count of its last send (as on Linux), so
# only a timeout or a signal is a failure of the sender itself.
printf 'hello-darn-1\nhello-darn-2\nhello-darn-3\n' |
	shim sctp_darn -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p $port -s >"$work/client.log" 2>&1
status=$?
[ "$status" -lt 124 ] || fail "sender timed out or was killed (status $status)"
for i in 1 2 3; do
	wait_for_line "$work/server.log" "DATA\([0-9]+\): +hello-darn-$i" 20 || fail "line $i did not arrive"
done
