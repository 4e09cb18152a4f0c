/* SPDX-License-Identifier: MIT */
/*
 * Conformance: notifications (see conf.h).  Every field of each
 * notification is compared with what Linux's net/sctp/ulpevent.c puts
 * there, lengths with Linux's struct sizes, msg_flags with sctp_recvmsg's.
 * The stream reset, assoc reset and stream change events are in
 * conf_stream.c, the authentication events in conf_auth.c.
 *
 * No case for SCTP_REMOTE_ERROR: the peer must send an ERROR chunk, and
 * nothing a program can ask of the peer's stack through the socket API
 * makes it send one (the errors it reports, such as an invalid stream or
 * an unrecognised chunk, need a peer that breaks the protocol).  The
 * layout is checked by tests/unit/test_notify.c.
 */
#define _GNU_SOURCE
#include "conf.h"

#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

/* A notification with room for what follows its fixed part. */
union note {
	union sctp_notification n;
	uint8_t raw[512];
};

struct got {
	int len, flags;
	struct sockaddr_storage from;
	socklen_t from_len;
};

static int subscribe(int fd, uint16_t type, sctp_assoc_t id)
{
	struct sctp_event ev = { .se_assoc_id = id, .se_type = type, .se_on = 1 };

	return SO(fd, SCTP_EVENT, ev);
}

static int unsubscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 0 };

	return SO(fd, SCTP_EVENT, ev);
}

static int readable_now(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1;
}

/* The next message, whatever it is, read with `cap` bytes of buffer. */
static int next(int fd, void *buf, size_t cap, struct got *g)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct iovec iov = { buf, cap };
	struct msghdr m = { .msg_name = &g->from, .msg_namelen = sizeof g->from,
	                    .msg_iov = &iov, .msg_iovlen = 1 };

	memset(g, 0, sizeof *g);
	if (poll(&pfd, 1, 20000) != 1)
		return -1;
	g->len = (int)recvmsg(fd, &m, 0);
	g->flags = m.msg_flags;
	g->from_len = m.msg_namelen;
	return g->len;
}

/* The next notification of `type`, data and other notifications skipped. */
static int next_of(int fd, uint16_t type, union note *n, struct got *g)
{
	for (;;) {
		if (next(fd, n, sizeof *n, g) < 0)
			return -1;
		if ((g->flags & MSG_NOTIFICATION) && g->len >= 8 && n->n.sn_header.sn_type == type)
			return g->len;
	}
}

static sctp_assoc_t status_of(int fd, sctp_assoc_t id, struct sctp_status *st)
{
	socklen_t l = sizeof *st;

	memset(st, 0, sizeof *st);
	st->sstat_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, st, &l) < 0)
		return 0;
	return st->sstat_assoc_id;
}

static uint16_t port_of(const struct sockaddr_storage *ss)
{
	return ntohs(((const struct sockaddr_in *)ss)->sin_port);
}

/* Linux's msg_flags for a notification read whole. */
#define WHOLE (MSG_NOTIFICATION | MSG_EOR)

/* ---- SCTP_ASSOC_CHANGE ---------------------------------------------------- */

/*
 * COMM_UP: Linux fills no sac_info (sctp_ulpevent_make_assoc_change has a
 * chunk only for an ABORT), so the length is the struct's; the streams are
 * the association's, as SCTP_STATUS reports them; msg_name is the peer.
 */
static int comm_up(int style)
{
	int lsn = conf_socket(AF_INET, style), cli = conf_socket(AF_INET, style), srv;
	struct sockaddr_storage ss, cs;
	socklen_t len, clen = sizeof cs;
	struct sctp_status st;
	union note n;
	struct got g;
	struct sctp_assoc_change *sac = &n.n.sn_assoc_change;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(subscribe(lsn, SCTP_ASSOC_CHANGE, 0));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK_OK(getsockname(cli, (struct sockaddr *)&cs, &clen));
	srv = lsn;
	if (style == SOCK_STREAM)
		CHECK_OK(srv = accept(lsn, NULL, NULL));
	CHECK(next(srv, &n, sizeof n, &g) == (int)sizeof *sac);
	CHECK(g.flags == WHOLE);
	CHECK(sac->sac_type == SCTP_ASSOC_CHANGE && sac->sac_type == 0x8001);
	CHECK(sac->sac_flags == 0);
	CHECK(sac->sac_length == sizeof *sac && sizeof *sac == 20);
	CHECK(sac->sac_state == SCTP_COMM_UP);
	CHECK(sac->sac_error == 0);
	CHECK(status_of(srv, sac->sac_assoc_id, &st) != 0);
	CHECK(sac->sac_outbound_streams == st.sstat_outstrms);
	CHECK(sac->sac_inbound_streams == st.sstat_instrms);
	if (style == SOCK_SEQPACKET)
		CHECK(sac->sac_assoc_id == st.sstat_assoc_id);
	CHECK(g.from_len == sizeof(struct sockaddr_in));
	CHECK(((struct sockaddr_in *)&g.from)->sin_family == AF_INET);
	CHECK(port_of(&g.from) == port_of(&cs));
	return 0;
}

static int comm_up_one_to_one(void) { return comm_up(SOCK_STREAM); }
static int comm_up_one_to_many(void) { return comm_up(SOCK_SEQPACKET); }

/*
 * The peer aborts with a reason (SCTP_ABORT): Linux hands sac_error the
 * first cause's code as the chunk has it (network order) and sac_info the
 * ABORT's causes, here one User-Initiated Abort carrying the reason;
 * streams are 0.
 */
static int comm_lost_user_abort(void)
{
	struct conf_pair p;
	struct sctp_sndrcvinfo sinfo;
	static const char reason[] = "goodbye";  /* 7 bytes: the cause is padded */
	size_t rl = sizeof reason - 1;
	union note n;
	struct got g;
	struct sctp_assoc_change *sac = &n.n.sn_assoc_change;
	uint16_t code, clen;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&sinfo, 0, sizeof sinfo);
	sinfo.sinfo_flags = SCTP_ABORT;
	sinfo.sinfo_assoc_id = p.cli_id;
	/* Linux returns 0: the reason went in the ABORT, not as data */
	CHECK(sctp_send(p.cli, reason, rl, &sinfo, 0) == 0);
	CHECK(next_of(p.srv, SCTP_ASSOC_CHANGE, &n, &g) == (int)(sizeof *sac + 4 + rl));
	CHECK(g.flags == WHOLE);
	CHECK(sac->sac_state == SCTP_COMM_LOST);
	CHECK(sac->sac_flags == 0);
	CHECK(sac->sac_length == sizeof *sac + 4 + rl);
	CHECK(sac->sac_error == htons(12));  /* SCTP_ERROR_USER_ABORT, as the wire has it */
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0);
	CHECK(sac->sac_assoc_id == p.srv_id);
	memcpy(&code, sac->sac_info, 2);
	memcpy(&clen, sac->sac_info + 2, 2);
	CHECK(ntohs(code) == 12 && ntohs(clen) == 4 + rl);
	CHECK(!memcmp(sac->sac_info + 4, reason, rl));
	conf_pair_close(&p);
	return 0;
}

/*
 * One-to-one, the peer closes with SO_LINGER {1, 0}: COMM_LOST with the
 * ABORT's cause (a User-Initiated Abort), streams 0, then the end of the
 * stream for the reader.
 */
static int comm_lost_linger_abort(void)
{
	struct conf_pair p;
	struct linger lg = { 1, 0 };
	union note n;
	struct got g;
	struct sctp_assoc_change *sac = &n.n.sn_assoc_change;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(setsockopt(p.srv, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	CHECK_OK(close(p.srv));
	p.srv = -1;
	CHECK(next_of(p.cli, SCTP_ASSOC_CHANGE, &n, &g) >= (int)sizeof *sac);
	CHECK(g.flags == WHOLE);
	CHECK(sac->sac_state == SCTP_COMM_LOST);
	CHECK(sac->sac_length == (uint32_t)g.len);
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0);
	CHECK(sac->sac_assoc_id == p.cli_id);
	if (g.len > (int)sizeof *sac) {
		uint16_t code;

		/* the causes follow as the chunk has them */
		CHECK(g.len >= (int)sizeof *sac + 4);
		memcpy(&code, sac->sac_info, 2);
		CHECK(sac->sac_error == code);
	}
	conf_pair_close(&p);
	return 0;
}

/*
 * A graceful close by the peer: SHUTDOWN_EVENT (its struct, nothing
 * more), then ASSOC_CHANGE SHUTDOWN_COMP with streams 0 and no error.
 */
static int shutdown_event_then_comp(void)
{
	struct conf_pair p;
	union note n;
	struct got g;
	struct sctp_shutdown_event *sse = &n.n.sn_shutdown_event;
	struct sctp_assoc_change *sac = &n.n.sn_assoc_change;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(subscribe(p.srv, SCTP_SHUTDOWN_EVENT, 0));
	CHECK_OK(close(p.cli));
	p.cli = -1;
	CHECK(next(p.srv, &n, sizeof n, &g) == (int)sizeof *sse && sizeof *sse == 12);
	CHECK(g.flags == WHOLE);
	CHECK(sse->sse_type == SCTP_SHUTDOWN_EVENT && sse->sse_type == 0x8005);
	CHECK(sse->sse_flags == 0 && sse->sse_length == sizeof *sse);
	CHECK(sse->sse_assoc_id == p.srv_id);
	CHECK(next(p.srv, &n, sizeof n, &g) == (int)sizeof *sac);
	CHECK(g.flags == WHOLE);
	CHECK(sac->sac_type == SCTP_ASSOC_CHANGE && sac->sac_state == SCTP_SHUTDOWN_COMP);
	CHECK(sac->sac_flags == 0 && sac->sac_length == sizeof *sac && sac->sac_error == 0);
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0);
	CHECK(next(p.srv, &n, sizeof n, &g) == 0);  /* then the end */
	conf_pair_close(&p);
	return 0;
}

/* A socket bound but not listening: an INIT to it is answered with ABORT. */
static int deaf_socket(struct sockaddr_storage *ss, socklen_t *len)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	if (fd < 0 || conf_bind_loopback(fd, AF_INET, ss, len) < 0)
		return -1;
	return fd;
}

/*
 * The setup is refused: CANT_STR_ASSOC, no sac_info, streams 0.  The
 * message that was to start the association comes back: SEND_FAILED and
 * then SEND_FAILED_EVENT (both subscribed: Linux makes one of each, in
 * that order), unsent, with its data, its send info and the same error.
 */
static int cant_start_send_failed(void)
{
	int deaf, cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	socklen_t len;
	static const char msg[] = "payload";
	size_t ml = sizeof msg - 1;
	union note n;
	struct got g;
	struct sctp_assoc_change *sac = &n.n.sn_assoc_change;
	struct sctp_send_failed *ssf = &n.n.sn_send_failed;
	struct sctp_send_failed_event *ssfe = &n.n.sn_send_failed_event;
	sctp_assoc_t id;
	uint16_t error;

	CHECK_OK(cli);
	CHECK_OK(deaf = deaf_socket(&ss, &len));
	CHECK_OK(subscribe(cli, SCTP_ASSOC_CHANGE, 0));
	CHECK_OK(subscribe(cli, SCTP_SEND_FAILED, 0));
	CHECK_OK(subscribe(cli, SCTP_SEND_FAILED_EVENT, 0));
	CHECK(sctp_sendmsg(cli, msg, ml, (struct sockaddr *)&ss, len, htonl(42), 0, 1, 0, 7)
	      == (int)ml);
	CHECK(next(cli, &n, sizeof n, &g) == (int)sizeof *sac);
	CHECK(g.flags == WHOLE);
	CHECK(sac->sac_type == SCTP_ASSOC_CHANGE && sac->sac_state == SCTP_CANT_STR_ASSOC);
	CHECK(sac->sac_flags == 0 && sac->sac_length == sizeof *sac);
	CHECK(sac->sac_outbound_streams == 0 && sac->sac_inbound_streams == 0);
	CHECK(sac->sac_assoc_id != 0);
	id = sac->sac_assoc_id;
	error = sac->sac_error;

	CHECK(next(cli, &n, sizeof n, &g) == (int)(sizeof *ssf + ml) && sizeof *ssf == 48);
	CHECK(g.flags == WHOLE);
	CHECK(ssf->ssf_type == SCTP_SEND_FAILED && ssf->ssf_type == 0x8003);
	CHECK(ssf->ssf_flags == SCTP_DATA_UNSENT);
	CHECK(ssf->ssf_length == sizeof *ssf + ml);
	CHECK(ssf->ssf_error == error);
	CHECK(ssf->ssf_info.sinfo_stream == 1);
	CHECK(ssf->ssf_info.sinfo_ppid == htonl(42));
	CHECK(ssf->ssf_info.sinfo_context == 7);
	/* Linux reports the DATA chunk's flags: one whole message (B|E) */
	CHECK(ssf->ssf_info.sinfo_flags == 3);
	CHECK(ssf->ssf_assoc_id == id);
	CHECK(!memcmp(ssf->ssf_data, msg, ml));

	CHECK(next(cli, &n, sizeof n, &g) == (int)(sizeof *ssfe + ml) && sizeof *ssfe == 32);
	CHECK(g.flags == WHOLE);
	CHECK(ssfe->ssf_type == SCTP_SEND_FAILED_EVENT && ssfe->ssf_type == 0x800d);
	CHECK(ssfe->ssf_flags == SCTP_DATA_UNSENT);
	CHECK(ssfe->ssf_length == sizeof *ssfe + ml);
	CHECK(ssfe->ssf_error == error);
	CHECK(ssfe->ssfe_info.snd_sid == 1);
	CHECK(ssfe->ssfe_info.snd_ppid == htonl(42));
	CHECK(ssfe->ssfe_info.snd_context == 7);
	CHECK(ssfe->ssfe_info.snd_flags == 3);
	CHECK(ssfe->ssf_assoc_id == id);
	CHECK(!memcmp(ssfe->ssf_data, msg, ml));
	close(deaf);
	close(cli);
	return 0;
}

/* ---- SCTP_SENDER_DRY_EVENT ------------------------------------------------- */

static int check_dry(int fd, sctp_assoc_t id)
{
	union note n;
	struct got g;
	struct sctp_sender_dry_event *d = &n.n.sn_sender_dry_event;

	CHECK(next(fd, &n, sizeof n, &g) == (int)sizeof *d && sizeof *d == 12);
	CHECK(g.flags == WHOLE);
	CHECK(d->sender_dry_type == SCTP_SENDER_DRY_EVENT && d->sender_dry_type == 0x8009);
	CHECK(d->sender_dry_flags == 0 && d->sender_dry_length == sizeof *d);
	CHECK(d->sender_dry_assoc_id == id);
	return 0;
}

/* Linux (sctp_assoc_ulpevent_type_set) queues SENDER_DRY when a program
 * subscribes while nothing waits to be sent: readable before setsockopt
 * returns. */
static int sender_dry_at_once_event(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK(!readable_now(p.cli));
	CHECK_OK(subscribe(p.cli, SCTP_SENDER_DRY_EVENT, 0));
	CHECK(readable_now(p.cli));
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	conf_pair_close(&p);
	return 0;
}

/* The same through SCTP_EVENTS (sctp_setsockopt_events), one-to-one. */
static int sender_dry_at_once_events(void)
{
	struct conf_pair p;
	struct sctp_event_subscribe es;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&es, 0, sizeof es);
	es.sctp_association_event = 1;
	es.sctp_sender_dry_event = 1;
	CHECK(!readable_now(p.cli));
	CHECK_OK(SO(p.cli, SCTP_EVENTS, es));
	CHECK(readable_now(p.cli));
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	conf_pair_close(&p);
	return 0;
}

/* One-to-many: subscribing for one association (and for the current ones)
 * does it for those associations. */
static int sender_dry_at_once_one_to_many(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK(!readable_now(p.cli));
	CHECK_OK(subscribe(p.cli, SCTP_SENDER_DRY_EVENT, p.cli_id));
	CHECK(readable_now(p.cli));
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	CHECK_OK(subscribe(p.srv, SCTP_SENDER_DRY_EVENT, SCTP_CURRENT_ASSOC));
	CHECK(readable_now(p.srv));
	CHECK(check_dry(p.srv, p.srv_id) == 0);
	conf_pair_close(&p);
	return 0;
}

/* Once subscribed, sending and having it all acknowledged makes one more. */
static int sender_dry_after_data(void)
{
	struct conf_pair p;
	char buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(subscribe(p.cli, SCTP_SENDER_DRY_EVENT, 0));
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	CHECK(send(p.cli, "ping", 4, 0) == 4);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 4);
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	conf_pair_close(&p);
	return 0;
}

/* ---- SCTP_ADAPTATION_INDICATION ------------------------------------------- */

/* After COMM_UP (as sctp_sf_do_5_1D_ce queues them), its struct exactly. */
static int adaptation_layout(void)
{
	struct sctp_setadaptation ad = { 0xc0ffee };
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	socklen_t len;
	union note n;
	struct got g;
	struct sctp_adaptation_event *a = &n.n.sn_adaptation_event;
	sctp_assoc_t id;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(SO(cli, SCTP_ADAPTATION_LAYER, ad));
	CHECK_OK(subscribe(lsn, SCTP_ASSOC_CHANGE, 0));
	CHECK_OK(subscribe(lsn, SCTP_ADAPTATION_INDICATION, 0));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK(next(lsn, &n, sizeof n, &g) > 0);
	CHECK(n.n.sn_header.sn_type == SCTP_ASSOC_CHANGE);
	id = n.n.sn_assoc_change.sac_assoc_id;
	CHECK(next(lsn, &n, sizeof n, &g) == (int)sizeof *a && sizeof *a == 16);
	CHECK(g.flags == WHOLE);
	CHECK(a->sai_type == SCTP_ADAPTATION_INDICATION && a->sai_type == 0x8007);
	CHECK(a->sai_flags == 0 && a->sai_length == sizeof *a);
	CHECK(a->sai_adaptation_ind == 0xc0ffee);
	CHECK(a->sai_assoc_id == id);
	return 0;
}

/* No indication from a peer that set none: the first thing after COMM_UP
 * is the peer's data. */
static int adaptation_only_when_peer_sets_it(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	socklen_t len;
	union note n;
	struct got g;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(subscribe(lsn, SCTP_ASSOC_CHANGE, 0));
	CHECK_OK(subscribe(lsn, SCTP_ADAPTATION_INDICATION, 0));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK(sctp_sendmsg(cli, "data", 4, (struct sockaddr *)&ss, len, 0, 0, 0, 0, 0) == 4);
	CHECK(next(lsn, &n, sizeof n, &g) > 0);
	CHECK(n.n.sn_header.sn_type == SCTP_ASSOC_CHANGE);
	CHECK(next(lsn, &n, sizeof n, &g) == 4 && !(g.flags & MSG_NOTIFICATION));
	return 0;
}

/* ---- delivery ------------------------------------------------------------- */

/* A buffer shorter than the notification: it comes in pieces, each with
 * MSG_NOTIFICATION, MSG_EOR only on the last (sctp_recvmsg's partial read
 * of a notification skb). */
static int pieces_when_buffer_short(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	socklen_t len;
	struct sctp_assoc_change whole;
	uint8_t *w = (uint8_t *)&whole;
	struct got g;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(subscribe(lsn, SCTP_ASSOC_CHANGE, 0));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK(next(lsn, w, 8, &g) == 8 && g.flags == MSG_NOTIFICATION);
	CHECK(next(lsn, w + 8, 8, &g) == 8 && g.flags == MSG_NOTIFICATION);
	CHECK(next(lsn, w + 16, 8, &g) == 4 && g.flags == WHOLE);
	CHECK(whole.sac_type == SCTP_ASSOC_CHANGE && whole.sac_length == sizeof whole);
	CHECK(whole.sac_state == SCTP_COMM_UP && whole.sac_assoc_id != 0);
	return 0;
}

/* SCTP_EVENTS turns notifications on and off as SCTP_EVENT does. */
static int events_struct_subscribes(void)
{
	struct conf_pair p;
	struct sctp_event_subscribe es;
	union note n;
	struct got g;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	memset(&es, 0, sizeof es);
	es.sctp_shutdown_event = 1;
	CHECK_OK(SO(p.srv, SCTP_EVENTS, es));  /* and ASSOC_CHANGE off */
	CHECK_OK(close(p.cli));
	p.cli = -1;
	CHECK(next(p.srv, &n, sizeof n, &g) == (int)sizeof n.n.sn_shutdown_event);
	CHECK(n.n.sn_header.sn_type == SCTP_SHUTDOWN_EVENT);
	CHECK(next(p.srv, &n, sizeof n, &g) == 0);  /* no SHUTDOWN_COMP */
	conf_pair_close(&p);
	return 0;
}

/* What is not subscribed is not delivered. */
static int unsubscribed_not_delivered(void)
{
	struct conf_pair p;
	union note n;
	struct got g;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(unsubscribe(p.srv, SCTP_ASSOC_CHANGE));
	CHECK_OK(close(p.cli));
	p.cli = -1;
	CHECK(next(p.srv, &n, sizeof n, &g) == 0);
	conf_pair_close(&p);
	return 0;
}

/* ---- subscriptions per association ---------------------------------------- */

/*
 * Linux keeps a mask per socket (sp->subscribe), which each new
 * association copies, and one per association (asoc->subscribe), which its
 * notifications are checked against (sctp_ulpq_tail_event).  SCTP_EVENT
 * with an id changes that association's, FUTURE the socket's, CURRENT
 * every existing association's, ALL both (sctp_setsockopt_event); a get
 * with an id reads that association's (sctp_getsockopt_event).
 */

static int set_event(int fd, uint16_t type, sctp_assoc_t id, int on)
{
	struct sctp_event ev = { .se_assoc_id = id, .se_type = type, .se_on = on };

	return SO(fd, SCTP_EVENT, ev);
}

/* se_on as getsockopt(SCTP_EVENT) tells it for id; -1 on error. */
static int event_on(int fd, uint16_t type, sctp_assoc_t id)
{
	struct sctp_event ev = { .se_assoc_id = id, .se_type = type };
	socklen_t l = sizeof ev;

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, &l) < 0)
		return -1;
	return ev.se_on;
}

/* One more client of the one-to-many server in p; its id on both sides. */
static int another_client(struct conf_pair *p, int *cli, sctp_assoc_t *srv_id,
			  sctp_assoc_t *cli_id)
{
	union sctp_notification n;

	*cli = conf_socket(p->family, SOCK_SEQPACKET);
	if (*cli < 0 || subscribe(*cli, SCTP_ASSOC_CHANGE, 0) < 0
	    || connect(*cli, (struct sockaddr *)&p->srv_addr, p->srv_addr_len) < 0)
		return -1;
	for (*srv_id = 0; !*srv_id;) {
		if (conf_wait_notification(p->srv, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
			return -1;
		if (n.sn_assoc_change.sac_state == SCTP_COMM_UP)
			*srv_id = n.sn_assoc_change.sac_assoc_id;
	}
	for (*cli_id = 0; !*cli_id;) {
		if (conf_wait_notification(*cli, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
			return -1;
		if (n.sn_assoc_change.sac_state == SCTP_COMM_UP)
			*cli_id = n.sn_assoc_change.sac_assoc_id;
	}
	return 0;
}

/* The server sends one message on association id; the client reads it. */
static int send_on(int srv, sctp_assoc_t id, int cli)
{
	struct sctp_sndrcvinfo si = { .sinfo_assoc_id = id };
	char buf[16];

	if (sctp_send(srv, "x", 1, &si, 0) != 1)
		return -1;
	return conf_recv(cli, buf, sizeof buf, NULL, NULL) == 1 ? 0 : -1;
}

/* Until the peer has acknowledged everything sent on id (bounded). */
static int all_acked(int fd, sctp_assoc_t id)
{
	struct sctp_status st;

	for (int i = 0; i < 2000; i++) {
		if (!status_of(fd, id, &st))
			return -1;
		if (!st.sstat_unackdata && !st.sstat_penddata)
			return 0;
		poll(NULL, 0, 10);
	}
	return -1;
}

/* Subscribed for one association: its notifications come, the other's
 * not.  SENDER_DRY after data is the probe: B's data is acknowledged
 * before A's is sent, so a DRY for B would be read first. */
static int event_one_assoc_only(void)
{
	struct conf_pair p;
	sctp_assoc_t b_srv, b_cli;
	int b;
	union note n;
	struct got g;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(another_client(&p, &b, &b_srv, &b_cli));
	CHECK_OK(set_event(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id, 1));
	CHECK(check_dry(p.srv, p.srv_id) == 0);  /* at once, for A only */
	CHECK(!readable_now(p.srv));
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id) == 1);
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, b_srv) == 0);
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, SCTP_FUTURE_ASSOC) == 0);
	CHECK_OK(send_on(p.srv, b_srv, b));
	CHECK_OK(all_acked(p.srv, b_srv));
	CHECK_OK(send_on(p.srv, p.srv_id, p.cli));
	CHECK(next_of(p.srv, SCTP_SENDER_DRY_EVENT, &n, &g) > 0);
	CHECK(n.n.sn_sender_dry_event.sender_dry_assoc_id == p.srv_id);
	close(b);
	conf_pair_close(&p);
	return 0;
}

/* Unsubscribed for one association: the other's still come. */
static int event_off_one_assoc(void)
{
	struct conf_pair p;
	sctp_assoc_t b_srv, b_cli;
	int b;
	union note n;
	struct got g;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(another_client(&p, &b, &b_srv, &b_cli));
	CHECK_OK(set_event(p.srv, SCTP_SENDER_DRY_EVENT, SCTP_CURRENT_ASSOC, 1));
	CHECK(next_of(p.srv, SCTP_SENDER_DRY_EVENT, &n, &g) > 0);
	CHECK(next_of(p.srv, SCTP_SENDER_DRY_EVENT, &n, &g) > 0);
	CHECK(!readable_now(p.srv));
	CHECK_OK(set_event(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id, 0));
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id) == 0);
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, b_srv) == 1);
	CHECK_OK(send_on(p.srv, p.srv_id, p.cli));
	CHECK_OK(all_acked(p.srv, p.srv_id));
	CHECK_OK(send_on(p.srv, b_srv, b));
	CHECK(next_of(p.srv, SCTP_SENDER_DRY_EVENT, &n, &g) > 0);
	CHECK(n.n.sn_sender_dry_event.sender_dry_assoc_id == b_srv);
	close(b);
	conf_pair_close(&p);
	return 0;
}

/* FUTURE is the socket's: existing associations keep theirs, new ones
 * start from it.  No SENDER_DRY at once for FUTURE. */
static int event_future_new_assocs_only(void)
{
	struct conf_pair p;
	sctp_assoc_t b_srv, b_cli;
	int b;
	union note n;
	struct got g;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(set_event(p.srv, SCTP_SENDER_DRY_EVENT, SCTP_FUTURE_ASSOC, 1));
	CHECK(!readable_now(p.srv));
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, SCTP_FUTURE_ASSOC) == 1);
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id) == 0);
	CHECK_OK(another_client(&p, &b, &b_srv, &b_cli));
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, b_srv) == 1);
	CHECK(event_on(p.srv, SCTP_SENDER_DRY_EVENT, p.srv_id) == 0);
	CHECK_OK(send_on(p.srv, p.srv_id, p.cli));
	CHECK_OK(all_acked(p.srv, p.srv_id));
	CHECK_OK(send_on(p.srv, b_srv, b));
	CHECK(next_of(p.srv, SCTP_SENDER_DRY_EVENT, &n, &g) > 0);
	CHECK(n.n.sn_sender_dry_event.sender_dry_assoc_id == b_srv);
	close(b);
	conf_pair_close(&p);
	return 0;
}

/* CURRENT: every existing association, not the socket (so not the next
 * association); ALL: both. */
static int event_current_and_all(void)
{
	struct conf_pair p;
	sctp_assoc_t b_srv, b_cli, c_srv, c_cli;
	int b, c;
	const uint16_t t = SCTP_PEER_ADDR_CHANGE;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(set_event(p.srv, t, SCTP_CURRENT_ASSOC, 1));
	CHECK(event_on(p.srv, t, p.srv_id) == 1);
	CHECK(event_on(p.srv, t, SCTP_FUTURE_ASSOC) == 0);
	CHECK_OK(another_client(&p, &b, &b_srv, &b_cli));
	CHECK(event_on(p.srv, t, b_srv) == 0);
	CHECK_OK(set_event(p.srv, t, SCTP_ALL_ASSOC, 0));
	CHECK(event_on(p.srv, t, p.srv_id) == 0);
	CHECK_OK(set_event(p.srv, t, SCTP_ALL_ASSOC, 1));
	CHECK(event_on(p.srv, t, p.srv_id) == 1);
	CHECK(event_on(p.srv, t, b_srv) == 1);
	CHECK(event_on(p.srv, t, SCTP_FUTURE_ASSOC) == 1);
	CHECK_OK(another_client(&p, &c, &c_srv, &c_cli));
	CHECK(event_on(p.srv, t, c_srv) == 1);
	close(b);
	close(c);
	conf_pair_close(&p);
	return 0;
}

/* SCTP_EVENTS sets the socket's mask and every association's to it. */
static int events_struct_sets_every_assoc(void)
{
	struct conf_pair p;
	struct sctp_event_subscribe es;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(set_event(p.srv, SCTP_SHUTDOWN_EVENT, p.srv_id, 1));
	memset(&es, 0, sizeof es);
	es.sctp_association_event = 1;
	es.sctp_address_event = 1;
	CHECK_OK(SO(p.srv, SCTP_EVENTS, es));
	CHECK(event_on(p.srv, SCTP_SHUTDOWN_EVENT, p.srv_id) == 0);
	CHECK(event_on(p.srv, SCTP_PEER_ADDR_CHANGE, p.srv_id) == 1);
	CHECK(event_on(p.srv, SCTP_PEER_ADDR_CHANGE, SCTP_FUTURE_ASSOC) == 1);
	conf_pair_close(&p);
	return 0;
}

/* One-to-many: an id that names no association is EINVAL, for set and
 * get; get takes no CURRENT or ALL (sctp_getsockopt_event). */
static int event_unknown_id_einval(void)
{
	struct conf_pair p;
	struct sctp_event ev = { .se_assoc_id = 0, .se_type = SCTP_SHUTDOWN_EVENT };
	socklen_t l = sizeof ev;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO(set_event(p.srv, SCTP_SHUTDOWN_EVENT, p.srv_id + 1000, 1), EINVAL);
	ev.se_assoc_id = p.srv_id + 1000;
	CHECK_ERRNO(getsockopt(p.srv, IPPROTO_SCTP, SCTP_EVENT, &ev, &l), EINVAL);
	ev.se_assoc_id = SCTP_CURRENT_ASSOC;
	CHECK_ERRNO(getsockopt(p.srv, IPPROTO_SCTP, SCTP_EVENT, &ev, &l), EINVAL);
	ev.se_assoc_id = SCTP_ALL_ASSOC;
	CHECK_ERRNO(getsockopt(p.srv, IPPROTO_SCTP, SCTP_EVENT, &ev, &l), EINVAL);
	conf_pair_close(&p);
	return 0;
}

/* One-to-one: the id means nothing; before connect it is the socket's
 * mask, once established the association's (sctp_id2assoc). */
static int event_one_to_one_ignores_id(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct conf_pair p;

	CHECK_OK(fd);
	CHECK_OK(set_event(fd, SCTP_SHUTDOWN_EVENT, 12345, 1));
	CHECK(event_on(fd, SCTP_SHUTDOWN_EVENT, 777) == 1);
	CHECK(event_on(fd, SCTP_SHUTDOWN_EVENT, SCTP_CURRENT_ASSOC) == 1);
	close(fd);
	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(set_event(p.cli, SCTP_SENDER_DRY_EVENT, 4242, 1));
	CHECK(check_dry(p.cli, p.cli_id) == 0);
	CHECK(event_on(p.cli, SCTP_SENDER_DRY_EVENT, 99) == 1);
	conf_pair_close(&p);
	return 0;
}

/* Receive one message; 1 if it carries SCTP_SNDRCV, 0 if not, -1. */
static int has_sndrcv(int fd)
{
	char buf[64], control[512];
	struct iovec iov = { buf, sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	                    .msg_control = control, .msg_controllen = sizeof control };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, 20000) != 1 || recvmsg(fd, &m, 0) < 0 || (m.msg_flags & MSG_NOTIFICATION))
		return -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_SNDRCV)
			return 1;
	return 0;
}

/* SCTP_SNDRCV follows the socket's data_io (sctp_recvmsg reads
 * sp->subscribe): an association's own data_io, which SCTP_EVENT keeps
 * and reads back, adds no cmsg; FUTURE does. */
static int data_io_is_the_socket_s(void)
{
	struct conf_pair p;
	struct sctp_sndrcvinfo si;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&si, 0, sizeof si);
	si.sinfo_assoc_id = p.cli_id;
	CHECK_OK(set_event(p.srv, SCTP_DATA_IO_EVENT, p.srv_id, 1));
	CHECK(event_on(p.srv, SCTP_DATA_IO_EVENT, p.srv_id) == 1);
	CHECK(event_on(p.srv, SCTP_DATA_IO_EVENT, SCTP_FUTURE_ASSOC) == 0);
	CHECK(sctp_send(p.cli, "a", 1, &si, 0) == 1);
	CHECK(has_sndrcv(p.srv) == 0);
	CHECK_OK(set_event(p.srv, SCTP_DATA_IO_EVENT, SCTP_FUTURE_ASSOC, 1));
	CHECK(sctp_send(p.cli, "b", 1, &si, 0) == 1);
	CHECK(has_sndrcv(p.srv) == 1);
	conf_pair_close(&p);
	return 0;
}

/* The same on an established one-to-one socket, where SCTP_EVENT is about
 * the association: data_io on through it adds no SCTP_SNDRCV, through
 * SCTP_EVENTS (the socket's) it does. */
static int data_io_one_to_one_established(void)
{
	struct conf_pair p;
	struct sctp_event_subscribe es;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(set_event(p.srv, SCTP_DATA_IO_EVENT, 0, 1));
	CHECK(event_on(p.srv, SCTP_DATA_IO_EVENT, 0) == 1);
	CHECK(send(p.cli, "a", 1, 0) == 1);
	CHECK(has_sndrcv(p.srv) == 0);
	memset(&es, 0, sizeof es);
	es.sctp_data_io_event = 1;
	CHECK_OK(SO(p.srv, SCTP_EVENTS, es));
	CHECK(send(p.cli, "b", 1, 0) == 1);
	CHECK(has_sndrcv(p.srv) == 1);
	conf_pair_close(&p);
	return 0;
}

/* A peeled-off association keeps its own subscriptions (sctp_sock_migrate
 * moves the association, asoc->subscribe with it). */
static int event_kept_by_peeloff(void)
{
	struct conf_pair p;
	int fd;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(set_event(p.srv, SCTP_SHUTDOWN_EVENT, p.srv_id, 1));
	CHECK(event_on(p.srv, SCTP_SHUTDOWN_EVENT, 0) == 0);
	CHECK_OK(fd = sctp_peeloff(p.srv, p.srv_id));
	CHECK(event_on(fd, SCTP_SHUTDOWN_EVENT, 0) == 1);
	return 0;
}

static const struct conf_case cases[] = {
	{ "comm-up-one-to-one", comm_up_one_to_one },
	{ "comm-up-one-to-many", comm_up_one_to_many },
	{ "comm-lost-user-abort", comm_lost_user_abort },
	{ "comm-lost-linger-abort", comm_lost_linger_abort },
	{ "shutdown-event-then-comp", shutdown_event_then_comp },
	{ "cant-start-send-failed", cant_start_send_failed },
	{ "sender-dry-at-once-event", sender_dry_at_once_event },
	{ "sender-dry-at-once-events", sender_dry_at_once_events },
	{ "sender-dry-at-once-one-to-many", sender_dry_at_once_one_to_many },
	{ "sender-dry-after-data", sender_dry_after_data },
	{ "adaptation-layout", adaptation_layout },
	{ "adaptation-only-when-peer-sets-it", adaptation_only_when_peer_sets_it },
	{ "pieces-when-buffer-short", pieces_when_buffer_short },
	{ "events-struct-subscribes", events_struct_subscribes },
	{ "unsubscribed-not-delivered", unsubscribed_not_delivered },
	{ "event-one-assoc-only", event_one_assoc_only },
	{ "event-off-one-assoc", event_off_one_assoc },
	{ "event-future-new-assocs-only", event_future_new_assocs_only },
	{ "event-current-and-all", event_current_and_all },
	{ "events-struct-sets-every-assoc", events_struct_sets_every_assoc },
	{ "event-unknown-id-einval", event_unknown_id_einval },
	{ "event-one-to-one-ignores-id", event_one_to_one_ignores_id },
	{ "data-io-is-the-socket-s", data_io_is_the_socket_s },
	{ "data-io-one-to-one-established", data_io_one_to_one_established },
	{ "event-kept-by-peeloff", event_kept_by_peeloff },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
