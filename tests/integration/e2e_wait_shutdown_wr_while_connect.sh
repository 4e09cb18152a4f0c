#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait shutdown-wr-while-connect: shutdown(SHUT_WR) from another thread
# while a blocking connect waits: shutdown says ENOTCONN, the association
# being set up is deleted and the connect fails with ECONNREFUSED at once.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 122
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 123))
run_e2e shutdown-wr-while-connect 35204
