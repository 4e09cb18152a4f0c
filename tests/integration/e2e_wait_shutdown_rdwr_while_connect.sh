#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait shutdown-rdwr-while-connect: shutdown(SHUT_RDWR) from another
# thread while a blocking connect waits: shutdown says ENOTCONN, the
# association being set up is deleted and the connect returns 0, as Linux's
# sctp_wait_for_connect() does once RCV_SHUTDOWN is set.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
# a daemon of our own whose peers' UDP port is one nobody serves: every
# INIT is lost
fresh_daemon 124
export SCTPSHIM_ENCAP_PORT=$((check_udp_port + 125))
run_e2e shutdown-rdwr-while-connect 35205
