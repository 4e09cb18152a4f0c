#!/bin/bash
# SPDX-License-Identifier: MIT
# OTP's gen_sctp, unmodified, under the shim: the client/server example of
# its documentation, made self-checking (erlang/gen_sctp_doc_example.erl):
# one-to-many server, a client with 5 outbound streams, data with its
# stream and ppid, {error, einval} at once for stream 5, then an abort the
# server sees as comm_lost, as on Linux.
. "$(dirname "$0")/lib.sh"
require_tools erl erlc
require_build
port=30905
src="${abs_top_srcdir:-$(dirname "$0")/../..}/tests/integration/erlang/gen_sctp_doc_example.erl"

t erlc -o "$work" "$src" || hard_error "erlc could not compile $src"
out=$(t "${SHIM[@]}" erl -noshell -pa "$work" -s gen_sctp_doc_example main $port 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "the Erlang program exited with status $status"
grep -qx "gen_sctp_doc_example: ok" <<<"$out" || fail "the Erlang program did not report ok"
