#!/bin/bash
# SPDX-License-Identifier: MIT
# procs scm-rights: an SCTP descriptor passed with SCM_RIGHTS to another
# process, which uses it; its exit is the last close.
. "$(dirname "$0")/lib.sh"
E2E="$builddir/tests/integration/procs"
run_e2e scm-rights 34050
