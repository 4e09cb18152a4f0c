#!/bin/bash
# SPDX-License-Identifier: MIT
# procs close-connecting-idle: a one-to-one socket closed while its
# association is in COOKIE-WAIT (the peer never answers) is gone from the
# daemon within seconds, as Linux deletes such an association at once: the
# daemon, idle, exits (before, usrsctp retried INIT for minutes and the
# idle daemon waited for it).
. "$(dirname "$0")/lib.sh"
fresh_daemon 171
export SCTPSHIM_IDLE_TIMEOUT=1
run_e2e close-connecting 34180
not_listening() { ! daemon_listening; }
wait_until 20 not_listening ||
	fail "the daemon is still there 20 s after the close: $(t "$builddir/sctpshim" status 2>&1)"
grep -q "idle for 1 s: exiting" "$work/daemon.log" ||
	fail "the daemon did not exit as idle: $(tail -5 "$work/daemon.log")"
