/* SPDX-License-Identifier: MIT */
/* usrsctp notifications (usrsctp's numbering) -> struct shim_notify (the
 * neutral numbering), plus the association bookkeeping they drive. */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <string.h>

#include "daemon/daemon.h"
#include "daemon/log.h"
#include "wire/wire.h"

static void forward(struct endpoint *ep, struct shim_notify *sn, const void *extra, size_t len)
{
	struct shim_hdr h;
	struct iovec iov[3] = {
		{ .iov_base = &h, .iov_len = sizeof h },
		{ .iov_base = sn, .iov_len = sizeof *sn },
		{ .iov_base = (void *)extra, .iov_len = len },
	};

	if (!(ep->events_mask & (1u << sn->type)))
		return;
	if (sizeof h + sizeof *sn + len > SHIM_DATA_MAX)
		len = SHIM_DATA_MAX - sizeof h - sizeof *sn;
	sn->len = (uint32_t)len;
	shim_hdr_init(&h, SHIM_NOTIFY, (uint32_t)(sizeof h + sizeof *sn + len), 0);
	endpoint_emit(ep, iov, len ? 3 : 2, -1);
}

static size_t extra_len(uint32_t total, size_t fixed, size_t have)
{
	if (total > have)
		total = (uint32_t)have;
	return total > fixed ? total - fixed : 0;
}

/* A failed setup is refused when the peer said so (ABORT, carried in
 * sac_info), timed out when nothing came back. */
static int setup_error(const struct sctp_assoc_change *sac, size_t info_len)
{
	return sac->sac_error || info_len ? ECONNREFUSED : ETIMEDOUT;
}

static void assoc_change(struct endpoint *ep, const struct sctp_assoc_change *sac, size_t len,
			 const struct shim_addr *peer)
{
	size_t info_len = extra_len(sac->sac_length, sizeof *sac, len);
	struct shim_notify sn = {
		.type = SHIM_NOTIFY_ASSOC_CHANGE,
		.flags = sac->sac_flags,
		.assoc_id = sac->sac_assoc_id,
		.state = sac->sac_state - 1u,  /* usrsctp counts from 1, RFC order */
		.error = sac->sac_error,
		.outbound_streams = sac->sac_outbound_streams,
		.inbound_streams = sac->sac_inbound_streams,
		.addr = *peer,
	};
	switch (sac->sac_state) {
	case SCTP_COMM_UP:
		shimd.stats.associations++;
		endpoint_connect_resolved(ep, sac->sac_assoc_id, 0);
		forward(ep, &sn, sac->sac_info, info_len);
		break;
	case SCTP_CANT_STR_ASSOC:
		endpoint_connect_resolved(ep, sac->sac_assoc_id, setup_error(sac, info_len));
		forward(ep, &sn, sac->sac_info, info_len);
		break;
	case SCTP_COMM_LOST:
		if (ep->style == SHIM_STYLE_ONE_TO_MANY) {
			endpoint_connect_resolved(ep, sac->sac_assoc_id, setup_error(sac, info_len));
			forward(ep, &sn, sac->sac_info, info_len);
		} else {
			forward(ep, &sn, sac->sac_info, info_len);
			endpoint_assoc_ended(ep, ECONNRESET);
		}
		break;
	case SCTP_SHUTDOWN_COMP:
		forward(ep, &sn, sac->sac_info, info_len);
		if (ep->style == SHIM_STYLE_ONE_TO_ONE)
			endpoint_assoc_ended(ep, 0);
		break;
	default:
		forward(ep, &sn, sac->sac_info, info_len);
		break;
	}
}

static void send_failed(struct endpoint *ep, const struct sctp_send_failed_event *f, size_t len,
			const struct shim_addr *peer)
{
	size_t data_len = extra_len(f->ssfe_length, sizeof *f, len);
	struct shim_notify sn = {
		.flags = (f->ssfe_flags & SCTP_DATA_SENT) ? SHIM_SEND_FAILED_SENT
							  : SHIM_SEND_FAILED_UNSENT,
		.assoc_id = f->ssfe_assoc_id,
		.error = f->ssfe_error,
		/* the failed message's sndinfo, where the struct has room:
		 * stream, shim_msg_flags, ppid, context */
		.outbound_streams = f->ssfe_info.snd_sid,
		.inbound_streams = engine_send_flags_from_sctp(f->ssfe_info.snd_flags),
		.value = f->ssfe_info.snd_ppid,
		.reserved = f->ssfe_info.snd_context,
		.addr = *peer,
	};

	/* one usrsctp event serves both Linux flavours */
	sn.type = SHIM_NOTIFY_SEND_FAILED_EVENT;
	forward(ep, &sn, f->ssfe_data, data_len);
	sn.type = SHIM_NOTIFY_SEND_FAILED;
	forward(ep, &sn, f->ssfe_data, data_len);
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

void engine_send_refused(struct endpoint *ep, const struct shim_msginfo *info,
			 const void *data, size_t len, int error)
{
	struct shim_notify sn = {
		.flags = SHIM_SEND_FAILED_UNSENT,
		.assoc_id = ep->style == SHIM_STYLE_ONE_TO_ONE ? ep->assoc_id : info->assoc_id,
		.error = (uint32_t)error,
		/* laid out as send_failed() does */
		.outbound_streams = info->stream,
		.inbound_streams = info->flags & SEND_FLAGS,
		.value = info->ppid,
		.reserved = info->context,
	};

	/* one line per endpoint: a program writing on after its association
	 * ended would otherwise log every message it had queued */
	if (ep->refused++ == 0)
		log_info("endpoint %u (pid %d): a message of %zu bytes on stream %u was refused: %s%s",
			 ep->id, (int)ep->owner_pid, len, info->stream, strerror(error),
			 ep->events_mask & (1u << SHIM_NOTIFY_SEND_FAILED
					    | 1u << SHIM_NOTIFY_SEND_FAILED_EVENT)
			 ? " (SEND_FAILED delivered)" : "");
	else
		log_debug("endpoint %u: a message of %zu bytes refused: %s", ep->id, len,
			  strerror(error));
	sn.type = SHIM_NOTIFY_SEND_FAILED_EVENT;
	forward(ep, &sn, data, len);
	sn.type = SHIM_NOTIFY_SEND_FAILED;
	forward(ep, &sn, data, len);
}

void engine_notification(struct endpoint *ep, const void *buf, size_t len,
			 const struct sockaddr *from, socklen_t from_len)
{
	union sctp_notification n;
	const uint8_t *raw = buf;
	struct shim_notify sn;
	struct shim_addr peer;

	if (len < sizeof n.sn_header)
		return;
	memset(&n, 0, sizeof n);
	memcpy(&n, buf, len < sizeof n ? len : sizeof n);
	memset(&peer, 0, sizeof peer);
	if (!from_len || shim_addr_from_sockaddr(&peer, from, from_len) < 0)
		memset(&peer, 0, sizeof peer);
	memset(&sn, 0, sizeof sn);
	sn.addr = peer;
	switch (n.sn_header.sn_type) {
	case SCTP_ASSOC_CHANGE:
		if (len >= sizeof n.sn_assoc_change)
			assoc_change(ep, (const struct sctp_assoc_change *)raw, len, &peer);
		return;
	case SCTP_PEER_ADDR_CHANGE: {
		const struct sctp_paddr_change *p = &n.sn_paddr_change;

		sn.type = SHIM_NOTIFY_PEER_ADDR_CHANGE;
		sn.assoc_id = p->spc_assoc_id;
		sn.state = p->spc_state - 1u;  /* AVAILABLE = 0, RFC 6458 order */
		sn.error = p->spc_error;
		shim_addr_from_sockaddr(&sn.addr, (const struct sockaddr *)&p->spc_aaddr,
					sizeof p->spc_aaddr);
		forward(ep, &sn, NULL, 0);
		return;
	}
	case SCTP_REMOTE_ERROR: {
		const struct sctp_remote_error *r = (const void *)raw;

		sn.type = SHIM_NOTIFY_REMOTE_ERROR;
		sn.flags = n.sn_remote_error.sre_flags;
		sn.assoc_id = n.sn_remote_error.sre_assoc_id;
		sn.error = n.sn_remote_error.sre_error;
		forward(ep, &sn, r->sre_data,
			extra_len(n.sn_remote_error.sre_length, sizeof *r, len));
		return;
	}
	case SCTP_SEND_FAILED_EVENT:
		if (len >= sizeof n.sn_send_failed_event)
			send_failed(ep, (const struct sctp_send_failed_event *)raw, len, &peer);
		return;
	case SCTP_SHUTDOWN_EVENT:
		sn.type = SHIM_NOTIFY_SHUTDOWN;
		sn.assoc_id = n.sn_shutdown_event.sse_assoc_id;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_ADAPTATION_INDICATION:
		sn.type = SHIM_NOTIFY_ADAPTATION;
		sn.assoc_id = n.sn_adaptation_event.sai_assoc_id;
		sn.value = n.sn_adaptation_event.sai_adaptation_ind;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_PARTIAL_DELIVERY_EVENT:
		sn.type = SHIM_NOTIFY_PARTIAL_DELIVERY;
		sn.assoc_id = n.sn_pdapi_event.pdapi_assoc_id;
		sn.state = n.sn_pdapi_event.pdapi_indication;
		sn.value = n.sn_pdapi_event.pdapi_stream;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_AUTHENTICATION_EVENT:
		sn.type = SHIM_NOTIFY_AUTHENTICATION;
		sn.assoc_id = n.sn_auth_event.auth_assoc_id;
		/* usrsctp numbers NEW_KEY, NO_AUTH, FREE_KEY from 1; neutral
		 * is RFC 6458's order from 0 */
		sn.state = n.sn_auth_event.auth_indication - 1u;
		sn.value = n.sn_auth_event.auth_keynumber;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_SENDER_DRY_EVENT:
		sn.type = SHIM_NOTIFY_SENDER_DRY;
		sn.assoc_id = n.sn_sender_dry_event.sender_dry_assoc_id;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_STREAM_RESET_EVENT: {
		const struct sctp_stream_reset_event *r = (const void *)raw;

		sn.type = SHIM_NOTIFY_STREAM_RESET;
		sn.flags = n.sn_strreset_event.strreset_flags;
		sn.assoc_id = n.sn_strreset_event.strreset_assoc_id;
		forward(ep, &sn, r->strreset_stream_list,
			extra_len(n.sn_strreset_event.strreset_length, sizeof *r, len));
		return;
	}
	case SCTP_ASSOC_RESET_EVENT:
		sn.type = SHIM_NOTIFY_ASSOC_RESET;
		sn.flags = n.sn_assocreset_event.assocreset_flags;
		sn.assoc_id = n.sn_assocreset_event.assocreset_assoc_id;
		sn.value = n.sn_assocreset_event.assocreset_local_tsn;
		sn.state = n.sn_assocreset_event.assocreset_remote_tsn;
		forward(ep, &sn, NULL, 0);
		return;
	case SCTP_STREAM_CHANGE_EVENT:
		sn.type = SHIM_NOTIFY_STREAM_CHANGE;
		sn.flags = n.sn_strchange_event.strchange_flags;
		sn.assoc_id = n.sn_strchange_event.strchange_assoc_id;
		sn.inbound_streams = n.sn_strchange_event.strchange_instrms;
		sn.outbound_streams = n.sn_strchange_event.strchange_outstrms;
		forward(ep, &sn, NULL, 0);
		return;
	default:
		return;
	}
}
