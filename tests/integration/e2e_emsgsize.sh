#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e emsgsize: a message longer than SO_SNDBUF fails with EMSGSIZE.
. "$(dirname "$0")/lib.sh"
run_e2e emsgsize 30270
