#!/bin/bash
# SPDX-License-Identifier: MIT
# Multihoming, ASCONF (RFC 5061) on a live association: the sink in b is
# bound to 10.16.3.2 (eth0) only, both ends turn ASCONF and AUTH on
# (SCTP_ASCONF_SUPPORTED, SCTP_AUTH_SUPPORTED: off by default, as Linux's
# net.sctp.addip_enable and auth_enable).  After 500 messages the sink adds
# 10.16.4.2 (eth1) with sctp_bindx, sends to a's 10.16.4.1 from then on,
# asks a to send to 10.16.4.2 (SCTP_SET_PEER_PRIMARY_ADDR), and once DATA
# comes over eth1 removes 10.16.3.2.  The sender hears SCTP_ADDR_ADDED,
# SCTP_ADDR_MADE_PRIM and SCTP_ADDR_REMOVED, and its DATA moves to eth1.
. "$(dirname "$0")/multihome.sh"
netns_two_paths
path_counters b
netns_start server b "$multihome" sink-asconf 5001 10.16.3.2 10.16.4.2 10.16.4.1
wait_for_line "$work/server.log" "^listening" 20 || fail "the sink did not start"
netns_start client a "$multihome" asconf 10.16.3.2 5001
finish client || fail "the sender exited with status $?"
finish server || fail "the sink exited with status $?"
cat "$work/client.log" "$work/server.log"
echo "DATA packets per link: $(path_counts b)"
grep -q "^ADDED 10\.16\.4\.2 " "$work/client.log" || fail "no SCTP_ADDR_ADDED for 10.16.4.2"
grep -q "^MADE_PRIM 10\.16\.4\.2 " "$work/client.log" || fail "no SCTP_ADDR_MADE_PRIM for 10.16.4.2"
grep -q "^REMOVED 10\.16\.3\.2 " "$work/client.log" || fail "no SCTP_ADDR_REMOVED for 10.16.3.2"
sent=$(sed -n 's/^sent \([0-9]*\) messages$/\1/p' "$work/client.log")
grep -q "^received $sent messages, in order and intact" "$work/server.log" ||
	fail "the sink did not receive the $sent messages sent"
[ "$(path_count b eth0)" -ge 500 ] || fail "the first 500 messages did not arrive over eth0"
[ "$(path_count b eth1)" -ge 300 ] || fail "the last 300 messages did not arrive over eth1"
