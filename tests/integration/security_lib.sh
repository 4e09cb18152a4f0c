# SPDX-License-Identifier: MIT
# Part of the security tests (security_*.sh), sourced after lib.sh: running
# programs as another user, which needs root (setpriv changes the uid).

# uids and a gid that no account uses: setpriv needs no passwd entry, so
# the tests create no user.
other_uid=64990
other_gid=64991

require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to run a program as a second uid (setpriv)"
	require_tools setpriv
	# the second uid must be able to reach the build: a checkout below a
	# private directory (mktemp -d, /root) is not, whatever root sees
	as_other -- "${SHIM[@]}" true >/dev/null 2>&1 ||
		skip "the build is not reachable by uid $other_uid (a parent directory is private)"
}

# as_other [setpriv options] -- CMD...: CMD as $other_uid (group $other_gid,
# no supplementary groups unless the options say otherwise), with the time
# limit.
as_other() {
	local opts=()
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	[ "${#opts[@]}" -gt 0 ] || opts=(--clear-groups)
	timeout -k 5 "$CMD_TIMEOUT" setpriv --reuid "$other_uid" --regid "$other_gid" \
		"${opts[@]}" -- "$@"
}

# setpriv as the second uid, for start (which runs a command, not a function):
#   start NAME "${as_other_cmd[@]}" --clear-groups -- CMD...
as_other_cmd=(setpriv --reuid "$other_uid" --regid "$other_gid")

# Each fresh daemon is an SCTP stack of its own (ports included), so every
# test can use the same low port.
low_port=900
