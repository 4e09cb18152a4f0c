#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: sctp_sendmsg to an address (implicit association),
# sctp_recvmsg with its sinfo and source, sctp_send back by association id.
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp sendmsg 31510
