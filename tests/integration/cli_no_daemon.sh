#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim status/stats with no daemon: one line, exit 1, and no daemon started.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 17

for cmd in status stats; do
	t "$builddir/sctpshim" "$cmd" >"$work/out.log" 2>"$work/err.log"
	status=$?
	[ "$status" -eq 1 ] || fail "sctpshim $cmd exited with status $status"
	[ "$(cat "$work/err.log")" = "sctpshim: no sctpshimd running in this network namespace" ] ||
		fail "sctpshim $cmd said: $(cat "$work/err.log")"
	[ -s "$work/out.log" ] && fail "sctpshim $cmd printed on stdout"
done
daemon_listening && fail "sctpshim status started a daemon"
exit 0
