#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait connect-timeout: a non-blocking connect nobody answers becomes
# writable (EALREADY meanwhile) when the INIT retransmissions run out, with
# SO_ERROR ETIMEDOUT.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 81
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 82))
run_e2e connect-timeout 34360
