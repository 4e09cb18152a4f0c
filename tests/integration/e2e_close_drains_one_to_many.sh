#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e close-drains-one-to-many: messages sent on a one-to-many socket just
# before close() all reach the peer (graceful shutdown, not abort).
. "$(dirname "$0")/lib.sh"
run_e2e close-drains-one-to-many 30340
