#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e stream-einval: a message for a stream at or above the association's
# outbound streams fails with EINVAL at once (both styles), as on Linux,
# and nothing is sent or reported later.
. "$(dirname "$0")/lib.sh"
run_e2e stream-einval 30910
