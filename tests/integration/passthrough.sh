#!/bin/bash
# SPDX-License-Identifier: MIT
# Descriptors that are not SCTP sockets pass straight through: strace -f -c
# of 1000 reads each on /dev/zero and a pipe under the shim counts at most
# one getsockname() per descriptor (the library caches "not ours").
. "$(dirname "$0")/lib.sh"
require_tools strace
require_build
t strace -f -o /dev/null true >/dev/null 2>&1 || skip "strace cannot trace here (ptrace not permitted)"

t strace -f -c -o "$work/strace.log" "${SHIM[@]}" "$E2E" passthrough 0 >"$work/e2e.log" 2>&1 ||
	fail "e2e passthrough under strace exited with status $?"
grep -q "^e2e passthrough: ok$" "$work/e2e.log" || fail "e2e passthrough did not report ok"
cat "$work/strace.log"
# strace -c lines: % time, seconds, usecs/call, calls, [errors,] syscall
reads=$(awk '$NF == "read" { print $4 }' "$work/strace.log")
getsocknames=$(awk '$NF == "getsockname" { print $4 }' "$work/strace.log")
[ "${reads:-0}" -ge 2000 ] || fail "strace counted ${reads:-0} read() calls, want at least 2000"
# /dev/zero, both ends of the pipe, stdout and stderr
[ "${getsocknames:-0}" -le 5 ] ||
	fail "getsockname() called $getsocknames times for 5 descriptors: the library asks on every call"
echo "read: $reads calls, getsockname: ${getsocknames:-0} calls"
