#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e enoprotoopt: an unknown SOL_SCTP option gives ENOPROTOOPT.
. "$(dirname "$0")/lib.sh"
run_e2e enoprotoopt 30320
