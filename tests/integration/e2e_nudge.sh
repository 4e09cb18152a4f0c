#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e nudge: 300 rounds of a partial read on one association: the 6 bytes
# left poll readable, the rest comes with MSG_EOR, then EAGAIN and no
# stale readiness.
. "$(dirname "$0")/lib.sh"
run_e2e nudge 30360
