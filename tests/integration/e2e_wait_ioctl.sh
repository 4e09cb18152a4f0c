#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e-wait ioctl: FIONREAD/SIOCINQ give the next message's length (what
# is left of it after a partial read), ENOTCONN on a listener; SIOCOUTQ ENOTTY.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/e2e_wait"
run_e2e ioctl 34270
