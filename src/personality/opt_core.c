/* SPDX-License-Identifier: MIT */
/*
 * The core SOL_SCTP options: association parameters, socket behaviour,
 * notifications, status, defaults for sending.  Sizes and checks follow
 * Linux's sctp_setsockopt_*() / sctp_getsockopt_*().
 */
#include "personality/optdesc.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

#define ANY_ID   (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE | SHIM_SCOPE_CURRENT_ALL)
#define ID_OR_FUTURE (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE)

/* An int option about the socket: Linux takes optlen >= sizeof(int). */
#define INT_OPT(linux_name, shim_name, extra_flags) \
	{ linux_name, shim_name, sizeof(int), PO_SET | PO_GET | PO_SET_ATLEAST | (extra_flags), \
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC, { { 0, sizeof(int), SHIM_FIELD_S } } }

/* A struct sctp_assoc_value option. */
#define AV_OPT(linux_name, shim_name, flags, set_scope, get_scope) \
	{ linux_name, shim_name, sizeof(struct sctp_assoc_value), (flags), (set_scope), \
	  (get_scope), offsetof(struct sctp_assoc_value, assoc_id), \
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) } }

/* ---- SCTP_EVENTS: any length up to the struct, only those bytes count ---- */

static int events_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                         struct pers_opt *o)
{
	const uint8_t *on = val;
	uint64_t mask = o->val.f[0];  /* the current mask (pers_setopt_needs_events) */

	if (len > (socklen_t)sizeof(struct sctp_event_subscribe))
		return -EINVAL;
	for (socklen_t i = 0; i < len; i++)
		mask = on[i] ? mask | (1u << i) : mask & ~(1ull << i);
	o->val.f[0] = mask;
	return 0;
}

static int events_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                          struct pers_opt *o)
{
	return len == 0 ? -EINVAL : 0;
}

static int events_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                         const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	uint8_t on[sizeof(struct sctp_event_subscribe)];

	for (size_t i = 0; i < sizeof on; i++)
		on[i] = (v->f[0] >> i) & 1;
	if (*len > (socklen_t)sizeof on)
		*len = sizeof on;
	memcpy(val, on, *len);
	return 0;
}

/* ---- SCTP_EVENT: one notification type ---------------------------------- */

static int event_type(struct pers_opt *o)
{
	int t = pers_notify_type_from_linux((uint16_t)o->val.f[0]);

	if (t < 0)
		return -EINVAL;
	o->val.f[0] = (uint64_t)t;
	o->val.f[1] = o->val.f[1] != 0;
	return 0;
}

static int event_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return event_type(o);
}

static int event_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                         struct pers_opt *o)
{
	struct sctp_event ev;

	if (len < (socklen_t)sizeof ev)
		return -EINVAL;
	memcpy(&ev, val, sizeof ev);
	o->assoc_id = (uint32_t)ev.se_assoc_id;
	o->val.f[0] = ev.se_type;
	return event_type(o);
}

static int event_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                        const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct sctp_event ev;

	memcpy(&ev, val, sizeof ev);
	ev.se_on = v->f[1] ? 1 : 0;
	memcpy(val, &ev, sizeof ev);
	*len = sizeof ev;
	return 0;
}

/* ---- SCTP_STATUS: neutral states -> Linux numbering ----------------------- */

static int status_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                         const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct shim_optval l = *v;
	size_t at = offsetof(struct sctp_status, sstat_primary.spinfo_assoc_id);
	sctp_assoc_t id = (sctp_assoc_t)v->assoc_id;
	int r;

	l.f[0] = (uint64_t)(int64_t)pers_state_to_linux((uint32_t)v->f[0]);
	l.f[7] = (uint64_t)(int64_t)pers_path_state_to_linux((uint32_t)v->f[7]);
	r = pers_opt_decode_table(d, &l, val, len);
	/* Linux names the association in the primary path's info too */
	if (r == 0 && *len >= at + sizeof id)
		memcpy((uint8_t *)val + at, &id, sizeof id);
	return r;
}

/* ---- defaults for sending -------------------------------------------------- */

/* Linux's sctp_setsockopt_default_send_param / _sndinfo take only these. */
static int default_flags_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	uint16_t linux_flags = (uint16_t)o->val.f[1], shim_flags;

	if (o->val.f[1] & ~(uint64_t)(SCTP_UNORDERED | SCTP_ADDR_OVER | SCTP_ABORT | SCTP_EOF))
		return -EINVAL;
	if (pers_send_flags_from_linux(linux_flags, &shim_flags) < 0)
		return -EINVAL;
	o->val.f[1] = shim_flags;
	return 0;
}

static int default_flags_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                                const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	struct shim_optval l = *v;

	l.f[1] = pers_send_flags_to_linux((uint16_t)v->f[1]);
	return pers_opt_decode_table(d, &l, val, len);
}

/* ---- SCTP_DELAYED_SACK: struct sctp_sack_info, or the old sctp_assoc_value -- */

static int sack_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                       struct pers_opt *o)
{
	if (len == (socklen_t)sizeof(struct sctp_assoc_value)) {
		struct sctp_assoc_value av;

		memcpy(&av, val, sizeof av);
		o->assoc_id = (uint32_t)av.assoc_id;
		o->val.f[0] = av.assoc_value;
		o->val.f[1] = av.assoc_value ? 0 : 1;  /* delay 0: every packet is acked */
	} else {
		int r = pers_opt_encode_table(d, val, len, o);

		if (r < 0)
			return r;
	}
	return o->val.f[0] > 500 ? -EINVAL : 0;
}

static int sack_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                        struct pers_opt *o)
{
	sctp_assoc_t id;

	if (len != (socklen_t)sizeof(struct sctp_assoc_value)
	    && len < (socklen_t)sizeof(struct sctp_sack_info))
		return -EINVAL;
	memcpy(&id, val, sizeof id);  /* first member of both structs */
	o->assoc_id = (uint32_t)id;
	return 0;
}

static int sack_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                       const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	if (*len == (socklen_t)sizeof(struct sctp_assoc_value)) {
		struct sctp_assoc_value av;

		memcpy(&av, val, sizeof av);
		/* delayed SACK off reads as 0 */
		av.assoc_value = v->f[1] == 1 ? 0 : (uint32_t)v->f[0];
		memcpy(val, &av, sizeof av);
		return 0;
	}
	return pers_opt_decode_table(d, v, val, len);
}

/* ---- SCTP_GET_ASSOC_ID_LIST: a count and as many ids -------------------- */

static int id_list_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                           struct pers_opt *o)
{
	return len < (socklen_t)sizeof(struct sctp_assoc_ids) ? -EINVAL : 0;
}

static int id_list_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                          const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	uint32_t n = (uint32_t)v->f[0];
	size_t need = sizeof(struct sctp_assoc_ids) + (size_t)n * sizeof(sctp_assoc_t);

	if (tail_len < (size_t)n * sizeof(uint32_t))
		return -EPROTO;
	if ((size_t)*len < need)
		return -EINVAL;  /* Linux: the ids do not fit */
	memcpy(val, &n, sizeof n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t id;
		sctp_assoc_t lid;

		memcpy(&id, (const uint8_t *)tail + i * sizeof id, sizeof id);
		lid = (sctp_assoc_t)id;
		memcpy((uint8_t *)val + offsetof(struct sctp_assoc_ids, gaids_assoc_id)
		       + i * sizeof lid, &lid, sizeof lid);
	}
	*len = (socklen_t)need;
	return 0;
}

/* Linux's sctp_setsockopt_rtoinfo: a non-zero min above max is refused
 * (zeros keep the current value: the daemon checks those). */
static int rtoinfo_check(const struct pers_optdesc *d, struct pers_opt *o)
{
	return o->val.f[1] && o->val.f[2] > o->val.f[1] ? -EINVAL : 0;
}

const struct pers_optdesc pers_opts_core[] = {
	{ SCTP_RTOINFO, SHIM_OPT_RTOINFO, sizeof(struct sctp_rtoinfo), PO_SET | PO_GET,
	  ID_OR_FUTURE, ID_OR_FUTURE, offsetof(struct sctp_rtoinfo, srto_assoc_id),
	  { SHIM_UF(struct sctp_rtoinfo, srto_initial), SHIM_UF(struct sctp_rtoinfo, srto_max),
	    SHIM_UF(struct sctp_rtoinfo, srto_min) },
	  .check = rtoinfo_check },
	{ SCTP_ASSOCINFO, SHIM_OPT_ASSOCINFO, sizeof(struct sctp_assocparams), PO_SET | PO_GET,
	  ID_OR_FUTURE, ID_OR_FUTURE, offsetof(struct sctp_assocparams, sasoc_assoc_id),
	  { SHIM_UF(struct sctp_assocparams, sasoc_asocmaxrxt),
	    SHIM_UF(struct sctp_assocparams, sasoc_number_peer_destinations),
	    SHIM_UF(struct sctp_assocparams, sasoc_peer_rwnd),
	    SHIM_UF(struct sctp_assocparams, sasoc_local_rwnd),
	    SHIM_UF(struct sctp_assocparams, sasoc_cookie_life) } },
	{ SCTP_INITMSG, SHIM_OPT_INITMSG, sizeof(struct sctp_initmsg), PO_SET | PO_GET,
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { SHIM_UF(struct sctp_initmsg, sinit_num_ostreams),
	    SHIM_UF(struct sctp_initmsg, sinit_max_instreams),
	    SHIM_UF(struct sctp_initmsg, sinit_max_attempts),
	    SHIM_UF(struct sctp_initmsg, sinit_max_init_timeo) } },
	INT_OPT(SCTP_NODELAY, SHIM_OPT_NODELAY, PO_BOOL),
	/* Linux: EOPNOTSUPP on one-to-one, then exactly an int */
	{ SCTP_AUTOCLOSE, SHIM_OPT_AUTOCLOSE, sizeof(int), PO_SET | PO_GET | PO_ONE_TO_MANY,
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC, { { 0, sizeof(int), SHIM_FIELD_U } } },
	INT_OPT(SCTP_DISABLE_FRAGMENTS, SHIM_OPT_DISABLE_FRAGMENTS, PO_BOOL),
	INT_OPT(SCTP_I_WANT_MAPPED_V4_ADDR, SHIM_OPT_I_WANT_MAPPED_V4_ADDR, PO_BOOL),
	INT_OPT(SCTP_RECVRCVINFO, SHIM_OPT_RECVRCVINFO, PO_BOOL),
	INT_OPT(SCTP_RECVNXTINFO, SHIM_OPT_RECVNXTINFO, PO_BOOL),
	INT_OPT(SCTP_AUTO_ASCONF, SHIM_OPT_AUTO_ASCONF, PO_BOOL),
	/* Linux: one-to-one only; the daemon refuses it once bound (EFAULT, as Linux) */
	{ SCTP_REUSE_PORT, SHIM_OPT_REUSE_PORT, sizeof(int), PO_SET | PO_GET | PO_SET_ATLEAST
	  | PO_BOOL, SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { { 0, sizeof(int), SHIM_FIELD_U } } },
	{ SCTP_PARTIAL_DELIVERY_POINT, SHIM_OPT_PARTIAL_DELIVERY_POINT, sizeof(uint32_t),
	  PO_SET | PO_GET, SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { { 0, sizeof(uint32_t), SHIM_FIELD_U } } },
	{ SCTP_ADAPTATION_LAYER, SHIM_OPT_ADAPTATION_LAYER, sizeof(struct sctp_setadaptation),
	  PO_SET | PO_GET, SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { SHIM_UF(struct sctp_setadaptation, ssb_adaptation_ind) } },
	AV_OPT(SCTP_MAXSEG, SHIM_OPT_MAXSEG, PO_SET | PO_GET | PO_INT_OR_AV,
	       ID_OR_FUTURE, ID_OR_FUTURE),
	AV_OPT(SCTP_MAX_BURST, SHIM_OPT_MAX_BURST, PO_SET | PO_GET | PO_INT_OR_AV,
	       ANY_ID, ID_OR_FUTURE),
	AV_OPT(SCTP_CONTEXT, SHIM_OPT_CONTEXT, PO_SET | PO_GET, ANY_ID, ID_OR_FUTURE),
	AV_OPT(SCTP_ASCONF_SUPPORTED, SHIM_OPT_ASCONF_SUPPORTED, PO_SET | PO_GET | PO_BOOL,
	       ID_OR_FUTURE, ID_OR_FUTURE),
	AV_OPT(SCTP_ECN_SUPPORTED, SHIM_OPT_ECN_SUPPORTED, PO_SET | PO_GET | PO_BOOL,
	       ID_OR_FUTURE, ID_OR_FUTURE),
	{ SCTP_EVENTS, SHIM_OPT_EVENTS, sizeof(struct sctp_event_subscribe), PO_SET | PO_GET,
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC, { { 0 } },
	  .encode = events_encode, .prepare = events_prepare, .decode = events_decode },
	{ SCTP_EVENT, SHIM_OPT_EVENT, sizeof(struct sctp_event), PO_SET | PO_GET | PO_SET_ATLEAST,
	  ANY_ID, ID_OR_FUTURE, offsetof(struct sctp_event, se_assoc_id),
	  { SHIM_UF(struct sctp_event, se_type), SHIM_UF(struct sctp_event, se_on) },
	  .check = event_check, .prepare = event_prepare, .decode = event_decode },
	{ SCTP_STATUS, SHIM_OPT_STATUS, sizeof(struct sctp_status), PO_GET | PO_ID_OUT,
	  0, SHIM_SCOPE_ASSOC, offsetof(struct sctp_status, sstat_assoc_id),
	  { SHIM_SF(struct sctp_status, sstat_state), SHIM_UF(struct sctp_status, sstat_rwnd),
	    SHIM_UF(struct sctp_status, sstat_unackdata),
	    SHIM_UF(struct sctp_status, sstat_penddata),
	    SHIM_UF(struct sctp_status, sstat_instrms),
	    SHIM_UF(struct sctp_status, sstat_outstrms),
	    SHIM_UF(struct sctp_status, sstat_fragmentation_point),
	    SHIM_AF(struct sctp_status, sstat_primary.spinfo_address),
	    SHIM_SF(struct sctp_status, sstat_primary.spinfo_state),
	    SHIM_UF(struct sctp_status, sstat_primary.spinfo_cwnd),
	    SHIM_UF(struct sctp_status, sstat_primary.spinfo_srtt),
	    SHIM_UF(struct sctp_status, sstat_primary.spinfo_rto),
	    SHIM_UF(struct sctp_status, sstat_primary.spinfo_mtu) },
	  .decode = status_decode },
	{ SCTP_DEFAULT_SEND_PARAM, SHIM_OPT_DEFAULT_SEND_PARAM, sizeof(struct sctp_sndrcvinfo),
	  PO_SET | PO_GET, ANY_ID, ID_OR_FUTURE, offsetof(struct sctp_sndrcvinfo, sinfo_assoc_id),
	  { SHIM_UF(struct sctp_sndrcvinfo, sinfo_stream),
	    SHIM_UF(struct sctp_sndrcvinfo, sinfo_flags),
	    SHIM_UF(struct sctp_sndrcvinfo, sinfo_ppid),
	    SHIM_UF(struct sctp_sndrcvinfo, sinfo_context),
	    SHIM_UF(struct sctp_sndrcvinfo, sinfo_timetolive) },
	  .check = default_flags_check, .decode = default_flags_decode },
	{ SCTP_DEFAULT_SNDINFO, SHIM_OPT_DEFAULT_SNDINFO, sizeof(struct sctp_sndinfo),
	  PO_SET | PO_GET, ANY_ID, ID_OR_FUTURE, offsetof(struct sctp_sndinfo, snd_assoc_id),
	  { SHIM_UF(struct sctp_sndinfo, snd_sid), SHIM_UF(struct sctp_sndinfo, snd_flags),
	    SHIM_UF(struct sctp_sndinfo, snd_ppid), SHIM_UF(struct sctp_sndinfo, snd_context) },
	  .check = default_flags_check, .decode = default_flags_decode },
	{ SCTP_DELAYED_SACK, SHIM_OPT_DELAYED_SACK, sizeof(struct sctp_sack_info),
	  PO_SET | PO_GET, ANY_ID, ID_OR_FUTURE, offsetof(struct sctp_sack_info, sack_assoc_id),
	  { SHIM_UF(struct sctp_sack_info, sack_delay), SHIM_UF(struct sctp_sack_info, sack_freq) },
	  .encode = sack_encode, .prepare = sack_prepare, .decode = sack_decode },
	{ SCTP_GET_ASSOC_NUMBER, SHIM_OPT_GET_ASSOC_NUMBER, sizeof(uint32_t),
	  PO_GET | PO_ONE_TO_MANY, 0, SHIM_SCOPE_SOCKET, PO_NO_ASSOC,
	  { { 0, sizeof(uint32_t), SHIM_FIELD_U } } },
	{ SCTP_GET_ASSOC_ID_LIST, SHIM_OPT_GET_ASSOC_ID_LIST, sizeof(struct sctp_assoc_ids),
	  PO_GET | PO_ONE_TO_MANY, 0, SHIM_SCOPE_SOCKET, PO_NO_ASSOC, { { 0 } },
	  .prepare = id_list_prepare, .decode = id_list_decode },
	{ 0 }
};
