#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: FreeBSD's sctp_sendx / sctp_sendmsgx set an
# association up from an address list, reuse it, and report its id.
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp sendx 31540
