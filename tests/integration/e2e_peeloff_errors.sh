#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e peeloff-errors: EINVAL for a one-to-one or peeled-off socket, an
# unknown association and a short optlen; EFAULT for a bad pointer.
. "$(dirname "$0")/lib.sh"
run_e2e peeloff-errors 30730
