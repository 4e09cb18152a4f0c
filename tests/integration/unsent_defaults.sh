#!/bin/bash
# SPDX-License-Identifier: MIT
# unsent defaults: messages sent without send info that an abort hands
# back say the socket's SCTP_DEFAULT_SNDINFO (context, ppid), as Linux
# applied it when it queued them.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/unsent"
run_e2e defaults 35006
