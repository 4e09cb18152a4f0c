#!/bin/bash
# SPDX-License-Identifier: MIT
# net.sctp.rto_* and max_init_retransmits from the configuration file are
# what a new socket's SCTP_RTOINFO and SCTP_INITMSG read back, as on Linux.
. "$(dirname "$0")/lib.sh"
require_tools python3
require_build
fresh_daemon 141
conf="$work/sctpshim.conf"
printf 'net.sctp.rto_initial = 700\nnet.sctp.rto_min = 300\nnet.sctp.rto_max = 9000\nnet.sctp.max_init_retransmits = 3\n' >"$conf"
export SCTPSHIM_CONFIG="$conf"

out=$(shim python3 -c '
import socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_SCTP)
_, initial, rto_max, rto_min = struct.unpack("=IIII", s.getsockopt(132, 0, 16))  # SCTP_RTOINFO
_, _, attempts, _ = struct.unpack("=HHHH", s.getsockopt(132, 2, 8))              # SCTP_INITMSG
print(initial, rto_max, rto_min, attempts)') || fail "the program failed: $out"
echo "$out"
[ "$out" = "700 9000 300 3" ] || fail "expected '700 9000 300 3' (initial max min attempts), got '$out'"
expect_fresh_daemon_survived
exit 0
