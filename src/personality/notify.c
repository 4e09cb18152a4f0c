/* SPDX-License-Identifier: MIT */
/* Neutral notifications -> the Linux union sctp_notification layouts. */
#include "personality/personality.h"

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include "wire/wire.h"

size_t pers_notification_max(size_t extra)
{
	return sizeof(union sctp_notification) + extra;
}

/* Every Linux notification starts with type, flags, length. */
static void put_header(void *out, uint16_t type, uint16_t flags, uint32_t len)
{
	memcpy(out, &type, sizeof type);
	memcpy((char *)out + 2, &flags, sizeof flags);
	memcpy((char *)out + 4, &len, sizeof len);
}

static ssize_t finish(void *out, size_t cap, const void *fixed, size_t fixed_len,
                      const void *extra, size_t extra_len)
{
	if (fixed_len + extra_len > cap)
		return -ENOSPC;
	memcpy(out, fixed, fixed_len);
	if (extra_len)
		memcpy((char *)out + fixed_len, extra, extra_len);
	return (ssize_t)(fixed_len + extra_len);
}

static uint16_t send_failed_flags_to_linux(uint16_t shim_flags)
{
	return shim_flags == SHIM_SEND_FAILED_SENT ? SCTP_DATA_SENT : SCTP_DATA_UNSENT;
}

/* The DATA chunk flags of RFC 4960 3.3.1 and RFC 7053. */
#define CHUNK_E 0x01u
#define CHUNK_B 0x02u
#define CHUNK_U 0x04u
#define CHUNK_I 0x08u

/* Linux reports the failed DATA chunk's own flags in sinfo_flags and
 * snd_flags (sctp_ulpevent_make_send_failed: so that a program can
 * reassemble a fragmented message).  The neutral report is of a whole
 * message: its only chunk is first and last, unordered if it was sent so,
 * with the I bit where Linux sets it (SCTP_EOF, SCTP_SACK_IMMEDIATELY). */
static uint16_t failed_chunk_flags(uint16_t shim_msg_flags)
{
	uint16_t f = CHUNK_B | CHUNK_E;

	if (shim_msg_flags & SHIM_MSG_UNORDERED)
		f |= CHUNK_U;
	if (shim_msg_flags & (SHIM_MSG_EOF | SHIM_MSG_SACK_IMMEDIATELY))
		f |= CHUNK_I;
	return f;
}

/* Linux reports the streams only while the association is up (COMM_UP,
 * RESTART); the end of one (COMM_LOST, SHUTDOWN_COMP, CANT_STR_ASSOC)
 * says 0 and 0. */
static int assoc_ended(uint32_t state)
{
	return state == SHIM_COMM_LOST || state == SHIM_SHUTDOWN_COMP
	       || state == SHIM_CANT_STR_ASSOC;
}

/* The neutral error is an SCTP error cause code (RFC 4960 3.3.10) in host
 * order.  Linux hands sac_error the cause as the chunk carries it, in
 * network order (a __be16 stored in a __u16): a user abort (cause 12)
 * reads 0x0c00 on a little-endian host.  Programs written for Linux
 * compare with that. */
static uint16_t linux_sac_error(uint32_t cause)
{
	return htons((uint16_t)cause);
}

/* The neutral sac_info of an association ended by an ABORT is the whole
 * ABORT chunk (RFC 6458 6.1.1); Linux gives what follows the chunk header,
 * the error causes. */
static void abort_causes(const void **extra, size_t *len)
{
	const uint8_t *chunk = *extra;
	uint16_t chunk_len;

	if (*len < 4 || chunk[0] != 6 /* ABORT */)
		return;
	chunk_len = (uint16_t)(chunk[2] << 8 | chunk[3]);
	if (chunk_len < 4 || chunk_len > *len)
		return;
	*extra = chunk + 4;
	*len = chunk_len - 4u;
}

/*
 * Linux's spc_error is one of its enum sctp_sn_error, by what moved the
 * path (sctp_assoc_control_transport): a path is confirmed or comes back
 * on a HEARTBEAT-ACK (SCTP_HEARTBEAT_SUCCESS; a SACK on it can also bring
 * one back, which the neutral form does not tell apart), fails on the
 * error threshold (SCTP_FAILED_THRESHOLD); the rest say 0.  usrsctp's own
 * error numbers mean nothing there.
 */
static int linux_spc_error(uint32_t state)
{
	switch (state) {
	case SCTP_ADDR_AVAILABLE:
	case SCTP_ADDR_CONFIRMED:
		return SCTP_HEARTBEAT_SUCCESS;
	case SCTP_ADDR_UNREACHABLE:
	case SCTP_ADDR_POTENTIALLY_FAILED:
		return SCTP_FAILED_THRESHOLD;
	default:
		return 0;
	}
}

/* Neutral auth_indication is RFC 6458's order (NEW_KEY, NO_AUTH,
 * FREE_KEY); Linux numbers NEW_KEY, FREE_KEY, NO_AUTH. */
static uint32_t auth_indication_to_linux(uint32_t state)
{
	switch (state) {
	case 1:  return SCTP_AUTH_NO_AUTH;
	case 2:  return SCTP_AUTH_FREE_KEY;
	default: return SCTP_AUTH_NEW_KEY;
	}
}

ssize_t pers_build_notification(const struct shim_notify *n, const void *extra,
                                void *out, size_t cap)
{
	uint16_t type = pers_notify_type_to_linux(n->type);
	sctp_assoc_t id = (sctp_assoc_t)n->assoc_id;
	size_t xl = n->len;

	switch (n->type) {
	case SHIM_NOTIFY_ASSOC_CHANGE: {
		int ended = assoc_ended(n->state);
		struct sctp_assoc_change s = {
			.sac_flags = n->flags,
			.sac_state = (uint16_t)n->state, /* same order as enum sctp_sac_state */
			.sac_error = linux_sac_error(n->error),
			.sac_outbound_streams = ended ? 0 : n->outbound_streams,
			.sac_inbound_streams = ended ? 0 : n->inbound_streams,
			.sac_assoc_id = id,
		};

		/* Linux attaches only an ABORT's causes (sctp_cmd_assoc_failed
		 * passes the chunk for COMM_LOST); never RFC 6458's feature list
		 * on COMM_UP / RESTART, nothing to a failed setup. */
		if (n->state == SHIM_COMM_LOST)
			abort_causes(&extra, &xl);
		else
			xl = 0;
		put_header(&s, type, n->flags, sizeof s + xl);
		return finish(out, cap, &s, sizeof s, extra, xl);
	}
	case SHIM_NOTIFY_PEER_ADDR_CHANGE: {
		struct sctp_paddr_change s;
		struct sockaddr_storage ss;
		int state = (int)n->state, error = linux_spc_error(n->state);

		memset(&s, 0, sizeof s);
		put_header(&s, type, n->flags, sizeof s);
		shim_addr_to_sockaddr(&n->addr, &ss);
		memcpy(&s.spc_aaddr, &ss, sizeof ss);
		memcpy(&s.spc_state, &state, sizeof state);
		memcpy(&s.spc_error, &error, sizeof error);
		memcpy(&s.spc_assoc_id, &id, sizeof id);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_SEND_FAILED: {
		struct sctp_send_failed s = {
			.ssf_error = n->error,
			.ssf_info.sinfo_stream = n->outbound_streams,
			.ssf_info.sinfo_flags = failed_chunk_flags(n->inbound_streams),
			.ssf_info.sinfo_ppid = n->value,
			.ssf_info.sinfo_context = n->reserved,
			.ssf_info.sinfo_assoc_id = id,
			.ssf_assoc_id = id,
		};
		put_header(&s, type, send_failed_flags_to_linux(n->flags), sizeof s + xl);
		return finish(out, cap, &s, sizeof s, extra, xl);
	}
	case SHIM_NOTIFY_SEND_FAILED_EVENT: {
		struct sctp_send_failed_event s = {
			.ssf_error = n->error,
			.ssfe_info.snd_sid = n->outbound_streams,
			.ssfe_info.snd_flags = failed_chunk_flags(n->inbound_streams),
			.ssfe_info.snd_ppid = n->value,
			.ssfe_info.snd_context = n->reserved,
			.ssfe_info.snd_assoc_id = id,
			.ssf_assoc_id = id,
		};
		put_header(&s, type, send_failed_flags_to_linux(n->flags), sizeof s + xl);
		return finish(out, cap, &s, sizeof s, extra, xl);
	}
	case SHIM_NOTIFY_REMOTE_ERROR: {
		struct sctp_remote_error s = {
			.sre_error = htons((uint16_t)n->error),
			.sre_assoc_id = id,
		};
		put_header(&s, type, n->flags, sizeof s + xl);
		return finish(out, cap, &s, sizeof s, extra, xl);
	}
	case SHIM_NOTIFY_SHUTDOWN: {
		struct sctp_shutdown_event s = { .sse_assoc_id = id };

		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_PARTIAL_DELIVERY: {
		/* Linux names the stream and sequence only with I-DATA
		 * (sctp_intl_stream_abort_pd), which the shim never uses; with
		 * DATA it says 0 and 0 (sctp_ulpq_abort_pd).  The neutral
		 * indication counts from 0 as Linux's does (ABORTED = 0). */
		struct sctp_pdapi_event s = {
			.pdapi_indication = n->state,
			.pdapi_assoc_id = id,
		};
		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_ADAPTATION: {
		struct sctp_adaptation_event s = {
			.sai_adaptation_ind = n->value,
			.sai_assoc_id = id,
		};
		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_AUTHENTICATION: {
		struct sctp_authkey_event s = {
			.auth_keynumber = (uint16_t)n->value,
			.auth_indication = auth_indication_to_linux(n->state),
			.auth_assoc_id = id,
		};
		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_SENDER_DRY: {
		struct sctp_sender_dry_event s = { .sender_dry_assoc_id = id };

		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_STREAM_RESET: {
		struct sctp_stream_reset_event s = { .strreset_assoc_id = id };

		xl &= ~(size_t)1;  /* a list of uint16_t */
		put_header(&s, type, n->flags, sizeof s + xl);
		return finish(out, cap, &s, sizeof s, extra, xl);
	}
	case SHIM_NOTIFY_STREAM_CHANGE: {
		struct sctp_stream_change_event s = {
			.strchange_assoc_id = id,
			.strchange_instrms = n->inbound_streams,
			.strchange_outstrms = n->outbound_streams,
		};
		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	case SHIM_NOTIFY_ASSOC_RESET: {
		/* the daemon carries the TSNs in value (local) and state (remote) */
		struct sctp_assoc_reset_event s = {
			.assocreset_assoc_id = id,
			.assocreset_local_tsn = n->value,
			.assocreset_remote_tsn = n->state,
		};
		put_header(&s, type, n->flags, sizeof s);
		return finish(out, cap, &s, sizeof s, NULL, 0);
	}
	default:
		return -EOPNOTSUPP;
	}
}
