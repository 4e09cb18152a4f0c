/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of notifications: each as usrsctp hands it to the daemon ->
 * the neutral form (engine_notify_convert, test_notify_usr.c) -> the Linux
 * layout (pers_build_notification), every field against what Linux's
 * net/sctp/ulpevent.c puts there; and the Linux structs themselves.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <CUnit/Basic.h>

#include "daemon/endpoint.h"
#include "personality/personality.h"
#include "test_notify.h"

#define RL (sizeof TN_REASON - 1)
#define DL (sizeof TN_DATA - 1)

static union {
	union sctp_notification n;
	uint8_t raw[1024];
} out;

/* usrsctp -> neutral -> Linux; returns the Linux length (or -errno). */
static ssize_t roundtrip(enum tn_kind k, struct shim_notify *sn)
{
	uint8_t extra[512];
	size_t xl;

	CU_ASSERT_EQUAL_FATAL(tn_usr_convert(k, 0, sn, extra, sizeof extra, &xl), 0);
	CU_ASSERT_EQUAL(sn->len, 0);  /* the wire's to fill */
	sn->len = (uint32_t)xl;
	memset(&out, 0xee, sizeof out);
	return pers_build_notification(sn, extra, out.raw, sizeof out.raw);
}

static void test_layouts(void)
{
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_change), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_state), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_error), 10);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_outbound_streams), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_inbound_streams), 14);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_assoc_id), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_change, sac_info), 20);
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddr_change), 148);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_aaddr), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_state), 136);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_error), 140);
	CU_ASSERT_EQUAL(offsetof(struct sctp_paddr_change, spc_assoc_id), 144);
	CU_ASSERT_EQUAL(sizeof(struct sctp_remote_error), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_remote_error, sre_error), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_remote_error, sre_assoc_id), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_remote_error, sre_data), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_send_failed), 48);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_error), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_info), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_assoc_id), 44);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed, ssf_data), 48);
	CU_ASSERT_EQUAL(sizeof(struct sctp_send_failed_event), 32);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed_event, ssfe_info), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed_event, ssf_assoc_id), 28);
	CU_ASSERT_EQUAL(offsetof(struct sctp_send_failed_event, ssf_data), 32);
	CU_ASSERT_EQUAL(sizeof(struct sctp_shutdown_event), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_adaptation_event), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_adaptation_event, sai_adaptation_ind), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_pdapi_event), 24);
	CU_ASSERT_EQUAL(offsetof(struct sctp_pdapi_event, pdapi_indication), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_pdapi_event, pdapi_assoc_id), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_pdapi_event, pdapi_stream), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_pdapi_event, pdapi_seq), 20);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authkey_event), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey_event, auth_keynumber), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey_event, auth_indication), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey_event, auth_assoc_id), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sender_dry_event), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_stream_reset_event), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_stream_reset_event, strreset_stream_list), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_reset_event), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_reset_event, assocreset_local_tsn), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_assoc_reset_event, assocreset_remote_tsn), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_stream_change_event), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_stream_change_event, strchange_instrms), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_stream_change_event, strchange_outstrms), 14);
	CU_ASSERT_EQUAL(sizeof(union sctp_notification), 148);
	CU_ASSERT(pers_notification_max(0) >= sizeof(union sctp_notification));
}

/* Linux's numbers, from SCTP_SN_TYPE_BASE in its own order. */
static void test_type_numbers(void)
{
	static const struct { uint16_t shim, linux_type; } t[] = {
		{ SHIM_NOTIFY_ASSOC_CHANGE, 0x8001 }, { SHIM_NOTIFY_PEER_ADDR_CHANGE, 0x8002 },
		{ SHIM_NOTIFY_SEND_FAILED, 0x8003 }, { SHIM_NOTIFY_REMOTE_ERROR, 0x8004 },
		{ SHIM_NOTIFY_SHUTDOWN, 0x8005 }, { SHIM_NOTIFY_PARTIAL_DELIVERY, 0x8006 },
		{ SHIM_NOTIFY_ADAPTATION, 0x8007 }, { SHIM_NOTIFY_AUTHENTICATION, 0x8008 },
		{ SHIM_NOTIFY_SENDER_DRY, 0x8009 }, { SHIM_NOTIFY_STREAM_RESET, 0x800a },
		{ SHIM_NOTIFY_ASSOC_RESET, 0x800b }, { SHIM_NOTIFY_STREAM_CHANGE, 0x800c },
		{ SHIM_NOTIFY_SEND_FAILED_EVENT, 0x800d },
	};

	CU_ASSERT_EQUAL(SCTP_SEND_FAILED_EVENT, 0x800d);
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(pers_notify_type_to_linux(t[i].shim), t[i].linux_type);
		CU_ASSERT_EQUAL(pers_notify_type_from_linux(t[i].linux_type), t[i].shim);
	}
}

/* Fields every notification has: type, length, association. */
#define HEAD(f, type_, len_) do { \
	CU_ASSERT_EQUAL(out.n.f##_type, (type_)); \
	CU_ASSERT_EQUAL(out.n.f##_length, (len_)); \
} while (0)

static void test_assoc_change(void)
{
	struct shim_notify sn;
	struct sctp_assoc_change *s = &out.n.sn_assoc_change;
	uint16_t code, len;

	/* COMM_UP: streams, no sac_info (usrsctp's feature list stays out) */
	CU_ASSERT_EQUAL(roundtrip(TN_COMM_UP, &sn), sizeof *s);
	CU_ASSERT_EQUAL(sn.type, SHIM_NOTIFY_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(sn.state, SHIM_COMM_UP);
	CU_ASSERT_EQUAL(sn.assoc_id, TN_ID);
	CU_ASSERT_EQUAL(sn.len, 2);
	CU_ASSERT_EQUAL(s->sac_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(s->sac_flags, 0);
	CU_ASSERT_EQUAL(s->sac_length, sizeof *s);
	CU_ASSERT_EQUAL(s->sac_state, SCTP_COMM_UP);
	CU_ASSERT_EQUAL(s->sac_error, 0);
	CU_ASSERT_EQUAL(s->sac_outbound_streams, TN_OUT);
	CU_ASSERT_EQUAL(s->sac_inbound_streams, TN_IN);
	CU_ASSERT_EQUAL(s->sac_assoc_id, (sctp_assoc_t)TN_ID);

	CU_ASSERT_EQUAL(roundtrip(TN_RESTART, &sn), sizeof *s);
	CU_ASSERT_EQUAL(s->sac_state, SCTP_RESTART);
	CU_ASSERT_EQUAL(s->sac_outbound_streams, TN_OUT);
	CU_ASSERT_EQUAL(s->sac_inbound_streams, TN_IN);

	/* COMM_LOST by ABORT: the causes as the chunk has them (unpadded),
	 * the first cause's code in network order, streams 0 */
	CU_ASSERT_EQUAL(roundtrip(TN_COMM_LOST_ABORT, &sn), sizeof *s + 4 + RL);
	CU_ASSERT_EQUAL(sn.state, SHIM_COMM_LOST);
	CU_ASSERT_EQUAL(sn.error, TN_CAUSE);
	CU_ASSERT_EQUAL(s->sac_state, SCTP_COMM_LOST);
	CU_ASSERT_EQUAL(s->sac_length, sizeof *s + 4 + RL);
	CU_ASSERT_EQUAL(s->sac_error, htons(TN_CAUSE));
	CU_ASSERT_EQUAL(s->sac_outbound_streams, 0);
	CU_ASSERT_EQUAL(s->sac_inbound_streams, 0);
	memcpy(&code, s->sac_info, 2);
	memcpy(&len, s->sac_info + 2, 2);
	CU_ASSERT_EQUAL(ntohs(code), TN_CAUSE);
	CU_ASSERT_EQUAL(ntohs(len), 4 + RL);
	CU_ASSERT(!memcmp(s->sac_info + 4, TN_REASON, RL));

	CU_ASSERT_EQUAL(roundtrip(TN_CANT_STR_ASSOC, &sn), sizeof *s);
	CU_ASSERT_EQUAL(s->sac_state, SCTP_CANT_STR_ASSOC);
	CU_ASSERT_EQUAL(s->sac_outbound_streams, 0);
	CU_ASSERT_EQUAL(s->sac_inbound_streams, 0);

	CU_ASSERT_EQUAL(roundtrip(TN_SHUTDOWN_COMP, &sn), sizeof *s);
	CU_ASSERT_EQUAL(s->sac_state, SCTP_SHUTDOWN_COMP);
	CU_ASSERT_EQUAL(s->sac_error, 0);
	CU_ASSERT_EQUAL(s->sac_outbound_streams, 0);
	CU_ASSERT_EQUAL(s->sac_inbound_streams, 0);
	CU_ASSERT_EQUAL(s->sac_assoc_id, (sctp_assoc_t)TN_ID);
}

static void test_paddr_change(void)
{
	struct shim_notify sn;
	struct sctp_paddr_change *s = &out.n.sn_paddr_change;
	struct sockaddr_in sin;

	CU_ASSERT_EQUAL(roundtrip(TN_ADDR_CONFIRMED, &sn), sizeof *s);
	CU_ASSERT_EQUAL(sn.type, SHIM_NOTIFY_PEER_ADDR_CHANGE);
	CU_ASSERT_EQUAL(sn.addr.family, AF_INET);  /* also the msg_name */
	HEAD(sn_paddr_change.spc, SCTP_PEER_ADDR_CHANGE, sizeof *s);
	CU_ASSERT_EQUAL(s->spc_flags, 0);
	CU_ASSERT_EQUAL(s->spc_state, SCTP_ADDR_CONFIRMED);
	CU_ASSERT_EQUAL(s->spc_error, SCTP_HEARTBEAT_SUCCESS);
	CU_ASSERT_EQUAL(s->spc_assoc_id, (sctp_assoc_t)TN_ID);
	memcpy(&sin, &s->spc_aaddr, sizeof sin);
	CU_ASSERT_EQUAL(sin.sin_family, AF_INET);
	CU_ASSERT_EQUAL(sin.sin_port, htons(TN_PORT));
	CU_ASSERT_EQUAL(sin.sin_addr.s_addr, htonl(INADDR_LOOPBACK));

	CU_ASSERT_EQUAL(roundtrip(TN_ADDR_UNREACHABLE, &sn), sizeof *s);
	CU_ASSERT_EQUAL(s->spc_state, SCTP_ADDR_UNREACHABLE);
	CU_ASSERT_EQUAL(s->spc_error, SCTP_FAILED_THRESHOLD);
}

static void test_remote_error(void)
{
	struct shim_notify sn;
	struct sctp_remote_error *s = &out.n.sn_remote_error;

	/* the cause's code in network order, then the cause's value */
	CU_ASSERT_EQUAL(roundtrip(TN_REMOTE_ERROR, &sn), sizeof *s + 4 + RL);
	CU_ASSERT_EQUAL(sn.type, SHIM_NOTIFY_REMOTE_ERROR);
	HEAD(sn_remote_error.sre, SCTP_REMOTE_ERROR, sizeof *s + 4 + RL);
	CU_ASSERT_EQUAL(s->sre_flags, 0);
	CU_ASSERT_EQUAL(s->sre_error, htons(TN_CAUSE));
	CU_ASSERT_EQUAL(s->sre_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(s->sre_data[1], TN_CAUSE);
	CU_ASSERT(!memcmp(s->sre_data + 4, TN_REASON, RL));
}

/* One usrsctp event, both Linux layouts; the DATA chunk's flags (B|E,
 * U for unordered) as Linux reports them. */
static void test_send_failed(void)
{
	struct shim_notify sn;
	struct sctp_send_failed *o = &out.n.sn_send_failed;
	struct sctp_send_failed_event *e = &out.n.sn_send_failed_event;

	CU_ASSERT_EQUAL(roundtrip(TN_SEND_FAILED_UNSENT, &sn), sizeof *e + DL);
	CU_ASSERT_EQUAL(sn.type, SHIM_NOTIFY_SEND_FAILED_EVENT);
	CU_ASSERT_EQUAL(sn.flags, SHIM_SEND_FAILED_UNSENT);
	HEAD(sn_send_failed_event.ssf, SCTP_SEND_FAILED_EVENT, sizeof *e + DL);
	CU_ASSERT_EQUAL(e->ssf_flags, SCTP_DATA_UNSENT);
	CU_ASSERT_EQUAL(e->ssf_error, TN_CAUSE);
	CU_ASSERT_EQUAL(e->ssfe_info.snd_sid, TN_STREAM);
	CU_ASSERT_EQUAL(e->ssfe_info.snd_flags, 0x07);
	CU_ASSERT_EQUAL(e->ssfe_info.snd_ppid, TN_PPID);
	CU_ASSERT_EQUAL(e->ssfe_info.snd_context, TN_CONTEXT);
	CU_ASSERT_EQUAL(e->ssfe_info.snd_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(e->ssf_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT(!memcmp(e->ssf_data, TN_DATA, DL));

	sn.type = SHIM_NOTIFY_SEND_FAILED;
	CU_ASSERT_EQUAL(pers_build_notification(&sn, TN_DATA, out.raw, sizeof out.raw),
			sizeof *o + DL);
	HEAD(sn_send_failed.ssf, SCTP_SEND_FAILED, sizeof *o + DL);
	CU_ASSERT_EQUAL(o->ssf_flags, SCTP_DATA_UNSENT);
	CU_ASSERT_EQUAL(o->ssf_error, TN_CAUSE);
	CU_ASSERT_EQUAL(o->ssf_info.sinfo_stream, TN_STREAM);
	CU_ASSERT_EQUAL(o->ssf_info.sinfo_flags, 0x07);
	CU_ASSERT_EQUAL(o->ssf_info.sinfo_ppid, TN_PPID);
	CU_ASSERT_EQUAL(o->ssf_info.sinfo_context, TN_CONTEXT);
	CU_ASSERT_EQUAL(o->ssf_info.sinfo_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(o->ssf_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT(!memcmp(o->ssf_data, TN_DATA, DL));

	CU_ASSERT_EQUAL(roundtrip(TN_SEND_FAILED_SENT, &sn), sizeof *e + DL);
	CU_ASSERT_EQUAL(e->ssf_flags, SCTP_DATA_SENT);
	/* a buffer too short for it: the library then reads it in pieces */
	CU_ASSERT_EQUAL(pers_build_notification(&sn, TN_DATA, out.raw, sizeof *e), -ENOSPC);
}

static void test_fixed_size(void)
{
	struct shim_notify sn;

	CU_ASSERT_EQUAL(roundtrip(TN_SHUTDOWN, &sn), sizeof(struct sctp_shutdown_event));
	HEAD(sn_shutdown_event.sse, SCTP_SHUTDOWN_EVENT, sizeof(struct sctp_shutdown_event));
	CU_ASSERT_EQUAL(out.n.sn_shutdown_event.sse_flags, 0);
	CU_ASSERT_EQUAL(out.n.sn_shutdown_event.sse_assoc_id, (sctp_assoc_t)TN_ID);

	CU_ASSERT_EQUAL(roundtrip(TN_ADAPTATION, &sn), sizeof(struct sctp_adaptation_event));
	HEAD(sn_adaptation_event.sai, SCTP_ADAPTATION_INDICATION,
	     sizeof(struct sctp_adaptation_event));
	CU_ASSERT_EQUAL(out.n.sn_adaptation_event.sai_flags, 0);
	CU_ASSERT_EQUAL(out.n.sn_adaptation_event.sai_adaptation_ind, TN_ADAPT);
	CU_ASSERT_EQUAL(out.n.sn_adaptation_event.sai_assoc_id, (sctp_assoc_t)TN_ID);

	/* Linux with DATA (not I-DATA) names no stream or sequence */
	CU_ASSERT_EQUAL(roundtrip(TN_PDAPI_ABORTED, &sn), sizeof(struct sctp_pdapi_event));
	HEAD(sn_pdapi_event.pdapi, SCTP_PARTIAL_DELIVERY_EVENT, sizeof(struct sctp_pdapi_event));
	CU_ASSERT_EQUAL(out.n.sn_pdapi_event.pdapi_flags, 0);
	CU_ASSERT_EQUAL(out.n.sn_pdapi_event.pdapi_indication, SCTP_PARTIAL_DELIVERY_ABORTED);
	CU_ASSERT_EQUAL(out.n.sn_pdapi_event.pdapi_stream, 0);
	CU_ASSERT_EQUAL(out.n.sn_pdapi_event.pdapi_seq, 0);
	CU_ASSERT_EQUAL(out.n.sn_pdapi_event.pdapi_assoc_id, (sctp_assoc_t)TN_ID);

	CU_ASSERT_EQUAL(roundtrip(TN_SENDER_DRY, &sn), sizeof(struct sctp_sender_dry_event));
	HEAD(sn_sender_dry_event.sender_dry, SCTP_SENDER_DRY_EVENT,
	     sizeof(struct sctp_sender_dry_event));
	CU_ASSERT_EQUAL(out.n.sn_sender_dry_event.sender_dry_flags, 0);
	CU_ASSERT_EQUAL(out.n.sn_sender_dry_event.sender_dry_assoc_id, (sctp_assoc_t)TN_ID);
}

static void test_authentication(void)
{
	static const struct { enum tn_kind k; uint32_t linux_ind; } t[] = {
		{ TN_AUTH_NEW_KEY, SCTP_AUTH_NEW_KEY }, { TN_AUTH_NO_AUTH, SCTP_AUTH_NO_AUTH },
		{ TN_AUTH_FREE_KEY, SCTP_AUTH_FREE_KEY },
	};
	struct shim_notify sn;
	struct sctp_authkey_event *s = &out.n.sn_authkey_event;

	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		CU_ASSERT_EQUAL(roundtrip(t[i].k, &sn), sizeof *s);
		HEAD(sn_authkey_event.auth, SCTP_AUTHENTICATION_EVENT, sizeof *s);
		CU_ASSERT_EQUAL(s->auth_flags, 0);
		CU_ASSERT_EQUAL(s->auth_keynumber, TN_KEY);
		CU_ASSERT_EQUAL(s->auth_altkeynumber, 0);
		CU_ASSERT_EQUAL(s->auth_indication, t[i].linux_ind);
		CU_ASSERT_EQUAL(s->auth_assoc_id, (sctp_assoc_t)TN_ID);
	}
}

static void test_reconfig(void)
{
	struct shim_notify sn;
	struct sctp_stream_reset_event *r = &out.n.sn_strreset_event;
	struct sctp_assoc_reset_event *a = &out.n.sn_assocreset_event;
	struct sctp_stream_change_event *c = &out.n.sn_strchange_event;

	CU_ASSERT_EQUAL(roundtrip(TN_STREAM_RESET, &sn), sizeof *r + 4);
	HEAD(sn_strreset_event.strreset, SCTP_STREAM_RESET_EVENT, sizeof *r + 4);
	CU_ASSERT_EQUAL(r->strreset_flags, SCTP_STREAM_RESET_OUTGOING_SSN);
	CU_ASSERT_EQUAL(r->strreset_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(r->strreset_stream_list[0], 1);
	CU_ASSERT_EQUAL(r->strreset_stream_list[1], 2);

	CU_ASSERT_EQUAL(roundtrip(TN_ASSOC_RESET, &sn), sizeof *a);
	HEAD(sn_assocreset_event.assocreset, SCTP_ASSOC_RESET_EVENT, sizeof *a);
	CU_ASSERT_EQUAL(a->assocreset_flags, 0);
	CU_ASSERT_EQUAL(a->assocreset_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(a->assocreset_local_tsn, TN_LTSN);
	CU_ASSERT_EQUAL(a->assocreset_remote_tsn, TN_RTSN);

	CU_ASSERT_EQUAL(roundtrip(TN_STREAM_CHANGE, &sn), sizeof *c);
	HEAD(sn_strchange_event.strchange, SCTP_STREAM_CHANGE_EVENT, sizeof *c);
	CU_ASSERT_EQUAL(c->strchange_flags, 0);
	CU_ASSERT_EQUAL(c->strchange_assoc_id, (sctp_assoc_t)TN_ID);
	CU_ASSERT_EQUAL(c->strchange_instrms, TN_IN);
	CU_ASSERT_EQUAL(c->strchange_outstrms, TN_OUT);
}

/* Short input is refused, never read past; unknown kinds are dropped. */
static void test_bad_input(void)
{
	struct shim_notify sn;
	uint8_t extra[512];
	size_t xl;

	for (int k = 0; k < TN_KINDS; k++) {
		int r = tn_usr_convert((enum tn_kind)k, 1, &sn, extra, sizeof extra, &xl);

		/* one byte short cuts a variable part or breaks a fixed one */
		CU_ASSERT(r == 0 || r == -EINVAL);
		CU_ASSERT_EQUAL(tn_usr_convert((enum tn_kind)k, 4096, &sn, extra, sizeof extra, &xl),
				-EINVAL);
	}
	CU_ASSERT_EQUAL(tn_usr_convert_unknown(), -ENOENT);
}

/* The endpoint's per-association masks: an association without an entry
 * has the socket's; an entry equal to the socket's is not kept. */
static void test_assoc_subscriptions(void)
{
	struct endpoint ep;
	const uint32_t ids[] = { 900, 5, 70000, 42, 6 };

	memset(&ep, 0, sizeof ep);
	ep.events_mask = 0x3;
	CU_ASSERT_EQUAL(endpoint_events_of(&ep, 5), 0x3);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		CU_ASSERT_EQUAL(endpoint_events_set(&ep, ids[i], 0x100 | ids[i]), 0);
	CU_ASSERT_EQUAL(ep.n_assoc_events, 5);
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		CU_ASSERT(endpoint_events_pinned(&ep, ids[i]));
		CU_ASSERT_EQUAL(endpoint_events_of(&ep, ids[i]), 0x100 | ids[i]);
	}
	for (unsigned i = 1; i < ep.n_assoc_events; i++)
		CU_ASSERT(ep.assoc_events[i - 1].assoc_id < ep.assoc_events[i].assoc_id);
	CU_ASSERT(!endpoint_events_pinned(&ep, 7));
	CU_ASSERT_EQUAL(endpoint_events_of(&ep, 7), 0x3);
	CU_ASSERT_EQUAL(endpoint_events_union(&ep), 0x3 | 0x100 | 900 | 5 | 70000 | 42 | 6);

	/* set back to the socket's: the entry goes */
	CU_ASSERT_EQUAL(endpoint_events_set(&ep, 42, 0x3), 0);
	CU_ASSERT(!endpoint_events_pinned(&ep, 42));
	CU_ASSERT_EQUAL(ep.n_assoc_events, 4);

	/* the socket's changes to what one association has: compacting drops it */
	ep.events_mask = 0x100 | 5;
	endpoint_events_compact(&ep);
	CU_ASSERT(!endpoint_events_pinned(&ep, 5));
	CU_ASSERT_EQUAL(endpoint_events_of(&ep, 5), 0x100 | 5);
	CU_ASSERT_EQUAL(ep.n_assoc_events, 3);

	endpoint_events_forget(&ep, 900);
	endpoint_events_forget(&ep, 12345);  /* none such: nothing happens */
	CU_ASSERT(!endpoint_events_pinned(&ep, 900));
	CU_ASSERT_EQUAL(endpoint_events_of(&ep, 900), ep.events_mask);
	CU_ASSERT_EQUAL(ep.n_assoc_events, 2);
	CU_ASSERT(endpoint_events_pinned(&ep, 6) && endpoint_events_pinned(&ep, 70000));
	CU_ASSERT_EQUAL(endpoint_events_reserve(&ep, 1000), 0);
	CU_ASSERT(ep.cap_assoc_events >= 1002);
	free(ep.assoc_events);
}

int main(void)
{
	CU_pSuite s;
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("notifications", NULL, NULL);
	CU_add_test(s, "Linux structs: sizes and offsets", test_layouts);
	CU_add_test(s, "Linux type numbers", test_type_numbers);
	CU_add_test(s, "ASSOC_CHANGE", test_assoc_change);
	CU_add_test(s, "PEER_ADDR_CHANGE", test_paddr_change);
	CU_add_test(s, "REMOTE_ERROR", test_remote_error);
	CU_add_test(s, "SEND_FAILED and SEND_FAILED_EVENT", test_send_failed);
	CU_add_test(s, "SHUTDOWN, ADAPTATION, PARTIAL_DELIVERY, SENDER_DRY", test_fixed_size);
	CU_add_test(s, "AUTHENTICATION", test_authentication);
	CU_add_test(s, "STREAM_RESET, ASSOC_RESET, STREAM_CHANGE", test_reconfig);
	CU_add_test(s, "short and unknown input", test_bad_input);
	CU_add_test(s, "per-association subscriptions", test_assoc_subscriptions);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
