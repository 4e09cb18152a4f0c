#!/bin/bash
# SPDX-License-Identifier: MIT
# A slow receiver holds a non-blocking sender back with EAGAIN, end to
# end, and the daemon's peak RSS stays within the socket buffers plus a
# fixed overhead while FLOW_MIB MiB go through (make check: 128; make
# bench: 1024).  Prints the figures.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 62
mib=${FLOW_MIB:-128}
CMD_TIMEOUT=$((60 + mib / 4))
# ASan's allocator keeps freed memory in quarantine: RSS says nothing there.
asan_build && export FLOW_NO_RSS_BOUND=1

out=$(FLOW_BYTES=$((mib << 20)) shim "$builddir/tests/integration/flow" slow-receiver 34410 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "flow slow-receiver exited with status $status"
grep -q "^flow slow-receiver: ok$" <<<"$out" || fail "flow slow-receiver did not report ok"
