#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e peeloff: sctp_peeloff moves one association of a one-to-many server
# to a socket of its own, which carries it both ways; the other
# association keeps working on the parent.
. "$(dirname "$0")/lib.sh"
run_e2e peeloff 30710
