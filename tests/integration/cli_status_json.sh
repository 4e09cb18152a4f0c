#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim status and stats talk to a running daemon; --json is valid JSON
# (an array of the text lines).
. "$(dirname "$0")/lib.sh"
require_tools python3 sctp_darn stdbuf
require_build
fresh_daemon 18
port=30701

start server shim stdbuf -oL sctp_darn -H 127.0.0.1 -P $port -l
wait_for_line "$work/server.log" "listening" 20 || fail "listener did not start"

t "$builddir/sctpshim" status >"$work/status.log" 2>&1 || fail "sctpshim status failed: $(cat "$work/status.log")"
cat "$work/status.log"
grep -q "@$SCTPSHIM_SOCKET" "$work/status.log" || fail "status does not name the daemon's socket"
grep -q "127.0.0.1:$port" "$work/status.log" || fail "status does not show the listener on port $port"
for cmd in status stats; do
	t "$builddir/sctpshim" "$cmd" --json >"$work/$cmd.json" 2>&1 || fail "sctpshim $cmd --json failed"
	python3 -c '
import json, sys
lines = json.load(open(sys.argv[1]))
assert isinstance(lines, list) and lines and all(isinstance(l, str) for l in lines), lines
' "$work/$cmd.json" || fail "sctpshim $cmd --json is not a JSON array of strings: $(cat "$work/$cmd.json")"
done
