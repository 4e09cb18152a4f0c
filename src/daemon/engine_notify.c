/* SPDX-License-Identifier: MIT */
/* usrsctp notifications (usrsctp's numbering) -> struct shim_notify (the
 * neutral numbering), plus the association bookkeeping they drive. */
#define _GNU_SOURCE
#include "daemon/engine_int.h"
#include "daemon/engine_notify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "daemon/daemon.h"
#include "daemon/log.h"
#include "wire/wire.h"

/* RFC 6458's address states, in the neutral order (usrsctp's minus one). */
#define NEUTRAL_ADDR_UNREACHABLE 1u
#define NEUTRAL_ADDR_MADE_PRIM 4u

static const char *addr_state_name(uint32_t state)
{
	static const char *const names[] = {
		"available", "unreachable", "removed", "added", "made primary", "confirmed",
	};

	return state < sizeof names / sizeof names[0] ? names[state] : "in another state";
}

/* Linux checks a notification against its association's subscriptions
 * (sctp_ulpq_tail_event: asoc->subscribe), not the socket's. */
static bool wanted(const struct endpoint *ep, uint32_t assoc_id, uint32_t types)
{
	return endpoint_events_of(ep, assoc_id) & types;
}

static void emit_notification(struct endpoint *ep, struct shim_notify *sn, const void *extra,
			      size_t len)
{
	struct shim_hdr h;
	struct iovec iov[3] = {
		{ .iov_base = &h, .iov_len = sizeof h },
		{ .iov_base = sn, .iov_len = sizeof *sn },
		{ .iov_base = (void *)extra, .iov_len = len },
	};

	if (sizeof h + sizeof *sn + len > SHIM_DATA_MAX)
		len = SHIM_DATA_MAX - sizeof h - sizeof *sn;
	sn->len = (uint32_t)len;
	shim_hdr_init(&h, SHIM_NOTIFY, (uint32_t)(sizeof h + sizeof *sn + len), 0);
	endpoint_emit(ep, iov, len ? 3 : 2, -1);
}

static void forward(struct endpoint *ep, struct shim_notify *sn, const void *extra, size_t len)
{
	if (wanted(ep, sn->assoc_id, 1u << sn->type))
		emit_notification(ep, sn, extra, len);
}

static size_t bytes_after(uint32_t total, size_t fixed, size_t have)
{
	if (total > have)
		total = (uint32_t)have;
	return total > fixed ? total - fixed : 0;
}

/* The pending error (sk_err) a one-to-one socket gets when its
 * association is lost, as Linux's state machine sets it: the peer's ABORT
 * (carried in sac_info) ECONNRESET, retransmissions run out
 * (sctp_sf_do_6_3_3_rtx, heartbeats) ETIMEDOUT.  (A one-to-one socket
 * cannot send SCTP_ABORT itself: EINVAL.) */
static int lost_error(size_t info_len)
{
	return info_len ? ECONNRESET : ETIMEDOUT;
}

/* A failed setup is refused when the peer said so (ABORT, carried in
 * sac_info), timed out when nothing came back. */
static int setup_error(const struct shim_notify *sn, size_t info_len)
{
	return sn->error || info_len ? ECONNREFUSED : ETIMEDOUT;
}

/*
 * Linux reports the data an ended association still held after the
 * ASSOC_CHANGE that ends it (sctp_cmd_assoc_failed: "SEND_FAILED sent later
 * when cleaning up the association"); usrsctp reports it just before
 * (sctp_report_all_outbound, then the ASSOC_CHANGE, from one call).  So a
 * SEND_FAILED of an association usrsctp has already freed waits here for
 * that association's ASSOC_CHANGE; one of a live association (PR-SCTP
 * abandoning a message) goes at once.
 */
struct held_failure {
	struct held_failure *next;
	uint32_t ep_id;
	struct shim_notify sn;
	size_t len;
	uint8_t data[];
};

static struct held_failure *held_head, **held_tail = &held_head;
static size_t held_count;

#define HELD_MAX 4096  /* beyond that, the usrsctp order rather than memory */

/* Linux makes SEND_FAILED first, then SEND_FAILED_EVENT (sctp_datamsg_destroy). */
static void forward_failure(struct endpoint *ep, struct shim_notify *sn, const void *data,
			    size_t len)
{
	sn->type = SHIM_NOTIFY_SEND_FAILED;
	forward(ep, sn, data, len);
	sn->type = SHIM_NOTIFY_SEND_FAILED_EVENT;
	forward(ep, sn, data, len);
}

static bool assoc_gone(struct endpoint *ep, uint32_t assoc_id)
{
	struct sctp_status st;
	socklen_t l = sizeof st;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = (sctp_assoc_t)assoc_id;
	return usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	       || st.sstat_state == SCTP_CLOSED;
}

static void send_failed(struct endpoint *ep, struct shim_notify *sn, const void *data, size_t len)
{
	struct held_failure *h;

	if (!wanted(ep, sn->assoc_id,
		    1u << SHIM_NOTIFY_SEND_FAILED | 1u << SHIM_NOTIFY_SEND_FAILED_EVENT))
		return;
	if (held_count >= HELD_MAX || !assoc_gone(ep, sn->assoc_id)
	    || !(h = malloc(sizeof *h + len))) {
		forward_failure(ep, sn, data, len);
		return;
	}
	h->next = NULL;
	h->ep_id = ep->id;
	h->sn = *sn;
	h->len = len;
	memcpy(h->data, data, len);
	*held_tail = h;
	held_tail = &h->next;
	held_count++;
}

/* Deliver what waited for this association's end (in order), and drop
 * what belongs to endpoints that are gone. */
static void release_failures(struct endpoint *ep, uint32_t assoc_id)
{
	struct held_failure **pp = &held_head, *h;

	while ((h = *pp)) {
		struct endpoint *owner = endpoint_lookup(h->ep_id);
		bool mine = owner == ep && h->sn.assoc_id == assoc_id;

		if (!mine && owner && !owner->dead) {
			pp = &h->next;
			continue;
		}
		*pp = h->next;
		held_count--;
		if (mine)
			forward_failure(ep, &h->sn, h->data, h->len);
		free(h);
	}
	held_tail = pp;
}

/* The association is over: what it held has been reported, its
 * subscriptions go.  After a failure, what the daemon still has of it
 * comes back after usrsctp's (sent later), while the subscriptions that
 * decide are still known. */
static void assoc_over(struct endpoint *ep, const struct shim_notify *sn, bool failed)
{
	release_failures(ep, sn->assoc_id);
	if (failed)
		endpoint_fail_unsent(ep, sn->assoc_id, sn->error, &sn->addr);
	endpoint_events_forget(ep, sn->assoc_id);
}

static void assoc_change(struct endpoint *ep, struct shim_notify *sn, const void *info,
			 size_t info_len)
{
	switch (sn->state) {
	case SHIM_COMM_UP:
		shimd.stats.associations++;
		endpoint_connect_resolved(ep, sn->assoc_id, 0);
		forward(ep, sn, info, info_len);
		break;
	case SHIM_CANT_STR_ASSOC:
		endpoint_connect_resolved(ep, sn->assoc_id, setup_error(sn, info_len));
		forward(ep, sn, info, info_len);
		assoc_over(ep, sn, true);
		break;
	case SHIM_COMM_LOST:
		if (ep->style == SHIM_STYLE_ONE_TO_MANY) {
			endpoint_connect_resolved(ep, sn->assoc_id, setup_error(sn, info_len));
			forward(ep, sn, info, info_len);
			assoc_over(ep, sn, true);
		} else {
			endpoint_assoc_failing(ep);
			forward(ep, sn, info, info_len);
			assoc_over(ep, sn, true);
			endpoint_assoc_ended(ep, lost_error(info_len));
		}
		break;
	case SHIM_SHUTDOWN_COMP:
		forward(ep, sn, info, info_len);
		assoc_over(ep, sn, false);
		if (ep->style == SHIM_STYLE_ONE_TO_ONE)
			endpoint_assoc_ended(ep, 0);
		break;
	default:
		forward(ep, sn, info, info_len);
		release_failures(ep, sn->assoc_id);
		break;
	}
}

/*
 * shim_notify.addr is what Linux puts in recvmsg's msg_name for a
 * notification: the association's primary peer address
 * (sctp_inet_event_msgname).  usrsctp hands the same with each
 * notification, taken when it was made, so it is there even when the
 * association is already gone (COMM_LOST, SHUTDOWN_COMP).
 * PEER_ADDR_CHANGE keeps the address it is about in addr (spc_aaddr), so
 * its msg_name is that address rather than the primary.
 */
/* Sending flags a program can give (shim_msg_flags); the rest are ours. */
#define SEND_FLAGS (SHIM_MSG_UNORDERED | SHIM_MSG_ADDR_OVER | SHIM_MSG_ABORT | SHIM_MSG_EOF \
		    | SHIM_MSG_SENDALL | SHIM_MSG_SACK_IMMEDIATELY)

/* A message usrsctp never had, laid out as send_failed() does, with the
 * send info it would have been given (the socket's defaults included, as
 * Linux's sctp_sendmsg applies them before queueing). */
static void unsent_notify(struct endpoint *ep, struct shim_notify *sn, uint32_t assoc_id,
			  uint32_t error, const struct shim_msginfo *info)
{
	struct sctp_sendv_spa spa;

	engine_message_spa(ep, info, &spa);
	memset(sn, 0, sizeof *sn);
	sn->flags = SHIM_SEND_FAILED_UNSENT;
	sn->assoc_id = assoc_id;
	sn->error = error;
	sn->outbound_streams = spa.sendv_sndinfo.snd_sid;
	sn->inbound_streams = engine_send_flags_from_sctp(spa.sendv_sndinfo.snd_flags) & SEND_FLAGS;
	sn->value = spa.sendv_sndinfo.snd_ppid;
	sn->reserved = spa.sendv_sndinfo.snd_context;
	if ((info->flags & SHIM_MSG_DEFAULTS) && ep->last_sndinfo.set) {
		/* usrsctp forgot them with the association */
		sn->outbound_streams = ep->last_sndinfo.sid;
		sn->inbound_streams = (info->flags | ep->last_sndinfo.flags) & SEND_FLAGS;
		sn->value = ep->last_sndinfo.ppid;
		sn->reserved = ep->last_sndinfo.context;
	}
}

void engine_report_unsent(struct endpoint *ep, const struct unsent_report *u,
			  const struct shim_msginfo *info, const void *data, size_t len)
{
	struct shim_notify sn;

	log_debug("endpoint %u: a message of %zu bytes for association %u reported unsent",
		  ep->id, len, u->assoc_id);
	unsent_notify(ep, &sn, u->assoc_id, u->error, info);
	sn.addr = u->addr;
	/* Linux makes SEND_FAILED first, then SEND_FAILED_EVENT */
	sn.type = SHIM_NOTIFY_SEND_FAILED;
	if (u->events & (1u << SHIM_NOTIFY_SEND_FAILED))
		emit_notification(ep, &sn, data, len);
	sn.type = SHIM_NOTIFY_SEND_FAILED_EVENT;
	if (u->events & (1u << SHIM_NOTIFY_SEND_FAILED_EVENT))
		emit_notification(ep, &sn, data, len);
}

void engine_send_refused(struct endpoint *ep, const struct shim_msginfo *info,
			 const void *data, size_t len, int error)
{
	struct shim_notify sn;

	unsent_notify(ep, &sn, ep->style == SHIM_STYLE_ONE_TO_ONE ? ep->assoc_id : info->assoc_id,
		      (uint32_t)error, info);

	/* one line per endpoint: a program writing on after its association
	 * ended would otherwise log every message it had queued */
	if (ep->refused++ == 0)
		log_info("endpoint %u (pid %d): a message of %zu bytes on stream %u was refused: %s%s",
			 ep->id, (int)ep->owner_pid, len, info->stream, strerror(error),
			 wanted(ep, sn.assoc_id, 1u << SHIM_NOTIFY_SEND_FAILED
						 | 1u << SHIM_NOTIFY_SEND_FAILED_EVENT)
			 ? " (SEND_FAILED delivered)" : "");
	else
		log_debug("endpoint %u: a message of %zu bytes refused: %s", ep->id, len,
			  strerror(error));
	forward_failure(ep, &sn, data, len);
}

int engine_notify_convert(const void *buf, size_t len, const struct shim_addr *peer,
			  struct shim_notify *sn, const void **extra, size_t *extra_len)
{
	union sctp_notification n;
	const uint8_t *raw = buf;

	memset(sn, 0, sizeof *sn);
	*extra = NULL;
	*extra_len = 0;
	if (len < sizeof n.sn_header)
		return -EINVAL;
	memset(&n, 0, sizeof n);
	memcpy(&n, buf, len < sizeof n ? len : sizeof n);
	if (peer)
		sn->addr = *peer;
	switch (n.sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE: {
		const struct sctp_assoc_change *sac = &n.sn_assoc_change;

		if (len < sizeof *sac || sac->sac_state < SCTP_COMM_UP
		    || sac->sac_state > SCTP_CANT_STR_ASSOC)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_ASSOC_CHANGE;
		sn->flags = sac->sac_flags;
		sn->assoc_id = sac->sac_assoc_id;
		sn->state = sac->sac_state - 1u;  /* usrsctp counts from 1, RFC order */
		sn->error = sac->sac_error;
		sn->outbound_streams = sac->sac_outbound_streams;
		sn->inbound_streams = sac->sac_inbound_streams;
		*extra = raw + offsetof(struct sctp_assoc_change, sac_info);
		*extra_len = bytes_after(sac->sac_length, sizeof *sac, len);
		return 0;
	}
	case SCTP_PEER_ADDR_CHANGE: {
		const struct sctp_paddr_change *p = &n.sn_paddr_change;

		if (len < sizeof *p)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_PEER_ADDR_CHANGE;
		sn->flags = p->spc_flags;
		sn->assoc_id = p->spc_assoc_id;
		sn->state = p->spc_state - 1u;  /* AVAILABLE = 0, RFC 6458 order */
		sn->error = p->spc_error;
		/* the address it is about, which is also its msg_name */
		if (shim_addr_from_sockaddr(&sn->addr, (const struct sockaddr *)&p->spc_aaddr,
					    sizeof p->spc_aaddr) < 0)
			memset(&sn->addr, 0, sizeof sn->addr);
		return 0;
	}
	case SCTP_REMOTE_ERROR: {
		const struct sctp_remote_error *r = &n.sn_remote_error;

		if (len < sizeof *r)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_REMOTE_ERROR;
		sn->flags = r->sre_flags;
		sn->assoc_id = r->sre_assoc_id;
		sn->error = r->sre_error;
		*extra = raw + offsetof(struct sctp_remote_error, sre_data);
		*extra_len = bytes_after(r->sre_length, sizeof *r, len);
		return 0;
	}
	case SCTP_SEND_FAILED_EVENT: {
		const struct sctp_send_failed_event *f = &n.sn_send_failed_event;

		if (len < sizeof *f)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_SEND_FAILED_EVENT;
		sn->flags = (f->ssfe_flags & SCTP_DATA_SENT) ? SHIM_SEND_FAILED_SENT
							     : SHIM_SEND_FAILED_UNSENT;
		sn->assoc_id = f->ssfe_assoc_id;
		sn->error = f->ssfe_error;
		/* the failed message's sndinfo, where the struct has room:
		 * stream, shim_msg_flags, ppid, context */
		sn->outbound_streams = f->ssfe_info.snd_sid;
		sn->inbound_streams = engine_send_flags_from_sctp(f->ssfe_info.snd_flags);
		sn->value = f->ssfe_info.snd_ppid;
		sn->reserved = f->ssfe_info.snd_context;
		*extra = raw + offsetof(struct sctp_send_failed_event, ssfe_data);
		*extra_len = bytes_after(f->ssfe_length, sizeof *f, len);
		return 0;
	}
	case SCTP_SHUTDOWN_EVENT:
		if (len < sizeof n.sn_shutdown_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_SHUTDOWN;
		sn->assoc_id = n.sn_shutdown_event.sse_assoc_id;
		return 0;
	case SCTP_ADAPTATION_INDICATION:
		if (len < sizeof n.sn_adaptation_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_ADAPTATION;
		sn->assoc_id = n.sn_adaptation_event.sai_assoc_id;
		sn->value = n.sn_adaptation_event.sai_adaptation_ind;
		return 0;
	case SCTP_PARTIAL_DELIVERY_EVENT:
		if (len < sizeof n.sn_pdapi_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_PARTIAL_DELIVERY;
		sn->assoc_id = n.sn_pdapi_event.pdapi_assoc_id;
		/* usrsctp counts from 1 (ABORTED), neutral from 0 */
		sn->state = n.sn_pdapi_event.pdapi_indication - 1u;
		sn->value = n.sn_pdapi_event.pdapi_stream;
		return 0;
	case SCTP_AUTHENTICATION_EVENT:
		if (len < sizeof n.sn_auth_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_AUTHENTICATION;
		sn->assoc_id = n.sn_auth_event.auth_assoc_id;
		/* usrsctp numbers NEW_KEY, NO_AUTH, FREE_KEY from 1; neutral
		 * is RFC 6458's order from 0 */
		sn->state = n.sn_auth_event.auth_indication - 1u;
		sn->value = n.sn_auth_event.auth_keynumber;
		return 0;
	case SCTP_SENDER_DRY_EVENT:
		if (len < sizeof n.sn_sender_dry_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_SENDER_DRY;
		sn->assoc_id = n.sn_sender_dry_event.sender_dry_assoc_id;
		return 0;
	case SCTP_STREAM_RESET_EVENT: {
		const struct sctp_stream_reset_event *r = &n.sn_strreset_event;

		if (len < sizeof *r)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_STREAM_RESET;
		sn->flags = r->strreset_flags;
		sn->assoc_id = r->strreset_assoc_id;
		*extra = raw + offsetof(struct sctp_stream_reset_event, strreset_stream_list);
		*extra_len = bytes_after(r->strreset_length, sizeof *r, len);
		return 0;
	}
	case SCTP_ASSOC_RESET_EVENT:
		if (len < sizeof n.sn_assocreset_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_ASSOC_RESET;
		sn->flags = n.sn_assocreset_event.assocreset_flags;
		sn->assoc_id = n.sn_assocreset_event.assocreset_assoc_id;
		sn->value = n.sn_assocreset_event.assocreset_local_tsn;
		sn->state = n.sn_assocreset_event.assocreset_remote_tsn;
		return 0;
	case SCTP_STREAM_CHANGE_EVENT:
		if (len < sizeof n.sn_strchange_event)
			return -EINVAL;
		sn->type = SHIM_NOTIFY_STREAM_CHANGE;
		sn->flags = n.sn_strchange_event.strchange_flags;
		sn->assoc_id = n.sn_strchange_event.strchange_assoc_id;
		sn->inbound_streams = n.sn_strchange_event.strchange_instrms;
		sn->outbound_streams = n.sn_strchange_event.strchange_outstrms;
		return 0;
	default:
		return -ENOENT;
	}
}

void engine_notification(struct endpoint *ep, const void *buf, size_t len,
			 const struct sockaddr *from, socklen_t from_len)
{
	struct shim_notify sn;
	struct shim_addr peer;
	const void *extra;
	size_t xl;

	memset(&peer, 0, sizeof peer);
	if (!from_len || shim_addr_from_sockaddr(&peer, from, from_len) < 0)
		memset(&peer, 0, sizeof peer);
	if (engine_notify_convert(buf, len, &peer, &sn, &extra, &xl) < 0)
		return;
	switch (sn.type) {
	case SHIM_NOTIFY_PEER_ADDR_CHANGE:
		log_debug("endpoint %u: association %u: a peer address is %s", ep->id,
			  sn.assoc_id, addr_state_name(sn.state));
		if (sn.state == NEUTRAL_ADDR_UNREACHABLE)
			engine_unsent_path_lost();
		forward(ep, &sn, extra, xl);
		return;
	case SHIM_NOTIFY_ASSOC_CHANGE:
		assoc_change(ep, &sn, extra, xl);
		return;
	case SHIM_NOTIFY_SEND_FAILED_EVENT:
		send_failed(ep, &sn, extra, xl);
		return;
	default:
		forward(ep, &sn, extra, xl);
		return;
	}
}

/* ---- SENDER_DRY when subscribing ------------------------------------------ */

/* Has the program handed the daemon data for this endpoint that usrsctp
 * does not have yet?  (Linux would have it in the association's queue.) */
static bool daemon_holds_data(struct endpoint *ep)
{
	int pending = 0;

	if (ep->has_held || ep->n_partials)
		return true;
	return ioctl(ep->chan.fd, FIONREAD, &pending) == 0 && pending > 0;
}

/* Dry: nothing sent and not acknowledged (SCTP_STATUS), nothing queued
 * (usrsctp can hold data unsent with nothing outstanding: engine_unsent.c). */
static void dry_if_idle(struct endpoint *ep, uint32_t assoc_id)
{
	struct sctp_status st;
	socklen_t l = sizeof st;
	struct shim_notify sn;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = (sctp_assoc_t)assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	    || st.sstat_state == SCTP_CLOSED || st.sstat_unackdata
	    || engine_assoc_queued(ep->so, st.sstat_assoc_id))
		return;
	memset(&sn, 0, sizeof sn);
	sn.type = SHIM_NOTIFY_SENDER_DRY;
	sn.assoc_id = (uint32_t)st.sstat_assoc_id;
	if (shim_addr_from_sockaddr(&sn.addr, (const struct sockaddr *)&st.sstat_primary.spinfo_address,
				    sizeof st.sstat_primary.spinfo_address) < 0)
		memset(&sn.addr, 0, sizeof sn.addr);
	forward(ep, &sn, NULL, 0);
}

void engine_notify_dry_on_subscribe(struct endpoint *ep, uint32_t assoc_id)
{
	uint32_t n, *ids;

	/* forward() then keeps it to the associations that subscribe */
	if (!ep->so || daemon_holds_data(ep))
		return;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state == EP_CONNECTED)
			dry_if_idle(ep, 0);
		return;
	}
	if (assoc_id > SHIM_ALL_ASSOC) {
		dry_if_idle(ep, assoc_id);
		return;
	}
	if (assoc_id == SHIM_FUTURE_ASSOC)
		return;
	if (engine_list_assocs(ep->so, &ids, &n) < 0)
		return;
	for (uint32_t i = 0; i < n; i++)
		dry_if_idle(ep, ids[i]);
	free(ids);
}

/* ---- PEER_ADDR_CHANGE ADDR_MADE_PRIM -------------------------------------- */

void engine_notify_made_primary(struct endpoint *ep, uint32_t assoc_id, const struct shim_addr *addr)
{
	struct sctp_status st;
	socklen_t l = sizeof st;
	struct shim_notify sn;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = (sctp_assoc_t)assoc_id;
	/* Linux says nothing before the association is established */
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	    || st.sstat_state == SCTP_CLOSED || st.sstat_state == SCTP_COOKIE_WAIT
	    || st.sstat_state == SCTP_COOKIE_ECHOED)
		return;
	memset(&sn, 0, sizeof sn);
	sn.type = SHIM_NOTIFY_PEER_ADDR_CHANGE;
	sn.assoc_id = (uint32_t)st.sstat_assoc_id;
	sn.state = NEUTRAL_ADDR_MADE_PRIM;
	sn.addr = *addr;
	forward(ep, &sn, NULL, 0);
}
