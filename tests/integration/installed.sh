#!/bin/bash
# SPDX-License-Identifier: MIT
# make installcheck: the INSTALLED sctpshim runs checksctp and a sctp_darn
# exchange with the installed library and daemon (not the build tree's).
# Needs installed_bindir, installed_sbindir and installed_libdir.
. "$(dirname "$0")/lib.sh"
: "${installed_bindir:?}" "${installed_sbindir:?}" "${installed_libdir:?}"
require_tools checksctp sctp_darn stdbuf
fresh_daemon 19
shim_installed=("$installed_bindir/sctpshim" run)
[ -x "${shim_installed[0]}" ] || fail "${shim_installed[0]} is not installed"
[ ! -e "$installed_libdir/libsctpshim.la" ] || fail "$installed_libdir/libsctpshim.la is installed"

# shellcheck disable=SC2016 # expanded by the inner shell
env=$(t "${shim_installed[@]}" sh -c 'echo "$LD_PRELOAD|$SCTPSHIM_DAEMON"') ||
	fail "installed sctpshim run sh failed"
echo "$env"
grep -q -- "$installed_libdir/libsctpshim.so" <<<"$env" ||
	fail "LD_PRELOAD does not name the installed library"
[ "${env#*|}" = "$installed_sbindir/sctpshimd" ] || fail "SCTPSHIM_DAEMON is not the installed daemon"

out=$(t "${shim_installed[@]}" checksctp 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "checksctp exited with status $status"
grep -q "SCTP supported" <<<"$out" || fail "checksctp did not report 'SCTP supported'"

port=30801
start server "${shim_installed[@]}" stdbuf -oL sctp_darn -H 127.0.0.1 -P $port -l
wait_for_line "$work/server.log" "listening" 20 || fail "listener did not start"
# sctp_darn -s exits with the byte count of its last send, as on Linux.
printf 'installed-1\ninstalled-2\n' |
	t "${shim_installed[@]}" sctp_darn -H 127.0.0.1 -P $((port + 1)) -h 127.0.0.1 -p $port -s \
		>"$work/client.log" 2>&1
status=$?
[ "$status" -lt 124 ] || fail "sender timed out or was killed (status $status)"
for i in 1 2; do
	wait_for_line "$work/server.log" "DATA\([0-9]+\): +installed-$i" 20 || fail "line $i did not arrive"
done
# The daemon that served it is the installed one.
for pid in $(serving_pids); do
	exe=$(readlink "/proc/$pid/exe")
	echo "daemon: $exe"
	[ "$exe" = "$(readlink -f "$installed_sbindir/sctpshimd")" ] || fail "served by $exe"
done
echo "installed sctpshim: ok"
