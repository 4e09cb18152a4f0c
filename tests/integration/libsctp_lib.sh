# SPDX-License-Identifier: MIT
# Common part of the libsctp_* tests, which check sctpshim's own
# libsctp.so.1 (src/libsctp); sources lib.sh.
. "$(dirname "$0")/lib.sh"

# The directory of the library in the build tree (what `sctpshim run`
# offers when the system has no libsctp.so.1).
libsctp_dir="$builddir/src/libsctp/.libs"
LIBSCTP_API="$builddir/tests/integration/libsctp_api"

require_libsctp() {
	require_build
	[ -f "$libsctp_dir/libsctp.so.1" ] || fail "$libsctp_dir/libsctp.so.1 is not built"
	[ -x "$LIBSCTP_API" ] || hard_error "$LIBSCTP_API is not built"
}

# The system's own libsctp.so.1 (Debian's libsctp1), empty if none.
system_libsctp() {
	"$(command -v ldconfig || echo /sbin/ldconfig)" -p 2>/dev/null | awk '$1 == "libsctp.so.1" && /x86-64|64bit/ { print $NF; exit }'
}

# run_libsctp CASE PORT: one case of libsctp_api under the shim; it must
# pass and must have used our library, not a system one.
run_libsctp() {
	require_libsctp
	local out status used
	out=$(shim "$LIBSCTP_API" "$1" "$2" 2>&1)
	status=$?
	echo "$out"
	[ "$status" -eq 0 ] || fail "libsctp_api $1 exited with status $status"
	grep -q "^libsctp_api $1: ok$" <<<"$out" || fail "libsctp_api $1 did not report ok"
	used=$(sed -n 's/^libsctp: //p' <<<"$out")
	[ "$(readlink -f "$used")" = "$(readlink -f "$libsctp_dir/libsctp.so.1")" ] ||
		fail "the calls came from $used, not $libsctp_dir/libsctp.so.1"
}
