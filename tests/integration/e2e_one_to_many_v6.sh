#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e one-to-many-v6: one-to-many over IPv6 (::1), as above.
. "$(dirname "$0")/lib.sh"
require_tools ip
require_ipv6_loopback
run_e2e one-to-many-v6 30240
