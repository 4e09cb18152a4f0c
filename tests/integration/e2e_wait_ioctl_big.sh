#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait ioctl-big: FIONREAD gives a 150 KB message's whole length, and
# one recv returns it whole.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e ioctl-big 35301
