/* SPDX-License-Identifier: MIT */
/* The core options: usrsctp's where it has them, the endpoint's own state
 * for what the daemon does itself (notifications, buffers, linger). */
#define _GNU_SOURCE
#include "daemon/engine_optdesc.h"
#include "daemon/engine_notify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- options kept in the endpoint ---------------------------------------- */

/*
 * Subscriptions, as Linux keeps them: the socket's mask (sp->subscribe),
 * which each new association copies, and one per association
 * (asoc->subscribe), against which its notifications are checked.  The
 * endpoint keeps an association's mask only where it differs from the
 * socket's (endpoint.h).
 */

#define ALL_EVENTS ((1u << SHIM_NOTIFY_MAX) - 1)

static uint32_t with_bit(uint32_t mask, uint32_t bit, bool on)
{
	return on ? mask | bit : mask & ~bit;
}

/* The socket's mask becomes `mask`; every association keeps the one it has
 * (sctp_setsockopt_event with SCTP_FUTURE_ASSOC). */
static int set_socket_only(struct endpoint *ep, uint32_t mask)
{
	uint32_t *ids, n, old = ep->events_mask;
	int err = engine_list_assocs(ep->so, &ids, &n);

	if (!err)
		err = endpoint_events_reserve(ep, n);
	if (err) {
		free(ids);
		return err;
	}
	ep->events_mask = mask;
	for (uint32_t i = 0; i < n; i++)
		if (!endpoint_events_pinned(ep, ids[i]))
			endpoint_events_set(ep, ids[i], old);  /* reserved: cannot fail */
	endpoint_events_compact(ep);
	free(ids);
	return 0;
}

/* Every current association's mask with the bit set or cleared. */
static int set_current(struct endpoint *ep, uint32_t bit, bool on)
{
	uint32_t *ids, n;
	int err = engine_list_assocs(ep->so, &ids, &n);

	if (!err)
		err = endpoint_events_reserve(ep, n);
	if (!err)
		for (uint32_t i = 0; i < n; i++)
			endpoint_events_set(ep, ids[i], with_bit(endpoint_events_of(ep, ids[i]), bit, on));
	free(ids);
	return err;
}

/* SCTP_EVENTS: the socket's mask, and every association's becomes it
 * (sctp_setsockopt_events). */
static int events_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	ep->events_mask = (uint32_t)a->val->f[0] & ALL_EVENTS;
	ep->n_assoc_events = 0;
	engine_sync_events(ep);
	/* sctp_setsockopt_events: the association of a one-to-one socket only */
	if (ep->style == SHIM_STYLE_ONE_TO_ONE)
		engine_notify_dry_on_subscribe(ep, SHIM_CURRENT_ASSOC);
	return 0;
}

/* sctp_getsockopt_events reads the socket's mask. */
static int events_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	a->val->f[0] = ep->events_mask;
	return 0;
}

/*
 * SCTP_EVENT (sctp_setsockopt_event).  The association is resolved as
 * sctp_id2assoc does (engine_opt.c): an id on a one-to-many socket names
 * that association (EINVAL if it has none such); a one-to-one socket
 * ignores the id and means its association while it is established, else
 * the socket (FUTURE).  FUTURE changes the socket's mask only, CURRENT
 * every existing association's, ALL both.
 */
static int event_set(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	uint64_t type = a->val->f[0];
	bool on = a->val->f[1] != 0;
	uint32_t bit, id = a->assoc_id;
	int err = 0;

	if (type >= SHIM_NOTIFY_MAX)
		return -EINVAL;
	bit = 1u << type;
	if (id > SHIM_ALL_ASSOC) {
		err = endpoint_events_set(ep, id, with_bit(endpoint_events_of(ep, id), bit, on));
	} else if (id == SHIM_CURRENT_ASSOC) {
		err = set_current(ep, bit, on);
	} else if (id == SHIM_ALL_ASSOC) {
		ep->events_mask = with_bit(ep->events_mask, bit, on);
		for (unsigned i = 0; i < ep->n_assoc_events; i++)
			ep->assoc_events[i].mask = with_bit(ep->assoc_events[i].mask, bit, on);
		endpoint_events_compact(ep);
	} else {
		err = set_socket_only(ep, with_bit(ep->events_mask, bit, on));
	}
	if (err)
		return err;
	engine_sync_events(ep);
	if (type == SHIM_NOTIFY_SENDER_DRY && on)
		engine_notify_dry_on_subscribe(ep, id);
	return 0;
}

/* sctp_getsockopt_event: the association's mask, or the socket's for
 * FUTURE (CURRENT and ALL are refused by the scope, as Linux does). */
static int event_get(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	uint64_t type = a->val->f[0];
	uint32_t mask = a->assoc_id > SHIM_ALL_ASSOC ? endpoint_events_of(ep, a->assoc_id)
						      : ep->events_mask;

	if (type >= SHIM_NOTIFY_MAX)
		return -EINVAL;
	a->val->f[1] = (mask >> type) & 1;
	return 0;
}

static int flag_set(bool *flag, struct engine_optarg *a)
{
	*flag = a->val->f[0] != 0;
	return 0;
}

static int recvrcvinfo_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a) { return flag_set(&ep->recvrcvinfo, a); }
static int recvrcvinfo_get(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a) { a->val->f[0] = ep->recvrcvinfo; return 0; }
static int recvnxtinfo_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a) { return flag_set(&ep->recvnxtinfo, a); }
static int recvnxtinfo_get(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a) { a->val->f[0] = ep->recvnxtinfo; return 0; }
/* kept for engine_bind's port sharing (usrsctp has neither option) */
static int reuseaddr_set(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a) { return flag_set(&ep->reuseaddr, a); }
static int reuseaddr_get(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a) { a->val->f[0] = ep->reuseaddr; return 0; }
static int so_reuseport_set(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a) { return flag_set(&ep->so_reuseport, a); }
static int so_reuseport_get(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a) { a->val->f[0] = ep->so_reuseport; return 0; }
static int v4mapped_set(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a) { ep->v4mapped_off = !a->val->f[0]; return 0; }
static int v4mapped_get(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a) { a->val->f[0] = !ep->v4mapped_off; return 0; }

static int acceptconn_get(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	a->val->f[0] = ep->state == EP_LISTENING;
	return 0;
}

static int so_error_get(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a)
{
	a->val->f[0] = (uint32_t)ep->so_error;
	ep->so_error = 0;
	return 0;
}

/* What SO_ERROR would say, without clearing it: the library adds
 * EPOLLERR while it is set (src/lib/poll.c) */
static int pending_error_get(struct endpoint *ep, const struct engine_optdesc *d,
			     struct engine_optarg *a)
{
	a->val->f[0] = (uint32_t)ep->so_error;
	a->val->f[1] = ep->state == EP_CONNECTED || ep->state == EP_LISTENING
		       || ep->state == EP_ENDED;
	return 0;
}

static int linger_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	ep->linger.onoff = (int32_t)a->val->f[0];
	ep->linger.linger = (int32_t)a->val->f[1];
	return 0;
}

static int linger_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	a->val->f[0] = (uint64_t)(int64_t)ep->linger.onoff;
	a->val->f[1] = (uint64_t)(int64_t)ep->linger.linger;
	return 0;
}

/* ---- buffers -------------------------------------------------------------- */

static int sndbuf_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	int v = (int)a->val->f[0], cur = 0;
	socklen_t l = sizeof cur;

	ep->sndbuf = (uint32_t)v;
	/* usrsctp refuses a whole message bigger than its buffer: never let
	 * it be smaller than what the program was promised.  Linux clamps
	 * and never fails this: neither do we. */
	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, SO_SNDBUF, &cur, &l) < 0 || cur < v)
		usrsctp_setsockopt(ep->so, SOL_SOCKET, SO_SNDBUF, &v, sizeof v);
	return 0;
}

static uint32_t current_buf(struct endpoint *ep, int name, uint32_t stored)
{
	int cur = 0;
	socklen_t l = sizeof cur;

	if (stored)
		return stored;
	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, name, &cur, &l) < 0)
		return 0;
	return (uint32_t)cur;
}

static int sndbuf_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	a->val->f[0] = current_buf(ep, SO_SNDBUF, ep->sndbuf);
	return 0;
}

static int rcvbuf_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	uint32_t v = (uint32_t)a->val->f[0];

	engine_set_rcvbuf(ep, v ? v : 1u);  /* Linux clamps and never fails this */
	return 0;
}

static int rcvbuf_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	a->val->f[0] = current_buf(ep, SO_RCVBUF, ep->rcvbuf);
	return 0;
}

/* Linux refuses a point above half the (doubled) receive buffer. */
static int pd_point_set(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a)
{
	uint64_t v = a->val->f[0];

	if (v > current_buf(ep, SO_RCVBUF, ep->rcvbuf) / 2)
		return -EINVAL;
	ep->pd_point = (uint32_t)v;
	engine_set_rcvbuf(ep, ep->rcvbuf);
	return 0;
}

static int pd_point_get(struct endpoint *ep, const struct engine_optdesc *d,
			struct engine_optarg *a)
{
	a->val->f[0] = ep->pd_point;
	return 0;
}

/*
 * IPV6_V6ONLY.  Linux answers ENOPROTOOPT on AF_INET sockets (ip_setsockopt
 * knows no IPPROTO_IPV6 level) and EINVAL once the socket is bound.
 * usrsctp 0.9.5 has no IPPROTO_IPV6 level at all (ENOPROTOOPT for every
 * name) and its AF_INET6 sockets are always dual-stack.  So the daemon
 * reports the truth, 0, and accepts 0; turning it on is refused with
 * ENOPROTOOPT, as a kernel without the option would, rather than claimed
 * and not done.
 */
static int v6only_set(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	if (ep->bound)
		return -EINVAL;
	return a->val->f[0] ? -ENOPROTOOPT : 0;
}

static int v6only_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	a->val->f[0] = 0;
	return 0;
}

/* ---- usrsctp's, with Linux's rules on top ---------------------------------- */

static int style_one_to_many(struct endpoint *ep)
{
	return ep->style == SHIM_STYLE_ONE_TO_MANY ? 0 : -EOPNOTSUPP;
}

static int autoclose_set(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	int err = style_one_to_many(ep);

	return err ? err : engine_opt_set_table(ep, d, a);
}

static int autoclose_get(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	int err = style_one_to_many(ep);

	return err ? err : engine_opt_get_table(ep, d, a);
}

/* Linux's SCTP_REUSE_PORT: one-to-one sockets only, and not once bound
 * (EFAULT there is Linux's choice).  Kept here: engine_bind gives usrsctp
 * its port reuse for this and SO_REUSEADDR/SO_REUSEPORT alike. */
static int reuse_port_set(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	if (ep->style != SHIM_STYLE_ONE_TO_ONE)
		return -EOPNOTSUPP;
	if (ep->bound)
		return -EFAULT;
	ep->sctp_reuse = a->val->f[0] != 0;
	return 0;
}

static int reuse_port_get(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	a->val->f[0] = ep->sctp_reuse;
	return 0;
}

/* Linux allows auto ASCONF only on a socket bound to every address. */
static int auto_asconf_set(struct endpoint *ep, const struct engine_optdesc *d,
			   struct engine_optarg *a)
{
	if (a->val->f[0] && !(ep->bound && ep->bound_wildcard))
		return -EINVAL;
	return engine_opt_set_table(ep, d, a);
}

/* The *_SUPPORTED switches are the endpoint's on Linux, also when an
 * association is named; usrsctp takes them only for the endpoint. */
int engine_opt_set_endpoint(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a)
{
	a->assoc_id = SHIM_FUTURE_ASSOC;
	return engine_opt_set_table(ep, d, a);
}

static uint32_t neutral_assoc_state(int32_t s)
{
	switch (s & 0x00ff) {
	case SCTP_COOKIE_WAIT:       return SHIM_STATE_COOKIE_WAIT;
	case SCTP_COOKIE_ECHOED:     return SHIM_STATE_COOKIE_ECHOED;
	case SCTP_ESTABLISHED:       return SHIM_STATE_ESTABLISHED;
	case SCTP_SHUTDOWN_PENDING:  return SHIM_STATE_SHUTDOWN_PENDING;
	case SCTP_SHUTDOWN_SENT:     return SHIM_STATE_SHUTDOWN_SENT;
	case SCTP_SHUTDOWN_RECEIVED: return SHIM_STATE_SHUTDOWN_RECEIVED;
	case SCTP_SHUTDOWN_ACK_SENT: return SHIM_STATE_SHUTDOWN_ACK_SENT;
	default:                     return SHIM_STATE_CLOSED;
	}
}

uint32_t engine_path_state(int32_t s)
{
	if (s & SCTP_UNCONFIRMED)
		return SHIM_PATH_UNCONFIRMED;
	if (s & SCTP_ACTIVE)
		return SHIM_PATH_ACTIVE;
	if (s & SCTP_INACTIVE)
		return SHIM_PATH_INACTIVE;
	return SHIM_PATH_UNKNOWN;
}

static int status_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	int err = engine_opt_get_table(ep, d, a);

	if (err)
		return err == -EINVAL || err == -ENOPROTOOPT ? -EINVAL : err;
	a->val->f[0] = neutral_assoc_state((int32_t)a->val->f[0]);
	a->val->f[7] = engine_path_state((int32_t)a->val->f[7]);
	return 0;
}

/* Send defaults: the flags field is shim_msg_flags on the wire. */
static int send_defaults_set(struct endpoint *ep, const struct engine_optdesc *d,
			     struct engine_optarg *a)
{
	uint16_t flags = (uint16_t)a->val->f[1];
	int err;

	a->val->f[1] = engine_send_flags_to_sctp(flags);
	ep->send_defaults = true;
	err = engine_opt_set_table(ep, d, a);
	if (!err && ep->style == SHIM_STYLE_ONE_TO_ONE) {
		ep->last_sndinfo.set = true;
		ep->last_sndinfo.sid = (uint16_t)a->val->f[0];
		ep->last_sndinfo.flags = flags;
		ep->last_sndinfo.ppid = (uint32_t)a->val->f[2];
		ep->last_sndinfo.context = (uint32_t)a->val->f[3];
	}
	return err;
}

static int send_defaults_get(struct endpoint *ep, const struct engine_optdesc *d,
			     struct engine_optarg *a)
{
	int err = engine_opt_get_table(ep, d, a);

	if (!err)
		a->val->f[1] = engine_send_flags_from_sctp((uint16_t)a->val->f[1]);
	return err;
}

/*
 * SCTP_DEFAULT_SEND_PARAM, which usrsctp dropped: its stream, flags, ppid
 * and context are SCTP_DEFAULT_SNDINFO's, and its timetolive is the value
 * of SCTP_DEFAULT_PRINFO (Linux keeps one default_timetolive for both).
 */
static const struct engine_optdesc prinfo_desc = {
	SHIM_OPT_DEFAULT_PRINFO, SCTP_DEFAULT_PRINFO, sizeof(struct sctp_default_prinfo),
	offsetof(struct sctp_default_prinfo, pr_assoc_id),
	{ SHIM_UF(struct sctp_default_prinfo, pr_policy),
	  SHIM_UF(struct sctp_default_prinfo, pr_value) }
};

static const struct engine_optdesc *sndinfo_desc(void);

static int send_param_set(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	struct shim_optval pr;
	struct engine_optarg pa = *a;
	uint64_t ttl = a->val->f[4];
	int err = send_defaults_set(ep, sndinfo_desc(), a);

	if (err)
		return err;
	memset(&pr, 0, sizeof pr);
	pa.val = &pr;
	if ((err = engine_opt_get_table(ep, &prinfo_desc, &pa)))
		return err;
	pr.f[1] = ttl;
	return engine_opt_set_table(ep, &prinfo_desc, &pa);
}

static int send_param_get(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	struct shim_optval pr;
	struct engine_optarg pa = *a;
	int err = send_defaults_get(ep, sndinfo_desc(), a);

	if (err)
		return err;
	memset(&pr, 0, sizeof pr);
	pa.val = &pr;
	if ((err = engine_opt_get_table(ep, &prinfo_desc, &pa)))
		return err;
	a->val->f[4] = pr.f[1];
	return 0;
}

static int id_list_get(struct endpoint *ep, const struct engine_optdesc *d,
		       struct engine_optarg *a)
{
	uint32_t n = 0;
	socklen_t l = sizeof n;
	struct sctp_assoc_ids *ids;
	int err = 0;

	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &l) < 0)
		return engine_opt_errno(errno);
	if ((size_t)n * sizeof(uint32_t) > a->out_cap)
		return -ENOMEM;
	/* room for associations that come up meanwhile: usrsctp is threaded */
	l = (socklen_t)(sizeof *ids + ((size_t)n + 16) * sizeof(sctp_assoc_t));
	ids = calloc(1, l);
	if (!ids)
		return -ENOMEM;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, ids, &l) < 0) {
		err = engine_opt_errno(errno);
	} else {
		n = ids->gaids_number_of_ids;
		if ((size_t)n * sizeof(uint32_t) > a->out_cap)
			n = (uint32_t)(a->out_cap / sizeof(uint32_t));
		memcpy(a->out, ids->gaids_assoc_id, (size_t)n * sizeof(uint32_t));
		a->out_len = (size_t)n * sizeof(uint32_t);
		a->val->f[0] = n;
	}
	free(ids);
	return err;
}

#define INT_FIELD { { 0, sizeof(int), SHIM_FIELD_S } }
#define U32_FIELD { { 0, sizeof(uint32_t), SHIM_FIELD_U } }
#define AV(usr_name, shim_name) \
	{ shim_name, usr_name, sizeof(struct sctp_assoc_value), \
	  offsetof(struct sctp_assoc_value, assoc_id), \
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) } }
#define STATE(shim_name, setter, getter) \
	{ shim_name, 0, 0, EO_NO_ASSOC, { { 0 } }, setter, getter }

const struct engine_optdesc engine_opts_core[] = {
	{ SHIM_OPT_RTOINFO, SCTP_RTOINFO, sizeof(struct sctp_rtoinfo),
	  offsetof(struct sctp_rtoinfo, srto_assoc_id),
	  { SHIM_UF(struct sctp_rtoinfo, srto_initial), SHIM_UF(struct sctp_rtoinfo, srto_max),
	    SHIM_UF(struct sctp_rtoinfo, srto_min) } },
	{ SHIM_OPT_ASSOCINFO, SCTP_ASSOCINFO, sizeof(struct sctp_assocparams),
	  offsetof(struct sctp_assocparams, sasoc_assoc_id),
	  { SHIM_UF(struct sctp_assocparams, sasoc_asocmaxrxt),
	    SHIM_UF(struct sctp_assocparams, sasoc_number_peer_destinations),
	    SHIM_UF(struct sctp_assocparams, sasoc_peer_rwnd),
	    SHIM_UF(struct sctp_assocparams, sasoc_local_rwnd),
	    SHIM_UF(struct sctp_assocparams, sasoc_cookie_life) } },
	{ SHIM_OPT_INITMSG, SCTP_INITMSG, sizeof(struct sctp_initmsg), EO_NO_ASSOC,
	  { SHIM_UF(struct sctp_initmsg, sinit_num_ostreams),
	    SHIM_UF(struct sctp_initmsg, sinit_max_instreams),
	    SHIM_UF(struct sctp_initmsg, sinit_max_attempts),
	    SHIM_UF(struct sctp_initmsg, sinit_max_init_timeo) } },
	{ SHIM_OPT_NODELAY, SCTP_NODELAY, sizeof(int), EO_NO_ASSOC, INT_FIELD },
	{ SHIM_OPT_AUTOCLOSE, SCTP_AUTOCLOSE, sizeof(int), EO_NO_ASSOC, INT_FIELD,
	  autoclose_set, autoclose_get },
	{ SHIM_OPT_DISABLE_FRAGMENTS, SCTP_DISABLE_FRAGMENTS, sizeof(int), EO_NO_ASSOC,
	  INT_FIELD },
	{ SHIM_OPT_AUTO_ASCONF, SCTP_AUTO_ASCONF, sizeof(int), EO_NO_ASSOC, INT_FIELD,
	  auto_asconf_set, NULL },
	{ SHIM_OPT_REUSE_PORT, SCTP_REUSE_PORT, sizeof(uint32_t), EO_NO_ASSOC, U32_FIELD,
	  reuse_port_set, reuse_port_get },
	{ SHIM_OPT_ADAPTATION_LAYER, SCTP_ADAPTATION_LAYER, sizeof(struct sctp_setadaptation),
	  EO_NO_ASSOC, { SHIM_UF(struct sctp_setadaptation, ssb_adaptation_ind) } },
	AV(SCTP_MAXSEG, SHIM_OPT_MAXSEG),
	AV(SCTP_MAX_BURST, SHIM_OPT_MAX_BURST),
	AV(SCTP_CONTEXT, SHIM_OPT_CONTEXT),
	{ SHIM_OPT_ASCONF_SUPPORTED, SCTP_ASCONF_SUPPORTED, sizeof(struct sctp_assoc_value),
	  offsetof(struct sctp_assoc_value, assoc_id),
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) }, engine_opt_set_endpoint, NULL },
	{ SHIM_OPT_ECN_SUPPORTED, SCTP_ECN_SUPPORTED, sizeof(struct sctp_assoc_value),
	  offsetof(struct sctp_assoc_value, assoc_id),
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) }, engine_opt_set_endpoint, NULL },
	{ SHIM_OPT_DELAYED_SACK, SCTP_DELAYED_SACK, sizeof(struct sctp_sack_info),
	  offsetof(struct sctp_sack_info, sack_assoc_id),
	  { SHIM_UF(struct sctp_sack_info, sack_delay), SHIM_UF(struct sctp_sack_info, sack_freq) } },
	{ SHIM_OPT_DEFAULT_SEND_PARAM, 0, 0, EO_NO_ASSOC, { { 0 } },
	  send_param_set, send_param_get },
	{ SHIM_OPT_DEFAULT_SNDINFO, SCTP_DEFAULT_SNDINFO, sizeof(struct sctp_sndinfo),
	  offsetof(struct sctp_sndinfo, snd_assoc_id),
	  { SHIM_UF(struct sctp_sndinfo, snd_sid), SHIM_UF(struct sctp_sndinfo, snd_flags),
	    SHIM_UF(struct sctp_sndinfo, snd_ppid), SHIM_UF(struct sctp_sndinfo, snd_context) },
	  send_defaults_set, send_defaults_get },
	{ SHIM_OPT_STATUS, SCTP_STATUS, sizeof(struct sctp_status),
	  offsetof(struct sctp_status, sstat_assoc_id),
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
	  NULL, status_get },
	{ SHIM_OPT_GET_ASSOC_NUMBER, SCTP_GET_ASSOC_NUMBER, sizeof(uint32_t), EO_NO_ASSOC,
	  U32_FIELD },
	{ SHIM_OPT_GET_ASSOC_ID_LIST, 0, 0, EO_NO_ASSOC, { { 0 } }, NULL, id_list_get },
	STATE(SHIM_OPT_EVENTS, events_set, events_get),
	STATE(SHIM_OPT_EVENT, event_set, event_get),
	STATE(SHIM_OPT_RECVRCVINFO, recvrcvinfo_set, recvrcvinfo_get),
	STATE(SHIM_OPT_RECVNXTINFO, recvnxtinfo_set, recvnxtinfo_get),
	STATE(SHIM_OPT_REUSEADDR, reuseaddr_set, reuseaddr_get),
	STATE(SHIM_OPT_SO_REUSEPORT, so_reuseport_set, so_reuseport_get),
	STATE(SHIM_OPT_I_WANT_MAPPED_V4_ADDR, v4mapped_set, v4mapped_get),
	STATE(SHIM_OPT_ACCEPTCONN, NULL, acceptconn_get),
	STATE(SHIM_OPT_SO_ERROR, NULL, so_error_get),
	STATE(SHIM_OPT_PENDING_ERROR, NULL, pending_error_get),
	STATE(SHIM_OPT_LINGER, linger_set, linger_get),
	STATE(SHIM_OPT_SNDBUF, sndbuf_set, sndbuf_get),
	STATE(SHIM_OPT_RCVBUF, rcvbuf_set, rcvbuf_get),
	STATE(SHIM_OPT_PARTIAL_DELIVERY_POINT, pd_point_set, pd_point_get),
	STATE(SHIM_OPT_V6ONLY, v6only_set, v6only_get),
	{ 0 }
};

static const struct engine_optdesc *sndinfo_desc(void)
{
	for (const struct engine_optdesc *d = engine_opts_core; d->shim; d++)
		if (d->shim == SHIM_OPT_DEFAULT_SNDINFO)
			return d;
	return NULL;
}
