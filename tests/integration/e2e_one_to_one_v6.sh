#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e one-to-one-v6: one-to-one association over IPv6 (::1).
. "$(dirname "$0")/lib.sh"
require_tools ip
require_ipv6_loopback
run_e2e one-to-one-v6 30220
