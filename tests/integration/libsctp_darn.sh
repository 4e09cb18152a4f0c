#!/bin/bash
# SPDX-License-Identifier: MIT
# Debian's own sctp_darn (linked against libsctp1) on sctpshim's
# libsctp.so.1, forced with LD_LIBRARY_PATH, under the shim: a listener,
# and a sender that sets its association up with sctp_connectx (-c); every
# line arrives.  Our library is a drop-in for an unmodified program.
. "$(dirname "$0")/libsctp_lib.sh"
require_tools sctp_darn stdbuf
require_libsctp
port=31570
export LD_LIBRARY_PATH="$libsctp_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

resolved=$(LD_TRACE_LOADED_OBJECTS=1 "$(command -v sctp_darn)" | awk '$1 == "libsctp.so.1" { print $3 }')
[ "$(readlink -f "$resolved")" = "$(readlink -f "$libsctp_dir/libsctp.so.1")" ] ||
	fail "sctp_darn resolves libsctp.so.1 to '$resolved', not ours"

start server shim stdbuf -oL sctp_darn -H 127.0.0.1 -P $port -l
wait_for_line "$work/server.log" "listening" 20 || fail "listener did not start"

# sctp_darn -s exits with the byte count of its last send (as on Linux), so
# only a timeout or a signal is a failure of the sender itself.
printf 'drop-in-1\ndrop-in-2\ndrop-in-3\n' |
	shim sctp_darn -H 127.0.0.1 -P $((port + 1)) -c 127.0.0.1 -p $port -s >"$work/client.log" 2>&1
status=$?
[ "$status" -lt 124 ] || fail "sender timed out or was killed (status $status)"
for i in 1 2 3; do
	wait_for_line "$work/server.log" "DATA\([0-9]+\): +drop-in-$i" 20 || fail "line $i did not arrive"
done
