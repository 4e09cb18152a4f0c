#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e peeloff-close: closing the peeled-off socket shuts its association
# down (the peer sees SHUTDOWN_COMP, then EOF); the parent keeps the other.
. "$(dirname "$0")/lib.sh"
run_e2e peeloff-close 30740
