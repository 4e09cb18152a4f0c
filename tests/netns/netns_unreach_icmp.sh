#!/bin/bash
# SPDX-License-Identifier: MIT
# Reachability: the peer host exists but runs no daemon, so its kernel
# answers every INIT (UDP to port 9899) with an ICMP port unreachable.
# Linux takes that ICMP error as a soft error (sctp_v4_err_handle() sets
# sk_err_soft unless the socket has IP_RECVERR): the INITs go on, and
# connect() fails with ETIMEDOUT when the retransmissions run out, not
# ECONNREFUSED.  The shim does the same (docs/networks.md).
. "$(dirname "$0")/lib.sh"
netns_two_hosts
unreach_icmp_sent() {
	# shellcheck disable=SC2016 # an awk program
	netns_exec b awk '$1 != "Icmp:" { next }
		!seen++ { for (i = 2; i <= NF; i++) col[$i] = i; next }
		{ print $col["OutDestUnreachs"]; exit }' /proc/net/snmp
}
before=$(unreach_icmp_sent)
unreach_connect ETIMEDOUT
sent=$(( $(unreach_icmp_sent) - before ))
echo "ICMP destination unreachable sent by the peer host: $sent"
[ "$sent" -ge 3 ] || fail "the peer host did not answer the INITs with ICMP errors"
