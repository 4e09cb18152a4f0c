#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1 has the SONAME libsctp.so.1 and exports every
# symbol and version the system's libsctp.so.1 (Debian's libsctp1,
# lksctp-tools) exports, so a program linked against that one finds all it
# needs in ours; beyond them only the documented additions.
. "$(dirname "$0")/libsctp_lib.sh"
require_tools objdump
ours="$libsctp_dir/libsctp.so.1"
[ -f "$ours" ] || fail "$ours is not built"
system=$(system_libsctp)
[ -n "$system" ] || skip "no system libsctp.so.1 to compare with (Debian's libsctp1)"

# "VERSION NAME" of each symbol the library defines; a version in
# parentheses is a non-default one (sctp_connectx@VERS_2).
exports() {
	objdump -T "$1" | awk '/\*UND\*/ { next } $2 == "g" { print $(NF - 1), $NF }' | sort
}

objdump -p "$ours" | grep -Eq '^ +SONAME +libsctp\.so\.1$' || fail "the SONAME of $ours is not libsctp.so.1"
exports "$system" >"$work/system.txt"
exports "$ours" >"$work/ours.txt"
[ -s "$work/system.txt" ] || hard_error "no exports read from $system"
missing=$(comm -23 "$work/system.txt" "$work/ours.txt")
[ -z "$missing" ] || fail "missing from $ours (version, name): $missing"
# sctp_peeloff_flags: declared by lksctp's header, missing from its map;
# SCTPSHIM_FREEBSD_1: FreeBSD's calls (src/libsctp/libsctp.map).
extra=$(comm -13 "$work/system.txt" "$work/ours.txt" | grep -Ev '^(VERS_1 sctp_peeloff_flags|SCTPSHIM_FREEBSD_1 (SCTPSHIM_FREEBSD_1|sctp_sendx|sctp_sendmsgx))$')
[ -z "$extra" ] || fail "exported by $ours beyond lksctp's and the documented additions: $extra"
echo "all $(wc -l <"$work/system.txt") exports of $system are in $ours"
