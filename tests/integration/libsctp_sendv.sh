#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: sctp_sendv with SNDINFO, SPA and no info, and
# sctp_recvv with SCTP_RCVINFO (and without an info buffer).
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp sendv 31520
