#!/bin/bash
# SPDX-License-Identifier: MIT
# e2e big: one 4 MiB message with SO_SNDBUF and SO_RCVBUF raised to 8 MiB.
. "$(dirname "$0")/lib.sh"

# Linux clamps SO_SNDBUF/SO_RCVBUF to net.core.wmem_max/rmem_max before
# doubling them, for kernel SCTP as for the shim; a 4 MiB message needs
# 4 MiB limits.  Raise them for the test if we may (CI runs as root).
need=4194304
for f in /proc/sys/net/core/wmem_max /proc/sys/net/core/rmem_max; do
	old=$(cat "$f")
	[ "$old" -ge "$need" ] && continue
	echo "$need" 2>/dev/null >"$f" || skip "$f is $old (< $need) and cannot be raised here"
	on_exit "echo $old >$f"
done
run_e2e big 30260
