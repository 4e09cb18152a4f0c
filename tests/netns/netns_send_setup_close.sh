#!/bin/bash
# SPDX-License-Identifier: MIT
# A program that sets an association up implicitly, by sending to a new
# peer on a one-to-many socket, and closes right after its last send
# (sctp_test's client) gets every message through, even when its first
# INIT is lost.  On Linux its first blocking sendmsg waits for the
# association (sctp_sendmsg_to_asoc: sctp_wait_for_connect), so the close
# finds it established and shuts it down after the data.
. "$(dirname "$0")/lib.sh"
require_tools nft sctp_test
require_build
netns_two_hosts
# b drops the first packet that reaches its daemon: a's first INIT
netns_exec b nft -f - <<NFT || skip "nftables numgen is not available"
table inet first {
	chain in {
		type filter hook input priority 0;
		iifname "eth0" udp dport $NETNS_UDP_PORT numgen inc mod 1000000 < 1 counter drop
	}
}
NFT
netns_start server b sctp_test -H 10.16.1.2 -P 5001 -l -d 1
wait_for_line "$work/server.log" "Server: Receiving packets" 20 || fail "server did not start"
netns_shim a sctp_test -H 10.16.1.1 -P 5002 -h 10.16.1.2 -p 5001 -s -d 1 -c 4 -x 1 \
	>"$work/client.log" 2>&1 || fail "client exited with status $?"
wait_for_count "$work/server.log" "Data [0-9]+ bytes" 10 30 ||
	fail "the server did not get the 10 messages"
# (read whole: grep -q would leave nft writing to a closed pipe, and
# pipefail would count its SIGPIPE as no match)
rule=$(netns_exec b nft list table inet first | grep counter)
[[ $rule == *"counter packets 1 "* ]] || fail "the first INIT was not dropped: $rule"
wait_for_line "$work/server.log" "SHUTDOWN_COMPLETE" 20 ||
	fail "the association did not shut down gracefully"
echo "all 10 messages arrived; the association shut down gracefully"
