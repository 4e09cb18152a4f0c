#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait record-pieces: when the kernel refuses a whole-message record
# (forced here: the daemon believes in records larger than its channel
# takes), the message goes as pieces and a blocking read still returns it
# whole.
. "$(dirname "$0")/lib.sh"
fresh_daemon 130
export SCTPSHIM_TEST_RECORD_MAX=400000
E2E="$builddir/tests/integration/e2e_wait"
run_e2e record-pieces 35302
grep -q "serving @" "$work/daemon.log" || fail "the fresh daemon did not serve the case"
