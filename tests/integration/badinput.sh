#!/bin/bash
# SPDX-License-Identifier: MIT
# shellcheck disable=SC2094 # the feeder reads the output the client writes, by design
# Malformed records on the daemon's control socket (bad magic, bad version,
# oversized, short, length mismatch) make the daemon close that connection
# only: an SCTP echo exchange running meanwhile is undisturbed, and a fresh
# client works afterwards.
. "$(dirname "$0")/lib.sh"
require_tools socat
require_build
port=30401

start server shim socat -d -d SCTP-LISTEN:$port,bind=127.0.0.1,reuseaddr EXEC:cat
wait_for_line "$work/server.log" "listening on" 20 || fail "socat listener did not start"

# An echo client that stays connected across the bad input.
{
	printf 'before-bad-input\n'
	wait_for_line "$work/client.log" "before-bad-input" 30 >&2 || exit 1
	wait_until 60 test -e "$work/bad-input-done" || exit 1
	printf 'after-bad-input\n'
	wait_for_line "$work/client.log" "after-bad-input" 30 >&2
} | "${TIMEOUT[@]}" "${SHIM[@]}" socat - SCTP-CONNECT:127.0.0.1:$port >"$work/client.log" 2>"$work/client.err.log" &
client=$!
wait_for_line "$work/client.log" "before-bad-input" 30 || fail "echo before the bad input failed"

t "$builddir/tests/integration/badinput" >"$work/badinput.log" 2>&1
status=$?
cat "$work/badinput.log"
[ "$status" -eq 0 ] || fail "badinput exited with status $status"
touch "$work/bad-input-done"

wait "$client" || fail "the concurrent echo client exited with status $?"
grep -qx "after-bad-input" "$work/client.log" || fail "echo after the bad input failed"

# A fresh program still gets sockets.
run_e2e one-to-one-v4 30405
