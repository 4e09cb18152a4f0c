#!/bin/bash
# SPDX-License-Identifier: MIT
# A daemon of another protocol version (faked with the test-only
# SCTPSHIM_TEST_PROTO_VERSION) is refused by the library: socket() fails
# promptly with one clear "sctpshim: " line naming both versions.
. "$(dirname "$0")/lib.sh"
require_build
fresh_daemon 61

# The library starts the daemon with its own environment: a wrapper gives
# only the daemon the fake version.
cat >"$work/sctpshimd-other" <<WRAPPER
#!/bin/sh
SCTPSHIM_TEST_PROTO_VERSION=4243 exec "$builddir/sctpshimd" "\$@"
WRAPPER
chmod +x "$work/sctpshimd-other"
export SCTPSHIM_DAEMON="$work/sctpshimd-other"

expect_socket_fails
grep -q "sctpshimd speaks protocol version 4243" "$work/err.log" || fail "the line does not name the daemon's version 4243"
grep -q "matching builds" "$work/err.log" || fail "the line does not say what to do"
exit 0
