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

expect_socket_fails
grep -q "^sctpshim: .*$udp_port" "$work/err.log" || fail "the stderr line does not name port $udp_port"
grep -q "SCTPSHIM_UDP_PORT" "$work/err.log" || fail "the stderr line does not mention SCTPSHIM_UDP_PORT"
daemon_listening && fail "a daemon is serving $SCTPSHIM_SOCKET although its port is taken"
exit 0
