#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait connect-restart: a signal whose handler has SA_RESTART
# interrupts a blocking connect; Linux restarts the call, which says
# EALREADY; the association goes on (POLLOUT with SO_ERROR).
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 120
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 121))
run_e2e connect-restart 35203
