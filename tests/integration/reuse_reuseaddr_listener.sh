#!/bin/bash
# SPDX-License-Identifier: MIT
# reuse reuseaddr-listener: SO_REUSEADDR does not share a listening socket's
# port: EADDRINUSE.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/reuse"
run_e2e reuseaddr-listener 35340
