/* SPDX-License-Identifier: MIT */
/*
 * The "path" family of SOL_SCTP options: per-path parameters, the primary
 * path, thresholds, UDP encapsulation, statistics.  Sizes and checks follow
 * Linux's sctp_setsockopt_*() / sctp_getsockopt_*() (net/sctp/socket.c).
 */
#include "personality/optdesc.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

#define ID_OR_FUTURE (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE)

/* Linux's SCTP_PROBE_TIMER_MIN (ms): smaller non-zero intervals are refused. */
#define PROBE_TIMER_MIN 5000
/* Linux's SCTP_DEFAULT_MINSEGMENT: the smallest fixed path MTU it takes. */
#define MIN_PATHMTU 512
/* SCTP_PF_EXPOSE_MAX */
#define PF_EXPOSE_MAX 2

/* The old struct sctp_paddrparams, before spp_ipv6_flowlabel and spp_dscp. */
#define PADDRPARAMS_OLD_LEN \
	((offsetof(struct sctp_paddrparams, spp_ipv6_flowlabel) + 3) & ~(size_t)3)

/* Slots after the listed fields, filled by the hooks below (proto.h). */
#define PRIM_RAW_ID 0
#define PEERPRIM_RAW_ID 0
#define PEERPRIM_SHORT 1
#define PINFO_RAW_ID 5
#define THLDS_HAS_CP 3

/* A decode that keeps the program's address as it gave it, as Linux does
 * (sctp_addr_id2transport only normalises it). */
static int decode_keep_addr(const struct pers_optdesc *d, const struct shim_optval *v,
                            void *val, socklen_t *len, size_t addr_off)
{
	struct sockaddr_storage given;
	int r;

	memcpy(&given, (uint8_t *)val + addr_off, sizeof given);
	r = pers_opt_decode_table(d, v, val, len);
	memcpy((uint8_t *)val + addr_off, &given, sizeof given);
	return r;
}

/* ---- SCTP_PEER_ADDR_PARAMS ----------------------------------------------- */

static int paddrparams_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                              struct pers_opt *o)
{
	struct sctp_paddrparams p;
	int r;

	if (len != (socklen_t)sizeof p && len != (socklen_t)PADDRPARAMS_OLD_LEN)
		return -EINVAL;
	memset(&p, 0, sizeof p);
	memcpy(&p, val, (size_t)len);
	/* the old struct has no room for these */
	if (len == (socklen_t)PADDRPARAMS_OLD_LEN && (p.spp_flags & (SPP_DSCP | SPP_IPV6_FLOWLABEL)))
		return -EINVAL;
	r = pers_opt_encode_table(d, &p, sizeof p, o);
	return r;
}

static int paddrparams_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	uint64_t flags = o->val.f[4];

	if ((flags & SPP_HB) == SPP_HB || (flags & SPP_PMTUD) == SPP_PMTUD
	    || (flags & SPP_SACKDELAY) == SPP_SACKDELAY)
		return -EINVAL;
	if (o->val.f[3] > 500 || (o->val.f[2] && o->val.f[2] < MIN_PATHMTU))
		return -EINVAL;
	return 0;
}

static int paddrparams_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                               struct pers_opt *o)
{
	struct sctp_paddrparams p;

	if (len < (socklen_t)PADDRPARAMS_OLD_LEN)
		return -EINVAL;
	memcpy(&p, val, sizeof p);  /* the library's buffer has room beyond len */
	o->assoc_id = (uint32_t)p.spp_assoc_id;
	shim_fields_read(d->f, &p, &o->val);
	return 0;
}

static int paddrparams_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                              const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	socklen_t want = *len >= (socklen_t)sizeof(struct sctp_paddrparams)
		? (socklen_t)sizeof(struct sctp_paddrparams) : (socklen_t)PADDRPARAMS_OLD_LEN;
	int r = decode_keep_addr(d, v, val, len,
	                         offsetof(struct sctp_paddrparams, spp_address));

	*len = want;
	return r;
}

/* ---- addresses looked up first, the id only compared ----------------------- */

/* The request's scope is SOCKET: the daemon decides from the raw id, as
 * Linux's sctp_addr_id2transport() does. */
static int prim_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	if (o->val.addr.family != AF_INET && o->val.addr.family != AF_INET6)
		return -EINVAL;
	o->val.f[PRIM_RAW_ID] = o->assoc_id;
	o->scope = SHIM_SCOPE_SOCKET;
	return 0;
}

static int prim_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                        struct pers_opt *o)
{
	struct sctp_prim p;

	if (len < (socklen_t)sizeof p)
		return -EINVAL;
	memcpy(&p, val, sizeof p);
	o->assoc_id = (uint32_t)p.ssp_assoc_id;
	return 0;
}

/* Linux refuses with EPERM before it looks at optlen when ASCONF is off,
 * which only the daemon knows: a wrong length travels as a flag. */
static int peerprim_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                           struct pers_opt *o)
{
	struct sctp_setpeerprim p;

	memset(&p, 0, sizeof p);
	if (len == (socklen_t)sizeof p) {
		memcpy(&p, val, sizeof p);
		o->assoc_id = (uint32_t)p.sspp_assoc_id;
		shim_fields_read(d->f, &p, &o->val);
	} else {
		o->val.f[PEERPRIM_SHORT] = 1;
	}
	o->val.f[PEERPRIM_RAW_ID] = o->assoc_id;
	o->scope = SHIM_SCOPE_SOCKET;
	return 0;
}

static int pinfo_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                         struct pers_opt *o)
{
	struct sctp_paddrinfo p;

	if (len < (socklen_t)sizeof p)
		return -EINVAL;
	memcpy(&p, val, sizeof p);
	shim_fields_read(d->f, &p, &o->val);
	o->assoc_id = (uint32_t)p.spinfo_assoc_id;
	o->val.f[PINFO_RAW_ID] = o->assoc_id;
	return 0;
}

static int pinfo_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                        const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct shim_optval l = *v;
	int state = pers_path_state_to_linux((uint32_t)v->f[0]);

	/* Linux reports a path it has not judged yet as active */
	l.f[0] = (uint64_t)(int64_t)(state == SCTP_UNKNOWN ? SCTP_ACTIVE : state);
	return decode_keep_addr(d, &l, val, len, offsetof(struct sctp_paddrinfo, spinfo_address));
}

/* ---- SCTP_PEER_ADDR_THLDS and _V2 ----------------------------------------- */

static int thlds_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	o->val.f[THLDS_HAS_CP] = 0;
	return 0;
}

static int thlds_v2_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	if (o->val.f[1] > o->val.f[2])
		return -EINVAL;  /* the PF threshold above the switchover one */
	o->val.f[THLDS_HAS_CP] = 1;
	return 0;
}

static int thlds_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                        const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	return decode_keep_addr(d, v, val, len, offsetof(struct sctp_paddrthlds_v2, spt_address));
}

/* ---- values Linux refuses --------------------------------------------------- */

static int pf_expose_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return o->val.f[0] > PF_EXPOSE_MAX ? -EINVAL : 0;
}

static int probe_interval_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return o->val.f[0] && o->val.f[0] < PROBE_TIMER_MIN ? -EINVAL : 0;
}

static int encaps_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                         const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	return decode_keep_addr(d, v, val, len, offsetof(struct sctp_udpencaps, sue_address));
}

static int probe_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                        const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	return decode_keep_addr(d, v, val, len, offsetof(struct sctp_probeinterval, spi_address));
}

/* ---- SCTP_GET_ASSOC_STATS: as much of the struct as the program has room for */

static int stats_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                         struct pers_opt *o)
{
	sctp_assoc_t id;

	if (len < (socklen_t)sizeof id)
		return -EINVAL;
	memcpy(&id, val, sizeof id);
	o->assoc_id = (uint32_t)id;
	return 0;
}

static int stats_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                        const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	socklen_t want = *len < (socklen_t)sizeof(struct sctp_assoc_stats)
		? *len : (socklen_t)sizeof(struct sctp_assoc_stats);
	int r = pers_opt_decode_table(d, v, val, len);

	*len = want;
	return r;
}

#define PP(m) SHIM_UF(struct sctp_paddrparams, m)
#define ST(m) SHIM_UF(struct sctp_assoc_stats, m)

const struct pers_optdesc pers_opts_path[] = {
	{ SCTP_PEER_ADDR_PARAMS, SHIM_OPT_PEER_ADDR_PARAMS, sizeof(struct sctp_paddrparams),
	  PO_SET | PO_GET, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_paddrparams, spp_assoc_id),
	  { SHIM_AF(struct sctp_paddrparams, spp_address), PP(spp_hbinterval),
	    PP(spp_pathmaxrxt), PP(spp_pathmtu), PP(spp_sackdelay), PP(spp_flags),
	    PP(spp_ipv6_flowlabel), PP(spp_dscp) },
	  .check = paddrparams_check, .encode = paddrparams_encode,
	  .prepare = paddrparams_prepare, .decode = paddrparams_decode },
	{ SCTP_PRIMARY_ADDR, SHIM_OPT_PRIMARY_ADDR, sizeof(struct sctp_prim), PO_SET | PO_GET,
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_ASSOC, offsetof(struct sctp_prim, ssp_assoc_id),
	  { SHIM_AF(struct sctp_prim, ssp_addr) },
	  .check = prim_check, .prepare = prim_prepare },
	{ SCTP_SET_PEER_PRIMARY_ADDR, SHIM_OPT_SET_PEER_PRIMARY_ADDR,
	  sizeof(struct sctp_setpeerprim), PO_SET, SHIM_SCOPE_SOCKET, 0,
	  offsetof(struct sctp_setpeerprim, sspp_assoc_id),
	  { SHIM_AF(struct sctp_setpeerprim, sspp_addr) },
	  .encode = peerprim_encode },
	{ SCTP_GET_PEER_ADDR_INFO, SHIM_OPT_GET_PEER_ADDR_INFO, sizeof(struct sctp_paddrinfo),
	  PO_GET | PO_ID_OUT, 0, SHIM_SCOPE_SOCKET, offsetof(struct sctp_paddrinfo, spinfo_assoc_id),
	  { SHIM_AF(struct sctp_paddrinfo, spinfo_address),
	    SHIM_SF(struct sctp_paddrinfo, spinfo_state),
	    SHIM_UF(struct sctp_paddrinfo, spinfo_cwnd),
	    SHIM_UF(struct sctp_paddrinfo, spinfo_srtt),
	    SHIM_UF(struct sctp_paddrinfo, spinfo_rto),
	    SHIM_UF(struct sctp_paddrinfo, spinfo_mtu) },
	  .prepare = pinfo_prepare, .decode = pinfo_decode },
	{ SCTP_PEER_ADDR_THLDS, SHIM_OPT_PEER_ADDR_THLDS, sizeof(struct sctp_paddrthlds),
	  PO_SET | PO_GET | PO_SET_ATLEAST, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_paddrthlds, spt_assoc_id),
	  { SHIM_AF(struct sctp_paddrthlds, spt_address),
	    SHIM_UF(struct sctp_paddrthlds, spt_pathmaxrxt),
	    SHIM_UF(struct sctp_paddrthlds, spt_pathpfthld), SHIM_NOF },
	  .check = thlds_check, .decode = thlds_decode },
	{ SCTP_PEER_ADDR_THLDS_V2, SHIM_OPT_PEER_ADDR_THLDS, sizeof(struct sctp_paddrthlds_v2),
	  PO_SET | PO_GET | PO_SET_ATLEAST, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_paddrthlds_v2, spt_assoc_id),
	  { SHIM_AF(struct sctp_paddrthlds_v2, spt_address),
	    SHIM_UF(struct sctp_paddrthlds_v2, spt_pathmaxrxt),
	    SHIM_UF(struct sctp_paddrthlds_v2, spt_pathpfthld),
	    SHIM_UF(struct sctp_paddrthlds_v2, spt_pathcpthld) },
	  .check = thlds_v2_check, .decode = thlds_decode },
	{ SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, SHIM_OPT_EXPOSE_PF_STATE,
	  sizeof(struct sctp_assoc_value), PO_SET | PO_GET, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_assoc_value, assoc_id),
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) }, .check = pf_expose_check },
	{ SCTP_REMOTE_UDP_ENCAPS_PORT, SHIM_OPT_REMOTE_UDP_ENCAPS_PORT,
	  sizeof(struct sctp_udpencaps), PO_SET | PO_GET, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_udpencaps, sue_assoc_id),
	  { SHIM_AF(struct sctp_udpencaps, sue_address), SHIM_UF(struct sctp_udpencaps, sue_port) },
	  .decode = encaps_decode },
	{ SCTP_PLPMTUD_PROBE_INTERVAL, SHIM_OPT_PLPMTUD_PROBE_INTERVAL,
	  sizeof(struct sctp_probeinterval), PO_SET | PO_GET, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_probeinterval, spi_assoc_id),
	  { SHIM_AF(struct sctp_probeinterval, spi_address),
	    SHIM_UF(struct sctp_probeinterval, spi_interval) },
	  .check = probe_interval_check, .decode = probe_decode },
	{ SCTP_GET_ASSOC_STATS, SHIM_OPT_GET_ASSOC_STATS, sizeof(struct sctp_assoc_stats),
	  PO_GET, 0, SHIM_SCOPE_ASSOC, offsetof(struct sctp_assoc_stats, sas_assoc_id),
	  { SHIM_AF(struct sctp_assoc_stats, sas_obs_rto_ipaddr), ST(sas_maxrto), ST(sas_isacks),
	    ST(sas_osacks), ST(sas_opackets), ST(sas_ipackets), ST(sas_rtxchunks),
	    ST(sas_outofseqtsns), ST(sas_idupchunks), ST(sas_gapcnt), ST(sas_ouodchunks),
	    ST(sas_iuodchunks), ST(sas_oodchunks), ST(sas_iodchunks), ST(sas_octrlchunks),
	    ST(sas_ictrlchunks) },
	  .prepare = stats_prepare, .decode = stats_decode },
	{ 0 }
};
