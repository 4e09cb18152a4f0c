#!/bin/bash
# SPDX-License-Identifier: MIT
# SCTPSHIM_DAEMON pointing nowhere: socket() fails promptly with an errno
# and one "sctpshim: " line on stderr, instead of hanging.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 12
export SCTPSHIM_DAEMON=/nonexistent/sctpshimd

begin=$SECONDS
t "${SHIM[@]}" "$E2E" socket-fails 0 >"$work/out.log" 2>"$work/err.log"
status=$?
elapsed=$((SECONDS - begin))
cat "$work/out.log" "$work/err.log"
[ "$status" -eq 0 ] || fail "socket() did not fail cleanly (status $status)"
[ "$elapsed" -le 10 ] || fail "socket() took $elapsed s to fail"
[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "stderr should be exactly one line"
grep -q "^sctpshim: " "$work/err.log" || fail "the stderr line does not start with 'sctpshim: '"
