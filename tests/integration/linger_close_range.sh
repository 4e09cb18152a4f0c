#!/bin/bash
# SPDX-License-Identifier: MIT
# linger close-range: close_range over the last copy of a lingering
# one-to-one socket (between two pipe ends) waits about 2 s as close()
# would, and closes the whole range.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-close-range 35201
