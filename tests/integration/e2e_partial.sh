#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e partial: a receive buffer smaller than the message: pieces in order,
# MSG_EOR only on the last.
. "$(dirname "$0")/lib.sh"
run_e2e partial 30250
