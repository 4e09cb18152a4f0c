#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e close-churn-one-to-one: many one-to-one sockets closed while their
# associations are busy (see e2e_churn.c), on a daemon of the test's own,
# which must serve the whole case: one start, no warning, still there.
. "$(dirname "$0")/lib.sh"
fresh_daemon 20
run_e2e close-churn-one-to-one 30450
expect_fresh_daemon_survived
