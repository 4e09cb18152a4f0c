#!/bin/bash
# SPDX-License-Identifier: MIT
# Native SCTP without CAP_NET_RAW: a program under the shim, run without
# the capability in its bounding set (so the daemon it starts has none),
# gets a failing socket() and one stderr line naming sctpshim.native and
# CAP_NET_RAW; no daemon serves the namespace.
. "$(dirname "$0")/lib.sh"
require_tools setpriv
require_build
netns_add a
netns_setenv a SCTPSHIM_NATIVE=1
# shellcheck disable=SC2046 # netns_env gives words
netns_exec a setpriv --inh-caps=-all --bounding-set=-net_raw env $(netns_env a) \
	"$builddir/sctpshim" run "$E2E" socket-fails 0 >"$work/out.log" 2>"$work/err.log" ||
	fail "socket() did not fail cleanly (status $?)"
cat "$work/out.log" "$work/err.log"
[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "stderr should be exactly one line"
grep -q "^sctpshim: .*native SCTP (sctpshim.native = 1) needs CAP_NET_RAW" "$work/err.log" ||
	fail "the stderr line does not name sctpshim.native and CAP_NET_RAW"
netns_exec a ss -xl | grep -- "@$SCTPSHIM_SOCKET " >/dev/null && fail "a daemon serves the namespace without CAP_NET_RAW"
exit 0
