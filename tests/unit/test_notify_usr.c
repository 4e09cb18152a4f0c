/* SPDX-License-Identifier: MIT */
/* The usrsctp half of test_notify (see test_notify.h): notifications laid
 * out as usrsctp 0.9.5 hands them over, converted by the daemon. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "daemon/engine_int.h"
#include "daemon/engine_notify.h"
#include "test_notify.h"

static size_t make(enum tn_kind k, uint8_t *buf, size_t cap)
{
	memset(buf, 0, cap);
	switch (k) {
	case TN_COMM_UP:
	case TN_RESTART:
	case TN_CANT_STR_ASSOC:
	case TN_SHUTDOWN_COMP: {
		struct sctp_assoc_change *s = (void *)buf;
		static const uint8_t features[] = { SCTP_ASSOC_SUPPORTS_PR, SCTP_ASSOC_SUPPORTS_AUTH };
		size_t info = k == TN_COMM_UP || k == TN_RESTART ? sizeof features : 0;

		s->sac_type = SCTP_ASSOC_CHANGE;
		s->sac_length = (uint32_t)(sizeof *s + info);
		s->sac_state = k == TN_COMM_UP ? SCTP_COMM_UP : k == TN_RESTART ? SCTP_RESTART
			       : k == TN_CANT_STR_ASSOC ? SCTP_CANT_STR_ASSOC : SCTP_SHUTDOWN_COMP;
		s->sac_outbound_streams = TN_OUT;
		s->sac_inbound_streams = TN_IN;
		s->sac_assoc_id = TN_ID;
		memcpy(s->sac_info, features, info);
		return s->sac_length;
	}
	case TN_COMM_LOST_ABORT: {
		struct sctp_assoc_change *s = (void *)buf;
		uint8_t *c = s->sac_info;
		size_t rl = sizeof TN_REASON - 1, cause = 4 + rl;

		s->sac_type = SCTP_ASSOC_CHANGE;
		s->sac_state = SCTP_COMM_LOST;
		s->sac_error = TN_CAUSE;
		s->sac_assoc_id = TN_ID;
		/* the ABORT chunk: type 6, flags, length; then the cause */
		c[0] = 6;
		c[2] = 0;
		c[3] = (uint8_t)(4 + cause);
		c[5] = TN_CAUSE;
		c[7] = (uint8_t)cause;
		memcpy(c + 8, TN_REASON, rl);
		/* usrsctp copies the chunk padded */
		s->sac_length = (uint32_t)(sizeof *s + 4 + ((cause + 3) & ~3u));
		return s->sac_length;
	}
	case TN_ADDR_CONFIRMED:
	case TN_ADDR_UNREACHABLE: {
		struct sctp_paddr_change *s = (void *)buf;
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(TN_PORT),
					   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

		s->spc_type = SCTP_PEER_ADDR_CHANGE;
		s->spc_length = sizeof *s;
		memcpy(&s->spc_aaddr, &sin, sizeof sin);
		s->spc_state = k == TN_ADDR_CONFIRMED ? SCTP_ADDR_CONFIRMED : SCTP_ADDR_UNREACHABLE;
		s->spc_error = 77;  /* whatever usrsctp says: Linux's own number goes out */
		s->spc_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_REMOTE_ERROR: {
		struct sctp_remote_error *s = (void *)buf;
		size_t rl = sizeof TN_REASON - 1;

		s->sre_type = SCTP_REMOTE_ERROR;
		s->sre_error = TN_CAUSE;
		s->sre_assoc_id = TN_ID;
		s->sre_data[1] = TN_CAUSE;
		s->sre_data[3] = (uint8_t)(4 + rl);
		memcpy(s->sre_data + 4, TN_REASON, rl);
		s->sre_length = (uint32_t)(sizeof *s + 4 + rl);
		return s->sre_length;
	}
	case TN_SEND_FAILED_UNSENT:
	case TN_SEND_FAILED_SENT: {
		struct sctp_send_failed_event *s = (void *)buf;
		size_t dl = sizeof TN_DATA - 1;

		s->ssfe_type = SCTP_SEND_FAILED_EVENT;
		s->ssfe_flags = k == TN_SEND_FAILED_SENT ? SCTP_DATA_SENT : SCTP_DATA_UNSENT;
		s->ssfe_length = (uint32_t)(sizeof *s + dl);
		s->ssfe_error = TN_CAUSE;
		s->ssfe_info.snd_sid = TN_STREAM;
		s->ssfe_info.snd_flags = SCTP_UNORDERED;
		s->ssfe_info.snd_ppid = TN_PPID;
		s->ssfe_info.snd_context = TN_CONTEXT;
		s->ssfe_info.snd_assoc_id = TN_ID;
		s->ssfe_assoc_id = TN_ID;
		memcpy(s->ssfe_data, TN_DATA, dl);
		return s->ssfe_length;
	}
	case TN_SHUTDOWN: {
		struct sctp_shutdown_event *s = (void *)buf;

		s->sse_type = SCTP_SHUTDOWN_EVENT;
		s->sse_length = sizeof *s;
		s->sse_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_ADAPTATION: {
		struct sctp_adaptation_event *s = (void *)buf;

		s->sai_type = SCTP_ADAPTATION_INDICATION;
		s->sai_length = sizeof *s;
		s->sai_adaptation_ind = TN_ADAPT;
		s->sai_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_PDAPI_ABORTED: {
		struct sctp_pdapi_event *s = (void *)buf;

		s->pdapi_type = SCTP_PARTIAL_DELIVERY_EVENT;
		s->pdapi_length = sizeof *s;
		s->pdapi_indication = SCTP_PARTIAL_DELIVERY_ABORTED;
		s->pdapi_stream = TN_STREAM;
		s->pdapi_seq = 9;
		s->pdapi_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_AUTH_NEW_KEY:
	case TN_AUTH_NO_AUTH:
	case TN_AUTH_FREE_KEY: {
		struct sctp_authkey_event *s = (void *)buf;

		s->auth_type = SCTP_AUTHENTICATION_EVENT;
		s->auth_length = sizeof *s;
		s->auth_keynumber = TN_KEY;
		s->auth_indication = k == TN_AUTH_NEW_KEY ? SCTP_AUTH_NEW_KEY
				     : k == TN_AUTH_NO_AUTH ? SCTP_AUTH_NO_AUTH : SCTP_AUTH_FREE_KEY;
		s->auth_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_SENDER_DRY: {
		struct sctp_sender_dry_event *s = (void *)buf;

		s->sender_dry_type = SCTP_SENDER_DRY_EVENT;
		s->sender_dry_length = sizeof *s;
		s->sender_dry_assoc_id = TN_ID;
		return sizeof *s;
	}
	case TN_STREAM_RESET: {
		struct sctp_stream_reset_event *s = (void *)buf;

		s->strreset_type = SCTP_STREAM_RESET_EVENT;
		s->strreset_flags = SCTP_STREAM_RESET_OUTGOING_SSN;
		s->strreset_length = sizeof *s + 2 * sizeof(uint16_t);
		s->strreset_assoc_id = TN_ID;
		s->strreset_stream_list[0] = 1;
		s->strreset_stream_list[1] = 2;
		return s->strreset_length;
	}
	case TN_ASSOC_RESET: {
		struct sctp_assoc_reset_event *s = (void *)buf;

		s->assocreset_type = SCTP_ASSOC_RESET_EVENT;
		s->assocreset_length = sizeof *s;
		s->assocreset_assoc_id = TN_ID;
		s->assocreset_local_tsn = TN_LTSN;
		s->assocreset_remote_tsn = TN_RTSN;
		return sizeof *s;
	}
	case TN_STREAM_CHANGE: {
		struct sctp_stream_change_event *s = (void *)buf;

		s->strchange_type = SCTP_STREAM_CHANGE_EVENT;
		s->strchange_length = sizeof *s;
		s->strchange_assoc_id = TN_ID;
		s->strchange_instrms = TN_IN;
		s->strchange_outstrms = TN_OUT;
		return sizeof *s;
	}
	default:
		return 0;
	}
}

int tn_usr_convert(enum tn_kind k, size_t cut, struct shim_notify *sn, uint8_t *extra,
		   size_t cap, size_t *extra_len)
{
	uint8_t buf[1024];
	size_t len = make(k, buf, sizeof buf);
	struct shim_addr peer;
	const void *x;
	size_t xl;
	int r;

	memset(&peer, 0, sizeof peer);
	r = engine_notify_convert(buf, cut < len ? len - cut : 0, &peer, sn, &x, &xl);
	*extra_len = 0;
	if (r == 0 && xl <= cap) {
		memcpy(extra, x, xl);
		*extra_len = xl;
	}
	return r;
}

int tn_usr_convert_unknown(void)
{
	struct sctp_tlv t = { .sn_type = SCTP_NOTIFICATIONS_STOPPED_EVENT, .sn_length = sizeof t };
	struct shim_notify sn;
	const void *x;
	size_t xl;

	return engine_notify_convert(&t, sizeof t, NULL, &sn, &x, &xl);
}
