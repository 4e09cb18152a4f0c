#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e dup: what a partial read left is the socket's: FIONREAD and read on
# a dup() see the 6 bytes.
. "$(dirname "$0")/lib.sh"
run_e2e dup 30370
