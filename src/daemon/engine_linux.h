/* SPDX-License-Identifier: MIT */
/*
 * usrsctp's protocol switches set as Linux has them.  A header, not a
 * function of libengine, so that the benchmark's program linked straight
 * to usrsctp (bench/net_usrsctp.c) runs the very same protocol as
 * sctpshimd without linking the daemon.  Include after <usrsctp.h>.
 */
#ifndef SCTPSHIM_DAEMON_ENGINE_LINUX_H
#define SCTPSHIM_DAEMON_ENGINE_LINUX_H

/*
 * Linux is the reference for what programs and peers see:
 *  - no_csum_on_loopback 0: always send a valid CRC32c; Linux peers and
 *    Wireshark reject (or flag) packets without one.
 *  - default_frag_interleave 0: never interleave pieces of two messages
 *    on one socket (Linux's default, and the data channel promises it).
 *  - auto_asconf 0: as Linux's net.sctp.default_auto_asconf.
 *  - asconf_enable, auth_enable, reconfig_enable 0: Linux's
 *    net.sctp.addip_enable, auth_enable and reconf_enable; programs turn
 *    them on per socket (SCTP_*_SUPPORTED) as on Linux.
 *  - nr_incoming_streams_default 65535: Linux's sinit_max_instreams
 *    default (SCTP_MAX_STREAM); the peer's outbound count bounds what an
 *    association really gets.
 *  - blackhole 0: answer out-of-the-blue INITs with ABORT, so a connect
 *    to a port nobody listens on fails fast (ECONNREFUSED).
 *  - default_ss_module first come: Linux's default stream scheduler is
 *    FCFS (usrsctp's is round robin).
 * The retransmission and timer defaults are the configuration's
 * (src/config/keys.c: RFC 4960's, as Linux's).
 */
static inline void engine_linux_protocol(void)
{
	usrsctp_sysctl_set_sctp_no_csum_on_loopback(0);
	usrsctp_sysctl_set_sctp_default_frag_interleave(0);
	usrsctp_sysctl_set_sctp_auto_asconf(0);
	usrsctp_sysctl_set_sctp_asconf_enable(0);
	usrsctp_sysctl_set_sctp_auth_enable(0);
	usrsctp_sysctl_set_sctp_reconfig_enable(0);
	usrsctp_sysctl_set_sctp_nr_incoming_streams_default(65535);
	usrsctp_sysctl_set_sctp_blackhole(0);
	usrsctp_sysctl_set_sctp_default_ss_module(SCTP_SS_FIRST_COME);
}

#endif
