#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e status: SCTP_STATUS: ESTABLISHED, negotiated stream counts, primary
# path.
. "$(dirname "$0")/lib.sh"
run_e2e status 30310
