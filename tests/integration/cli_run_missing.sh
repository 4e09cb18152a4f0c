#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim run of a program that does not exist: exit 127 with one line;
# sctpshim itself is a real ELF program (not a libtool wrapper script).
. "$(dirname "$0")/lib.sh"
require_tools file
require_build

file "$builddir/sctpshim" | grep -q ELF || fail "sctpshim is not an ELF binary: $(file "$builddir/sctpshim")"
t "$builddir/sctpshim" run sctpshim-no-such-program-$$ >"$work/out.log" 2>"$work/err.log"
status=$?
cat "$work/err.log"
[ "$status" -eq 127 ] || fail "exit status $status, want 127"
[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "want exactly one line on stderr"
grep -q "^sctpshim: sctpshim-no-such-program-$$: " "$work/err.log" || fail "the line does not name the program"
