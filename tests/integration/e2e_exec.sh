#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e exec: an SCTP descriptor inherited across fork and execve still is
# one (SO_PROTOCOL 132) and carries the association both ways.
. "$(dirname "$0")/lib.sh"
run_e2e exec 30440
