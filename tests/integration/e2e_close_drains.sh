#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e close-drains: messages sent just before close() all reach the peer,
# then EOF, even when the closing program left a notification unread.
. "$(dirname "$0")/lib.sh"
run_e2e close-drains 30330
