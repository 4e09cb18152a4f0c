#!/bin/bash
# SPDX-License-Identifier: MIT
# The UDP port is taken: socket() fails with an errno, and the one stderr
# line names the port and SCTPSHIM_UDP_PORT.
. "$(dirname "$0")/lib.sh"
require_tools python3
require_build
fresh_daemon 13
udp_port=$SCTPSHIM_UDP_PORT

start holder python3 -c '
import signal, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", int(sys.argv[1])))
print("bound", flush=True)
signal.pause()' $udp_port
wait_for_line "$work/holder.log" "^bound" 20 || fail "could not take UDP port $udp_port for the test"

begin=$SECONDS
t "${SHIM[@]}" "$E2E" socket-fails 0 >"$work/out.log" 2>"$work/err.log"
status=$?
elapsed=$((SECONDS - begin))
cat "$work/out.log" "$work/err.log"
[ "$status" -eq 0 ] || fail "socket() did not fail cleanly (status $status)"
[ "$elapsed" -le 10 ] || fail "socket() took $elapsed s to fail"
[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "stderr should be exactly one line"
grep -q "^sctpshim: .*$udp_port" "$work/err.log" || fail "the stderr line does not name port $udp_port"
grep -q "SCTPSHIM_UDP_PORT" "$work/err.log" || fail "the stderr line does not mention SCTPSHIM_UDP_PORT"
daemon_listening && fail "a daemon is serving $SCTPSHIM_SOCKET although its port is taken"
exit 0
