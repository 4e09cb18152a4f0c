#!/bin/bash
# SPDX-License-Identifier: MIT
# The e2e one-to-one exchange under valgrind with libsctpshim.so preloaded
# (valgrind passes LD_PRELOAD on to the program): no errors, no definite leaks.
. "$(dirname "$0")/lib.sh"
require_tools valgrind
asan_build && skip "an ASan build does not run under valgrind (ASan checks it instead)"
require_build
fresh_daemon 15
export SCTPSHIM_IDLE_TIMEOUT=3
CMD_TIMEOUT=180

t "${SHIM[@]}" valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--log-file="$work/valgrind.log" "$E2E" one-to-one-v4 30601 >"$work/e2e.log" 2>&1
status=$?
cat "$work/e2e.log"
grep -E "ERROR SUMMARY|definitely lost" "$work/valgrind.log"
if [ "$status" -ne 0 ]; then
	cat "$work/valgrind.log"
	if grep -q "libsctpshim" "$work/valgrind.log"; then
		fail "valgrind reports errors in libsctpshim.so (status $status)"
	fi
	fail "e2e under valgrind exited with status $status"
fi
grep -q "ERROR SUMMARY: 0 errors" "$work/valgrind.log" || fail "valgrind reports errors"
