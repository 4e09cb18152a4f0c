#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait close-while-connect: close() by another thread leaves a blocking
# connect going; it ends as the association does (ETIMEDOUT), not EBADF.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 86
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 82))
run_e2e close-while-connect 34399
