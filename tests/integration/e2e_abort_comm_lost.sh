#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e abort-comm-lost: SCTP_ABORT on a one-to-many socket; the peer's
# COMM_LOST has Linux's layout (no streams, the cause in sac_error in
# network order, the error causes in sac_info) and the aborting end gets
# its own COMM_LOST at once.
. "$(dirname "$0")/lib.sh"
run_e2e abort-comm-lost 30915
