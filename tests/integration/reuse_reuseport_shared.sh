#!/bin/bash
# SPDX-License-Identifier: MIT
# reuse reuseport-shared: two one-to-one sockets with SO_REUSEPORT (one uid) share a
# port while neither listens, each with its own association.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/reuse"
run_e2e reuseport-shared 35320
