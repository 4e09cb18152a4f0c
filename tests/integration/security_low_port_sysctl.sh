#!/bin/bash
# SPDX-License-Identifier: MIT
# net.ipv4.ip_unprivileged_port_start is honoured: raised to 2000 (in a
# network namespace of the test's own, so nothing else sees it), port 1500
# needs CAP_NET_BIND_SERVICE and port 2000 does not.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/security_lib.sh"
require_root
require_tools socat unshare ip
require_build
if [ -z "${SECURITY_IN_NETNS:-}" ]; then
	# lib.sh's cleanup runs inside too: the daemon dies with the namespace
	SECURITY_IN_NETNS=1 t unshare -n "$0"
	exit $?
fi
ip link set lo up || hard_error "cannot bring lo up in the new network namespace"
echo 2000 >/proc/sys/net/ipv4/ip_unprivileged_port_start ||
	skip "cannot set net.ipv4.ip_unprivileged_port_start in a network namespace"
fresh_daemon 96
export SCTPSHIM_ALLOW=$other_uid

run_e2e one-to-one-v4 34660

as_other -- "${SHIM[@]}" socat -d -d SCTP-LISTEN:1500,bind=127.0.0.1 - </dev/null >"$work/below.log" 2>&1
status=$?
cat "$work/below.log"
[ "$status" -ne 0 ] || fail "uid $other_uid listened on port 1500, below ip_unprivileged_port_start"
grep -q "bind.*Permission denied" "$work/below.log" || fail "bind() to 1500 should fail with EACCES"

start above "${as_other_cmd[@]}" --clear-groups -- "${SHIM[@]}" socat -d -d SCTP-LISTEN:2000,bind=127.0.0.1 -
wait_for_line "$work/above.log" "listening on" 20 || fail "uid $other_uid could not listen on port 2000"
