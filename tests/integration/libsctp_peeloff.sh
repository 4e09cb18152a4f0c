#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: sctp_peeloff and sctp_peeloff_flags move an
# association to a socket of its own (SCTP_SOCKOPT_PEELOFF[_FLAGS]).
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp peeloff 31550
