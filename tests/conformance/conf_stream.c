/* SPDX-License-Identifier: MIT */
/* Conformance: the "stream" family of SCTP options (see conf.h): PR-SCTP,
 * stream reconfiguration, schedulers, interleaving. */
#define _GNU_SOURCE
#include "conf.h"

#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

/* Linux 6.x's fair capacity and weighted fair queueing schedulers. */
#define SS_FC  3
#define SS_WFQ 4

static int get(int fd, int name, void *val, socklen_t len)
{
	return getsockopt(fd, IPPROTO_SCTP, name, val, &len);
}

static int get_av(int fd, int name, sctp_assoc_t id, uint32_t *value)
{
	struct sctp_assoc_value av = { .assoc_id = id };

	if (get(fd, name, &av, sizeof av) < 0)
		return -1;
	*value = av.assoc_value;
	return 0;
}

static int set_av(int fd, int name, sctp_assoc_t id, uint32_t value)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = value };

	return SO(fd, name, av);
}

static int status(int fd, sctp_assoc_t id, struct sctp_status *st)
{
	memset(st, 0, sizeof *st);
	st->sstat_assoc_id = id;
	return get(fd, SCTP_STATUS, st, sizeof *st);
}

static int subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	return SO(fd, SCTP_EVENT, ev);
}

/* A one-to-one pair with stream reconfiguration on both ends before the
 * association is set up (it is negotiated in INIT), the requests in
 * `enable` allowed on both, and the reconfiguration events subscribed. */
static int reconf_pair(struct conf_pair *p, uint32_t enable)
{
	union sctp_notification n;
	struct sctp_status st;
	int *fds[] = { &p->lsn, &p->cli };

	memset(p, 0, sizeof *p);
	p->style = SOCK_STREAM;
	p->family = AF_INET;
	p->lsn = conf_socket(AF_INET, SOCK_STREAM);
	p->cli = conf_socket(AF_INET, SOCK_STREAM);
	p->srv = -1;
	for (size_t i = 0; i < 2; i++) {
		int fd = *fds[i];

		if (fd < 0 || subscribe(fd, SCTP_ASSOC_CHANGE) < 0
		    || subscribe(fd, SCTP_STREAM_RESET_EVENT) < 0
		    || subscribe(fd, SCTP_ASSOC_RESET_EVENT) < 0
		    || subscribe(fd, SCTP_STREAM_CHANGE_EVENT) < 0
		    || set_av(fd, SCTP_RECONFIG_SUPPORTED, 0, 1) < 0
		    || set_av(fd, SCTP_ENABLE_STREAM_RESET, 0, enable) < 0)
			return -1;
	}
	if (conf_bind_loopback(p->lsn, AF_INET, &p->srv_addr, &p->srv_addr_len) < 0
	    || listen(p->lsn, 1) < 0
	    || connect(p->cli, (struct sockaddr *)&p->srv_addr, p->srv_addr_len) < 0)
		return -1;
	p->srv = accept(p->lsn, NULL, NULL);
	if (p->srv < 0
	    || conf_wait_notification(p->srv, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0
	    || conf_wait_notification(p->cli, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
		return -1;
	if (status(p->srv, 0, &st) < 0)
		return -1;
	p->srv_id = st.sstat_assoc_id;
	if (status(p->cli, 0, &st) < 0)
		return -1;
	p->cli_id = st.sstat_assoc_id;
	return 0;
}

/* ---- PR-SCTP -------------------------------------------------------------------- */

static int pr_supported_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct { struct sctp_assoc_value av; int extra; } longer = { { 0, 1 }, 0 };
	uint32_t v = 0;

	CHECK_OK(fd);
	CHECK_OK(get_av(fd, SCTP_PR_SUPPORTED, 0, &v));
	CHECK(v == 1);  /* net.sctp.prsctp_enable */
	CHECK_OK(set_av(fd, SCTP_PR_SUPPORTED, 0, 0));
	CHECK_OK(get_av(fd, SCTP_PR_SUPPORTED, 0, &v));
	CHECK(v == 0);
	CHECK_OK(set_av(fd, SCTP_PR_SUPPORTED, 0, 7));
	CHECK_OK(get_av(fd, SCTP_PR_SUPPORTED, 0, &v));
	CHECK(v == 1);
	/* exactly the struct */
	CHECK_ERRNO(SO(fd, SCTP_PR_SUPPORTED, longer), EINVAL);
	return 0;
}

static int pr_supported_unknown_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	uint32_t v;

	CHECK_OK(fd);
	CHECK_ERRNO(set_av(fd, SCTP_PR_SUPPORTED, 1234, 1), EINVAL);
	CHECK_ERRNO(get_av(fd, SCTP_PR_SUPPORTED, 1234, &v), EINVAL);
	return 0;
}

static int default_prinfo_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_default_prinfo pr = { 0, 100, SCTP_PR_SCTP_TTL }, out;

	CHECK_OK(fd);
	CHECK_OK(SO(fd, SCTP_DEFAULT_PRINFO, pr));
	memset(&out, 0, sizeof out);
	CHECK_OK(get(fd, SCTP_DEFAULT_PRINFO, &out, sizeof out));
	CHECK(out.pr_policy == SCTP_PR_SCTP_TTL && out.pr_value == 100);
	pr.pr_policy = SCTP_PR_SCTP_PRIO;
	pr.pr_value = 3;
	CHECK_OK(SO(fd, SCTP_DEFAULT_PRINFO, pr));
	CHECK_OK(get(fd, SCTP_DEFAULT_PRINFO, &out, sizeof out));
	CHECK(out.pr_policy == SCTP_PR_SCTP_PRIO && out.pr_value == 3);
	pr.pr_policy = SCTP_PR_SCTP_RTX;
	CHECK_OK(SO(fd, SCTP_DEFAULT_PRINFO, pr));
	CHECK_OK(get(fd, SCTP_DEFAULT_PRINFO, &out, sizeof out));
	CHECK(out.pr_policy == SCTP_PR_SCTP_RTX);
	/* NONE drops the value */
	pr.pr_policy = SCTP_PR_SCTP_NONE;
	pr.pr_value = 7;
	CHECK_OK(SO(fd, SCTP_DEFAULT_PRINFO, pr));
	CHECK_OK(get(fd, SCTP_DEFAULT_PRINFO, &out, sizeof out));
	CHECK(out.pr_policy == SCTP_PR_SCTP_NONE && out.pr_value == 0);
	return 0;
}

static int default_prinfo_invalid(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_default_prinfo pr = { 0, 100, 0x40 };
	struct { struct sctp_default_prinfo pr; int extra; } longer = { { 0 }, 0 };

	CHECK_OK(fd);
	CHECK_ERRNO(SO(fd, SCTP_DEFAULT_PRINFO, pr), EINVAL);
	pr.pr_policy = SCTP_PR_SCTP_TTL | 1;
	CHECK_ERRNO(SO(fd, SCTP_DEFAULT_PRINFO, pr), EINVAL);
	CHECK_ERRNO(SO(fd, SCTP_DEFAULT_PRINFO, longer), EINVAL);
	pr.pr_policy = SCTP_PR_SCTP_TTL;
	pr.pr_assoc_id = 1234;
	CHECK_ERRNO(SO(fd, SCTP_DEFAULT_PRINFO, pr), EINVAL);
	/* SCTP_ALL_ASSOC sets the socket's default */
	pr.pr_assoc_id = SCTP_ALL_ASSOC;
	CHECK_OK(SO(fd, SCTP_DEFAULT_PRINFO, pr));
	return 0;
}

static int prstatus_checks(void)
{
	struct conf_pair p;
	struct sctp_prstatus ps;
	struct sctp_status st;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	memset(&ps, 0, sizeof ps);
	ps.sprstat_assoc_id = p.cli_id;
	ps.sprstat_policy = SCTP_PR_SCTP_TTL;
	CHECK_OK(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps));
	CHECK(ps.sprstat_abandoned_unsent == 0 && ps.sprstat_abandoned_sent == 0);
	ps.sprstat_policy = SCTP_PR_SCTP_ALL;
	CHECK_OK(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps));
	CHECK_OK(get(p.cli, SCTP_PR_STREAM_STATUS, &ps, sizeof ps));
	/* no policy, ALL with a policy, unknown bits */
	ps.sprstat_policy = 0;
	CHECK_ERRNO(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps), EINVAL);
	ps.sprstat_policy = SCTP_PR_SCTP_ALL | SCTP_PR_SCTP_TTL;
	CHECK_ERRNO(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps), EINVAL);
	ps.sprstat_policy = 0x100;
	CHECK_ERRNO(get(p.cli, SCTP_PR_STREAM_STATUS, &ps, sizeof ps), EINVAL);
	/* a stream the association does not have, an unknown association */
	CHECK_OK(status(p.cli, p.cli_id, &st));
	ps.sprstat_policy = SCTP_PR_SCTP_RTX;
	ps.sprstat_sid = st.sstat_outstrms;
	CHECK_ERRNO(get(p.cli, SCTP_PR_STREAM_STATUS, &ps, sizeof ps), EINVAL);
	ps.sprstat_sid = 0;
	ps.sprstat_assoc_id = 0;
	CHECK_ERRNO(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps), EINVAL);
	ps.sprstat_assoc_id = p.cli_id;
	CHECK_ERRNO(get(p.cli, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps - 1), EINVAL);
	/* read-only */
	CHECK_ERRNO(SO(p.cli, SCTP_PR_ASSOC_STATUS, ps), ENOPROTOOPT);
	return 0;
}

static int send_ttl(int fd, const void *buf, size_t len, uint32_t ttl_ms)
{
	struct sctp_prinfo pr = { .pr_policy = SCTP_PR_SCTP_TTL, .pr_value = ttl_ms };

	return (int)sctp_sendv(fd, &(struct iovec){ (void *)buf, len }, 1, NULL, 0, &pr,
	                       sizeof pr, SCTP_SENDV_PRINFO, 0);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* A one-to-one pair whose server takes the receive buffer `rcvbuf` before
 * the association is set up (it sizes the window advertised in INIT). */
static int small_window_pair(struct conf_pair *p, int rcvbuf, int sndbuf)
{
	struct sctp_status st;

	memset(p, 0, sizeof *p);
	p->lsn = conf_socket(AF_INET, SOCK_STREAM);
	p->cli = conf_socket(AF_INET, SOCK_STREAM);
	p->srv = -1;
	if (p->lsn < 0 || p->cli < 0
	    || setsockopt(p->lsn, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) < 0
	    || setsockopt(p->cli, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) < 0
	    || conf_bind_loopback(p->lsn, AF_INET, &p->srv_addr, &p->srv_addr_len) < 0
	    || listen(p->lsn, 1) < 0
	    || connect(p->cli, (struct sockaddr *)&p->srv_addr, p->srv_addr_len) < 0)
		return -1;
	p->srv = accept(p->lsn, NULL, NULL);
	if (p->srv < 0 || status(p->cli, 0, &st) < 0)
		return -1;
	p->cli_id = st.sstat_assoc_id;
	return 0;
}

static int abandoned(int fd, sctp_assoc_t id, uint16_t policy, uint64_t *count)
{
	struct sctp_prstatus ps = { .sprstat_assoc_id = id, .sprstat_policy = policy };

	if (get(fd, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps) < 0)
		return -1;
	*count = ps.sprstat_abandoned_unsent + ps.sprstat_abandoned_sent;
	return 0;
}

/* Messages with a 1 ms lifetime sent to a peer that reads nothing fill
 * its small window; those queued behind it expire, are abandoned, and
 * SCTP_PR_ASSOC_STATUS counts them. */
static int ttl_abandoned_counted(void)
{
	struct conf_pair p;
	char buf[1000];
	uint64_t n = 0;
	long deadline;

	memset(buf, 'x', sizeof buf);
	CHECK_OK(small_window_pair(&p, 4096, 64 * 1024));
	CHECK_OK(fcntl(p.cli, F_SETFL, O_NONBLOCK));
	deadline = now_ms() + 30000;
	for (;;) {
		struct pollfd pfd = { .fd = p.cli, .events = POLLOUT };

		CHECK_OK(abandoned(p.cli, p.cli_id, SCTP_PR_SCTP_ALL, &n));
		if (n)
			break;
		if (now_ms() > deadline) {
			conf_note("no expired message abandoned");
			return 1;
		}
		if (send_ttl(p.cli, buf, sizeof buf, 1) < 0) {
			CHECK(errno == EAGAIN);
			poll(&pfd, 1, 20);
		}
	}
	/* the TTL policy's own count says the same; RTX has none */
	CHECK_OK(abandoned(p.cli, p.cli_id, SCTP_PR_SCTP_TTL, &n));
	CHECK(n > 0);
	CHECK_OK(abandoned(p.cli, p.cli_id, SCTP_PR_SCTP_RTX, &n));
	CHECK(n == 0);
	return 0;
}

/* ---- stream reconfiguration ------------------------------------------------------ */

static int reconfig_supported_default_off(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint32_t v = 7;

	CHECK_OK(fd);
	CHECK_OK(get_av(fd, SCTP_RECONFIG_SUPPORTED, 0, &v));
	CHECK(v == 0);  /* net.sctp.reconf_enable */
	CHECK_OK(set_av(fd, SCTP_RECONFIG_SUPPORTED, 0, 5));
	CHECK_OK(get_av(fd, SCTP_RECONFIG_SUPPORTED, 0, &v));
	CHECK(v == 1);
	return 0;
}

static int enable_stream_reset_bits(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct { struct sctp_assoc_value av; int extra; } longer = { { 0, 1 }, 0 };
	uint32_t v = 9;

	CHECK_OK(fd);
	CHECK_OK(get_av(fd, SCTP_ENABLE_STREAM_RESET, 0, &v));
	CHECK(v == 0);
	CHECK_OK(set_av(fd, SCTP_ENABLE_STREAM_RESET, 0, SCTP_ENABLE_RESET_STREAM_REQ
	                | SCTP_ENABLE_RESET_ASSOC_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ));
	CHECK_OK(get_av(fd, SCTP_ENABLE_STREAM_RESET, 0, &v));
	CHECK(v == 7);
	CHECK_ERRNO(set_av(fd, SCTP_ENABLE_STREAM_RESET, 0, 8), EINVAL);
	CHECK_ERRNO(SO(fd, SCTP_ENABLE_STREAM_RESET, longer), EINVAL);
	CHECK_ERRNO(set_av(fd, SCTP_ENABLE_STREAM_RESET, 1234, 1), EINVAL);
	CHECK_OK(set_av(fd, SCTP_ENABLE_STREAM_RESET, SCTP_ALL_ASSOC, 1));
	CHECK_OK(get_av(fd, SCTP_ENABLE_STREAM_RESET, 0, &v));
	CHECK(v == 1);
	return 0;
}

static int reset_streams(int fd, sctp_assoc_t id, uint16_t flags, uint16_t n, const uint16_t *list)
{
	size_t len = sizeof(struct sctp_reset_streams) + n * sizeof(uint16_t);
	struct sctp_reset_streams *rs = calloc(1, len);
	int r, e;

	if (!rs)
		return -1;
	rs->srs_assoc_id = id;
	rs->srs_flags = flags;
	rs->srs_number_streams = n;
	memcpy(rs->srs_stream_list, list, n * sizeof(uint16_t));
	r = setsockopt(fd, IPPROTO_SCTP, SCTP_RESET_STREAMS, rs, (socklen_t)len);
	e = errno;
	free(rs);
	errno = e;
	return r;
}

/* Without RE-CONFIG negotiated, or without the request enabled here. */
static int reset_needs_reconfig(void)
{
	struct conf_pair p;
	struct sctp_add_streams as = { 0, 0, 1 };
	uint16_t list[] = { 0 };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO(reset_streams(p.cli, 0, SCTP_STREAM_RESET_OUTGOING, 1, list), ENOPROTOOPT);
	CHECK_ERRNO(SO(p.cli, SCTP_RESET_ASSOC, p.cli_id), ENOPROTOOPT);
	CHECK_ERRNO(SO(p.cli, SCTP_ADD_STREAMS, as), ENOPROTOOPT);
	conf_pair_close(&p);
	CHECK_OK(reconf_pair(&p, 0));
	CHECK_ERRNO(reset_streams(p.cli, 0, SCTP_STREAM_RESET_OUTGOING, 1, list), ENOPROTOOPT);
	CHECK_ERRNO(SO(p.cli, SCTP_RESET_ASSOC, p.cli_id), ENOPROTOOPT);
	CHECK_ERRNO(SO(p.cli, SCTP_ADD_STREAMS, as), ENOPROTOOPT);
	return 0;
}

static int reset_streams_invalid(void)
{
	struct conf_pair p;
	struct sctp_status st;
	uint16_t list[] = { 0, 0 };
	struct sctp_reset_streams rs = { 0, SCTP_STREAM_RESET_OUTGOING, 2 };

	CHECK_OK(reconf_pair(&p, SCTP_ENABLE_RESET_STREAM_REQ));
	CHECK_OK(status(p.cli, 0, &st));
	CHECK_ERRNO(reset_streams(p.cli, 0, 0, 1, list), EINVAL);
	list[0] = st.sstat_outstrms;
	CHECK_ERRNO(reset_streams(p.cli, 0, SCTP_STREAM_RESET_OUTGOING, 1, list), EINVAL);
	list[0] = st.sstat_instrms;
	CHECK_ERRNO(reset_streams(p.cli, 0, SCTP_STREAM_RESET_INCOMING, 1, list), EINVAL);
	/* the count says more than optlen holds; shorter than the struct */
	CHECK_ERRNO(SO(p.cli, SCTP_RESET_STREAMS, rs), EINVAL);
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_RESET_STREAMS, &rs, 6), EINVAL);
	return 0;
}

static int reset_streams_one_to_many_needs_assoc(void)
{
	struct conf_pair p;
	uint16_t list[] = { 0 };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO(reset_streams(p.cli, 0, SCTP_STREAM_RESET_OUTGOING, 1, list), EINVAL);
	CHECK_ERRNO(reset_streams(p.cli, SCTP_ALL_ASSOC, SCTP_STREAM_RESET_OUTGOING, 1, list),
	            EINVAL);
	CHECK_ERRNO(SO(p.cli, SCTP_RESET_ASSOC, (sctp_assoc_t){ 1234 }), EINVAL);
	return 0;
}

/* Resetting outgoing streams reaches both programs as a STREAM_RESET
 * event naming the streams. */
static int reset_streams_event_both_ends(void)
{
	struct conf_pair p;
	uint16_t list[] = { 0, 1 };
	union { union sctp_notification n; char raw[256]; } c, s;
	struct sctp_stream_reset_event *ce = &c.n.sn_strreset_event, *se = &s.n.sn_strreset_event;
	int n;

	CHECK_OK(reconf_pair(&p, SCTP_ENABLE_RESET_STREAM_REQ));
	CHECK_OK(reset_streams(p.cli, 0, SCTP_STREAM_RESET_OUTGOING, 2, list));
	n = conf_wait_notification(p.srv, SCTP_STREAM_RESET_EVENT, &s, sizeof s);
	CHECK(n == (int)(sizeof *se + 2 * sizeof(uint16_t)));
	CHECK(se->strreset_length == (uint32_t)n && se->strreset_assoc_id == p.srv_id);
	CHECK(!(se->strreset_flags & (SCTP_STREAM_RESET_DENIED | SCTP_STREAM_RESET_FAILED)));
	CHECK(se->strreset_stream_list[0] == 0 && se->strreset_stream_list[1] == 1);
	n = conf_wait_notification(p.cli, SCTP_STREAM_RESET_EVENT, &c, sizeof c);
	CHECK(n == (int)(sizeof *ce + 2 * sizeof(uint16_t)));
	CHECK(ce->strreset_flags == SCTP_STREAM_RESET_OUTGOING_SSN);
	CHECK(ce->strreset_stream_list[0] == 0 && ce->strreset_stream_list[1] == 1);
	/* the streams work again */
	CHECK(send(p.cli, "again", 5, 0) == 5);
	CHECK(conf_recv(p.srv, c.raw, sizeof c.raw, NULL, NULL) == 5);
	return 0;
}

/* Adding outgoing streams raises the count SCTP_STATUS reports, and the
 * peer hears of it. */
static int add_streams_raises_count(void)
{
	struct conf_pair p;
	struct sctp_status before, after;
	struct sctp_add_streams as = { 0, 0, 3 };
	union sctp_notification n;

	CHECK_OK(reconf_pair(&p, SCTP_ENABLE_CHANGE_ASSOC_REQ));
	CHECK_OK(status(p.cli, 0, &before));
	CHECK_OK(SO(p.cli, SCTP_ADD_STREAMS, as));
	CHECK(conf_wait_notification(p.cli, SCTP_STREAM_CHANGE_EVENT, &n, sizeof n) > 0);
	CHECK(!(n.sn_strchange_event.strchange_flags & (SCTP_ASSOC_CHANGE_DENIED
	                                                | SCTP_ASSOC_CHANGE_FAILED)));
	CHECK_OK(status(p.cli, 0, &after));
	CHECK(after.sstat_outstrms == before.sstat_outstrms + 3);
	CHECK(conf_wait_notification(p.srv, SCTP_STREAM_CHANGE_EVENT, &n, sizeof n) > 0);
	CHECK(n.sn_strchange_event.strchange_assoc_id == p.srv_id);
	CHECK_OK(status(p.srv, 0, &after));
	CHECK(after.sstat_instrms == before.sstat_outstrms + 3);
	/* the new stream carries data */
	CHECK(sctp_sendmsg(p.cli, "new", 3, NULL, 0, 0, 0, before.sstat_outstrms + 2, 0, 0) == 3);
	return 0;
}

static int add_streams_invalid(void)
{
	struct conf_pair p;
	struct sctp_add_streams as = { 0, 0, 0 };
	struct { struct sctp_add_streams as; int extra; } longer = { { 0, 0, 1 }, 0 };

	CHECK_OK(reconf_pair(&p, SCTP_ENABLE_CHANGE_ASSOC_REQ));
	CHECK_ERRNO(SO(p.cli, SCTP_ADD_STREAMS, as), EINVAL);
	as.sas_outstrms = 65535;
	CHECK_ERRNO(SO(p.cli, SCTP_ADD_STREAMS, as), EINVAL);
	CHECK_ERRNO(SO(p.cli, SCTP_ADD_STREAMS, longer), EINVAL);
	return 0;
}

/* usrsctp 0.9.5 grants a peer's SSN/TSN reset request only where adding
 * streams is enabled too (its check names the wrong bit), so both ends
 * enable both here. */
static int reset_assoc_event(void)
{
	struct conf_pair p;
	union sctp_notification c, s;

	CHECK_OK(reconf_pair(&p, SCTP_ENABLE_RESET_ASSOC_REQ | SCTP_ENABLE_CHANGE_ASSOC_REQ));
	CHECK_ERRNO(setsockopt(p.cli, IPPROTO_SCTP, SCTP_RESET_ASSOC, &p.cli_id, 2), EINVAL);
	CHECK_OK(SO(p.cli, SCTP_RESET_ASSOC, p.cli_id));
	CHECK(conf_wait_notification(p.cli, SCTP_ASSOC_RESET_EVENT, &c, sizeof c)
	      == (int)sizeof c.sn_assocreset_event);
	CHECK(c.sn_assocreset_event.assocreset_assoc_id == p.cli_id);
	CHECK(!(c.sn_assocreset_event.assocreset_flags & (SCTP_ASSOC_RESET_DENIED
	                                                  | SCTP_ASSOC_RESET_FAILED)));
	CHECK(conf_wait_notification(p.srv, SCTP_ASSOC_RESET_EVENT, &s, sizeof s)
	      == (int)sizeof s.sn_assocreset_event);
	CHECK(s.sn_assocreset_event.assocreset_assoc_id == p.srv_id);
	CHECK(send(p.cli, "after", 5, 0) == 5);
	CHECK(conf_recv(p.srv, &s, sizeof s, NULL, NULL) == 5);
	return 0;
}

/* ---- schedulers ---------------------------------------------------------------- */

static int scheduler_default_fcfs(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint32_t v = 9;

	CHECK_OK(fd);
	CHECK_OK(get_av(fd, SCTP_STREAM_SCHEDULER, 0, &v));
	CHECK(v == SCTP_SS_FCFS);
	return 0;
}

static int scheduler_per_assoc(void)
{
	struct conf_pair p;
	struct { struct sctp_assoc_value av; int extra; } longer = { { 0, SCTP_SS_RR }, 0 };
	uint32_t v = 9, future = 9;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, 0, &future));
	CHECK_OK(set_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, SCTP_SS_PRIO));
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, &v));
	CHECK(v == SCTP_SS_PRIO);
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, 0, &v));
	CHECK(v == future);
	CHECK_OK(set_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, SS_FC));
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, &v));
	CHECK(v == SS_FC);
	/* a longer value is fine; FUTURE and CURRENT reach the socket and
	 * the association */
	longer.av.assoc_id = SCTP_ALL_ASSOC;
	CHECK_OK(SO(p.srv, SCTP_STREAM_SCHEDULER, longer));
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, &v));
	CHECK(v == SCTP_SS_RR);
	CHECK_OK(get_av(p.srv, SCTP_STREAM_SCHEDULER, 0, &v));
	CHECK(v == SCTP_SS_RR);
	CHECK_ERRNO(set_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, SS_WFQ + 1), EINVAL);
	CHECK_ERRNO(set_av(p.srv, SCTP_STREAM_SCHEDULER, 1234, SCTP_SS_RR), EINVAL);
	CHECK_ERRNO(get_av(p.srv, SCTP_STREAM_SCHEDULER, SCTP_CURRENT_ASSOC, &v), EINVAL);
	return 0;
}

/* usrsctp has no weighted fair queueing: refused as by a kernel without it. */
static int scheduler_wfq_refused(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_ERRNO(set_av(fd, SCTP_STREAM_SCHEDULER, 0, SS_WFQ), EINVAL);
	return 0;
}

static int scheduler_value_per_stream(void)
{
	struct conf_pair p;
	struct sctp_stream_value sv;
	struct sctp_status st;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(status(p.srv, p.srv_id, &st));
	CHECK_OK(set_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, SCTP_SS_PRIO));
	sv = (struct sctp_stream_value){ p.srv_id, 1, 5 };
	CHECK_OK(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv));
	sv = (struct sctp_stream_value){ p.srv_id, 2, 9 };
	CHECK_OK(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv));
	sv = (struct sctp_stream_value){ p.srv_id, 1, 0 };
	CHECK_OK(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv));
	CHECK(sv.stream_id == 1 && sv.stream_value == 5);
	sv = (struct sctp_stream_value){ p.srv_id, 2, 0 };
	CHECK_OK(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv));
	CHECK(sv.stream_value == 9);
	/* every current association */
	sv = (struct sctp_stream_value){ SCTP_CURRENT_ASSOC, 1, 7 };
	CHECK_OK(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv));
	sv = (struct sctp_stream_value){ p.srv_id, 1, 0 };
	CHECK_OK(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv));
	CHECK(sv.stream_value == 7);
	/* a stream the association lacks; ids Linux refuses */
	sv = (struct sctp_stream_value){ p.srv_id, st.sstat_outstrms, 1 };
	CHECK_ERRNO(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv), EINVAL);
	CHECK_ERRNO(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv), EINVAL);
	sv = (struct sctp_stream_value){ SCTP_ALL_ASSOC, 1, 1 };
	CHECK_ERRNO(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv), EINVAL);
	sv.assoc_id = 0;
	CHECK_ERRNO(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv), EINVAL);
	sv.assoc_id = SCTP_CURRENT_ASSOC;
	CHECK_ERRNO(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv), EINVAL);
	return 0;
}

/* Schedulers without values take one and read 0, as Linux's FCFS and RR. */
static int scheduler_value_ignored_by_rr(void)
{
	struct conf_pair p;
	struct sctp_stream_value sv;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(set_av(p.srv, SCTP_STREAM_SCHEDULER, p.srv_id, SCTP_SS_RR));
	sv = (struct sctp_stream_value){ p.srv_id, 1, 5 };
	CHECK_OK(SO(p.srv, SCTP_STREAM_SCHEDULER_VALUE, sv));
	sv.stream_value = 9;
	CHECK_OK(get(p.srv, SCTP_STREAM_SCHEDULER_VALUE, &sv, sizeof sv));
	CHECK(sv.stream_value == 0);
	return 0;
}

/* ---- interleaving ----------------------------------------------------------------- */

static int fragment_interleave_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), v = 7;
	short s = 1;
	long l = 1;

	CHECK_OK(fd);
	CHECK_OK(get(fd, SCTP_FRAGMENT_INTERLEAVE, &v, sizeof v));
	CHECK(v == 0);
	v = 2;
	CHECK_OK(SO(fd, SCTP_FRAGMENT_INTERLEAVE, v));
	CHECK_OK(get(fd, SCTP_FRAGMENT_INTERLEAVE, &v, sizeof v));
	CHECK(v == 1);
	CHECK_ERRNO(SO(fd, SCTP_FRAGMENT_INTERLEAVE, s), EINVAL);
	CHECK_ERRNO(SO(fd, SCTP_FRAGMENT_INTERLEAVE, l), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_FRAGMENT_INTERLEAVE, &s, sizeof s), EINVAL);
	return 0;
}

static bool intl_enabled(void);

/* I-DATA needs net.sctp.intl_enable, off by default: EPERM. */
static int interleaving_not_enabled(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), on = 1;
	uint32_t v = 9;

	if (intl_enabled())
		return CONF_SKIP;
	CHECK_OK(fd);
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 1), EPERM);
	CHECK_OK(SO(fd, SCTP_FRAGMENT_INTERLEAVE, on));
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 1), EPERM);
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 1234, 1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_INTERLEAVING_SUPPORTED, &on, sizeof on),
	            EINVAL);
	return 0;
}

/* Linux copies the listener's SCTP options to the accepted socket. */
static int fragment_interleave_inherited(void)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int lsn = conf_socket(AF_INET, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM);
	int on = 1, v = 0, srv;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(SO(lsn, SCTP_FRAGMENT_INTERLEAVE, on));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK_OK(srv = accept(lsn, NULL, NULL));
	CHECK_OK(get(srv, SCTP_FRAGMENT_INTERLEAVE, &v, sizeof v));
	CHECK(v == 1);
	return 0;
}

/* ---- I-DATA, with net.sctp.intl_enable (SCTPSHIM_INTL_ENABLE=1) ---------------------- */

/* The daemon's switch is in its environment, which this program shares
 * (the library starts the daemon with it): intl.tap runs these cases
 * against a daemon of its own started with SCTPSHIM_INTL_ENABLE=1. */
static bool intl_enabled(void)
{
	const char *e = getenv("SCTPSHIM_INTL_ENABLE");

	return e && !strcmp(e, "1");
}

#define NEED_INTL() do { \
	if (!intl_enabled()) { \
		conf_note("net.sctp.intl_enable is off (intl.tap runs this case)"); \
		return CONF_SKIP; \
	} \
} while (0)

/* I-DATA asked for as Linux wants it: SCTP_FRAGMENT_INTERLEAVE first. */
static int intl_ask(int fd)
{
	int on = 1;

	if (SO(fd, SCTP_FRAGMENT_INTERLEAVE, on) < 0)
		return -1;
	return set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 1);
}

/* A one-to-one pair, I-DATA asked for on the listener and/or the client
 * before the association is set up (INIT negotiates it); rcvbuf > 0 sets
 * the listener's SO_RCVBUF, which the accepted socket inherits. */
static int intl_pair(struct conf_pair *p, bool srv_asks, bool cli_asks, int rcvbuf)
{
	union sctp_notification n;

	memset(p, 0, sizeof *p);
	p->style = SOCK_STREAM;
	p->family = AF_INET;
	p->srv = -1;
	p->lsn = conf_socket(AF_INET, SOCK_STREAM);
	p->cli = conf_socket(AF_INET, SOCK_STREAM);
	if (p->lsn < 0 || p->cli < 0
	    || subscribe(p->lsn, SCTP_ASSOC_CHANGE) < 0 || subscribe(p->cli, SCTP_ASSOC_CHANGE) < 0
	    || (srv_asks && intl_ask(p->lsn) < 0) || (cli_asks && intl_ask(p->cli) < 0)
	    || (rcvbuf && setsockopt(p->lsn, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) < 0)
	    || conf_bind_loopback(p->lsn, AF_INET, &p->srv_addr, &p->srv_addr_len) < 0
	    || listen(p->lsn, 1) < 0
	    || connect(p->cli, (struct sockaddr *)&p->srv_addr, p->srv_addr_len) < 0)
		return -1;
	p->srv = accept(p->lsn, NULL, NULL);
	if (p->srv < 0
	    || conf_wait_notification(p->srv, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0
	    || conf_wait_notification(p->cli, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
		return -1;
	return 0;
}

/* sctp_setsockopt_interleaving_supported: EPERM without the socket's
 * SCTP_FRAGMENT_INTERLEAVE, then the endpoint's switch. */
static int intl_needs_fragment_interleave(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), on = 1;
	uint32_t v = 9;

	NEED_INTL();
	CHECK_OK(fd);
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 1), EPERM);
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	CHECK_OK(SO(fd, SCTP_FRAGMENT_INTERLEAVE, on));
	CHECK_OK(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 5));
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 1);
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 1234, 1), EINVAL);
	CHECK_OK(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 0));
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	return 0;
}

/* sctp_setsockopt_fragment_interleave: clearing it clears I-DATA. */
static int intl_cleared_with_fragment_interleave(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM), off = 0;
	uint32_t v = 9;

	NEED_INTL();
	CHECK_OK(fd);
	CHECK_OK(intl_ask(fd));
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 1);
	CHECK_OK(SO(fd, SCTP_FRAGMENT_INTERLEAVE, off));
	CHECK_OK(get_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	CHECK_ERRNO(set_av(fd, SCTP_INTERLEAVING_SUPPORTED, 0, 1), EPERM);
	return 0;
}

/* Both ends asked: the association negotiated I-DATA, each end reads 1. */
static int intl_negotiated_both_ends(void)
{
	struct conf_pair p;
	uint32_t v = 0;

	NEED_INTL();
	CHECK_OK(intl_pair(&p, true, true, 0));
	CHECK_OK(get_av(p.srv, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 1);
	v = 0;
	CHECK_OK(get_av(p.cli, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 1);
	return 0;
}

/* One-to-many: the association's id reads what it negotiated. */
static int intl_negotiated_one_to_many(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	union sctp_notification n;
	uint32_t v = 0;

	NEED_INTL();
	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(subscribe(lsn, SCTP_ASSOC_CHANGE));
	CHECK_OK(intl_ask(lsn));
	CHECK_OK(intl_ask(cli));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK(conf_wait_notification(lsn, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CHECK_OK(get_av(lsn, SCTP_INTERLEAVING_SUPPORTED, n.sn_assoc_change.sac_assoc_id, &v));
	CHECK(v == 1);
	return 0;
}

/* One end only: not negotiated; the association reads 0 on both ends. */
static int intl_needs_both_ends(void)
{
	struct conf_pair p;
	uint32_t v = 9;

	NEED_INTL();
	CHECK_OK(intl_pair(&p, false, true, 0));
	CHECK_OK(get_av(p.cli, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	v = 9;
	CHECK_OK(get_av(p.srv, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	return 0;
}

/* On a connected one-to-one socket the switch is still the endpoint's
 * (for associations to come): set succeeds, the association keeps what
 * it negotiated. */
static int intl_set_on_connected_socket(void)
{
	struct conf_pair p;
	uint32_t v = 9;
	int on = 1;

	NEED_INTL();
	CHECK_OK(intl_pair(&p, false, false, 0));
	CHECK_OK(SO(p.cli, SCTP_FRAGMENT_INTERLEAVE, on));
	CHECK_OK(set_av(p.cli, SCTP_INTERLEAVING_SUPPORTED, 0, 1));
	CHECK_OK(get_av(p.cli, SCTP_INTERLEAVING_SUPPORTED, 0, &v));
	CHECK(v == 0);
	return 0;
}

/* Linux's sinfo_ssn / rcv_ssn under I-DATA is the message id's low 16
 * bits (one union in struct sctp_ulpevent): 0, 1, 2 on a stream. */
static int intl_ssn_is_message_id(void)
{
	struct conf_pair p;
	int on = 1;

	NEED_INTL();
	CHECK_OK(intl_pair(&p, true, true, 0));
	CHECK_OK(SO(p.srv, SCTP_RECVRCVINFO, on));
	for (int i = 0; i < 3; i++)
		CHECK(sctp_sendmsg(p.cli, "abc", 3, NULL, 0, 0, 0, 2, 0, 0) == 3);
	for (int i = 0; i < 3; i++) {
		struct sctp_rcvinfo ri;
		char buf[16];
		int flags = 0;

		memset(&ri, 0xff, sizeof ri);
		CHECK(conf_recv(p.srv, buf, sizeof buf, &ri, &flags) == 3);
		if (ri.rcv_sid != 2 || ri.rcv_ssn != i) {
			conf_note("message %d: stream %u ssn %u", i, ri.rcv_sid, ri.rcv_ssn);
			return 1;
		}
	}
	return 0;
}

/*
 * What I-DATA is for: a big message on stream 0, then small ones on
 * stream 1.  The receiver's buffer is small, so the big one arrives by
 * partial delivery; the sender's round robin scheduler sends the small
 * ones between its pieces.  How the receiver saw it:
 */
#define SMALLS 8
#define SMALL_LEN 100

struct intl_transfer {
	size_t big_len, big_got;
	int smalls_got;
	int smalls_before_big_end;   /* small messages read before the big one's end */
	int reads;
	char why[200];               /* the first thing that was not as Linux gives it */
};

static uint8_t big_byte(size_t i)
{
	return (uint8_t)(i * 7 + i / 4096);
}

static int intl_check_read(struct intl_transfer *t, const uint8_t *buf, int n,
			   const struct sctp_rcvinfo *ri, int flags)
{
	t->reads++;
	if (ri->rcv_sid == 0) {
		for (int i = 0; i < n; i++)
			if (buf[i] != big_byte(t->big_got + (size_t)i)) {
				snprintf(t->why, sizeof t->why, "big message byte %zu differs",
					 t->big_got + (size_t)i);
				return -1;
			}
		t->big_got += (size_t)n;
		if (t->big_got > t->big_len || !!(flags & MSG_EOR) != (t->big_got == t->big_len)) {
			snprintf(t->why, sizeof t->why, "stream 0: %zu of %zu bytes, MSG_EOR %s",
				 t->big_got, t->big_len, flags & MSG_EOR ? "set" : "not set");
			return -1;
		}
		return 0;
	}
	if (ri->rcv_sid != 1 || n != SMALL_LEN || !(flags & MSG_EOR)
	    || buf[0] != t->smalls_got || buf[SMALL_LEN - 1] != t->smalls_got) {
		snprintf(t->why, sizeof t->why,
			 "stream %u: %d bytes, MSG_EOR %s, first byte %u: want small message %d whole",
			 ri->rcv_sid, n, flags & MSG_EOR ? "set" : "not set", n > 0 ? buf[0] : 0,
			 t->smalls_got);
		return -1;
	}
	t->smalls_got++;
	if (t->big_got < t->big_len)
		t->smalls_before_big_end++;
	return 0;
}

static int intl_transfer(struct intl_transfer *t)
{
	static uint8_t rbuf[256 * 1024];
	struct conf_pair p;
	int sndbuf = 3 * 1024 * 1024, on = 1, got;
	socklen_t l = sizeof got;
	uint8_t *big, small[SMALL_LEN];

	memset(t, 0, sizeof *t);
	if (intl_pair(&p, true, true, 16 * 1024) < 0
	    || SO(p.srv, SCTP_RECVRCVINFO, on) < 0
	    || set_av(p.cli, SCTP_STREAM_SCHEDULER, 0, SCTP_SS_RR) < 0
	    || setsockopt(p.cli, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) < 0
	    || getsockopt(p.cli, SOL_SOCKET, SO_SNDBUF, &got, &l) < 0) {
		snprintf(t->why, sizeof t->why, "setting up: %s", strerror(errno));
		return -1;
	}
	/* several MB where net.core.wmem_max allows, as on Linux */
	t->big_len = (size_t)got - 64 * 1024;
	if (t->big_len > (size_t)sndbuf)
		t->big_len = (size_t)sndbuf;
	big = malloc(t->big_len);
	if (!big)
		return -1;
	for (size_t i = 0; i < t->big_len; i++)
		big[i] = big_byte(i);
	if (sctp_sendmsg(p.cli, big, t->big_len, NULL, 0, 0, 0, 0, 0, 0) != (ssize_t)t->big_len) {
		snprintf(t->why, sizeof t->why, "sending the big message: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < SMALLS; i++) {
		memset(small, i, sizeof small);
		if (sctp_sendmsg(p.cli, small, sizeof small, NULL, 0, 0, 0, 1, 0, 0) != SMALL_LEN) {
			snprintf(t->why, sizeof t->why, "sending small message %d: %s", i,
				 strerror(errno));
			return -1;
		}
	}
	while (t->big_got < t->big_len || t->smalls_got < SMALLS) {
		struct sctp_rcvinfo ri;
		int flags = 0, n;

		memset(&ri, 0xff, sizeof ri);
		n = conf_recv(p.srv, rbuf, sizeof rbuf, &ri, &flags);
		if (n <= 0) {
			snprintf(t->why, sizeof t->why, "receiving: %d (%s) after %zu + %d",
				 n, strerror(errno), t->big_got, t->smalls_got);
			return -1;
		}
		if (flags & MSG_NOTIFICATION)
			continue;
		if (intl_check_read(t, rbuf, n, &ri, flags) < 0)
			return -1;
	}
	free(big);
	return 0;
}

/* The small messages sent after the big one arrive before its end. */
static int intl_small_messages_overtake(void)
{
	struct intl_transfer t;

	NEED_INTL();
	if (intl_transfer(&t) < 0) {
		conf_note("%s", t.why);
		return 1;
	}
	conf_note("%zu bytes in %d reads, %d small messages before its end", t.big_len, t.reads,
		  t.smalls_before_big_end);
	CHECK(t.smalls_before_big_end > 0);
	return 0;
}

/* Each read is one message's piece: its SCTP_RCVINFO names its stream,
 * MSG_EOR only on a message's last piece, every byte where it belongs. */
static int intl_pieces_never_joined(void)
{
	struct intl_transfer t;

	NEED_INTL();
	if (intl_transfer(&t) < 0) {
		conf_note("%s", t.why);
		return 1;
	}
	CHECK(t.smalls_got == SMALLS && t.big_got == t.big_len);
	return 0;
}

static const struct conf_case cases[] = {
	{ "pr-supported-set-get", pr_supported_set_get },
	{ "pr-supported-unknown-assoc", pr_supported_unknown_assoc },
	{ "default-prinfo-set-get", default_prinfo_set_get },
	{ "default-prinfo-invalid", default_prinfo_invalid },
	{ "prstatus-checks", prstatus_checks },
	{ "ttl-abandoned-counted", ttl_abandoned_counted },
	{ "reconfig-supported-default-off", reconfig_supported_default_off },
	{ "enable-stream-reset-bits", enable_stream_reset_bits },
	{ "reset-needs-reconfig", reset_needs_reconfig },
	{ "reset-streams-invalid", reset_streams_invalid },
	{ "reset-streams-one-to-many-needs-assoc", reset_streams_one_to_many_needs_assoc },
	{ "reset-streams-event-both-ends", reset_streams_event_both_ends },
	{ "add-streams-raises-count", add_streams_raises_count },
	{ "add-streams-invalid", add_streams_invalid },
	{ "reset-assoc-event", reset_assoc_event },
	{ "scheduler-default-fcfs", scheduler_default_fcfs },
	{ "scheduler-per-assoc", scheduler_per_assoc },
	{ "scheduler-wfq-refused", scheduler_wfq_refused },
	{ "scheduler-value-per-stream", scheduler_value_per_stream },
	{ "scheduler-value-ignored-by-rr", scheduler_value_ignored_by_rr },
	{ "fragment-interleave-set-get", fragment_interleave_set_get },
	{ "fragment-interleave-inherited", fragment_interleave_inherited },
	{ "interleaving-not-enabled", interleaving_not_enabled },
	{ "intl-needs-fragment-interleave", intl_needs_fragment_interleave },
	{ "intl-cleared-with-fragment-interleave", intl_cleared_with_fragment_interleave },
	{ "intl-negotiated-both-ends", intl_negotiated_both_ends },
	{ "intl-negotiated-one-to-many", intl_negotiated_one_to_many },
	{ "intl-needs-both-ends", intl_needs_both_ends },
	{ "intl-set-on-connected-socket", intl_set_on_connected_socket },
	{ "intl-ssn-is-message-id", intl_ssn_is_message_id },
	{ "intl-small-messages-overtake", intl_small_messages_overtake },
	{ "intl-pieces-never-joined", intl_pieces_never_joined },
};

#ifdef CONF_INTL
/*
 * conf_intl (intl.tap): the I-DATA cases against a daemon of its own,
 * started with SCTPSHIM_INTL_ENABLE=1 (Linux's net.sctp.intl_enable = 1):
 * its own name and UDP port (this many above the check daemon's), then
 * this program again with that environment, which the library hands to
 * the daemon it starts.  The daemon exits when idle.
 */
#define INTL_PORT_OFFSET 47

int main(int argc, char **argv)
{
	static char *intl_cases[] = {
		"intl-needs-fragment-interleave", "intl-cleared-with-fragment-interleave",
		"intl-negotiated-both-ends", "intl-negotiated-one-to-many", "intl-needs-both-ends",
		"intl-set-on-connected-socket",
		"intl-ssn-is-message-id",
		"intl-small-messages-overtake", "intl-pieces-never-joined", NULL,
	};
	const char *name = getenv("SCTPSHIM_SOCKET"), *port = getenv("SCTPSHIM_UDP_PORT");
	char own_name[64], own_port[8];

	if (intl_enabled())
		return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
	snprintf(own_name, sizeof own_name, "%.40s-intl", name && *name ? name : "sctpshimd");
	snprintf(own_port, sizeof own_port, "%d", (port && *port ? atoi(port) : 9899) + INTL_PORT_OFFSET);
	setenv("SCTPSHIM_SOCKET", own_name, 1);
	setenv("SCTPSHIM_UDP_PORT", own_port, 1);
	setenv("SCTPSHIM_ENCAP_PORT", own_port, 1);
	setenv("SCTPSHIM_INTL_ENABLE", "1", 1);
	if (argc > 1)
		execv("/proc/self/exe", argv);
	else {
		char *args[sizeof intl_cases / sizeof *intl_cases + 1] = { argv[0] };

		memcpy(args + 1, intl_cases, sizeof intl_cases);
		execv("/proc/self/exe", args);
	}
	perror("conf_intl: execv /proc/self/exe");
	return 99;
}
#else
int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
#endif
