#!/bin/bash
# SPDX-License-Identifier: MIT
# iperf3 --sctp for 3 seconds moves data (non-zero throughput).
. "$(dirname "$0")/lib.sh"
require_tools iperf3 python3
require_build
port=30141

# iperf3's control connection is TCP (kernel); its data streams are SCTP.
start server shim iperf3 --forceflush -s -1 -p $port
wait_for_line "$work/server.log" "Server listening" 20 || fail "iperf3 server did not start"

shim iperf3 --sctp -c 127.0.0.1 -p $port -t 3 -J >"$work/client.json" 2>"$work/client.log" ||
	fail "iperf3 client exited with status $?: $(tail -n 5 "$work/client.json")"
bps=$(python3 -c '
import json, sys
end = json.load(open(sys.argv[1]))["end"]
print(int(end["sum_received"]["bits_per_second"]))' "$work/client.json") ||
	fail "cannot read the throughput from iperf3 -J output"
echo "received $bps bit/s"
[ "$bps" -gt 0 ] || fail "zero throughput"
