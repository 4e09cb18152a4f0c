/* SPDX-License-Identifier: MIT */
/*
 * The "stream" family of options (see engine_optdesc.h): PR-SCTP, stream
 * reconfiguration, stream schedulers, interleaving.  Neutral fields:
 *
 *   PR_SUPPORTED, RECONFIG_SUPPORTED, INTERLEAVING_SUPPORTED: on
 *   DEFAULT_PRINFO          enum shim_pr_policy, value
 *   PR_ASSOC/STREAM_STATUS  sid, policy (enum shim_pr_policy, or
 *                           PR_ALL for the sum), abandoned unsent, sent
 *   ENABLE_STREAM_RESET     RFC 6458 bits (reset streams 1, reset assoc 2,
 *                           add streams 4)
 *   RESET_STREAMS           flags (incoming 1, outgoing 2), count; the
 *                           variable part is the list, uint16_t each
 *   RESET_ASSOC             (the association only)
 *   ADD_STREAMS             inbound, outbound streams to add
 *   STREAM_SCHEDULER        Linux's numbering (sched_type below)
 *   STREAM_SCHEDULER_VALUE  stream, value
 *   FRAGMENT_INTERLEAVE     on
 *
 * usrsctp has each of these, and Linux's checks (which errno, in which
 * order) are made here before usrsctp is asked.
 */
#define _GNU_SOURCE
#include "daemon/engine_optdesc.h"
#include "daemon/daemon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PR_ALL 15            /* the personality's number for "every policy" */
#ifndef SCTP_PR_SCTP_ALL
#define SCTP_PR_SCTP_ALL 0x000f  /* usrsctp's aggregate, missing from its header */
#endif
#define MAX_STREAMS 65535u

/* Linux's enum sctp_sched_type, the neutral numbering. */
enum sched_type { SCHED_FCFS, SCHED_PRIO, SCHED_RR, SCHED_FC, SCHED_WFQ };

/* ---- helpers ---------------------------------------------------------------- */

static int assoc_status(struct endpoint *ep, uint32_t assoc_id, struct sctp_status *st)
{
	socklen_t l = sizeof *st;

	memset(st, 0, sizeof *st);
	st->sstat_assoc_id = assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, st, &l) < 0)
		return -EINVAL;
	return 0;
}

static int get_av(struct endpoint *ep, int name, uint32_t assoc_id, uint32_t *value)
{
	struct sctp_assoc_value av = { .assoc_id = assoc_id };
	socklen_t l = sizeof av;

	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, name, &av, &l) < 0)
		return engine_opt_errno(errno);
	*value = av.assoc_value;
	return 0;
}

/* Linux's sctp_send_reset_streams / _reset_assoc / _add_streams start
 * with: the peer must support RE-CONFIG and the request must be enabled
 * here (SCTP_ENABLE_STREAM_RESET), else ENOPROTOOPT. */
static int reconf_allowed(struct endpoint *ep, uint32_t assoc_id, uint32_t request)
{
	uint32_t v = 0;
	int err = get_av(ep, SCTP_RECONFIG_SUPPORTED, assoc_id, &v);

	if (err)
		return err;
	if (!v)
		return -ENOPROTOOPT;
	if ((err = get_av(ep, SCTP_ENABLE_STREAM_RESET, assoc_id, &v)))
		return err;
	return v & request ? 0 : -ENOPROTOOPT;
}

/* usrsctp's refusals of a reconfiguration request in Linux's words. */
static int reconf_errno(int err)
{
	switch (err) {
	case EOPNOTSUPP: return -ENOPROTOOPT;  /* the peer does not do RE-CONFIG */
	case EALREADY:
	case EBUSY:      return -EINPROGRESS;  /* a request is outstanding */
	default:         return engine_opt_errno(err);
	}
}

/* ---- PR-SCTP ------------------------------------------------------------------ */

static uint64_t pr_to_sctp(uint64_t shim_policy)
{
	switch (shim_policy) {
	case SHIM_PR_TTL:  return SCTP_PR_SCTP_TTL;
	case SHIM_PR_RTX:  return SCTP_PR_SCTP_RTX;
	case SHIM_PR_PRIO: return SCTP_PR_SCTP_BUF;  /* Linux's PRIO abandons for room, as BUF */
	case PR_ALL:       return SCTP_PR_SCTP_ALL;
	default:           return SCTP_PR_SCTP_NONE;
	}
}

static uint64_t pr_from_sctp(uint64_t sctp_policy)
{
	switch (sctp_policy) {
	case SCTP_PR_SCTP_TTL: return SHIM_PR_TTL;
	case SCTP_PR_SCTP_RTX: return SHIM_PR_RTX;
	case SCTP_PR_SCTP_BUF: return SHIM_PR_PRIO;
	default:               return SHIM_PR_NONE;
	}
}

static int prinfo_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	int err;

	a->val->f[0] = pr_to_sctp(a->val->f[0]);
	err = engine_opt_set_table(ep, d, a);
	if (!err)
		ep->send_defaults = true;  /* engine.c's send_defaults() asks usrsctp from now on */
	return err;
}

static int prinfo_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	int err = engine_opt_get_table(ep, d, a);

	if (!err)
		a->val->f[0] = pr_from_sctp(a->val->f[0]);
	return err;
}

static int prstatus_get(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a)
{
	uint64_t policy = a->val->f[1];
	int err;

	a->val->f[1] = pr_to_sctp(policy);
	err = engine_opt_get_table(ep, d, a);
	a->val->f[1] = policy;
	return err;
}

/* ---- stream reconfiguration ------------------------------------------------------ */

static int reset_streams_set(struct endpoint *ep, const struct engine_optdesc *d,
			     struct engine_optarg *a)
{
	uint32_t flags = (uint32_t)a->val->f[0], n = (uint32_t)a->val->f[1];
	bool in = flags & SCTP_STREAM_RESET_INCOMING, out = flags & SCTP_STREAM_RESET_OUTGOING;
	struct sctp_reset_streams *rs;
	struct sctp_status st;
	size_t size;
	int err;

	if (n > MAX_STREAMS || a->tail_len < (size_t)n * sizeof(uint16_t))
		return -EINVAL;
	if ((err = reconf_allowed(ep, a->assoc_id, SCTP_ENABLE_RESET_STREAM_REQ)))
		return err;
	if (!in && !out)
		return -EINVAL;
	if ((err = assoc_status(ep, a->assoc_id, &st)))
		return err;
	size = sizeof *rs + (size_t)n * sizeof(uint16_t);
	rs = calloc(1, size);
	if (!rs)
		return -ENOMEM;
	rs->srs_assoc_id = a->assoc_id;
	rs->srs_flags = (uint16_t)((in ? SCTP_STREAM_RESET_INCOMING : 0)
				   | (out ? SCTP_STREAM_RESET_OUTGOING : 0));
	rs->srs_number_streams = (uint16_t)n;
	memcpy(rs->srs_stream_list, a->tail, (size_t)n * sizeof(uint16_t));
	for (uint32_t i = 0; i < n && !err; i++)
		if ((out && rs->srs_stream_list[i] >= st.sstat_outstrms)
		    || (in && rs->srs_stream_list[i] >= st.sstat_instrms))
			err = -EINVAL;
	if (!err && usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_RESET_STREAMS, rs,
				       (socklen_t)size) < 0)
		err = reconf_errno(errno);
	free(rs);
	return err;
}

static int reset_assoc_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	sctp_assoc_t id = a->assoc_id;
	struct sctp_status st;
	int err = reconf_allowed(ep, a->assoc_id, SCTP_ENABLE_RESET_ASSOC_REQ);

	if (err)
		return err;
	/* Linux resets only an association with nothing in flight */
	if ((err = assoc_status(ep, a->assoc_id, &st)))
		return err;
	if (st.sstat_unackdata)
		return -EAGAIN;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_RESET_ASSOC, &id, sizeof id) < 0)
		return reconf_errno(errno);
	return 0;
}

static int add_streams_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	struct sctp_add_streams as = {
		.sas_assoc_id = a->assoc_id,
		.sas_instrms = (uint16_t)a->val->f[0],
		.sas_outstrms = (uint16_t)a->val->f[1],
	};
	struct sctp_status st;
	int err = reconf_allowed(ep, a->assoc_id, SCTP_ENABLE_CHANGE_ASSOC_REQ);

	if (err)
		return err;
	if ((err = assoc_status(ep, a->assoc_id, &st)))
		return err;
	if ((uint32_t)st.sstat_outstrms + as.sas_outstrms > MAX_STREAMS
	    || (uint32_t)st.sstat_instrms + as.sas_instrms > MAX_STREAMS
	    || (!as.sas_instrms && !as.sas_outstrms))
		return -EINVAL;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_ADD_STREAMS, &as, sizeof as) < 0)
		return reconf_errno(errno);
	return 0;
}

/* ---- schedulers ---------------------------------------------------------------- */

/* Linux's schedulers in usrsctp: FC is usrsctp's "fair bandwidth" (the
 * name RFC 8260's drafts gave fair capacity); usrsctp has no WFQ, which
 * the library refuses.  usrsctp's own round robins read as Linux's RR. */
static const struct { uint32_t shim, sctp; } scheds[] = {
	{ SCHED_FCFS, SCTP_SS_FIRST_COME },
	{ SCHED_PRIO, SCTP_SS_PRIORITY },
	{ SCHED_RR, SCTP_SS_ROUND_ROBIN },
	{ SCHED_FC, SCTP_SS_FAIR_BANDWITH },
	{ SCHED_RR, SCTP_SS_DEFAULT },
	{ SCHED_RR, SCTP_SS_ROUND_ROBIN_PACKET },
};

static int scheduler_set(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	for (size_t i = 0; i < sizeof scheds / sizeof *scheds; i++)
		if (scheds[i].shim == a->val->f[0]) {
			a->val->f[0] = scheds[i].sctp;
			return engine_opt_set_table(ep, d, a);
		}
	return -EINVAL;
}

static int scheduler_get(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	int err = engine_opt_get_table(ep, d, a);

	if (err)
		return err;
	for (size_t i = 0; i < sizeof scheds / sizeof *scheds; i++)
		if (scheds[i].sctp == a->val->f[0]) {
			a->val->f[0] = scheds[i].shim;
			return 0;
		}
	a->val->f[0] = SCHED_FCFS;
	return 0;
}

/* Only usrsctp's priority scheduler keeps a value per stream; Linux's
 * FCFS, RR and FC take one and ignore it (and read 0). */
static bool sched_has_values(struct endpoint *ep, uint32_t assoc_id)
{
	uint32_t s = 0;

	return get_av(ep, SCTP_PLUGGABLE_SS, assoc_id, &s) == 0 && s == SCTP_SS_PRIORITY;
}

static int stream_of_assoc(struct endpoint *ep, uint32_t assoc_id, uint64_t sid)
{
	struct sctp_status st;
	int err = assoc_status(ep, assoc_id, &st);

	return err ? err : sid < st.sstat_outstrms ? 0 : -EINVAL;
}

/* Linux's sctp_setsockopt_scheduler_value: an association, or every
 * current one (SCTP_CURRENT_ASSOC, not SCTP_ALL_ASSOC). */
static int sched_value_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	int err;

	if (a->assoc_id == SHIM_ALL_ASSOC)
		return -EINVAL;
	if (a->assoc_id == SHIM_CURRENT_ASSOC) {
		err = engine_opt_set_table(ep, d, a);
		return err == -EINVAL ? 0 : err;  /* schedulers without values */
	}
	if ((err = stream_of_assoc(ep, a->assoc_id, a->val->f[0])))
		return err;
	err = engine_opt_set_table(ep, d, a);
	return err && !sched_has_values(ep, a->assoc_id) ? 0 : err;
}

static int sched_value_get(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	int err = stream_of_assoc(ep, a->assoc_id, a->val->f[0]);

	if (err)
		return err;
	err = engine_opt_get_table(ep, d, a);
	if (err && !sched_has_values(ep, a->assoc_id)) {
		a->val->f[1] = 0;
		return 0;
	}
	return err;
}

/* ---- interleaving ----------------------------------------------------------------- */

/* usrsctp has the option but leaves it out of its public header. */
#ifndef SCTP_INTERLEAVING_SUPPORTED
#define SCTP_INTERLEAVING_SUPPORTED 0x00001206
#endif
/* usrsctp's fragment interleave level 2: pieces of messages of different
 * streams (and associations) may be handed over interleaved, which is
 * what I-DATA is for; usrsctp negotiates I-DATA only at this level. */
#define FRAG_LEVEL_STREAMS 2

/*
 * usrsctp's switch for the associations to come; it refuses it on a
 * one-to-one socket that has its association (Linux sets the endpoint's
 * flag there all the same, which only future associations read, and a
 * connected one-to-one socket has none): not an error.
 */
static int idata_future(struct endpoint *ep, bool on)
{
	struct sctp_assoc_value av = { .assoc_id = SCTP_FUTURE_ASSOC, .assoc_value = on };

	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, &av,
			       sizeof av) == 0)
		return 0;
	if (errno == EINVAL && ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state != EP_LISTENING)
		return 0;
	return engine_opt_errno(errno);
}

static int frag_level_streams(struct endpoint *ep)
{
	int level = FRAG_LEVEL_STREAMS;

	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, &level,
			       sizeof level) < 0)
		return engine_opt_errno(errno);
	return 0;
}

/*
 * I-DATA (RFC 8260), Linux's sctp_setsockopt_interleaving_supported:
 * after the id checks (engine_opt.c), EPERM unless net.sctp.intl_enable
 * (SCTPSHIM_INTL_ENABLE) and the socket's SCTP_FRAGMENT_INTERLEAVE are
 * both on; the switch is the endpoint's, also when an association is
 * named.  The receiving side then runs usrsctp at level 2 and the
 * library never joins pieces of two messages (src/lib/io_recv.c).  The
 * level stays once raised: associations that negotiated I-DATA keep
 * interleaving, as Linux's do after the switch is cleared.
 */
static int interleaving_set(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a)
{
	bool on = a->val->f[0] != 0;
	int err;

	if (!shimd.cfg.intl_enable || !ep->frag_interleave)
		return -EPERM;
	if (on && (err = frag_level_streams(ep)))
		return err;
	return idata_future(ep, on);
}

/* The endpoint's switch, or with an association what it negotiated
 * (usrsctp answers both, as Linux's ep->intl_enable / peer.intl_capable). */
static int interleaving_get(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a)
{
	uint32_t v = 0;
	int err = get_av(ep, SCTP_INTERLEAVING_SUPPORTED, a->assoc_id, &v);

	if (!err)
		a->val->f[0] = v != 0;
	return err;
}

/* Linux's frag_interleave lets partial deliveries of different
 * associations interleave; the daemon interleaves only for I-DATA
 * (usrsctp's level 2, above).  The value is kept for getsockopt and for
 * I-DATA's rule: clearing it turns I-DATA off for future associations,
 * as Linux's sctp_setsockopt_fragment_interleave does. */
static int frag_interleave_set(struct endpoint *ep, const struct engine_optdesc *d,
			       struct engine_optarg *a)
{
	ep->frag_interleave = a->val->f[0] != 0;
	if (!ep->frag_interleave && shimd.cfg.intl_enable)
		return idata_future(ep, false);
	return 0;
}

static int frag_interleave_get(struct endpoint *ep, const struct engine_optdesc *d,
			       struct engine_optarg *a)
{
	a->val->f[0] = ep->frag_interleave;
	return 0;
}

void engine_stream_inherit(struct endpoint *ep, const struct endpoint *from)
{
	struct sctp_assoc_value av = { .assoc_id = SCTP_FUTURE_ASSOC };
	socklen_t l = sizeof av;

	/* an accepted association that negotiated I-DATA is read at level 2,
	 * as its listener reads (configure() set level 0 on the new socket) */
	if (shimd.cfg.intl_enable && from->frag_interleave
	    && usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, &av, &l) == 0
	    && av.assoc_value)
		frag_level_streams(ep);
}

#define AV_FIELD { SHIM_UF(struct sctp_assoc_value, assoc_value) }
#define AV(shim_name, usr_name, setter, getter) \
	{ shim_name, usr_name, sizeof(struct sctp_assoc_value), \
	  offsetof(struct sctp_assoc_value, assoc_id), AV_FIELD, setter, getter }
#define HOOKS(shim_name, setter, getter) \
	{ shim_name, 0, 0, EO_NO_ASSOC, { { 0 } }, setter, getter }
#define PRSTATUS(shim_name, usr_name) \
	{ shim_name, usr_name, sizeof(struct sctp_prstatus), \
	  offsetof(struct sctp_prstatus, sprstat_assoc_id), \
	  { SHIM_UF(struct sctp_prstatus, sprstat_sid), \
	    SHIM_UF(struct sctp_prstatus, sprstat_policy), \
	    SHIM_UF(struct sctp_prstatus, sprstat_abandoned_unsent), \
	    SHIM_UF(struct sctp_prstatus, sprstat_abandoned_sent) }, NULL, prstatus_get }

const struct engine_optdesc engine_opts_stream[] = {
	AV(SHIM_OPT_PR_SUPPORTED, SCTP_PR_SUPPORTED, engine_opt_set_endpoint, NULL),
	{ SHIM_OPT_DEFAULT_PRINFO, SCTP_DEFAULT_PRINFO, sizeof(struct sctp_default_prinfo),
	  offsetof(struct sctp_default_prinfo, pr_assoc_id),
	  { SHIM_UF(struct sctp_default_prinfo, pr_policy),
	    SHIM_UF(struct sctp_default_prinfo, pr_value) },
	  prinfo_set, prinfo_get },
	PRSTATUS(SHIM_OPT_PR_ASSOC_STATUS, SCTP_PR_ASSOC_STATUS),
	PRSTATUS(SHIM_OPT_PR_STREAM_STATUS, SCTP_PR_STREAM_STATUS),
	AV(SHIM_OPT_RECONFIG_SUPPORTED, SCTP_RECONFIG_SUPPORTED, engine_opt_set_endpoint, NULL),
	AV(SHIM_OPT_ENABLE_STREAM_RESET, SCTP_ENABLE_STREAM_RESET, NULL, NULL),
	HOOKS(SHIM_OPT_RESET_STREAMS, reset_streams_set, NULL),
	HOOKS(SHIM_OPT_RESET_ASSOC, reset_assoc_set, NULL),
	HOOKS(SHIM_OPT_ADD_STREAMS, add_streams_set, NULL),
	AV(SHIM_OPT_STREAM_SCHEDULER, SCTP_PLUGGABLE_SS, scheduler_set, scheduler_get),
	{ SHIM_OPT_STREAM_SCHEDULER_VALUE, SCTP_SS_VALUE, sizeof(struct sctp_stream_value),
	  offsetof(struct sctp_stream_value, assoc_id),
	  { SHIM_UF(struct sctp_stream_value, stream_id),
	    SHIM_UF(struct sctp_stream_value, stream_value) },
	  sched_value_set, sched_value_get },
	HOOKS(SHIM_OPT_INTERLEAVING_SUPPORTED, interleaving_set, interleaving_get),
	HOOKS(SHIM_OPT_FRAGMENT_INTERLEAVE, frag_interleave_set, frag_interleave_get),
	{ 0 }
};
