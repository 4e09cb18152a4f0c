#!/bin/bash
# SPDX-License-Identifier: MIT
# linger dup2 onto a copy: dup2 onto one descriptor of a socket with
# SO_LINGER {1, 10} that has another copy returns at once (not the last
# close) and the association stays.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/linger"
run_e2e linger-dup2-onto-copy 35207
