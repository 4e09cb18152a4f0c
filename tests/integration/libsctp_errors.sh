#!/bin/bash
# SPDX-License-Identifier: MIT
# sctpshim's libsctp.so.1: arguments the library refuses itself fail with
# the errno Linux's libsctp and kernel give.
. "$(dirname "$0")/libsctp_lib.sh"
run_libsctp errors 31560
