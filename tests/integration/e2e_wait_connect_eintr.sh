#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait connect-eintr: a signal without SA_RESTART interrupts a blocking
# connect with EINTR; the association goes on (EALREADY, then POLLOUT with
# SO_ERROR).
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 84
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 82))
run_e2e connect-eintr 34395
