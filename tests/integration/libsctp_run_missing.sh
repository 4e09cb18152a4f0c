#!/bin/bash
# SPDX-License-Identifier: MIT
# Where the system has no libsctp.so.1 (a container without libsctp1),
# `sctpshim run` puts the directory of its own at the end of
# LD_LIBRARY_PATH, and a program linked against libsctp (sctp_darn)
# resolves it there.  The system's is hidden in a user and mount namespace
# of the test's own, where /dev/null is mounted over it.
. "$(dirname "$0")/libsctp_lib.sh"
require_tools unshare sctp_darn
require_libsctp
system=$(system_libsctp)

# in_namespace CMD...: CMD where the system's libsctp.so.1 is unusable.
in_namespace() {
	if [ -z "$system" ]; then
		t "$@"
		return
	fi
	t unshare -r -m sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$system" "$@"
}
if [ -n "$system" ]; then
	in_namespace true 2>"$work/unshare.log" ||
		skip "cannot hide $system in a namespace: $(head -n 1 "$work/unshare.log")"
fi

out=$(LD_LIBRARY_PATH=/sctpshim-test-dir in_namespace "${SHIM[@]}" printenv LD_LIBRARY_PATH) ||
	fail "sctpshim run printenv exited with status $?"
[ "$out" = "/sctpshim-test-dir:$libsctp_dir" ] || fail "LD_LIBRARY_PATH became '$out'"

resolved=$(in_namespace "${SHIM[@]}" env LD_TRACE_LOADED_OBJECTS=1 "$(command -v sctp_darn)" |
	awk '$1 == "libsctp.so.1" { print $3 }')
[ "$(readlink -f "$resolved")" = "$(readlink -f "$libsctp_dir/libsctp.so.1")" ] ||
	fail "sctp_darn resolves libsctp.so.1 to '$resolved', not ours"
echo "sctp_darn resolves libsctp.so.1 to $resolved"
