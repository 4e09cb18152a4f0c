#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshimd under valgrind (started by the library through a wrapper named
# by SCTPSHIM_DAEMON) serves an exchange and exits when idle, with no
# errors and no definite leaks.
. "$(dirname "$0")/lib.sh"
require_tools valgrind
asan_build && skip "an ASan build does not run under valgrind (ASan checks it instead)"
require_build
fresh_daemon 16
export SCTPSHIM_IDLE_TIMEOUT=2
CMD_TIMEOUT=180

cat >"$work/sctpshimd-valgrind" <<WRAPPER
#!/bin/sh
exec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \\
	--log-file="$work/daemon-valgrind.log" "$builddir/sctpshimd" "\$@"
WRAPPER
chmod +x "$work/sctpshimd-valgrind"
export SCTPSHIM_DAEMON="$work/sctpshimd-valgrind"

shim "$E2E" one-to-one-v4 30611 >"$work/e2e-o2o.log" 2>&1 || fail "one-to-one exchange failed (status $?)"
shim "$E2E" one-to-many-v4 30613 >"$work/e2e-o2m.log" 2>&1 || fail "one-to-many exchange failed (status $?)"
# The daemon exits after SCTPSHIM_IDLE_TIMEOUT; valgrind then writes its summary.
wait_for_line "$work/daemon-valgrind.log" "ERROR SUMMARY" 120 || fail "the daemon did not exit when idle"
grep -E "ERROR SUMMARY|definitely lost" "$work/daemon-valgrind.log"
if ! grep -q "ERROR SUMMARY: 0 errors" "$work/daemon-valgrind.log"; then
	cat "$work/daemon-valgrind.log"
	fail "valgrind reports errors in sctpshimd"
fi
