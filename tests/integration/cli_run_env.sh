#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim run puts this build's library first in LD_PRELOAD, keeps what was
# there, and sets SCTPSHIM_DAEMON to this build's daemon unless it is set.
. "$(dirname "$0")/lib.sh"
require_build
lib="$builddir/.libs/libsctpshim.so"

# shellcheck disable=SC2016 # expanded by the inner shell
out=$(LD_PRELOAD=libc.so.6 t "${SHIM[@]}" sh -c 'echo "$LD_PRELOAD|$SCTPSHIM_DAEMON"') ||
	fail "sctpshim run sh failed"
echo "$out"
# An ASan build puts the ASan runtime first.
asan_build && out=${out#*/libasan.so:}
[ "$out" = "$(readlink -f "$lib"):libc.so.6|$(readlink -f "$builddir/sctpshimd")" ] ||
	[ "$out" = "$lib:libc.so.6|$builddir/sctpshimd" ] || fail "unexpected environment: $out"

# shellcheck disable=SC2016
out=$(SCTPSHIM_DAEMON=/opt/x/sctpshimd t "${SHIM[@]}" sh -c 'echo "$SCTPSHIM_DAEMON"')
[ "$out" = /opt/x/sctpshimd ] || fail "SCTPSHIM_DAEMON was overridden: $out"
