#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e close-connecting: a program that closes a one-to-one socket during a
# non-blocking connect (its peer never answers) leaves no endpoint behind
# in the daemon, which must notice the close although it does not read
# that socket's channel until the connect resolves.
. "$(dirname "$0")/lib.sh"
fresh_daemon 22
run_e2e close-connecting 30920
no_endpoints() {
	t "$builddir/sctpshim" status 2>&1 | head -1 | grep -q ", 0 endpoint(s)$"
}
wait_until 20 no_endpoints ||
	fail "the daemon keeps the closed socket's endpoint: $(t "$builddir/sctpshim" status 2>&1)"
