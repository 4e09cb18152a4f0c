#!/bin/bash
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2094 # the feeder reads the output the client writes, by design
# ncat --sctp listener running cat on the accepted socket echoes bytes back
# to an ncat --sctp client (cat itself reads and writes the SCTP socket,
# inherited across exec).
. "$(dirname "$0")/lib.sh"
require_tools ncat
require_build
port=30161

start server shim ncat -v --sctp -l 127.0.0.1 $port --exec /bin/cat
wait_for_line "$work/server.log" "Listening on" 20 || fail "ncat listener did not start"

{
	printf 'echo-through-ncat-1\necho-through-ncat-2\n'
	wait_for_line "$work/client.log" "echo-through-ncat-2" 30 >&2
} | shim ncat --sctp 127.0.0.1 $port >"$work/client.log" 2>"$work/client.err.log" ||
	fail "ncat client exited with status $?: $(cat "$work/client.err.log")"
grep -qx "echo-through-ncat-1" "$work/client.log" || fail "first line not echoed"
grep -qx "echo-through-ncat-2" "$work/client.log" || fail "second line not echoed"
