/* SPDX-License-Identifier: MIT */
/*
 * The "path" family of options (see engine_optdesc.h): usrsctp's where it
 * has them, with Linux's rules and errnos on top; the endpoint's own state
 * for what usrsctp lacks.  docs/compat.md says what differs from Linux.
 */
#define _GNU_SOURCE
#include "daemon/engine_notify.h"
#include "daemon/engine_optdesc.h"

#include <errno.h>
#include <string.h>

/* usrsctp has these (FreeBSD's numbers and layout), usrsctp.h does not say so. */
#ifndef SCTP_PEER_ADDR_THLDS
#define SCTP_PEER_ADDR_THLDS 0x00000023
#endif
struct usr_paddrthlds {
	struct sockaddr_storage spt_address;
	sctp_assoc_t spt_assoc_id;
	uint16_t spt_pathmaxrxt;
	uint16_t spt_pathpfthld;
	uint16_t spt_pathcpthld;
};

/* RFC 6458 / Linux SPP_* bits; usrsctp has the same numbers except for the
 * delayed SACK pair, which it keeps in SCTP_DELAYED_SACK instead. */
#define NEUTRAL_SACKDELAY_ENABLE  (1u << 5)
#define NEUTRAL_SACKDELAY_DISABLE (1u << 6)
#define USR_SPP_FLAGS (SPP_HB_ENABLE | SPP_HB_DISABLE | SPP_HB_DEMAND | SPP_PMTUD_ENABLE \
		       | SPP_PMTUD_DISABLE | SPP_HB_TIME_IS_ZERO | SPP_IPV6_FLOWLABEL | SPP_DSCP)
/* usrsctp's bounds for a fixed path MTU (SCTP_SMALLEST_PMTU, SCTP_LARGEST_PMTU) */
#define USR_PMTU_MIN 512
#define USR_PMTU_MAX 65536
/* Linux's default ps_retrans: primary path switchover off */
#define CPTHLD_OFF 0xffff

/* Slots past the table's fields (proto.h). */
#define PRIM_RAW_ID 0
#define PEERPRIM_RAW_ID 0
#define PEERPRIM_SHORT 1
#define PINFO_RAW_ID 5
#define THLDS_HAS_CP 3

/* ---- addresses ------------------------------------------------------------ */

/* Linux's sctp_is_any(): no address, or the wildcard one. */
static bool addr_is_any(const struct shim_addr *a)
{
	static const uint8_t zero[16];

	if (a->family != AF_INET && a->family != AF_INET6)
		return true;
	return memcmp(a->addr, zero, a->family == AF_INET ? 4 : 16) == 0;
}

/* The address for usrsctp: "all paths" is the wildcard of the socket's
 * family (usrsctp refuses an address of no family). */
static void usr_addr(struct endpoint *ep, const struct shim_addr *a, struct sockaddr_storage *ss)
{
	if (addr_is_any(a)) {
		memset(ss, 0, sizeof *ss);
		ss->ss_family = ep->family;
		return;
	}
	shim_addr_to_sockaddr(a, ss);
}

/* Which association a raw id names for options Linux looks up by address
 * (sctp_addr_id2transport): one of the socket's, or none (0), in which
 * case usrsctp finds the association from the address, as Linux does. */
static uint32_t raw_assoc(struct endpoint *ep, uint64_t raw)
{
	if (ep->style == SHIM_STYLE_ONE_TO_ONE)
		return ep->state == EP_CONNECTED || ep->state == EP_ENDED ? ep->assoc_id : 0;
	if (raw > SHIM_ALL_ASSOC && raw <= UINT32_MAX && engine_assoc_exists(ep, (uint32_t)raw))
		return (uint32_t)raw;
	return SHIM_FUTURE_ASSOC;
}

/* The path (id, address) as usrsctp knows it; 0 or usrsctp's errno. */
static int path_info(struct endpoint *ep, uint32_t id, const struct shim_addr *a,
		     struct sctp_paddrinfo *pi)
{
	socklen_t l = sizeof *pi;

	memset(pi, 0, sizeof *pi);
	shim_addr_to_sockaddr(a, &pi->spinfo_address);
	pi->spinfo_assoc_id = id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, pi, &l) < 0)
		return errno ? errno : EINVAL;
	return 0;
}

/* Linux: an address that is not a path of the association (or of any
 * association of the socket) gets err. */
static int check_path(struct endpoint *ep, uint32_t id, const struct shim_addr *a, int err)
{
	struct sctp_paddrinfo pi;

	if (addr_is_any(a))
		return 0;
	return path_info(ep, id, a, &pi) ? err : 0;
}

/* ---- SCTP_PEER_ADDR_PARAMS ------------------------------------------------ */

/* usrsctp's options about one path: where their address and association
 * id are. */
struct usr_path_layout {
	int name;
	socklen_t size;
	size_t addr_off, assoc_off;
};
#define USR_PATH_LAYOUT(name, type, addr_member, assoc_member) \
	{ name, sizeof(type), offsetof(type, addr_member), offsetof(type, assoc_member) }

static const struct usr_path_layout paddrparams_layout = USR_PATH_LAYOUT(
	SCTP_PEER_ADDR_PARAMS, struct sctp_paddrparams, spp_address, spp_assoc_id);
static const struct usr_path_layout thlds_layout = USR_PATH_LAYOUT(
	SCTP_PEER_ADDR_THLDS, struct usr_paddrthlds, spt_address, spt_assoc_id);
static const struct usr_path_layout encaps_layout = USR_PATH_LAYOUT(
	SCTP_REMOTE_UDP_ENCAPS_PORT, struct sctp_udpencaps, sue_address, sue_assoc_id);

/* Set or get one of them: buf (holding the values to set) gets the path's
 * address (usr_addr) and the association id first.  0 or -errno. */
static int usr_path_opt(struct endpoint *ep, const struct usr_path_layout *l, bool set,
			void *buf, uint32_t id, const struct shim_addr *a)
{
	struct sockaddr_storage ss;
	sctp_assoc_t assoc = id;
	socklen_t len = l->size;
	int r;

	usr_addr(ep, a, &ss);
	memcpy((uint8_t *)buf + l->addr_off, &ss, sizeof ss);
	memcpy((uint8_t *)buf + l->assoc_off, &assoc, sizeof assoc);
	r = set ? usrsctp_setsockopt(ep->so, IPPROTO_SCTP, l->name, buf, len)
		: usrsctp_getsockopt(ep->so, IPPROTO_SCTP, l->name, buf, &len);
	return r < 0 ? engine_opt_errno(errno) : 0;
}

static int usr_paddr_get(struct endpoint *ep, uint32_t id, const struct shim_addr *a,
			 struct sctp_paddrparams *p)
{
	memset(p, 0, sizeof *p);
	return usr_path_opt(ep, &paddrparams_layout, false, p, id, a);
}

/* Linux keeps the delayed SACK per path; usrsctp per association. */
static int sackdelay_set(struct endpoint *ep, uint32_t id, uint64_t flags, uint64_t delay)
{
	struct sctp_sack_info si;
	socklen_t l = sizeof si;

	memset(&si, 0, sizeof si);
	si.sack_assoc_id = id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, &l) < 0)
		return engine_opt_errno(errno);
	if (flags & NEUTRAL_SACKDELAY_DISABLE) {
		si.sack_freq = 1;
	} else if (flags & NEUTRAL_SACKDELAY_ENABLE) {
		if (delay)
			si.sack_delay = (uint32_t)delay;
		if (si.sack_freq <= 1)
			si.sack_freq = 2;  /* RFC 4960's default, as Linux's */
	} else {
		return 0;
	}
	si.sack_assoc_id = id;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, sizeof si) < 0)
		return engine_opt_errno(errno);
	return 0;
}

static int paddrparams_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	const struct shim_optval *v = a->val;
	uint64_t flags = v->f[4];
	struct sctp_paddrparams p, cur;
	int err = check_path(ep, a->assoc_id, &v->addr, -EINVAL);

	if (err)
		return err;
	/* a heartbeat on demand needs a path or an association */
	if ((flags & SPP_HB_DEMAND) && addr_is_any(&v->addr) && a->assoc_id == SHIM_FUTURE_ASSOC)
		return -EINVAL;
	if ((err = usr_paddr_get(ep, a->assoc_id, &v->addr, &cur)))
		return err;
	memset(&p, 0, sizeof p);
	p.spp_hbinterval = (uint32_t)v->f[0];
	p.spp_pathmaxrxt = (uint16_t)v->f[1];
	p.spp_pathmtu = (uint32_t)v->f[2];
	p.spp_flags = (uint32_t)(flags & USR_SPP_FLAGS);
	p.spp_ipv6_flowlabel = (uint32_t)v->f[5];
	p.spp_dscp = (uint8_t)v->f[6];
	if (p.spp_flags & SPP_PMTUD_DISABLE) {
		/* Linux: no MTU given keeps the current one fixed */
		if (!p.spp_pathmtu)
			p.spp_pathmtu = cur.spp_pathmtu;
		if (p.spp_pathmtu < USR_PMTU_MIN || p.spp_pathmtu > USR_PMTU_MAX) {
			if (v->f[2])
				return -EINVAL;
			p.spp_flags &= ~(uint32_t)SPP_PMTUD_DISABLE;  /* nothing to fix yet */
		}
	}
	if ((err = usr_path_opt(ep, &paddrparams_layout, true, &p, a->assoc_id, &v->addr)))
		return err;
	return sackdelay_set(ep, a->assoc_id, flags, v->f[3]);
}

static int paddrparams_get(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	struct shim_optval *v = a->val;
	struct sctp_paddrparams p;
	struct sctp_sack_info si;
	socklen_t l = sizeof si;
	int err = check_path(ep, a->assoc_id, &v->addr, -EINVAL);

	if (err || (err = usr_paddr_get(ep, a->assoc_id, &v->addr, &p)))
		return err;
	v->f[0] = p.spp_hbinterval;
	v->f[1] = p.spp_pathmaxrxt;
	v->f[2] = p.spp_pathmtu;
	v->f[4] = p.spp_flags & USR_SPP_FLAGS & ~(uint32_t)SPP_HB_DEMAND;
	v->f[5] = p.spp_flags & SPP_IPV6_FLOWLABEL ? p.spp_ipv6_flowlabel : 0;
	v->f[6] = p.spp_flags & SPP_DSCP ? p.spp_dscp : 0;
	memset(&si, 0, sizeof si);
	si.sack_assoc_id = a->assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_DELAYED_SACK, &si, &l) == 0) {
		v->f[3] = si.sack_delay;
		v->f[4] |= si.sack_freq == 1 ? NEUTRAL_SACKDELAY_DISABLE : NEUTRAL_SACKDELAY_ENABLE;
	}
	return 0;
}

/* ---- the primary path ---------------------------------------------------- */

static int primary_set(struct endpoint *ep, const struct engine_optdesc *d,
		       struct engine_optarg *a)
{
	struct sctp_setprim sp;

	memset(&sp, 0, sizeof sp);
	shim_addr_to_sockaddr(&a->val->addr, &sp.ssp_addr);
	sp.ssp_assoc_id = raw_assoc(ep, a->val->f[PRIM_RAW_ID]);
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, sizeof sp) < 0)
		return -EINVAL;  /* Linux: no such path */
	engine_notify_made_primary(ep, (uint32_t)sp.ssp_assoc_id, &a->val->addr);
	return 0;
}

static int primary_get(struct endpoint *ep, const struct engine_optdesc *d,
		       struct engine_optarg *a)
{
	struct sctp_setprim sp;
	socklen_t l = sizeof sp;

	memset(&sp, 0, sizeof sp);
	sp.ssp_assoc_id = a->assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &sp, &l) < 0)
		return engine_opt_errno(errno);
	if (shim_addr_from_sockaddr(&a->val->addr, (struct sockaddr *)&sp.ssp_addr,
				    sizeof sp.ssp_addr) < 0)
		return -ENOTCONN;  /* Linux: no primary path */
	return 0;
}

static int assoc_value(struct endpoint *ep, int name, uint32_t id, uint32_t *out)
{
	struct sctp_assoc_value av = { .assoc_id = id };
	socklen_t l = sizeof av;

	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, name, &av, &l) < 0)
		return engine_opt_errno(errno);
	*out = av.assoc_value;
	return 0;
}

/* Linux's sctp_setsockopt_peer_primary_addr, its checks in its order. */
static int peer_primary_set(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a)
{
	const struct shim_optval *v = a->val;
	struct sctp_setpeerprim pp;
	struct sctp_status st;
	socklen_t l = sizeof st;
	uint32_t id, on = 0;

	if (assoc_value(ep, SCTP_ASCONF_SUPPORTED, SHIM_FUTURE_ASSOC, &on) || !on)
		return -EPERM;
	if (v->f[PEERPRIM_SHORT])
		return -EINVAL;
	id = raw_assoc(ep, v->f[PEERPRIM_RAW_ID]);
	if (id == SHIM_FUTURE_ASSOC)
		return -EINVAL;
	/* the association's: negotiated with the peer */
	if (assoc_value(ep, SCTP_ASCONF_SUPPORTED, id, &on) || !on)
		return -EPERM;
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	    || (st.sstat_state & 0xff) != SCTP_ESTABLISHED)
		return -ENOTCONN;
	if (v->addr.family != AF_INET && v->addr.family != AF_INET6)
		return -EINVAL;
	memset(&pp, 0, sizeof pp);
	shim_addr_to_sockaddr(&v->addr, &pp.sspp_addr);
	pp.sspp_assoc_id = id;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &pp, sizeof pp) < 0)
		/* usrsctp: not one of the association's own addresses */
		return errno == EINVAL || errno == EADDRNOTAVAIL ? -EADDRNOTAVAIL
							       : engine_opt_errno(errno);
	return 0;
}

/* ---- SCTP_GET_PEER_ADDR_INFO ------------------------------------------------ */

static int peer_addr_info_get(struct endpoint *ep, const struct engine_optdesc *d,
			      struct engine_optarg *a)
{
	struct shim_optval *v = a->val;
	struct sctp_paddrinfo pi;

	if (path_info(ep, raw_assoc(ep, v->f[PINFO_RAW_ID]), &v->addr, &pi))
		return -EINVAL;  /* Linux: no such path */
	v->assoc_id = (uint32_t)pi.spinfo_assoc_id;
	v->f[0] = engine_path_state(pi.spinfo_state);
	v->f[1] = pi.spinfo_cwnd;
	v->f[2] = pi.spinfo_srtt;
	v->f[3] = pi.spinfo_rto;
	v->f[4] = pi.spinfo_mtu;
	return 0;
}

/* ---- SCTP_PEER_ADDR_THLDS(_V2) -------------------------------------------- */

static int usr_thlds_get(struct endpoint *ep, uint32_t id, const struct shim_addr *a,
			 struct usr_paddrthlds *t)
{
	memset(t, 0, sizeof *t);
	return usr_path_opt(ep, &thlds_layout, false, t, id, a);
}

static int thlds_set(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	const struct shim_optval *v = a->val;
	struct usr_paddrthlds t;
	int err = check_path(ep, a->assoc_id, &v->addr, -ENOENT);

	if (err || (err = usr_thlds_get(ep, a->assoc_id, &v->addr, &t)))
		return err;
	/* usrsctp cannot switch the primary path over on its own: only
	 * Linux's default (off) can be honoured */
	if (v->f[THLDS_HAS_CP] && v->f[2] != CPTHLD_OFF)
		return -EINVAL;
	if (v->f[0])
		t.spt_pathmaxrxt = (uint16_t)v->f[0];
	t.spt_pathpfthld = (uint16_t)v->f[1];
	t.spt_pathcpthld = CPTHLD_OFF;
	return usr_path_opt(ep, &thlds_layout, true, &t, a->assoc_id, &v->addr);
}

static int thlds_get(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	struct shim_optval *v = a->val;
	struct usr_paddrthlds t;
	int err = check_path(ep, a->assoc_id, &v->addr, -ENOENT);

	if (err || (err = usr_thlds_get(ep, a->assoc_id, &v->addr, &t)))
		return err;
	v->f[0] = t.spt_pathmaxrxt;
	v->f[1] = t.spt_pathpfthld;
	v->f[2] = CPTHLD_OFF;
	return 0;
}

/* ---- SCTP_EXPOSE_POTENTIALLY_FAILED_STATE: kept per socket ------------------ */

static int pf_expose_set(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	ep->path.pf_expose = (uint8_t)a->val->f[0];
	return 0;
}

static int pf_expose_get(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	a->val->f[0] = ep->path.pf_expose;
	return 0;
}

/* ---- SCTP_REMOTE_UDP_ENCAPS_PORT ------------------------------------------ */

/*
 * Port 0 (Linux: plain SCTP over IP) stands for the daemon's own choice
 * for the peer (net.sctp.encap_port, or native SCTP where sctpshim.native
 * and the peer lists say so): native SCTP needs CAP_NET_RAW, which the
 * daemon may not have, and a path without either would stay silent.  A
 * port the program sets on the socket itself holds for every peer.
 */
static bool encaps_socket_level(struct endpoint *ep, const struct engine_optarg *a)
{
	if (!addr_is_any(&a->val->addr) || a->assoc_id != SHIM_FUTURE_ASSOC)
		return false;
	return ep->style == SHIM_STYLE_ONE_TO_MANY
		|| ep->state == EP_IDLE || ep->state == EP_LISTENING;
}

static int encaps_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	struct sctp_udpencaps e;
	struct sockaddr_storage peer;
	bool socket_level = encaps_socket_level(ep, a);
	int err = check_path(ep, a->assoc_id, &a->val->addr, -EINVAL);

	if (err)
		return err;
	memset(&e, 0, sizeof e);
	e.sue_port = (uint16_t)a->val->f[0];
	if (!e.sue_port)
		e.sue_port = engine_encap_port_for(addr_is_any(&a->val->addr) ? NULL
			: (usr_addr(ep, &a->val->addr, &peer), (struct sockaddr *)&peer));
	err = usr_path_opt(ep, &encaps_layout, true, &e, a->assoc_id, &a->val->addr);
	if (!err && socket_level) {
		ep->path.encap_chosen = a->val->f[0] != 0;
		ep->path.encap_socket = e.sue_port;
	}
	return err;
}

static int encaps_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	struct sctp_udpencaps e;
	int err = check_path(ep, a->assoc_id, &a->val->addr, -EINVAL);

	memset(&e, 0, sizeof e);
	if (err || (err = usr_path_opt(ep, &encaps_layout, false, &e, a->assoc_id, &a->val->addr)))
		return err;
	a->val->f[0] = e.sue_port;
	return 0;
}

/* ---- SCTP_PLPMTUD_PROBE_INTERVAL: usrsctp has no PLPMTUD ----------------- */

/* 0 (probing off) is the truth and accepted; an interval is refused as a
 * kernel without PLPMTUD refuses the option. */
static int probe_set(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	int err = check_path(ep, a->assoc_id, &a->val->addr, -EINVAL);

	if (err)
		return err;
	return a->val->f[0] ? -ENOPROTOOPT : 0;
}

static int probe_get(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	int err = check_path(ep, a->assoc_id, &a->val->addr, -EINVAL);

	a->val->f[0] = 0;
	return err;
}

/* ---- SCTP_GET_ASSOC_STATS ----------------------------------------------- */

/* usrsctp counts per stack, not per association: only the primary path's
 * RTO (the current one, not the largest since the last call) is known. */
static int stats_get(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	struct sctp_status st;
	socklen_t l = sizeof st;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = a->assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0)
		return -EINVAL;
	memset(a->val->f, 0, sizeof a->val->f);
	a->val->f[0] = st.sstat_primary.spinfo_rto;
	if (shim_addr_from_sockaddr(&a->val->addr, (struct sockaddr *)&st.sstat_primary.spinfo_address,
				    sizeof st.sstat_primary.spinfo_address) < 0)
		memset(&a->val->addr, 0, sizeof a->val->addr);
	return 0;
}

/* ---- IP_TOS, IPV6_TCLASS: kept, reported (the library applies Linux's rules) */

static int tos_set(struct endpoint *ep, const struct engine_optdesc *d,
		   struct engine_optarg *a) { ep->path.ip_tos = (uint8_t)a->val->f[0]; return 0; }
static int tos_get(struct endpoint *ep, const struct engine_optdesc *d,
		   struct engine_optarg *a) { a->val->f[0] = ep->path.ip_tos; return 0; }

static int tclass_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	ep->path.ipv6_tclass = (uint8_t)a->val->f[0];
	return 0;
}

static int tclass_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	a->val->f[0] = ep->path.ipv6_tclass;
	return 0;
}

#define HOOKS(shim_name, setter, getter) \
	{ shim_name, 0, 0, EO_NO_ASSOC, { { 0 } }, setter, getter }

const struct engine_optdesc engine_opts_path[] = {
	HOOKS(SHIM_OPT_PEER_ADDR_PARAMS, paddrparams_set, paddrparams_get),
	HOOKS(SHIM_OPT_PRIMARY_ADDR, primary_set, primary_get),
	HOOKS(SHIM_OPT_SET_PEER_PRIMARY_ADDR, peer_primary_set, NULL),
	HOOKS(SHIM_OPT_GET_PEER_ADDR_INFO, NULL, peer_addr_info_get),
	HOOKS(SHIM_OPT_PEER_ADDR_THLDS, thlds_set, thlds_get),
	HOOKS(SHIM_OPT_EXPOSE_PF_STATE, pf_expose_set, pf_expose_get),
	HOOKS(SHIM_OPT_REMOTE_UDP_ENCAPS_PORT, encaps_set, encaps_get),
	HOOKS(SHIM_OPT_PLPMTUD_PROBE_INTERVAL, probe_set, probe_get),
	HOOKS(SHIM_OPT_GET_ASSOC_STATS, NULL, stats_get),
	HOOKS(SHIM_OPT_IP_TOS, tos_set, tos_get),
	HOOKS(SHIM_OPT_IPV6_TCLASS, tclass_set, tclass_get),
	{ 0 }
};
