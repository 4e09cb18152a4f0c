#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: sctp_bindx, sctp_connectx (VERS_3), sctp_getpaddrs /
# sctp_getladdrs and their frees, sctp_opt_info(SCTP_STATUS), sctp_getaddrlen.
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp addrs 31500
