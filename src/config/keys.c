/* SPDX-License-Identifier: MIT */
/*
 * The keys: sctpshim's own, and Linux's net.sctp.* with the ranges and
 * defaults of Linux's net/sctp/sysctl.c and sctp_defaults_init().  Keys
 * whose behaviour usrsctp has no switch for are accepted so that a Linux
 * file loads; "no_effect" says why, "behaves_as" is the value sctpshim
 * acts as (setting that one draws no warning).
 */
#include <limits.h>

#include "config/config.h"
#include "sctpshim/proto.h"

#define TIMER_MAX 86400000LL /* Linux's timer_max: one day in ms */
/* the abstract address holds a leading NUL and one spare byte */
#define NAME_MAX_LEN 106

#define NUM(n, lo, hi, d) .name = (n), .kind = CFG_NUMBER, .min = (lo), .max = (hi), .def = (d)
#define FLAG(n, d) NUM(n, 0, 1, d)

const struct cfg_key cfg_keys[CFG_COUNT] = {
	[CFG_SOCKET] = { .name = "sctpshim.socket", .kind = CFG_TEXT, .min = 1, .max = NAME_MAX_LEN,
			 .def = SHIM_DEFAULT_SOCKET, .option = "--socket" },
	[CFG_IDLE_TIMEOUT] = { NUM("sctpshim.idle_timeout", 0, 31536000, "30"),
			       .option = "--idle-timeout" },
	[CFG_LOG] = { .name = "sctpshim.log", .kind = CFG_TEXT, .min = 0, .max = PATH_MAX - 1,
		      .def = "", .option = "--log" },
	[CFG_DEBUG] = { FLAG("sctpshim.debug", "0") },
	/* SCTP straight over IP (protocol 132) instead of UDP: for every
	 * peer (native = 1) or the peers listed; the longest prefix of
	 * either list decides, then native.  Needs CAP_NET_RAW. */
	[CFG_NATIVE] = { FLAG("sctpshim.native", "0") },
	[CFG_NATIVE_PEERS] = { .name = "sctpshim.native_peers", .kind = CFG_PREFIXES, .def = "" },
	[CFG_ENCAP_PEERS] = { .name = "sctpshim.encap_peers", .kind = CFG_PREFIXES, .def = "" },

	[CFG_UDP_PORT] = { NUM("net.sctp.udp_port", 1, 65535, "9899"), .option = "--udp-port" },
	/* 0: the peers' port is our own udp_port */
	[CFG_ENCAP_PORT] = { NUM("net.sctp.encap_port", 0, 65535, "0"), .option = "--encap-port" },
	[CFG_RTO_INITIAL] = { NUM("net.sctp.rto_initial", 1, TIMER_MAX, "3000") },
	[CFG_RTO_MIN] = { NUM("net.sctp.rto_min", 1, TIMER_MAX, "1000") },
	[CFG_RTO_MAX] = { NUM("net.sctp.rto_max", 1, TIMER_MAX, "60000") },
	[CFG_HB_INTERVAL] = { NUM("net.sctp.hb_interval", 1, TIMER_MAX, "30000") },
	[CFG_PATH_MAX_RETRANS] = { NUM("net.sctp.path_max_retrans", 1, INT_MAX, "5") },
	[CFG_ASSOCIATION_MAX_RETRANS] = { NUM("net.sctp.association_max_retrans", 1, INT_MAX, "10") },
	[CFG_MAX_INIT_RETRANSMITS] = { NUM("net.sctp.max_init_retransmits", 1, INT_MAX, "8") },
	[CFG_SACK_TIMEOUT] = { NUM("net.sctp.sack_timeout", 1, 500, "200") },
	[CFG_VALID_COOKIE_LIFE] = { NUM("net.sctp.valid_cookie_life", 1, TIMER_MAX, "60000") },
	[CFG_MAX_BURST] = { NUM("net.sctp.max_burst", 0, INT_MAX, "4") },
	[CFG_AUTH_ENABLE] = { FLAG("net.sctp.auth_enable", "0") },
	[CFG_PRSCTP_ENABLE] = { FLAG("net.sctp.prsctp_enable", "1") },
	[CFG_ADDIP_ENABLE] = { FLAG("net.sctp.addip_enable", "0") },
	[CFG_DEFAULT_AUTO_ASCONF] = { FLAG("net.sctp.default_auto_asconf", "0") },
	[CFG_INTL_ENABLE] = { FLAG("net.sctp.intl_enable", "0") },
	[CFG_RECONF_ENABLE] = { FLAG("net.sctp.reconf_enable", "0") },
	[CFG_ECN_ENABLE] = { FLAG("net.sctp.ecn_enable", "1") },

	[CFG_SNDBUF_POLICY] = { FLAG("net.sctp.sndbuf_policy", "0"), .behaves_as = "0",
		.no_effect = "usrsctp accounts the send buffer per socket (policy 0)" },
	[CFG_RCVBUF_POLICY] = { FLAG("net.sctp.rcvbuf_policy", "0"), .behaves_as = "0",
		.no_effect = "usrsctp accounts the receive buffer per socket (policy 0)" },
	[CFG_RTO_ALPHA] = { NUM("net.sctp.rto_alpha_exp_divisor", 0, 1000, "3"), .behaves_as = "3",
		.no_effect = "usrsctp's RTT smoothing is fixed (alpha 1/8)" },
	[CFG_RTO_BETA] = { NUM("net.sctp.rto_beta_exp_divisor", 0, 1000, "2"), .behaves_as = "2",
		.no_effect = "usrsctp's RTT smoothing is fixed (beta 1/4)" },
	[CFG_COOKIE_PRESERVE_ENABLE] = { FLAG("net.sctp.cookie_preserve_enable", "1"),
		.behaves_as = "1", .no_effect = "usrsctp always honours a Cookie Preservative" },
	[CFG_COOKIE_HMAC_ALG] = { .name = "net.sctp.cookie_hmac_alg", .kind = CFG_CHOICE,
		.choices = "md5 sha1 sha256 none", .def = "sha1", .behaves_as = "sha1",
		.no_effect = "usrsctp always signs cookies with HMAC-SHA1" },
	[CFG_ADDIP_NOAUTH_ENABLE] = { FLAG("net.sctp.addip_noauth_enable", "0"), .behaves_as = "0",
		.no_effect = "usrsctp always requires AUTH for ASCONF" },
	[CFG_PF_RETRANS] = { NUM("net.sctp.pf_retrans", 0, 65535, "0"),
		.no_effect = "the potentially-failed path state (RFC 7829) is not configurable" },
	[CFG_PS_RETRANS] = { NUM("net.sctp.ps_retrans", 0, 65535, "65535"),
		.no_effect = "the primary path switchover (RFC 7829) is not configurable" },
	[CFG_PF_ENABLE] = { FLAG("net.sctp.pf_enable", "1"),
		.no_effect = "the potentially-failed path state (RFC 7829) is not configurable" },
	[CFG_PF_EXPOSE] = { NUM("net.sctp.pf_expose", 0, 2, "0"),
		.no_effect = "the potentially-failed path state (RFC 7829) is not configurable" },
	[CFG_ADDR_SCOPE_POLICY] = { NUM("net.sctp.addr_scope_policy", 0, 3, "1"),
		.no_effect = "usrsctp applies its own address scoping" },
	[CFG_RWND_UPDATE_SHIFT] = { NUM("net.sctp.rwnd_update_shift", 1, 16, "4"),
		.no_effect = "usrsctp decides itself when to announce a grown window" },
	[CFG_MAX_AUTOCLOSE] = { NUM("net.sctp.max_autoclose", 0, 4294967295LL, "8589934"),
		.no_effect = "SCTP_AUTOCLOSE is not capped" },
	[CFG_L3MDEV_ACCEPT] = { FLAG("net.sctp.l3mdev_accept", "1"),
		.no_effect = "the daemon's UDP socket is not bound to a VRF" },
	[CFG_PLPMTUD_PROBE_INTERVAL] = { NUM("net.sctp.plpmtud_probe_interval", 5000, INT_MAX, "0"),
		.zero_allowed = true, .behaves_as = "0",
		.no_effect = "usrsctp does not do PLPMTUD (RFC 8899)" },
	[CFG_SCTP_MEM] = { .name = "net.sctp.sctp_mem", .kind = CFG_TRIPLE, .min = 0, .max = LLONG_MAX,
		.no_effect = "usrsctp has no global memory pressure levels" },
	[CFG_SCTP_RMEM] = { .name = "net.sctp.sctp_rmem", .kind = CFG_TRIPLE, .min = 0, .max = INT_MAX,
		.no_effect = "receive buffers follow SO_RCVBUF and usrsctp's defaults" },
	[CFG_SCTP_WMEM] = { .name = "net.sctp.sctp_wmem", .kind = CFG_TRIPLE, .min = 0, .max = INT_MAX,
		.no_effect = "send buffers follow SO_SNDBUF and usrsctp's defaults" },
};
