/* SPDX-License-Identifier: MIT */
/*
 * The "stream" family of SOL_SCTP options (see optdesc.h): PR-SCTP
 * (RFC 7496), stream reconfiguration (RFC 6525), stream schedulers
 * (RFC 8260) and message interleaving.  Sizes, scopes and checks follow
 * Linux's sctp_setsockopt_*() / sctp_getsockopt_*(); the neutral fields
 * are listed in src/daemon/engine_opt_stream.c.
 */
#include "personality/optdesc.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

#define ANY_ID       (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE | SHIM_SCOPE_CURRENT_ALL)
#define ID_OR_FUTURE (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE)

/* Neutral policy of SCTP_PR_*_STATUS meaning "the sum over every policy"
 * (Linux's SCTP_PR_SCTP_ALL); the daemon knows the same number. */
#define SHIM_PR_ALL 15

/* Linux 6.x's schedulers; older <linux/sctp.h> stop at SCTP_SS_RR. */
#define LINUX_SS_FC  3
#define LINUX_SS_WFQ 4

/* A struct sctp_assoc_value option.  Linux's *_SUPPORTED switches take
 * exactly the struct (optlen != sizeof: EINVAL); others take more. */
#define AV_OPT(linux_name, shim_name, flags, set_scope, get_scope, ...) \
	{ linux_name, shim_name, sizeof(struct sctp_assoc_value), (flags), (set_scope), \
	  (get_scope), offsetof(struct sctp_assoc_value, assoc_id), \
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) }, __VA_ARGS__ }

/* ---- SCTP_DEFAULT_PRINFO ------------------------------------------------- */

/* sctp_setsockopt_default_prinfo: only the policy bits; NONE clears the value. */
static int prinfo_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	int policy;

	if (o->val.f[0] & ~(uint64_t)SCTP_PR_SCTP_MASK)
		return -EINVAL;
	policy = pers_pr_policy_from_linux((uint16_t)o->val.f[0]);
	if (policy < 0)
		return -EINVAL;
	o->val.f[0] = (uint64_t)policy;
	if (policy == SHIM_PR_NONE)
		o->val.f[1] = 0;
	return 0;
}

static int prinfo_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                         const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct shim_optval l = *v;

	l.f[0] = pers_pr_policy_to_linux((uint16_t)v->f[0]);
	return pers_opt_decode_table(d, &l, val, len);
}

/* ---- SCTP_PR_ASSOC_STATUS / SCTP_PR_STREAM_STATUS ------------------------ */

/* The policy asked about: one of Linux's, or SCTP_PR_SCTP_ALL alone. */
static int prstatus_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                            struct pers_opt *o)
{
	struct sctp_prstatus ps;
	unsigned policy;
	int p;

	if (len < (socklen_t)sizeof ps)
		return -EINVAL;
	memcpy(&ps, val, sizeof ps);
	policy = ps.sprstat_policy;
	if (!policy || (policy & ~(unsigned)(SCTP_PR_SCTP_MASK | SCTP_PR_SCTP_ALL))
	    || ((policy & SCTP_PR_SCTP_ALL) && (policy & SCTP_PR_SCTP_MASK)))
		return -EINVAL;
	o->assoc_id = (uint32_t)ps.sprstat_assoc_id;
	o->val.f[0] = ps.sprstat_sid;
	if (policy == SCTP_PR_SCTP_ALL) {
		o->val.f[1] = SHIM_PR_ALL;
	} else {
		p = pers_pr_policy_from_linux((uint16_t)policy);
		if (p < 0)
			return -EINVAL;
		o->val.f[1] = (uint64_t)p;
	}
	return 0;
}

/* The answer keeps the program's id, sid and policy (Linux copies them back). */
static int prstatus_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                           const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct sctp_prstatus ps;

	memcpy(&ps, val, sizeof ps);
	ps.sprstat_abandoned_unsent = v->f[2];
	ps.sprstat_abandoned_sent = v->f[3];
	memcpy(val, &ps, sizeof ps);
	*len = sizeof ps;
	return 0;
}

/* ---- SCTP_ENABLE_STREAM_RESET -------------------------------------------- */

static int strreset_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return o->val.f[0] & ~(uint64_t)(SCTP_ENABLE_RESET_STREAM_REQ | SCTP_ENABLE_RESET_ASSOC_REQ
	                                | SCTP_ENABLE_CHANGE_ASSOC_REQ) ? -EINVAL : 0;
}

/* ---- SCTP_RESET_STREAMS: flags, count and a list of u16 ------------------ */

/* The library copies at most half a control record of the value. */
#define RESET_LIST_MAX ((SHIM_CTRL_MAX / 2 - sizeof(struct sctp_reset_streams)) / sizeof(uint16_t))

static int reset_streams_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                                struct pers_opt *o)
{
	struct sctp_reset_streams rs;

	if (len < (socklen_t)sizeof rs)
		return -EINVAL;
	memcpy(&rs, val, sizeof rs);
	if ((size_t)rs.srs_number_streams * sizeof(uint16_t) > (size_t)len - sizeof rs)
		return -EINVAL;
	/* Linux takes up to 65535; a list this long names streams no
	 * association has but one with nearly all 65535 */
	if (rs.srs_number_streams > RESET_LIST_MAX)
		return -EINVAL;
	o->assoc_id = (uint32_t)rs.srs_assoc_id;
	o->val.f[0] = rs.srs_flags;
	o->val.f[1] = rs.srs_number_streams;
	o->tail = (const uint8_t *)val + sizeof rs;
	o->tail_len = (uint32_t)(rs.srs_number_streams * sizeof(uint16_t));
	return 0;
}

/* ---- SCTP_RESET_ASSOC: a bare sctp_assoc_t ------------------------------- */

static int reset_assoc_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                              struct pers_opt *o)
{
	sctp_assoc_t id;

	if (len != (socklen_t)sizeof id)
		return -EINVAL;
	memcpy(&id, val, sizeof id);
	o->assoc_id = (uint32_t)id;
	return 0;
}

/* ---- SCTP_STREAM_SCHEDULER ----------------------------------------------- */

/* Linux refuses numbers above its last scheduler.  WFQ is Linux's but
 * usrsctp has none: refused as a kernel without it would. */
static int scheduler_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return o->val.f[0] > LINUX_SS_FC ? -EINVAL : 0;
}

const struct pers_optdesc pers_opts_stream[] = {
	AV_OPT(SCTP_PR_SUPPORTED, SHIM_OPT_PR_SUPPORTED, PO_SET | PO_GET | PO_BOOL,
	       ID_OR_FUTURE, ID_OR_FUTURE),
	{ SCTP_DEFAULT_PRINFO, SHIM_OPT_DEFAULT_PRINFO, sizeof(struct sctp_default_prinfo),
	  PO_SET | PO_GET, ANY_ID, ID_OR_FUTURE,
	  offsetof(struct sctp_default_prinfo, pr_assoc_id),
	  { SHIM_UF(struct sctp_default_prinfo, pr_policy),
	    SHIM_UF(struct sctp_default_prinfo, pr_value) },
	  .check = prinfo_check, .decode = prinfo_decode },
	{ SCTP_PR_ASSOC_STATUS, SHIM_OPT_PR_ASSOC_STATUS, sizeof(struct sctp_prstatus), PO_GET,
	  0, SHIM_SCOPE_ASSOC, offsetof(struct sctp_prstatus, sprstat_assoc_id), { { 0 } },
	  .prepare = prstatus_prepare, .decode = prstatus_decode },
	{ SCTP_PR_STREAM_STATUS, SHIM_OPT_PR_STREAM_STATUS, sizeof(struct sctp_prstatus), PO_GET,
	  0, SHIM_SCOPE_ASSOC, offsetof(struct sctp_prstatus, sprstat_assoc_id), { { 0 } },
	  .prepare = prstatus_prepare, .decode = prstatus_decode },
	AV_OPT(SCTP_RECONFIG_SUPPORTED, SHIM_OPT_RECONFIG_SUPPORTED, PO_SET | PO_GET | PO_BOOL,
	       ID_OR_FUTURE, ID_OR_FUTURE),
	AV_OPT(SCTP_ENABLE_STREAM_RESET, SHIM_OPT_ENABLE_STREAM_RESET, PO_SET | PO_GET,
	       ANY_ID, ID_OR_FUTURE, .check = strreset_check),
	{ SCTP_RESET_STREAMS, SHIM_OPT_RESET_STREAMS, sizeof(struct sctp_reset_streams),
	  PO_SET | PO_SET_ATLEAST, SHIM_SCOPE_ASSOC, 0,
	  offsetof(struct sctp_reset_streams, srs_assoc_id), { { 0 } },
	  .encode = reset_streams_encode },
	{ SCTP_RESET_ASSOC, SHIM_OPT_RESET_ASSOC, sizeof(sctp_assoc_t), PO_SET,
	  SHIM_SCOPE_ASSOC, 0, 0, { { 0 } }, .encode = reset_assoc_encode },
	{ SCTP_ADD_STREAMS, SHIM_OPT_ADD_STREAMS, sizeof(struct sctp_add_streams), PO_SET,
	  SHIM_SCOPE_ASSOC, 0, offsetof(struct sctp_add_streams, sas_assoc_id),
	  { SHIM_UF(struct sctp_add_streams, sas_instrms),
	    SHIM_UF(struct sctp_add_streams, sas_outstrms) } },
	AV_OPT(SCTP_STREAM_SCHEDULER, SHIM_OPT_STREAM_SCHEDULER,
	       PO_SET | PO_GET | PO_SET_ATLEAST, ANY_ID, ID_OR_FUTURE, .check = scheduler_check),
	/* set: an association or SCTP_CURRENT_ASSOC (the daemon refuses
	 * SCTP_ALL_ASSOC, which the scope cannot tell apart); get: an
	 * association */
	{ SCTP_STREAM_SCHEDULER_VALUE, SHIM_OPT_STREAM_SCHEDULER_VALUE,
	  sizeof(struct sctp_stream_value), PO_SET | PO_GET | PO_SET_ATLEAST,
	  SHIM_SCOPE_ASSOC | SHIM_SCOPE_CURRENT_ALL, SHIM_SCOPE_ASSOC,
	  offsetof(struct sctp_stream_value, assoc_id),
	  { SHIM_UF(struct sctp_stream_value, stream_id),
	    SHIM_UF(struct sctp_stream_value, stream_value) } },
	AV_OPT(SCTP_INTERLEAVING_SUPPORTED, SHIM_OPT_INTERLEAVING_SUPPORTED,
	       PO_SET | PO_GET | PO_SET_ATLEAST | PO_BOOL, ID_OR_FUTURE, ID_OR_FUTURE),
	/* sctp_setsockopt_fragment_interleave: exactly an int, stored as !!val */
	{ SCTP_FRAGMENT_INTERLEAVE, SHIM_OPT_FRAGMENT_INTERLEAVE, sizeof(int),
	  PO_SET | PO_GET | PO_BOOL, SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { { 0, sizeof(int), SHIM_FIELD_S } } },
	{ 0 }
};
