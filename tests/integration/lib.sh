# SPDX-License-Identifier: MIT
# Common part of the integration tests; each test script sources this file.
#
# Tests run from the build directory (make check) with abs_top_builddir set
# by AM_TESTS_ENVIRONMENT.  Exit codes follow automake: 0 pass, 1 fail,
# 77 skip (a Debian tool is missing, or the host lacks something Linux
# would need as well: ::1, a large enough wmem_max), 99 hard error.
# Nothing here sleeps for a fixed time: waits poll for an event, bounded.

set -u -o pipefail

builddir=${abs_top_builddir:-$PWD}
test_name=$(basename "$0" .sh)

# Never touch a real daemon (default name, UDP 9899): a name and port of
# our own.  Tests that need a daemon of their own use fresh_daemon.  Two
# test runs at once in one network namespace (two build trees) must differ
# in both: set SCTPSHIM_CHECK_SOCKET and SCTPSHIM_CHECK_UDP_PORT (the fresh
# daemons take the ports just above it).
check_udp_port=${SCTPSHIM_CHECK_UDP_PORT:-29899}
export SCTPSHIM_SOCKET=${SCTPSHIM_CHECK_SOCKET:-sctpshimd-check}
export SCTPSHIM_UDP_PORT=$check_udp_port
export SCTPSHIM_ENCAP_PORT=$check_udp_port
export SCTPSHIM_IDLE_TIMEOUT=${SCTPSHIM_CHECK_IDLE_TIMEOUT:-10}
unset SCTPSHIM_DAEMON LD_PRELOAD
mkdir -p "$builddir/tests/integration"
export SCTPSHIM_LOG="$builddir/tests/integration/sctpshimd-check.log"

# An --enable-asan build's library and daemon write their ASan/UBSan reports
# here (the daemon may outlive the test that started it, so one directory
# for the whole run); a test during which a report appears fails.
sanitizer_dir="$builddir/tests/integration/sanitizer"
mkdir -p "$sanitizer_dir"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$sanitizer_dir/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:log_path=$sanitizer_dir/ubsan"
sanitizer_reports_before=$(ls "$sanitizer_dir")

# Upper bound, in seconds, of any single command.
CMD_TIMEOUT=${CMD_TIMEOUT:-60}
# shellcheck disable=SC2034 # used by the test scripts
SHIM=("$builddir/sctpshim" run)
# For pipelines and background jobs, where a simple command (not a shell
# function) makes $! the pid of timeout itself.
# shellcheck disable=SC2034
TIMEOUT=(timeout -k 5 "$CMD_TIMEOUT")
E2E="$builddir/tests/integration/e2e"

fail() {
	echo "FAIL: $test_name: $*"
	exit 1
}

hard_error() {
	echo "ERROR: $test_name: $*"
	exit 99
}

skip() {
	echo "SKIP: $test_name: $*"
	exit 77
}

work=$(mktemp -d "${TMPDIR:-/tmp}/sctpshim-$test_name.XXXXXX") || hard_error "mktemp failed"

# on_exit CMD...: run CMD at exit, before the logs are shown.
exit_hooks=()
on_exit() {
	exit_hooks+=("$*")
}

# Stop every background job we started (timeout forwards the signal to its
# whole process group), then show their logs if the test did not pass.
cleanup() {
	local status=$? pid f hook
	trap - EXIT
	for pid in $(jobs -p); do
		kill -TERM "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	for hook in "${exit_hooks[@]}"; do
		eval "$hook"
	done
	for f in $(comm -13 <(echo "$sanitizer_reports_before") <(ls "$sanitizer_dir")); do
		echo "FAIL: $test_name: sanitizer report $sanitizer_dir/$f:"
		cat "$sanitizer_dir/$f"
		case $status in 0 | 77) status=1 ;; esac
	done
	if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
		for f in "$work"/*.log; do
			[ -f "$f" ] || continue
			echo "----- $(basename "$f") -----"
			tail -n 60 "$f"
		done
	fi
	if [ -n "${SCTPSHIM_KEEP_FAILED:-}" ] && [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
		echo "kept $work"
	else
		rm -rf "$work"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Run a command with the time limit.
t() {
	timeout -k 5 "$CMD_TIMEOUT" "$@"
}

# Run an unmodified program under the shim, with the time limit.
shim() {
	timeout -k 5 "$CMD_TIMEOUT" "$builddir/sctpshim" run "$@"
}

require_tools() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
	done
}

# Was this build configured with --enable-asan?
asan_build() {
	"$builddir/config.status" --config 2>/dev/null | grep -q -- "--enable-asan"
}

# IPv6 tests need ::1 (containers often run with IPv6 disabled).
require_ipv6_loopback() {
	ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1/' ||
		skip "this host has no IPv6 loopback address (::1)"
}

# The command, the library and the daemon must all be built, and a daemon
# already serving our name must be this build's (not another tree's).
require_build() {
	[ -x "$builddir/sctpshim" ] || hard_error "$builddir/sctpshim is not built"
	[ -f "$builddir/.libs/libsctpshim.so" ] || fail "$builddir/.libs/libsctpshim.so is not built"
	[ -x "$builddir/sctpshimd" ] || fail "$builddir/sctpshimd is not built"
	local pid exe ours
	ours=$(readlink -f "$builddir/sctpshimd")
	for pid in $(serving_pids); do
		exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
		[ "$exe" = "$ours" ] && continue
		# This tree's daemon from before a rebuild: it exits when idle.
		if [ "$exe" = "$ours (deleted)" ] &&
			wait_until $((SCTPSHIM_IDLE_TIMEOUT + 10)) test ! -d "/proc/$pid"; then
			continue
		fi
		hard_error "@$SCTPSHIM_SOCKET is served by $exe (pid $pid), not this build's daemon: another test run? Set SCTPSHIM_CHECK_SOCKET and SCTPSHIM_CHECK_UDP_PORT"
	done
}

# Pids of the processes listening on @$SCTPSHIM_SOCKET.
serving_pids() {
	ss -xlp 2>/dev/null | grep -- "@$SCTPSHIM_SOCKET " | grep -o 'pid=[0-9]*' | cut -d= -f2
}

# start NAME [shim] CMD...: run CMD (under the shim) in the background with
# the time limit, output in $work/NAME.log; the pid (of timeout, which
# passes signals on to its process group) is in pid_NAME.
start() {
	local name=$1
	shift
	if [ "$1" = shim ]; then
		shift
		set -- "$builddir/sctpshim" run "$@"
	fi
	timeout -k 5 "$CMD_TIMEOUT" "$@" >"$work/$name.log" 2>&1 &
	printf -v "pid_$name" %s "$!"
}

# finish NAME: wait for a job started with start; returns its status.
finish() {
	local var="pid_$1"
	wait "${!var}"
}

# job_ended NAME: true once a job started with start has exited.
job_ended() {
	local var="pid_$1"
	! kill -0 "${!var}" 2>/dev/null
}

# wait_for_line FILE REGEX TIMEOUT: until a line of FILE matches (grep -E).
wait_for_line() {
	wait_for_count "$1" "$2" 1 "$3"
}

# wait_for_count FILE REGEX N TIMEOUT: until N lines of FILE match.
wait_for_count() {
	local file=$1 regex=$2 want=$3 deadline=$((SECONDS + $4)) n
	while :; do
		n=$(grep -Ec -- "$regex" "$file" 2>/dev/null)
		[ "${n:-0}" -ge "$want" ] && return 0
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "timed out after $4 s waiting for $want line(s) matching '$regex' in $(basename "$file") (have ${n:-0})"
			return 1
		fi
		sleep 0.05
	done
}

# wait_until TIMEOUT CMD...: until CMD succeeds.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}

# expect_socket_fails: socket() under the shim fails promptly and cleanly
# (the e2e case checks the errno) with exactly one "sctpshim: " line on
# stderr, left in $work/err.log for the caller's own checks.
expect_socket_fails() {
	local begin=$SECONDS status elapsed
	t "${SHIM[@]}" "$E2E" socket-fails 0 >"$work/out.log" 2>"$work/err.log"
	status=$?
	elapsed=$((SECONDS - begin))
	cat "$work/out.log" "$work/err.log"
	[ "$status" -eq 0 ] || fail "socket() did not fail cleanly (status $status)"
	[ "$elapsed" -le 10 ] || fail "socket() took $elapsed s to fail"
	[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "stderr should be exactly one line"
	grep -q "^sctpshim: " "$work/err.log" || fail "the stderr line does not start with 'sctpshim: '"
}

# run_e2e CASE PORT: one case of the e2e program under the shim.
run_e2e() {
	require_build
	local out
	out=$(shim "$E2E" "$1" "$2" 2>&1)
	local status=$?
	echo "$out"
	[ "$status" -eq 0 ] || fail "e2e $1 exited with status $status"
	grep -q "^e2e $1: ok$" <<<"$out" || fail "e2e $1 did not report ok"
}

# fresh_daemon OFFSET: a daemon name of this test's own and the UDP port
# OFFSET above the check port, for tests that must not share a daemon.
fresh_daemon() {
	export SCTPSHIM_SOCKET="$SCTPSHIM_SOCKET-$test_name-$$"
	export SCTPSHIM_UDP_PORT=$((check_udp_port + $1))
	export SCTPSHIM_ENCAP_PORT=$SCTPSHIM_UDP_PORT
	export SCTPSHIM_LOG="$work/daemon.log"
	on_exit stop_fresh_daemon
}

# A fresh daemon must not outlive its test: it would hold the UDP port
# that the same test needs when the suite runs again.
stop_fresh_daemon() {
	local pid
	for pid in $(serving_pids); do
		kill "$pid" 2>/dev/null
	done
}

# expect_fresh_daemon_survived: the fresh daemon served the whole test:
# started once, no warning or error in its log, still listening.
expect_fresh_daemon_survived() {
	[ "$(grep -c "serving @" "$work/daemon.log")" -eq 1 ] ||
		fail "the daemon was started more than once (it died during the case)"
	! grep -E " (warning|error): " "$work/daemon.log" || fail "the daemon warned"
	daemon_listening || fail "the daemon is gone"
}

# Is the daemon serving $SCTPSHIM_SOCKET?  (abstract names show as @NAME)
daemon_listening() {
	ss -xl 2>/dev/null | grep -- "@$SCTPSHIM_SOCKET " >/dev/null
}
