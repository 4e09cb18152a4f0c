#!/bin/bash
# SPDX-License-Identifier: MIT
# reuse reuseaddr-shared: two one-to-one sockets with SO_REUSEADDR share a port while
# neither listens (Linux's sctp_get_port_local), each with its own association.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/reuse"
run_e2e reuseaddr-shared 35310
