#!/bin/bash
# SPDX-License-Identifier: MIT
# linger closefrom: closefrom below the last copy of a lingering
# one-to-one socket waits about 2 s as close() would, and closes the rest.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-closefrom 35202
