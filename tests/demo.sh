#!/bin/bash
# SPDX-License-Identifier: MIT
# Demo: two unmodified lksctp-tools programs (sctp_darn listener and
# sender) talk SCTP through sctpshim on a machine without kernel SCTP.
# Usage: tests/demo.sh [BUILDDIR]   (default: the current directory)
set -u

builddir=${1:-.}
shim="$builddir/sctpshim"
port=${DEMO_PORT:-40123}

die() {
	echo "demo: $*" >&2
	exit 1
}

[ -x "$shim" ] || die "$shim not found: build first (make), then run this from the build directory"
command -v sctp_darn >/dev/null || die "sctp_darn not found: apt-get install lksctp-tools"

log=$(mktemp)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	wait 2>/dev/null
	rm -f "$log"
}
trap cleanup EXIT

# wait_for REGEX COUNT: until COUNT lines of the listener's output match (30 s at most).
wait_for() {
	local deadline=$((SECONDS + 30))
	until [ "$(grep -Ec -- "$1" "$log")" -ge "$2" ]; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

echo "demo: checksctp under the shim: $(timeout 30 "$shim" run checksctp 2>&1)"

timeout 120 "$shim" run stdbuf -oL sctp_darn -H 127.0.0.1 -P "$port" -l >"$log" 2>&1 &
server=$!
wait_for "listening" 1 || die "the listener did not start: $(cat "$log")"
echo "demo: sctp_darn is listening on SCTP port $port (the shim's daemon carries it over UDP ${SCTPSHIM_UDP_PORT:-9899})"

# sctp_darn -s exits with the byte count of its last send (as on Linux).
printf 'hello over SCTP\nno kernel SCTP was harmed\n' |
	timeout 30 "$shim" run sctp_darn -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p "$port" -s >/dev/null
[ "$?" -lt 124 ] || die "the sender timed out or was killed"
wait_for "^DATA" 2 || die "the listener did not receive both lines: $(cat "$log")"

echo "demo: the listener received:"
grep "^DATA" "$log" | sed 's/^/    /'
echo "demo: sctpshim status:"
timeout 10 "$shim" status | sed 's/^/    /'
echo "demo: OK"
