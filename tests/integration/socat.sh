#!/bin/bash
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2094 # the feeder reads the output the client writes, by design
# socat SCTP-LISTEN <-> SCTP-CONNECT: the listener echoes what it gets.
. "$(dirname "$0")/lib.sh"
require_tools socat
require_build
port=30151

start server shim socat -d -d SCTP-LISTEN:$port,bind=127.0.0.1,reuseaddr EXEC:cat
wait_for_line "$work/server.log" "listening on" 20 || fail "socat listener did not start"

# Keep the client's stdin open until the echo is back: closing it would
# shut the association down (SCTP has no half-close).
{
	printf 'echo-through-socat-1\necho-through-socat-2\n'
	wait_for_line "$work/client.log" "echo-through-socat-2" 30 >&2
} | shim socat - SCTP-CONNECT:127.0.0.1:$port >"$work/client.log" 2>"$work/client.err.log" ||
	fail "socat client exited with status $?: $(cat "$work/client.err.log")"
grep -qx "echo-through-socat-1" "$work/client.log" || fail "first line not echoed"
grep -qx "echo-through-socat-2" "$work/client.log" || fail "second line not echoed"
