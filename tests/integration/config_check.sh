#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshimd --check-config FILE: the effective configuration, each key with
# where its value came from (options > environment > file > defaults);
# exit 1 with one line per error.
. "$(dirname "$0")/lib.sh"
require_build
conf="$work/sctpshim.conf"
printf 'net.sctp.rto_max = 9000\n  net.sctp.hb_interval=5000\n; a comment\nnet.sctp.sndbuf_policy = 1\n' >"$conf"

SCTPSHIM_HB_INTERVAL=7000 t "$builddir/sctpshimd" --check-config "$conf" >"$work/out.log" 2>"$work/err.log" ||
	fail "--check-config refused a valid file"
cat "$work/out.log" "$work/err.log"
grep -qx "net.sctp.rto_max = 9000	# $conf:1" "$work/out.log" || fail "rto_max is not from the file"
grep -qx "net.sctp.hb_interval = 7000	# SCTPSHIM_HB_INTERVAL" "$work/out.log" ||
	fail "the environment does not win over the file"
grep -qx "net.sctp.rto_min = 1000	# default" "$work/out.log" || fail "rto_min is not the default"
grep -qx "net.sctp.udp_port = $SCTPSHIM_UDP_PORT	# SCTPSHIM_UDP_PORT" "$work/out.log" ||
	fail "udp_port is not from SCTPSHIM_UDP_PORT"
[ "$(wc -l <"$work/err.log")" -eq 1 ] || fail "expected one warning line"
grep -q "$conf:4: net.sctp.sndbuf_policy = 1 has no effect: " "$work/err.log" ||
	fail "no warning for a key without effect"

# options win over the environment
t "$builddir/sctpshimd" --udp-port 4242 --check-config "$conf" >"$work/out.log" 2>/dev/null ||
	fail "--check-config with --udp-port failed"
grep -qx "net.sctp.udp_port = 4242	# --udp-port" "$work/out.log" || fail "--udp-port does not win"

# errors: one line each, exit 1, nothing on stdout
printf 'net.sctp.sack_timeout = 501\nnet.sctp.bogus = 1\nnet.sctp.rto_min = 10000\n' >"$conf"
t "$builddir/sctpshimd" --check-config "$conf" >"$work/out.log" 2>"$work/err.log"
status=$?
cat "$work/err.log"
[ "$status" -eq 1 ] || fail "an invalid file gave status $status, not 1"
[ -s "$work/out.log" ] && fail "an invalid file printed a configuration"
[ "$(wc -l <"$work/err.log")" -eq 2 ] || fail "expected two error lines"
grep -qx "sctpshimd: $conf:1: net.sctp.sack_timeout: 501 is out of range 1..500" "$work/err.log" ||
	fail "no range error for sack_timeout"
grep -qx "sctpshimd: $conf:2: unknown key 'net.sctp.bogus'" "$work/err.log" || fail "no unknown-key error"
exit 0
