#!/bin/bash
# SPDX-License-Identifier: MIT
# Where the system has a libsctp.so.1 (Debian's libsctp1), `sctpshim run`
# leaves LD_LIBRARY_PATH alone: ld.so searches it before its cache, so our
# libsctp.so.1's directory anywhere in it would shadow the system's.
. "$(dirname "$0")/libsctp_lib.sh"
require_libsctp
[ -n "$(system_libsctp)" ] || skip "the system has no libsctp.so.1"

out=$(LD_LIBRARY_PATH=/sctpshim-test-dir t "${SHIM[@]}" printenv LD_LIBRARY_PATH) ||
	fail "sctpshim run printenv exited with status $?"
[ "$out" = /sctpshim-test-dir ] || fail "LD_LIBRARY_PATH became '$out'"
