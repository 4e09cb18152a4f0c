#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e peeloff-connecting: an association peeled off right after a
# non-blocking sctp_connectx (maybe still being set up, as Linux allows)
# carries data both ways once it is up.
. "$(dirname "$0")/lib.sh"
run_e2e peeloff-connecting 30750
