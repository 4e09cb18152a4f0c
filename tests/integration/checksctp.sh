#!/bin/bash
# SPDX-License-Identifier: MIT
# checksctp (lksctp-tools) run under the shim reports SCTP as supported.
. "$(dirname "$0")/lib.sh"
require_tools checksctp
require_build

out=$(shim checksctp 2>&1)
status=$?
echo "$out"
[ "$status" -eq 0 ] || fail "checksctp exited with status $status"
grep -q "SCTP supported" <<<"$out" || fail "checksctp did not report 'SCTP supported'"
