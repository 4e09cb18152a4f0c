#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e closefrom: closefrom() on an SCTP descriptor: the number goes to
# /dev/zero, which reads; a new SCTP socket still works.
. "$(dirname "$0")/lib.sh"
run_e2e closefrom 30435
