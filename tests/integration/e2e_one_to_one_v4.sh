#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e one-to-one-v4: one-to-one association over IPv4: connect, accept,
# request and reply.
. "$(dirname "$0")/lib.sh"
run_e2e one-to-one-v4 30210
