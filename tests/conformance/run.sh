#!/bin/bash
# SPDX-License-Identifier: MIT
# Run one family of the conformance suite under the shim: run.sh FAMILY.tap
# runs tests/conformance/conf_FAMILY, which prints TAP.
test_file=$1
. "$(dirname "$0")/../integration/lib.sh"
test_name=conformance-$(basename "$test_file" .tap)
"${TIMEOUT[@]}" "${SHIM[@]}" "$builddir/tests/conformance/conf_$(basename "$test_file" .tap)"
