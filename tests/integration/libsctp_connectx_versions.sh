#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: the VERS_1 and VERS_2 definitions of sctp_connectx
# (programs linked against older libsctp) next to VERS_3, the default.
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp connectx-versions 31530
