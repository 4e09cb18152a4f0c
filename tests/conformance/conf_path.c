/* SPDX-License-Identifier: MIT */
/* Conformance: the "path" family of SCTP options, and the IP-level options
 * programs set on SCTP sockets (see conf.h). */
#include "conf.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

/* The old struct sctp_paddrparams, before spp_ipv6_flowlabel and spp_dscp */
#define PADDRPARAMS_OLD_LEN 152
/* Linux's pf_expose values (not in every netinet/sctp.h) */
#define PF_EXPOSE_DISABLE 1
#define PF_EXPOSE_ENABLE 2

static int get(int fd, int name, void *val, socklen_t len)
{
	return getsockopt(fd, IPPROTO_SCTP, name, val, &len);
}

/* The structs are packed: addresses in them are reached by memcpy. */

/* The client's one path: the server's address. */
static void peer_of_cli(const struct conf_pair *p, void *ss)
{
	memcpy(ss, &p->srv_addr, sizeof p->srv_addr);
}

static void v4(void *ss, const char *ip, uint16_t port)
{
	struct sockaddr_in s;

	memset(ss, 0, sizeof(struct sockaddr_storage));
	memset(&s, 0, sizeof s);
	s.sin_family = AF_INET;
	s.sin_port = htons(port);
	inet_pton(AF_INET, ip, &s.sin_addr);
	memcpy(ss, &s, sizeof s);
}

static int same_addr(const void *a, const void *b)
{
	struct sockaddr_in x, y;

	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	return x.sin_family == y.sin_family && x.sin_port == y.sin_port
	       && x.sin_addr.s_addr == y.sin_addr.s_addr;
}

/* ---- SCTP_PEER_ADDR_PARAMS ------------------------------------------------- */

static int paddrparams_path_set_get(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp, out;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&pp, 0, sizeof pp);
	peer_of_cli(&p, &pp.spp_address);
	pp.spp_hbinterval = 5000;
	pp.spp_pathmaxrxt = 7;
	pp.spp_flags = SPP_HB_ENABLE;
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&out, 0, sizeof out);
	peer_of_cli(&p, &out.spp_address);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK(out.spp_hbinterval == 5000 && out.spp_pathmaxrxt == 7);
	CHECK(out.spp_flags & SPP_HB_ENABLE);
	return 0;
}

static int paddrparams_socket_default(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_paddrparams pp = { .spp_hbinterval = 4000, .spp_pathmaxrxt = 6,
	                               .spp_flags = SPP_HB_ENABLE }, out;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(fd, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK(out.spp_hbinterval == 4000 && out.spp_pathmaxrxt == 6);
	return 0;
}

static int paddrparams_heartbeat_off(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_flags = SPP_HB_DISABLE }, out;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	pp.spp_assoc_id = p.cli_id;
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&out, 0, sizeof out);
	out.spp_assoc_id = p.cli_id;
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK((out.spp_flags & SPP_HB) == SPP_HB_DISABLE);
	return 0;
}

static int paddrparams_conflicting_flags(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_paddrparams pp = { .spp_flags = SPP_HB };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	pp.spp_flags = SPP_PMTUD;
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	pp.spp_flags = SPP_SACKDELAY;
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	return 0;
}

static int paddrparams_invalid_values(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_paddrparams pp = { .spp_sackdelay = 501 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	pp.spp_sackdelay = 0;
	pp.spp_pathmtu = 511;
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	return 0;
}

static int paddrparams_lengths(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_paddrparams pp = { .spp_flags = SPP_DSCP, .spp_dscp = 0x20 };
	socklen_t len = PADDRPARAMS_OLD_LEN;

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp - 1), EINVAL);
	/* the old struct cannot carry a DSCP */
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, PADDRPARAMS_OLD_LEN),
	            EINVAL);
	pp.spp_flags = 0;
	CHECK_OK(setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, PADDRPARAMS_OLD_LEN));
	CHECK_OK(getsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, &len));
	CHECK(len == PADDRPARAMS_OLD_LEN);
	CHECK_ERRNO(get(fd, SCTP_PEER_ADDR_PARAMS, &pp, PADDRPARAMS_OLD_LEN - 1), EINVAL);
	return 0;
}

static int paddrparams_unknown_path(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_pathmaxrxt = 3 };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	v4(&pp.spp_address, "127.0.0.9", 9);
	CHECK_ERRNO(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	CHECK_ERRNO(get(p.cli, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp), EINVAL);
	return 0;
}

static int paddrparams_unknown_assoc_one_to_many(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_paddrparams pp = { .spp_assoc_id = 12345, .spp_pathmaxrxt = 3 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp), EINVAL);
	return 0;
}

/* a heartbeat on demand needs a path or an association */
static int paddrparams_hb_demand_needs_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_paddrparams pp = { .spp_flags = SPP_HB_DEMAND };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_PEER_ADDR_PARAMS, pp), EINVAL);
	return 0;
}

static int paddrparams_hb_demand(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_flags = SPP_HB_DEMAND };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	peer_of_cli(&p, &pp.spp_address);
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	return 0;
}

static int paddrparams_dscp(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_flags = SPP_DSCP, .spp_dscp = 0xb8 }, out;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	pp.spp_assoc_id = p.cli_id;
	memset(&out, 0, sizeof out);
	out.spp_assoc_id = p.cli_id;
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK(!(out.spp_flags & SPP_DSCP));  /* reported only once set */
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK((out.spp_flags & SPP_DSCP) && out.spp_dscp == 0xb8);
	return 0;
}

/* The path's delayed SACK is the association's SCTP_DELAYED_SACK. */
static int paddrparams_sackdelay(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_flags = SPP_SACKDELAY_ENABLE, .spp_sackdelay = 100 }, out;
	struct sctp_sack_info si;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK(out.spp_sackdelay == 100 && (out.spp_flags & SPP_SACKDELAY) == SPP_SACKDELAY_ENABLE);
	pp.spp_flags = SPP_SACKDELAY_DISABLE;
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&si, 0, sizeof si);
	CHECK_OK(get(p.cli, SCTP_DELAYED_SACK, &si, sizeof si));
	CHECK(si.sack_freq == 1);
	return 0;
}

/* A fixed path MTU is the path's MTU. */
static int paddrparams_fixed_mtu(void)
{
	struct conf_pair p;
	struct sctp_paddrparams pp = { .spp_flags = SPP_PMTUD_DISABLE, .spp_pathmtu = 1200 }, out;
	struct sctp_paddrinfo pi;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	peer_of_cli(&p, &pp.spp_address);
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_PARAMS, pp));
	memset(&out, 0, sizeof out);
	peer_of_cli(&p, &out.spp_address);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &out, sizeof out));
	CHECK(out.spp_pathmtu == 1200 && (out.spp_flags & SPP_PMTUD) == SPP_PMTUD_DISABLE);
	memset(&pi, 0, sizeof pi);
	peer_of_cli(&p, &pi.spinfo_address);
	CHECK_OK(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi));
	CHECK(pi.spinfo_mtu == 1200);
	return 0;
}

/* ---- SCTP_GET_PEER_ADDR_INFO --------------------------------------------- */

static int peer_addr_info(void)
{
	struct conf_pair p;
	struct sctp_paddrinfo pi;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&pi, 0, sizeof pi);
	peer_of_cli(&p, &pi.spinfo_address);
	CHECK_OK(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi));
	CHECK(pi.spinfo_state == SCTP_ACTIVE && pi.spinfo_assoc_id == p.cli_id);
	CHECK(pi.spinfo_rto > 0 && pi.spinfo_mtu > 0 && pi.spinfo_cwnd > 0);
	CHECK(same_addr(&pi.spinfo_address, &p.srv_addr));
	return 0;
}

/* One-to-many: the address finds the association, whatever the id. */
static int peer_addr_info_by_address(void)
{
	struct conf_pair p;
	struct sctp_paddrinfo pi;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&pi, 0, sizeof pi);
	peer_of_cli(&p, &pi.spinfo_address);
	CHECK_OK(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi));
	CHECK(pi.spinfo_assoc_id == p.cli_id);
	pi.spinfo_assoc_id = 54321;
	CHECK_OK(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi));
	CHECK(pi.spinfo_assoc_id == p.cli_id);
	return 0;
}

static int peer_addr_info_errors(void)
{
	struct conf_pair p;
	struct sctp_paddrinfo pi;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&pi, 0, sizeof pi);
	peer_of_cli(&p, &pi.spinfo_address);
	CHECK_ERRNO(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi - 1), EINVAL);
	v4(&pi.spinfo_address, "127.0.0.9", 9);
	CHECK_ERRNO(get(p.cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi), EINVAL);
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi),
	            ENOPROTOOPT);
	return 0;
}

/* ---- SCTP_PRIMARY_ADDR ---------------------------------------------------- */

static int primary_get(void)
{
	struct conf_pair p;
	struct sctp_prim pr;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&pr, 0, sizeof pr);
	pr.ssp_assoc_id = p.cli_id;
	CHECK_OK(get(p.cli, SCTP_PRIMARY_ADDR, &pr, sizeof pr));
	CHECK(same_addr(&pr.ssp_addr, &p.srv_addr));
	return 0;
}

static int primary_set_current(void)
{
	struct conf_pair p;
	struct sctp_prim pr;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&pr, 0, sizeof pr);
	peer_of_cli(&p, &pr.ssp_addr);
	CHECK_OK(SO(p.cli, SCTP_PRIMARY_ADDR, pr));
	return 0;
}

/* Linux tells the program of the path it made primary, even the same one. */
static int primary_made_prim_event(void)
{
	struct conf_pair p;
	struct sctp_event ev = { .se_type = SCTP_PEER_ADDR_CHANGE, .se_on = 1 };
	union sctp_notification n;
	struct sctp_prim prim;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(SO(p.cli, SCTP_EVENT, ev));
	memset(&prim, 0, sizeof prim);
	peer_of_cli(&p, &prim.ssp_addr);
	CHECK_OK(SO(p.cli, SCTP_PRIMARY_ADDR, prim));
	/* a first heartbeat may confirm the path (SCTP_ADDR_CONFIRMED) meanwhile */
	do
		CHECK(conf_wait_notification(p.cli, SCTP_PEER_ADDR_CHANGE, &n, sizeof n)
		      == (int)sizeof n.sn_paddr_change);
	while (n.sn_paddr_change.spc_state == SCTP_ADDR_CONFIRMED);
	CHECK(n.sn_paddr_change.spc_state == SCTP_ADDR_MADE_PRIM);
	CHECK(n.sn_paddr_change.spc_assoc_id == p.cli_id);
	CHECK(same_addr(&n.sn_paddr_change.spc_aaddr, &prim.ssp_addr));
	return 0;
}

static int primary_errors(void)
{
	struct conf_pair p;
	struct sctp_prim pr;
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&pr, 0, sizeof pr);
	v4(&pr.ssp_addr, "127.0.0.9", 9);
	CHECK_ERRNO(SO(p.cli, SCTP_PRIMARY_ADDR, pr), EINVAL);
	peer_of_cli(&p, &pr.ssp_addr);
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &pr, sizeof pr - 1), EINVAL);
	CHECK_ERRNO(get(p.cli, SCTP_PRIMARY_ADDR, &pr, sizeof pr - 1), EINVAL);
	/* get names an association: none on a fresh one-to-many socket */
	memset(&pr, 0, sizeof pr);
	CHECK_ERRNO(get(fd, SCTP_PRIMARY_ADDR, &pr, sizeof pr), EINVAL);
	return 0;
}

/* Two paths: a server bound to every address lists them all in its
 * INIT-ACK (127.0.0.1 and the host's others); the client moves its
 * primary to one it did not connect to.  (usrsctp binds no address its
 * interfaces lack, so 127.0.0.2 cannot be added.) */
static int primary_switch(void)
{
	int lsn = conf_socket(AF_INET, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM), srv, n;
	struct sockaddr_storage any, to, other;
	struct sockaddr *paddrs;
	socklen_t len = sizeof any;
	struct sctp_prim pr;
	struct sctp_status st;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	v4(&any, "0.0.0.0", 0);
	CHECK_OK(bind(lsn, (struct sockaddr *)&any, sizeof(struct sockaddr_in)));
	CHECK_OK(getsockname(lsn, (struct sockaddr *)&any, &len));
	CHECK_OK(listen(lsn, 1));
	v4(&to, "127.0.0.1", ntohs(((struct sockaddr_in *)&any)->sin_port));
	CHECK_OK(connect(cli, (struct sockaddr *)&to, sizeof(struct sockaddr_in)));
	srv = accept(lsn, NULL, NULL);
	CHECK_OK(srv);
	n = sctp_getpaddrs(cli, 0, &paddrs);
	CHECK_OK(n);
	memset(&other, 0, sizeof other);
	for (int i = 0; i < n; i++) {
		struct sockaddr_in *a = (struct sockaddr_in *)paddrs + i;

		if (a->sin_family == AF_INET && !same_addr(a, &to))
			memcpy(&other, a, sizeof *a);
	}
	sctp_freepaddrs(paddrs);
	if (other.ss_family != AF_INET) {
		conf_note("the association has one IPv4 path only");
		return CONF_SKIP;
	}
	/* usrsctp refuses an unconfirmed path as primary (EINVAL), Linux
	 * would not (docs/compat.md): wait for the heartbeat that confirms it */
	for (int tries = 0; tries < 1500; tries++) {
		struct sctp_paddrinfo pi;

		memset(&pi, 0, sizeof pi);
		memcpy(&pi.spinfo_address, &other, sizeof other);
		CHECK_OK(get(cli, SCTP_GET_PEER_ADDR_INFO, &pi, sizeof pi));
		if (pi.spinfo_state != SCTP_UNCONFIRMED)
			break;
		poll(NULL, 0, 20);
	}
	memset(&pr, 0, sizeof pr);
	memcpy(&pr.ssp_addr, &other, sizeof other);
	CHECK_OK(SO(cli, SCTP_PRIMARY_ADDR, pr));
	memset(&pr, 0, sizeof pr);
	CHECK_OK(get(cli, SCTP_PRIMARY_ADDR, &pr, sizeof pr));
	CHECK(same_addr(&pr.ssp_addr, &other));
	memset(&st, 0, sizeof st);
	CHECK_OK(get(cli, SCTP_STATUS, &st, sizeof st));
	CHECK(same_addr(&st.sstat_primary.spinfo_address, &other));
	return 0;
}

/* ---- SCTP_SET_PEER_PRIMARY_ADDR -------------------------------------------- */

/* Linux: EPERM while ASCONF is off (its default), before anything else. */
static int peer_primary_asconf_off(void)
{
	struct conf_pair p;
	struct sctp_setpeerprim sp;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&sp, 0, sizeof sp);
	peer_of_cli(&p, &sp.sspp_addr);
	CHECK_ERRNO(SO(p.cli, SCTP_SET_PEER_PRIMARY_ADDR, sp), EPERM);
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &sp, 3), EPERM);
	CHECK_ERRNO(get(p.cli, SCTP_SET_PEER_PRIMARY_ADDR, &sp, sizeof sp), ENOPROTOOPT);
	return 0;
}

static int peer_primary_needs_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_assoc_value on = { 0, 1 };
	struct sctp_setpeerprim sp;

	CHECK_OK(fd);
	/* ASCONF needs AUTH (RFC 5061) */
	if (SO(fd, SCTP_AUTH_SUPPORTED, on) < 0 || SO(fd, SCTP_ASCONF_SUPPORTED, on) < 0) {
		conf_note("ASCONF cannot be turned on: %s", strerror(errno));
		return CONF_SKIP;
	}
	memset(&sp, 0, sizeof sp);
	v4(&sp.sspp_addr, "127.0.0.1", 9);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &sp, sizeof sp - 1),
	            EINVAL);
	CHECK_ERRNO(SO(fd, SCTP_SET_PEER_PRIMARY_ADDR, sp), EINVAL);
	return 0;
}

/* ---- SCTP_PEER_ADDR_THLDS(_V2) --------------------------------------------- */

static int thlds_v2_set_get(void)
{
	struct conf_pair p;
	struct sctp_paddrthlds_v2 t = { .spt_pathmaxrxt = 8, .spt_pathpfthld = 3,
	                                .spt_pathcpthld = 0xffff }, out;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	t.spt_assoc_id = p.cli_id;
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_THLDS_V2, t));
	memset(&out, 0, sizeof out);
	out.spt_assoc_id = p.cli_id;
	peer_of_cli(&p, &out.spt_address);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_THLDS_V2, &out, sizeof out));
	CHECK(out.spt_pathmaxrxt == 8 && out.spt_pathpfthld == 3 && out.spt_pathcpthld == 0xffff);
	return 0;
}

/* The path's retransmission limit is the one SCTP_PEER_ADDR_PARAMS reports. */
static int thlds_pathmaxrxt_effect(void)
{
	struct conf_pair p;
	struct sctp_paddrthlds t = { .spt_pathmaxrxt = 9, .spt_pathpfthld = 2 };
	struct sctp_paddrparams pp;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	peer_of_cli(&p, &t.spt_address);
	CHECK_OK(SO(p.cli, SCTP_PEER_ADDR_THLDS, t));
	memset(&pp, 0, sizeof pp);
	peer_of_cli(&p, &pp.spp_address);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp));
	CHECK(pp.spp_pathmaxrxt == 9);
	memset(&t, 0, sizeof t);
	peer_of_cli(&p, &t.spt_address);
	CHECK_OK(get(p.cli, SCTP_PEER_ADDR_THLDS, &t, sizeof t));
	CHECK(t.spt_pathmaxrxt == 9 && t.spt_pathpfthld == 2);
	return 0;
}

static int thlds_errors(void)
{
	struct conf_pair p;
	struct sctp_paddrthlds_v2 t = { .spt_pathmaxrxt = 8, .spt_pathpfthld = 4,
	                                .spt_pathcpthld = 3 };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	/* the PF threshold above the switchover one */
	CHECK_ERRNO(SO(p.cli, SCTP_PEER_ADDR_THLDS_V2, t), EINVAL);
	t.spt_pathcpthld = 0xffff;
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_PEER_ADDR_THLDS_V2, &t, sizeof t - 8),
	            EINVAL);
	v4(&t.spt_address, "127.0.0.9", 9);
	CHECK_ERRNO(SO(p.cli, SCTP_PEER_ADDR_THLDS_V2, t), ENOENT);
	CHECK_ERRNO(get(p.cli, SCTP_PEER_ADDR_THLDS_V2, &t, sizeof t), ENOENT);
	return 0;
}

/* ---- SCTP_EXPOSE_POTENTIALLY_FAILED_STATE --------------------------------- */

static int expose_pf_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_assoc_value av = { 0, PF_EXPOSE_ENABLE };

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, av));
	av.assoc_value = 0;
	CHECK_OK(get(fd, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av, sizeof av));
	CHECK(av.assoc_value == PF_EXPOSE_ENABLE);
	return 0;
}

static int expose_pf_errors(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_assoc_value av = { 0, PF_EXPOSE_ENABLE + 1 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, av), EINVAL);
	av.assoc_value = PF_EXPOSE_DISABLE;
	av.assoc_id = 12345;
	CHECK_ERRNO(SO(fd, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, av), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, &av,
	                       sizeof av - 1), EINVAL);
	return 0;
}

/* ---- SCTP_REMOTE_UDP_ENCAPS_PORT ---------------------------------------- */

/* The association's port is the one the shim's packets go to: setting it
 * to that keeps the association working. */
static int encaps_set_get(void)
{
	struct conf_pair p;
	struct sctp_udpencaps e;
	uint16_t port;
	char buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&e, 0, sizeof e);
	CHECK_OK(get(p.cli, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e));
	port = e.sue_port;
	CHECK(port != 0);
	peer_of_cli(&p, &e.sue_address);
	CHECK_OK(SO(p.cli, SCTP_REMOTE_UDP_ENCAPS_PORT, e));
	memset(&e, 0, sizeof e);
	peer_of_cli(&p, &e.sue_address);
	CHECK_OK(get(p.cli, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e));
	CHECK(e.sue_port == port);
	CHECK(send(p.cli, "ping", 4, 0) == 4);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 4);
	return 0;
}

/* Port 0 (no encapsulation on Linux) keeps the shim's own port. */
static int encaps_zero_keeps_port(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_udpencaps e;
	uint16_t port;

	CHECK_OK(fd);
	memset(&e, 0, sizeof e);
	CHECK_OK(get(fd, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e));
	port = e.sue_port;
	e.sue_port = 0;
	CHECK_OK(SO(fd, SCTP_REMOTE_UDP_ENCAPS_PORT, e));
	CHECK_OK(get(fd, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e));
	CHECK(e.sue_port == port && port != 0);
	return 0;
}

static int encaps_errors(void)
{
	struct conf_pair p;
	struct sctp_udpencaps e;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&e, 0, sizeof e);
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e - 1),
	            EINVAL);
	CHECK_ERRNO(get(p.cli, SCTP_REMOTE_UDP_ENCAPS_PORT, &e, sizeof e - 1), EINVAL);
	v4(&e.sue_address, "127.0.0.9", 9);
	CHECK_ERRNO(SO(p.cli, SCTP_REMOTE_UDP_ENCAPS_PORT, e), EINVAL);
	return 0;
}

/* ---- SCTP_PLPMTUD_PROBE_INTERVAL: no PLPMTUD under the shim -------------- */

static int probe_interval_off(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_probeinterval pi;

	CHECK_OK(fd);
	memset(&pi, 0, sizeof pi);
	CHECK_OK(SO(fd, SCTP_PLPMTUD_PROBE_INTERVAL, pi));
	pi.spi_interval = 77;
	CHECK_OK(get(fd, SCTP_PLPMTUD_PROBE_INTERVAL, &pi, sizeof pi));
	CHECK(pi.spi_interval == 0);
	return 0;
}

static int probe_interval_refused(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_probeinterval pi;

	CHECK_OK(fd);
	memset(&pi, 0, sizeof pi);
	pi.spi_interval = 4999;  /* below SCTP_PROBE_TIMER_MIN: Linux refuses it too */
	CHECK_ERRNO(SO(fd, SCTP_PLPMTUD_PROBE_INTERVAL, pi), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_PLPMTUD_PROBE_INTERVAL, &pi, sizeof pi - 1),
	            EINVAL);
	pi.spi_interval = 6000;  /* as a kernel without PLPMTUD */
	CHECK_ERRNO(SO(fd, SCTP_PLPMTUD_PROBE_INTERVAL, pi), ENOPROTOOPT);
	return 0;
}

/* ---- SCTP_GET_ASSOC_STATS ------------------------------------------------ */

static int assoc_stats(void)
{
	struct conf_pair p;
	struct sctp_assoc_stats sas;
	socklen_t len = sizeof sas;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&sas, 0, sizeof sas);
	sas.sas_assoc_id = p.cli_id;
	CHECK_OK(getsockopt(p.cli, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &sas, &len));
	CHECK(len == sizeof sas && sas.sas_assoc_id == p.cli_id);
	CHECK(sas.sas_maxrto > 0 && same_addr(&sas.sas_obs_rto_ipaddr, &p.srv_addr));
	/* as much as there is room for */
	len = sizeof(sctp_assoc_t) + 8;
	CHECK_OK(getsockopt(p.cli, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &sas, &len));
	CHECK(len == sizeof(sctp_assoc_t) + 8);
	return 0;
}

static int assoc_stats_errors(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_assoc_stats sas;

	CHECK_OK(fd);
	memset(&sas, 0, sizeof sas);
	CHECK_ERRNO(get(fd, SCTP_GET_ASSOC_STATS, &sas, sizeof(sctp_assoc_t) - 1), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_GET_ASSOC_STATS, &sas, sizeof sas), EINVAL);
	CHECK_ERRNO(SO(fd, SCTP_GET_ASSOC_STATS, sas), ENOPROTOOPT);
	return 0;
}

/* ---- IP_TOS, IPV6_TCLASS, SO_BINDTODEVICE ------------------------------- */

static int ip_tos_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), tos = 0x28;
	unsigned char byte = 0;
	socklen_t len = sizeof tos;

	CHECK_OK(fd);
	CHECK_OK(setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos));
	tos = 0;
	CHECK_OK(getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len));
	CHECK(tos == 0x28 && len == sizeof tos);
	len = 1;
	CHECK_OK(getsockopt(fd, IPPROTO_IP, IP_TOS, &byte, &len));
	CHECK(byte == 0x28 && len == 1);
	return 0;
}

/* A stream socket's ECN bits are the stack's. */
static int ip_tos_stream_ecn(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), tos = 0x2b;
	socklen_t len = sizeof tos;

	CHECK_OK(fd);
	CHECK_OK(setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos));
	CHECK_OK(getsockopt(fd, IPPROTO_IP, IP_TOS, &tos, &len));
	CHECK(tos == 0x28);
	return 0;
}

static int ipv6_tclass(void)
{
	int fd = conf_socket(AF_INET6, SOCK_SEQPACKET), fd4 = conf_socket(AF_INET, SOCK_SEQPACKET);
	int tc = 0x20;
	socklen_t len = sizeof tc;

	CHECK_OK(fd);
	CHECK_OK(fd4);
	CHECK_OK(setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tc, sizeof tc));
	tc = 0;
	CHECK_OK(getsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tc, &len));
	CHECK(tc == 0x20);
	tc = 256;
	CHECK_ERRNO(setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tc, sizeof tc), EINVAL);
	tc = -1;
	CHECK_OK(setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tc, sizeof tc));
	CHECK_OK(getsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &tc, &len));
	CHECK(tc == 0);
	CHECK_ERRNO(setsockopt(fd4, IPPROTO_IPV6, IPV6_TCLASS, &tc, sizeof tc), ENOPROTOOPT);
	return 0;
}

/* The shim's packets leave through the daemon's one UDP socket: binding to
 * a device is refused as a kernel without network devices refuses it. */
static int bindtodevice(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	char name[16] = "x";
	socklen_t len = sizeof name;

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3), ENOPROTOOPT);
	CHECK_OK(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "", 1));
	CHECK_OK(getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &len));
	CHECK(len == 0);
	return 0;
}

/* ---- ASCONF (RFC 5061) on a live association ------------------------------ */

/* A one-to-one pair with ASCONF (and AUTH, which RFC 5061 requires) on both
 * ends, the server bound to 127.0.0.1 only; the client hears of path
 * changes. */
static int asconf_pair(int *cli, int *srv)
{
	struct sctp_assoc_value on = { 0, 1 };
	struct sctp_event ev = { .se_type = SCTP_PEER_ADDR_CHANGE, .se_on = 1 };
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int lsn = conf_socket(AF_INET, SOCK_STREAM);

	*cli = conf_socket(AF_INET, SOCK_STREAM);
	if (lsn < 0 || *cli < 0)
		return -1;
	if (SO(lsn, SCTP_AUTH_SUPPORTED, on) < 0 || SO(lsn, SCTP_ASCONF_SUPPORTED, on) < 0
	    || SO(*cli, SCTP_AUTH_SUPPORTED, on) < 0 || SO(*cli, SCTP_ASCONF_SUPPORTED, on) < 0
	    || SO(*cli, SCTP_EVENT, ev) < 0)
		return -1;
	if (conf_bind_loopback(lsn, AF_INET, &ss, &len) < 0 || listen(lsn, 1) < 0
	    || connect(*cli, (struct sockaddr *)&ss, len) < 0)
		return -1;
	*srv = accept(lsn, NULL, NULL);
	return *srv < 0 ? -1 : 0;
}

/* A second IPv4 address of this host (packets to it never leave the
 * host): the first one of an interface that is up, not the loopback. */
static int other_local_v4(struct sockaddr_in *out)
{
	struct ifaddrs *all, *i;
	int found = -1;

	if (getifaddrs(&all) < 0)
		return -1;
	for (i = all; i && found < 0; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET
		    || !(i->ifa_flags & IFF_UP) || (i->ifa_flags & IFF_LOOPBACK))
			continue;
		memcpy(out, i->ifa_addr, sizeof *out);
		out->sin_port = 0;
		found = 0;
	}
	freeifaddrs(all);
	return found;
}

static int asconf_bindx_add_live(void)
{
	union sctp_notification n;
	struct sockaddr_in extra;
	struct sockaddr *paddrs;
	int cli, srv, count;

	if (other_local_v4(&extra) < 0) {
		conf_note("this host has no IPv4 address but the loopback's");
		return CONF_SKIP;
	}
	CHECK_OK(asconf_pair(&cli, &srv));
	CHECK_OK(sctp_bindx(srv, (struct sockaddr *)&extra, 1, SCTP_BINDX_ADD_ADDR));
	CHECK(conf_wait_notification(cli, SCTP_PEER_ADDR_CHANGE, &n, sizeof n)
	      == (int)sizeof n.sn_paddr_change);
	CHECK(n.sn_paddr_change.spc_state == SCTP_ADDR_ADDED);
	memcpy(&extra.sin_port, &((struct sockaddr_in *)&n.sn_paddr_change.spc_aaddr)->sin_port,
	       sizeof extra.sin_port);
	CHECK(same_addr(&n.sn_paddr_change.spc_aaddr, &extra));
	CHECK((count = sctp_getpaddrs(cli, 0, &paddrs)) == 2);
	sctp_freepaddrs(paddrs);
	return 0;
}

/* The server adds its other address; the client has heard of it. */
static int asconf_add_other(int *cli, int *srv, struct sockaddr_in *extra)
{
	union sctp_notification n;
	struct sockaddr_in lsn;
	socklen_t len = sizeof lsn;

	if (asconf_pair(cli, srv) < 0 || getsockname(*srv, (struct sockaddr *)&lsn, &len) < 0
	    || sctp_bindx(*srv, (struct sockaddr *)extra, 1, SCTP_BINDX_ADD_ADDR) < 0
	    || conf_wait_notification(*cli, SCTP_PEER_ADDR_CHANGE, &n, sizeof n) < 0
	    || n.sn_paddr_change.spc_state != SCTP_ADDR_ADDED)
		return -1;
	extra->sin_port = lsn.sin_port;
	return 0;
}

static int asconf_bindx_rem_live(void)
{
	union sctp_notification n;
	struct sockaddr_in extra;
	int cli, srv;

	if (other_local_v4(&extra) < 0)
		return CONF_SKIP;
	CHECK_OK(asconf_add_other(&cli, &srv, &extra));
	/* the peer reports the address added when the ASCONF arrives; usrsctp
	 * lists it as ours once the ASCONF-ACK is back (docs/compat.md) */
	for (int tries = 0; tries < 1500; tries++) {
		struct sockaddr *addrs;
		int n = sctp_getladdrs(srv, 0, &addrs);

		if (n > 0)
			sctp_freeladdrs(addrs);
		if (n >= 2)
			break;
		poll(NULL, 0, 20);
	}
	CHECK_OK(sctp_bindx(srv, (struct sockaddr *)&extra, 1, SCTP_BINDX_REM_ADDR));
	/* the new path's confirmation (SCTP_ADDR_CONFIRMED) may come first */
	do
		CHECK(conf_wait_notification(cli, SCTP_PEER_ADDR_CHANGE, &n, sizeof n)
		      == (int)sizeof n.sn_paddr_change);
	while (n.sn_paddr_change.spc_state == SCTP_ADDR_CONFIRMED);
	CHECK(n.sn_paddr_change.spc_state == SCTP_ADDR_REMOVED);
	CHECK(same_addr(&n.sn_paddr_change.spc_aaddr, &extra));
	return 0;
}

/* SET_PEER_PRIMARY_ADDR asks the peer to send to one of our addresses. */
static int asconf_set_peer_primary(void)
{
	struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };
	struct sctp_setpeerprim sp;
	struct sctp_prim prim;
	struct sockaddr_in extra;
	int cli, srv;

	if (other_local_v4(&extra) < 0)
		return CONF_SKIP;
	CHECK_OK(asconf_add_other(&cli, &srv, &extra));
	memset(&sp, 0, sizeof sp);
	memcpy(&sp.sspp_addr, &extra, sizeof extra);
	CHECK_OK(SO(srv, SCTP_SET_PEER_PRIMARY_ADDR, sp));
	/* the peer switches when the ASCONF arrives; nothing tells the program */
	for (int i = 0; i < 1000; i++) {
		memset(&prim, 0, sizeof prim);
		CHECK_OK(get(cli, SCTP_PRIMARY_ADDR, &prim, sizeof prim));
		if (same_addr(&prim.ssp_addr, &extra))
			return 0;
		nanosleep(&tick, NULL);
	}
	conf_note("the client's primary path never became the server's other address");
	return 1;
}

static const struct conf_case cases[] = {
	{ "paddrparams-path-set-get", paddrparams_path_set_get },
	{ "paddrparams-socket-default", paddrparams_socket_default },
	{ "paddrparams-heartbeat-off", paddrparams_heartbeat_off },
	{ "paddrparams-conflicting-flags", paddrparams_conflicting_flags },
	{ "paddrparams-invalid-values", paddrparams_invalid_values },
	{ "paddrparams-lengths", paddrparams_lengths },
	{ "paddrparams-unknown-path", paddrparams_unknown_path },
	{ "paddrparams-unknown-assoc-one-to-many", paddrparams_unknown_assoc_one_to_many },
	{ "paddrparams-hb-demand-needs-assoc", paddrparams_hb_demand_needs_assoc },
	{ "paddrparams-hb-demand", paddrparams_hb_demand },
	{ "paddrparams-dscp", paddrparams_dscp },
	{ "paddrparams-sackdelay", paddrparams_sackdelay },
	{ "paddrparams-fixed-mtu", paddrparams_fixed_mtu },
	{ "peer-addr-info", peer_addr_info },
	{ "peer-addr-info-by-address", peer_addr_info_by_address },
	{ "peer-addr-info-errors", peer_addr_info_errors },
	{ "primary-get", primary_get },
	{ "primary-set-current", primary_set_current },
	{ "primary-made-prim-event", primary_made_prim_event },
	{ "primary-errors", primary_errors },
	{ "primary-switch", primary_switch },
	{ "peer-primary-asconf-off", peer_primary_asconf_off },
	{ "peer-primary-needs-assoc", peer_primary_needs_assoc },
	{ "asconf-bindx-add-live", asconf_bindx_add_live },
	{ "asconf-bindx-rem-live", asconf_bindx_rem_live },
	{ "asconf-set-peer-primary", asconf_set_peer_primary },
	{ "thlds-v2-set-get", thlds_v2_set_get },
	{ "thlds-pathmaxrxt-effect", thlds_pathmaxrxt_effect },
	{ "thlds-errors", thlds_errors },
	{ "expose-pf-set-get", expose_pf_set_get },
	{ "expose-pf-errors", expose_pf_errors },
	{ "encaps-set-get", encaps_set_get },
	{ "encaps-zero-keeps-port", encaps_zero_keeps_port },
	{ "encaps-errors", encaps_errors },
	{ "probe-interval-off", probe_interval_off },
	{ "probe-interval-refused", probe_interval_refused },
	{ "assoc-stats", assoc_stats },
	{ "assoc-stats-errors", assoc_stats_errors },
	{ "ip-tos-set-get", ip_tos_set_get },
	{ "ip-tos-stream-ecn", ip_tos_stream_ecn },
	{ "ipv6-tclass", ipv6_tclass },
	{ "bindtodevice", bindtodevice },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
