#!/bin/bash
# SPDX-License-Identifier: MIT
# A configuration file with a value out of range: the autostarted daemon
# does not start, and the program's one stderr line names file:line, the
# key and the accepted range.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 140
conf="$work/sctpshim.conf"
printf '# carried over from Linux\nnet.sctp.rto_initial = 3000\nnet.sctp.rto_min = 0\n' >"$conf"
export SCTPSHIM_CONFIG="$conf"

expect_socket_fails
grep -qF "$conf:3: net.sctp.rto_min: 0 is out of range 1..86400000" "$work/err.log" ||
	fail "the stderr line does not name file:line, key and range"
daemon_listening && fail "a daemon is serving $SCTPSHIM_SOCKET although its configuration is invalid"
exit 0
