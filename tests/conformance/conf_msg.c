/* SPDX-License-Identifier: MIT */
/* Conformance: messages -- cmsgs both ways, send flags, the send calls'
 * errors (see conf.h).  Linux's sctp_sendmsg() and sctp_recvmsg() are the
 * reference. */
#define _GNU_SOURCE
#include "conf.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

static int get(int fd, int name, void *val, socklen_t len)
{
	return getsockopt(fd, IPPROTO_SCTP, name, val, &len);
}

static int on(int fd, int name)
{
	int v = 1;

	return SO(fd, name, v);
}

static int subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	return SO(fd, SCTP_EVENT, ev);
}

/* An address the process can never read: a page mapped PROT_NONE. */
static void *bad_ptr(void)
{
	static void *p;

	if (!p)
		p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p;
}

/* One cmsg of IPPROTO_SCTP: type and data in buf (CMSG_SPACE(len) bytes). */
static size_t put_cmsg(void *buf, int type, const void *data, size_t len)
{
	struct cmsghdr *c = buf;

	memset(buf, 0, CMSG_SPACE(len));
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return CMSG_SPACE(len);
}

/* sendmsg of one buffer with the given control bytes (and address). */
static ssize_t send_ctl(int fd, const void *data, size_t len, void *ctl, size_t ctllen,
                        const struct sockaddr *to, socklen_t tolen)
{
	struct iovec iov = { (void *)data, len };
	struct msghdr m = { .msg_name = (void *)to, .msg_namelen = tolen, .msg_iov = &iov,
	                    .msg_iovlen = 1, .msg_control = ctllen ? ctl : NULL,
	                    .msg_controllen = ctllen };

	return sendmsg(fd, &m, MSG_NOSIGNAL);
}

static ssize_t send_sndinfo(int fd, const void *data, size_t len, uint16_t sid, uint16_t flags,
                            uint32_t ppid, sctp_assoc_t id)
{
	struct sctp_sndinfo si = { .snd_sid = sid, .snd_flags = flags, .snd_ppid = ppid,
	                           .snd_assoc_id = id };
	char ctl[CMSG_SPACE(sizeof si)];

	return send_ctl(fd, data, len, ctl, put_cmsg(ctl, SCTP_SNDINFO, &si, sizeof si), NULL, 0);
}

static int wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 20000) == 1 ? 0 : -1;
}

/* recvmsg with a control buffer of ctlcap bytes; data messages only
 * (notifications met are skipped).  Returns the length, fills *m. */
static int recv_full(int fd, void *buf, size_t cap, void *ctl, size_t ctlcap, struct msghdr *m)
{
	static struct iovec iov;

	for (;;) {
		ssize_t n;

		iov.iov_base = buf;
		iov.iov_len = cap;
		memset(m, 0, sizeof *m);
		m->msg_iov = &iov;
		m->msg_iovlen = 1;
		m->msg_control = ctl;
		m->msg_controllen = ctlcap;
		if (wait_fd(fd, POLLIN) < 0)
			return -1;
		n = recvmsg(fd, m, 0);
		if (n < 0)
			return -1;
		if (!(m->msg_flags & MSG_NOTIFICATION))
			return (int)n;
	}
}

static const struct cmsghdr *find_cmsg(struct msghdr *m, int type)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == type)
			return c;
	return NULL;
}

static int count_cmsgs(struct msghdr *m)
{
	struct cmsghdr *c;
	int n = 0;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		n++;
	return n;
}

static int data_io_on(int fd)
{
	struct sctp_event_subscribe ev;
	socklen_t len = sizeof ev;

	memset(&ev, 0, sizeof ev);
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, &len) < 0)
		return -1;
	ev.sctp_data_io_event = 1;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, len);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Wait until every message fd sent to association id is acknowledged
 * (SENDER_DRY, subscribed for that association). */
static int wait_dry(int fd, sctp_assoc_t id)
{
	struct sctp_event ev = { .se_assoc_id = id, .se_type = SCTP_SENDER_DRY_EVENT, .se_on = 1 };
	union sctp_notification n;

	if (SO(fd, SCTP_EVENT, ev) < 0)
		return -1;
	return conf_wait_notification(fd, SCTP_SENDER_DRY_EVENT, &n, sizeof n) < 0 ? -1 : 0;
}

/* ---- receive side cmsgs ------------------------------------------------------- */

/* No cmsg at all unless the program asked for one. */
static int recv_no_cmsg_by_default(void)
{
	struct conf_pair p;
	char buf[64], ctl[512];
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK(send_sndinfo(p.cli, "a", 1, 0, 0, 0, p.cli_id) == 1);
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 1);
	CHECK(m.msg_controllen == 0);
	CHECK(!(m.msg_flags & MSG_CTRUNC));
	return 0;
}

/* SCTP_RECVRCVINFO: one SCTP_RCVINFO of Linux's size with what was sent. */
static int recv_rcvinfo(void)
{
	struct conf_pair p;
	char buf[64], ctl[512];
	struct sctp_rcvinfo ri;
	const struct cmsghdr *c;
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK(send_sndinfo(p.cli, "abc", 3, 1, 0, htonl(77), p.cli_id) == 3);
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 3);
	CHECK(count_cmsgs(&m) == 1);
	CHECK((c = find_cmsg(&m, SCTP_RCVINFO)) != NULL);
	CHECK(c->cmsg_len == CMSG_LEN(sizeof ri));
	CHECK(m.msg_controllen == CMSG_SPACE(sizeof ri));
	memcpy(&ri, CMSG_DATA(c), sizeof ri);
	CHECK(ri.rcv_sid == 1 && ri.rcv_ppid == htonl(77) && ri.rcv_assoc_id == p.srv_id);
	CHECK(!(ri.rcv_flags & SCTP_UNORDERED));
	return 0;
}

/* The data_io event: one SCTP_SNDRCV (sctp_sndrcvinfo) per message. */
static int recv_sndrcv_data_io(void)
{
	struct conf_pair p;
	char buf[64], ctl[512];
	struct sctp_sndrcvinfo s;
	const struct cmsghdr *c;
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(data_io_on(p.srv));
	CHECK(send_sndinfo(p.cli, "abc", 3, 2, 0, htonl(5), p.cli_id) == 3);
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 3);
	CHECK(count_cmsgs(&m) == 1);
	CHECK((c = find_cmsg(&m, SCTP_SNDRCV)) != NULL);
	CHECK(c->cmsg_len == CMSG_LEN(sizeof s));
	memcpy(&s, CMSG_DATA(c), sizeof s);
	CHECK(s.sinfo_stream == 2 && s.sinfo_ppid == htonl(5) && s.sinfo_assoc_id == p.srv_id);
	return 0;
}

/* Both asked for: RCVINFO first, then SNDRCV, as sctp_recvmsg() puts them. */
static int recv_cmsg_order(void)
{
	struct conf_pair p;
	char buf[64], ctl[512];
	struct cmsghdr *c;
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(data_io_on(p.srv));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK(send_sndinfo(p.cli, "abc", 3, 0, 0, 0, p.cli_id) == 3);
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 3);
	CHECK(count_cmsgs(&m) == 2);
	c = CMSG_FIRSTHDR(&m);
	CHECK(c->cmsg_type == SCTP_RCVINFO);
	c = CMSG_NXTHDR(&m, c);
	CHECK(c->cmsg_type == SCTP_SNDRCV);
	CHECK(m.msg_controllen == CMSG_SPACE(sizeof(struct sctp_rcvinfo))
	      + CMSG_SPACE(sizeof(struct sctp_sndrcvinfo)));
	return 0;
}

/* SCTP_RECVNXTINFO: the next message's info when it is already queued,
 * nothing after the last one.  Not registered yet: the daemon reads each
 * message out of usrsctp as it arrives, before the next is there, so the
 * library must look at its own channel for the next record (io_recv.c). */
static int recv_nxtinfo(void)
{
	struct conf_pair p;
	char buf[64], ctl[512];
	struct sctp_nxtinfo ni;
	const struct cmsghdr *c;
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.srv, SCTP_RECVNXTINFO));
	CHECK(send_sndinfo(p.cli, "first", 5, 0, 0, htonl(1), p.cli_id) == 5);
	CHECK(send_sndinfo(p.cli, "second!", 7, 1, SCTP_UNORDERED, htonl(2), p.cli_id) == 7);
	CHECK_OK(wait_dry(p.cli, p.cli_id));
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 5);
	CHECK((c = find_cmsg(&m, SCTP_NXTINFO)) != NULL);
	CHECK(c->cmsg_len == CMSG_LEN(sizeof ni));
	memcpy(&ni, CMSG_DATA(c), sizeof ni);
	CHECK(ni.nxt_sid == 1 && ni.nxt_ppid == htonl(2) && ni.nxt_length == 7);
	CHECK(ni.nxt_assoc_id == p.srv_id);
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 7);
	CHECK(find_cmsg(&m, SCTP_NXTINFO) == NULL);
	return 0;
}

/* A control buffer too short for the cmsg: MSG_CTRUNC, the data intact. */
static int recv_ctrunc(void)
{
	struct conf_pair p;
	char buf[64], ctl[CMSG_SPACE(sizeof(struct sctp_rcvinfo))];
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK_OK(data_io_on(p.srv));
	CHECK(send_sndinfo(p.cli, "abc", 3, 0, 0, 0, p.cli_id) == 3);
	/* room for RCVINFO only: SNDRCV is cut */
	CHECK(recv_full(p.srv, buf, sizeof buf, ctl, sizeof ctl, &m) == 3);
	CHECK(m.msg_flags & MSG_CTRUNC);
	CHECK(m.msg_flags & MSG_EOR);
	CHECK(find_cmsg(&m, SCTP_RCVINFO) != NULL);
	CHECK(!memcmp(buf, "abc", 3));
	return 0;
}

/* No control buffer at all: MSG_CTRUNC too (put_cmsg finds no room). */
static int recv_ctrunc_no_buffer(void)
{
	struct conf_pair p;
	char buf[64];
	struct msghdr m;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK(send_sndinfo(p.cli, "abc", 3, 0, 0, 0, p.cli_id) == 3);
	CHECK(recv_full(p.srv, buf, sizeof buf, NULL, 0, &m) == 3);
	CHECK(m.msg_flags & MSG_CTRUNC);
	return 0;
}

/* Notifications carry no cmsg, RCVINFO asked for or not. */
static int recv_notification_no_cmsg(void)
{
	struct conf_pair p;
	char buf[256], ctl[512];
	struct iovec iov = { buf, sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
	                    .msg_controllen = sizeof ctl };

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	/* nothing queued: SENDER_DRY comes at once */
	CHECK_OK(subscribe(p.srv, SCTP_SENDER_DRY_EVENT));
	CHECK_OK(wait_fd(p.srv, POLLIN));
	CHECK(recvmsg(p.srv, &m, 0) > 0);
	CHECK(m.msg_flags & MSG_NOTIFICATION);
	CHECK(m.msg_controllen == 0);
	return 0;
}

/* ---- send side cmsgs ---------------------------------------------------------- */

/* SCTP_SNDRCV on send: stream and ppid reach the peer. */
static int send_sndrcv(void)
{
	struct conf_pair p;
	struct sctp_sndrcvinfo s = { .sinfo_stream = 3, .sinfo_ppid = htonl(9) };
	struct sctp_rcvinfo ri;
	char ctl[CMSG_SPACE(sizeof s)], buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK(send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, SCTP_SNDRCV, &s, sizeof s), NULL, 0) == 1);
	memset(&ri, 0, sizeof ri);
	CHECK(conf_recv(p.srv, buf, sizeof buf, &ri, NULL) == 1);
	CHECK(ri.rcv_sid == 3 && ri.rcv_ppid == htonl(9));
	return 0;
}

/* SCTP_SNDINFO on send: stream and ppid; the one-to-many id picks the
 * association. */
static int send_sndinfo_cmsg(void)
{
	struct conf_pair p;
	struct sctp_rcvinfo ri;
	char buf[16];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.cli, SCTP_RECVRCVINFO));
	CHECK(send_sndinfo(p.srv, "y", 1, 4, 0, htonl(11), p.srv_id) == 1);
	memset(&ri, 0, sizeof ri);
	CHECK(conf_recv(p.cli, buf, sizeof buf, &ri, NULL) == 1);
	CHECK(ri.rcv_sid == 4 && ri.rcv_ppid == htonl(11) && ri.rcv_assoc_id == p.cli_id);
	return 0;
}

/* A cmsg whose length is not exactly its struct's: EINVAL. */
static int send_cmsg_bad_length(void)
{
	struct conf_pair p;
	static const int types[] = { SCTP_INIT, SCTP_SNDRCV, SCTP_SNDINFO, SCTP_PRINFO,
	                             SCTP_AUTHINFO };
	char ctl[256];
	size_t i;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	for (i = 0; i < sizeof types / sizeof *types; i++) {
		char zero[64] = { 0 };
		size_t l = put_cmsg(ctl, types[i], zero, 40);

		((struct cmsghdr *)ctl)->cmsg_len = CMSG_LEN(1);
		CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, l, NULL, 0), EINVAL);
	}
	return 0;
}

/* Receive-only cmsgs (RCVINFO, NXTINFO) and unknown types on send: EINVAL;
 * cmsgs of other levels are not SCTP's business. */
static int send_cmsg_unknown_type(void)
{
	struct conf_pair p;
	struct sctp_rcvinfo ri = { 0 };
	struct sctp_nxtinfo ni = { 0 };
	char ctl[256], buf[8];
	struct cmsghdr *c;
	int one = 1;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, SCTP_RCVINFO, &ri, sizeof ri),
	                          NULL, 0), EINVAL);
	CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, SCTP_NXTINFO, &ni, sizeof ni),
	                          NULL, 0), EINVAL);
	CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, 99, &one, sizeof one),
	                          NULL, 0), EINVAL);
	put_cmsg(ctl, 0, &one, sizeof one);
	c = (struct cmsghdr *)ctl;
	c->cmsg_level = SOL_IP;
	CHECK(send_ctl(p.cli, "x", 1, ctl, CMSG_SPACE(sizeof one), NULL, 0) == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* A cmsg header that claims more than the control buffer holds: EINVAL. */
static int send_cmsg_overrun(void)
{
	struct conf_pair p;
	struct sctp_sndinfo si = { 0 };
	char ctl[CMSG_SPACE(sizeof si)];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	put_cmsg(ctl, SCTP_SNDINFO, &si, sizeof si);
	CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, CMSG_LEN(sizeof si) - 4, NULL, 0), EINVAL);
	return 0;
}

/* SCTP_PRINFO: a policy outside SCTP_PR_SCTP_MASK is EINVAL; the three
 * policies are taken. */
static int send_prinfo_policies(void)
{
	struct conf_pair p;
	static const uint16_t ok[] = { SCTP_PR_SCTP_NONE, SCTP_PR_SCTP_TTL, SCTP_PR_SCTP_RTX,
	                               SCTP_PR_SCTP_PRIO };
	struct sctp_prinfo pr = { .pr_policy = 0x40, .pr_value = 1000 };
	char ctl[CMSG_SPACE(sizeof pr)], buf[8];
	size_t i;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO((int)send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, SCTP_PRINFO, &pr, sizeof pr),
	                          NULL, 0), EINVAL);
	for (i = 0; i < sizeof ok / sizeof *ok; i++) {
		pr.pr_policy = ok[i];
		CHECK(send_ctl(p.cli, "x", 1, ctl, put_cmsg(ctl, SCTP_PRINFO, &pr, sizeof pr),
		               NULL, 0) == 1);
		CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	}
	return 0;
}

/* A one-to-one pair whose server advertises a small window and reads
 * nothing: what the client queues behind it waits. */
static int small_window_pair(struct conf_pair *p)
{
	int rcvbuf = 4096, sndbuf = 64 * 1024;
	struct sctp_status st;
	socklen_t l = sizeof st;

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
	memset(&st, 0, sizeof st);
	if (p->srv < 0 || getsockopt(p->cli, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0)
		return -1;
	p->cli_id = st.sstat_assoc_id;
	return 0;
}

static int abandoned_ttl(int fd, sctp_assoc_t id, uint64_t *count)
{
	struct sctp_prstatus ps = { .sprstat_assoc_id = id, .sprstat_policy = SCTP_PR_SCTP_TTL };

	if (get(fd, SCTP_PR_ASSOC_STATUS, &ps, sizeof ps) < 0)
		return -1;
	*count = ps.sprstat_abandoned_unsent + ps.sprstat_abandoned_sent;
	return 0;
}

/* Send 1-ms-lifetime messages (as send_one does) to a peer that reads
 * nothing until one is abandoned: 0, or -1 if none ever is. */
static int until_abandoned(struct conf_pair *p, ssize_t (*send_one)(int fd, const void *, size_t))
{
	char buf[1000];
	long deadline = now_ms() + 30000;
	uint64_t n = 0;

	memset(buf, 'x', sizeof buf);
	if (fcntl(p->cli, F_SETFL, O_NONBLOCK) < 0)
		return -1;
	while (now_ms() < deadline) {
		struct pollfd pfd = { .fd = p->cli, .events = POLLOUT };

		if (abandoned_ttl(p->cli, p->cli_id, &n) < 0)
			return -1;
		if (n)
			return 0;
		if (send_one(p->cli, buf, sizeof buf) < 0) {
			if (errno != EAGAIN)
				return -1;
			poll(&pfd, 1, 20);
		}
	}
	conf_note("no expired message abandoned");
	return -1;
}

static ssize_t send_prinfo_ttl(int fd, const void *buf, size_t len)
{
	struct sctp_prinfo pr = { .pr_policy = SCTP_PR_SCTP_TTL, .pr_value = 1 };
	char ctl[CMSG_SPACE(sizeof pr)];

	return send_ctl(fd, buf, len, ctl, put_cmsg(ctl, SCTP_PRINFO, &pr, sizeof pr), NULL, 0);
}

static ssize_t send_plain(int fd, const void *buf, size_t len)
{
	return send(fd, buf, len, MSG_NOSIGNAL);
}

/* SCTP_PRINFO TTL: messages that outlive their lifetime are abandoned. */
static int send_prinfo_ttl_abandons(void)
{
	struct conf_pair p;

	CHECK_OK(small_window_pair(&p));
	CHECK_OK(until_abandoned(&p, send_prinfo_ttl));
	return 0;
}

/* SCTP_DEFAULT_PRINFO applies to messages sent without any send info.
 * Not registered yet: the daemon consults the socket's defaults only once
 * it has marked them set (ep->send_defaults), which setting
 * SCTP_DEFAULT_PRINFO does not do yet (engine_opt_stream.c). */
static int default_prinfo_applies(void)
{
	struct conf_pair p;
	struct sctp_default_prinfo pr = { .pr_policy = SCTP_PR_SCTP_TTL, .pr_value = 1 };

	CHECK_OK(small_window_pair(&p));
	pr.pr_assoc_id = p.cli_id;
	CHECK_OK(SO(p.cli, SCTP_DEFAULT_PRINFO, pr));
	CHECK_OK(until_abandoned(&p, send_plain));
	return 0;
}

/* SCTP_INIT on the message that sets an association up: its streams. */
static int send_init_cmsg(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_initmsg im = { .sinit_num_ostreams = 3, .sinit_max_instreams = 3 };
	struct sockaddr_storage ss;
	union sctp_notification n;
	struct sctp_status st;
	char ctl[CMSG_SPACE(sizeof im)], buf[8];
	socklen_t len;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(subscribe(cli, SCTP_ASSOC_CHANGE));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 4));
	CHECK(send_ctl(cli, "i", 1, ctl, put_cmsg(ctl, SCTP_INIT, &im, sizeof im),
	               (struct sockaddr *)&ss, len) == 1);
	CHECK(conf_wait_notification(cli, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CHECK(n.sn_assoc_change.sac_outbound_streams == 3);
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = n.sn_assoc_change.sac_assoc_id;
	CHECK_OK(get(cli, SCTP_STATUS, &st, sizeof st));
	CHECK(st.sstat_outstrms == 3);
	CHECK(conf_recv(lsn, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* SCTP_DSTADDRV4 adds peer addresses only to an association the message
 * sets up; on an existing one it is ignored and the message goes as usual. */
static int send_dstaddr_existing_ignored(void)
{
	struct conf_pair p;
	struct in_addr a = { htonl(INADDR_LOOPBACK + 1) };
	char ctl[CMSG_SPACE(sizeof a)], buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK(send_ctl(p.cli, "d", 1, ctl, put_cmsg(ctl, SCTP_DSTADDRV4, &a, sizeof a), NULL, 0)
	      == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* SCTP_DSTADDRV4 shorter than an address on an implicit set-up: EINVAL. */
static int send_dstaddr_short(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_storage ss;
	char ctl[CMSG_SPACE(4)];
	uint16_t half = 0;
	socklen_t len;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 4));
	put_cmsg(ctl, SCTP_DSTADDRV4, &half, sizeof half);
	CHECK_ERRNO((int)send_ctl(cli, "d", 1, ctl, CMSG_SPACE(sizeof half),
	                          (struct sockaddr *)&ss, len), EINVAL);
	return 0;
}

/* SCTP_AUTHINFO of Linux's size is taken. */
static int send_authinfo_taken(void)
{
	struct conf_pair p;
	struct sctp_authinfo ai = { .auth_keynumber = 0 };
	char ctl[CMSG_SPACE(sizeof ai)], buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK(send_ctl(p.cli, "k", 1, ctl, put_cmsg(ctl, SCTP_AUTHINFO, &ai, sizeof ai), NULL, 0)
	      == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* ---- SCTP_AUTHINFO selects the key ------------------------------------------- */

static int set_key(int fd, uint16_t number, const char *secret)
{
	uint8_t kb[sizeof(struct sctp_authkey) + 64];
	struct sctp_authkey *k = (struct sctp_authkey *)kb;
	size_t len = strlen(secret);

	memset(kb, 0, sizeof kb);
	k->sca_keynumber = number;
	k->sca_keylength = (uint16_t)len;
	memcpy(k->sca_key, secret, len);
	return setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_KEY, kb, (socklen_t)(sizeof *k + len));
}

/* AUTH on, DATA authenticated, key 1 shared by both. */
static int auth_setup(int fd)
{
	struct sctp_assoc_value av = { .assoc_value = 1 };
	struct sctp_authchunk c = { .sauth_chunk = 0 /* DATA */ };

	if (SO(fd, SCTP_AUTH_SUPPORTED, av) < 0 || SO(fd, SCTP_AUTH_CHUNK, c) < 0)
		return -1;
	return set_key(fd, 1, "shared secret");
}

static ssize_t send_with_key(int fd, const char *text, uint16_t key)
{
	struct sctp_authinfo ai = { .auth_keynumber = key };
	struct sctp_sndinfo si = { .snd_flags = SCTP_UNORDERED };
	char ctl[CMSG_SPACE(sizeof ai) + CMSG_SPACE(sizeof si)];
	size_t l = put_cmsg(ctl, SCTP_AUTHINFO, &ai, sizeof ai);

	l += put_cmsg(ctl + l, SCTP_SNDINFO, &si, sizeof si);
	return send_ctl(fd, text, strlen(text), ctl, l, NULL, 0);
}

/* A message sent with a key only the sender has fails the peer's check
 * and is dropped; one sent after it with the shared key arrives. */
static int authinfo_selects_key(void)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char buf[32];
	int lsn = conf_socket(AF_INET, SOCK_STREAM), cli = conf_socket(AF_INET, SOCK_STREAM), srv;

	CHECK_OK(lsn);
	CHECK_OK(cli);
	CHECK_OK(auth_setup(lsn));
	CHECK_OK(auth_setup(cli));
	CHECK_OK(set_key(cli, 2, "mine alone"));
	/* no Nagle: the second message must not wait for the first's SACK */
	CHECK_OK(on(cli, SCTP_NODELAY));
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &ss, &len));
	CHECK_OK(listen(lsn, 1));
	CHECK_OK(connect(cli, (struct sockaddr *)&ss, len));
	CHECK_OK(srv = accept(lsn, NULL, NULL));
	CHECK(send_with_key(cli, "wrong key", 2) == 9);
	CHECK(send_with_key(cli, "right key", 1) == 9);
	memset(buf, 0, sizeof buf);
	CHECK(conf_recv(srv, buf, sizeof buf, NULL, NULL) == 9);
	CHECK(!memcmp(buf, "right key", 9));
	return 0;
}

/* ---- send flags ---------------------------------------------------------------- */

/* SCTP_UNORDERED: the peer sees the message flagged unordered. */
static int flag_unordered(void)
{
	struct conf_pair p;
	struct sctp_rcvinfo ri;
	char buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(on(p.srv, SCTP_RECVRCVINFO));
	CHECK(send_sndinfo(p.cli, "u", 1, 0, SCTP_UNORDERED, 0, p.cli_id) == 1);
	memset(&ri, 0, sizeof ri);
	CHECK(conf_recv(p.srv, buf, sizeof buf, &ri, NULL) == 1);
	CHECK(ri.rcv_flags & SCTP_UNORDERED);
	return 0;
}

/* Flags Linux does not know: EINVAL (sctp_msghdr_parse). */
static int flag_unknown(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO((int)send_sndinfo(p.cli, "u", 1, 0, 0x0800, 0, p.cli_id), EINVAL);
	CHECK_ERRNO((int)send_sndinfo(p.cli, "u", 1, 0, 0x0080, 0, p.cli_id), EINVAL);
	return 0;
}

/* SCTP_SACK_IMMEDIATELY is taken; the message arrives. */
static int flag_sack_immediately(void)
{
	struct conf_pair p;
	char buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK(send_sndinfo(p.cli, "s", 1, 0, SCTP_SACK_IMMEDIATELY, 0, p.cli_id) == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* SCTP_ADDR_OVER needs an address (sctp_sendmsg_parse). */
static int flag_addr_over_needs_name(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO((int)send_sndinfo(p.cli, "o", 1, 0, SCTP_ADDR_OVER, 0, p.cli_id), EINVAL);
	return 0;
}

/* SCTP_ADDR_OVER with the peer's address: sent there, arrives. */
static int flag_addr_over(void)
{
	struct conf_pair p;
	struct sctp_sndinfo si = { .snd_flags = SCTP_ADDR_OVER };
	char ctl[CMSG_SPACE(sizeof si)], buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	si.snd_assoc_id = p.cli_id;
	CHECK(send_ctl(p.cli, "o", 1, ctl, put_cmsg(ctl, SCTP_SNDINFO, &si, sizeof si),
	               (struct sockaddr *)&p.srv_addr, p.srv_addr_len) == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* SCTP_ABORT: the association ends; the peer's COMM_LOST carries the
 * ABORT's cause with the user's reason. */
static int flag_abort_reason(void)
{
	struct conf_pair p;
	union {
		union sctp_notification n;
		char raw[512];
	} u;
	int n;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK(send_sndinfo(p.cli, "so long", 7, 0, SCTP_ABORT, 0, p.cli_id) == 0);
	CHECK((n = conf_wait_notification(p.srv, SCTP_ASSOC_CHANGE, &u, sizeof u)) > 0);
	CHECK(u.n.sn_assoc_change.sac_state == SCTP_COMM_LOST);
	CHECK((size_t)n >= sizeof(struct sctp_assoc_change) + 4 + 7);
	CHECK(memmem(u.n.sn_assoc_change.sac_info, (size_t)n - sizeof(struct sctp_assoc_change),
	             "so long", 7) != NULL);
	/* the aborting side is told too */
	CHECK(conf_wait_notification(p.cli, SCTP_ASSOC_CHANGE, &u, sizeof u) > 0);
	CHECK(u.n.sn_assoc_change.sac_state == SCTP_COMM_LOST);
	return 0;
}

/* SCTP_ABORT and SCTP_EOF are one-to-many flags: EINVAL on one-to-one. */
static int flag_abort_eof_one_to_one(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO((int)send_sndinfo(p.cli, "", 0, 0, SCTP_ABORT, 0, p.cli_id), EINVAL);
	CHECK_ERRNO((int)send_sndinfo(p.cli, "", 0, 0, SCTP_EOF, 0, p.cli_id), EINVAL);
	return 0;
}

/* SCTP_EOF: graceful shutdown; the peer sees its SHUTDOWN_EVENT, the
 * sender SHUTDOWN_COMP. */
static int flag_eof_shuts_down(void)
{
	struct conf_pair p;
	struct sctp_event ev = { .se_type = SCTP_SHUTDOWN_EVENT, .se_on = 1 };
	union sctp_notification n;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	ev.se_assoc_id = p.srv_id;  /* an existing association's subscription */
	CHECK_OK(SO(p.srv, SCTP_EVENT, ev));
	CHECK(send_sndinfo(p.cli, NULL, 0, 0, SCTP_EOF, 0, p.cli_id) == 0);
	CHECK(conf_wait_notification(p.srv, SCTP_SHUTDOWN_EVENT, &n, sizeof n) > 0);
	CHECK(n.sn_shutdown_event.sse_assoc_id == p.srv_id);
	CHECK(conf_wait_notification(p.cli, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP);
	return 0;
}

/* SCTP_EOF with data: EINVAL; no flag and no data: EINVAL. */
static int flag_eof_with_data(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO((int)send_sndinfo(p.cli, "e", 1, 0, SCTP_EOF, 0, p.cli_id), EINVAL);
	CHECK_ERRNO((int)send_sndinfo(p.cli, "", 0, 0, 0, 0, p.cli_id), EINVAL);
	return 0;
}

/* A message of no bytes and no flag: EINVAL, on every send call. */
static int zero_length_refused(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_STREAM));
	CHECK_ERRNO((int)send(p.cli, "", 0, MSG_NOSIGNAL), EINVAL);
	CHECK_ERRNO((int)write(p.cli, "", 0), EINVAL);
	return 0;
}

/* SCTP_SENDALL on a one-to-many socket: every association gets it. */
static int flag_sendall(void)
{
	struct conf_pair p;
	int cli2 = conf_socket(AF_INET, SOCK_SEQPACKET);
	union sctp_notification n;
	char buf[8];

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(cli2);
	CHECK_OK(connect(cli2, (struct sockaddr *)&p.srv_addr, p.srv_addr_len));
	/* the second association is up on the server too */
	CHECK(conf_wait_notification(p.srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CHECK(send_sndinfo(p.srv, "all", 3, 0, SCTP_SENDALL, 0, 0) >= 0);
	CHECK(conf_recv(p.cli, buf, sizeof buf, NULL, NULL) == 3 && !memcmp(buf, "all", 3));
	CHECK(conf_recv(cli2, buf, sizeof buf, NULL, NULL) == 3 && !memcmp(buf, "all", 3));
	return 0;
}

/* SCTP_SENDALL | SCTP_EOF shuts every association down. */
static int flag_sendall_eof(void)
{
	struct conf_pair p;
	int cli2 = conf_socket(AF_INET, SOCK_SEQPACKET);
	union sctp_notification n;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_OK(cli2);
	CHECK_OK(subscribe(cli2, SCTP_ASSOC_CHANGE));
	CHECK_OK(connect(cli2, (struct sockaddr *)&p.srv_addr, p.srv_addr_len));
	CHECK(conf_wait_notification(p.srv, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(conf_wait_notification(cli2, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_COMM_UP);
	CHECK(send_sndinfo(p.srv, NULL, 0, 0, SCTP_SENDALL | SCTP_EOF, 0, 0) >= 0);
	CHECK(conf_wait_notification(p.cli, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP);
	CHECK(conf_wait_notification(cli2, SCTP_ASSOC_CHANGE, &n, sizeof n) > 0);
	CHECK(n.sn_assoc_change.sac_state == SCTP_SHUTDOWN_COMP);
	return 0;
}

/* ---- the send calls' errors ------------------------------------------------------ */

static int connected_pair(struct conf_pair *p)
{
	return conf_pair_open(p, AF_INET, SOCK_STREAM);
}

static int efault_msghdr(void)
{
	struct conf_pair p;

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, NULL, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)sendmsg(p.cli, bad_ptr(), MSG_NOSIGNAL), EFAULT);
	return 0;
}

static int efault_msg_name(void)
{
	struct conf_pair p;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_name = bad_ptr(), .msg_namelen = sizeof(struct sockaddr_in),
	                    .msg_iov = &iov, .msg_iovlen = 1 };

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)sendto(p.cli, "x", 1, MSG_NOSIGNAL, bad_ptr(), sizeof(struct sockaddr_in)),
	            EFAULT);
	return 0;
}

static int efault_msg_iov(void)
{
	struct conf_pair p;
	struct msghdr m = { .msg_iov = bad_ptr(), .msg_iovlen = 1 };

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)writev(p.cli, bad_ptr(), 2), EFAULT);
	return 0;
}

static int efault_iov_base(void)
{
	struct conf_pair p;
	struct iovec iov[2] = { { "ok", 2 }, { bad_ptr(), 10 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	char buf[16];

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)writev(p.cli, iov, 2), EFAULT);
	CHECK_ERRNO((int)send(p.cli, bad_ptr(), 10, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)write(p.cli, bad_ptr(), 10), EFAULT);
	CHECK_ERRNO((int)sendto(p.cli, bad_ptr(), 10, MSG_NOSIGNAL, NULL, 0), EFAULT);
	CHECK_ERRNO(sctp_sendmsg(p.cli, bad_ptr(), 10, NULL, 0, 0, 0, 0, 0, 0), EFAULT);
	/* nothing of those went: the next message is the first the peer sees */
	CHECK(send(p.cli, "after", 5, MSG_NOSIGNAL) == 5);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 5 && !memcmp(buf, "after", 5));
	return 0;
}

/* A bad pointer in a large message's later part: nothing is sent. */
static int efault_late_iov_base(void)
{
	struct conf_pair p;
	static char big[100000];
	struct iovec iov[2] = { { big, sizeof big }, { bad_ptr(), 10 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2 };
	char buf[16];

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EFAULT);
	CHECK(send(p.cli, "after", 5, MSG_NOSIGNAL) == 5);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 5 && !memcmp(buf, "after", 5));
	return 0;
}

static int efault_msg_control(void)
{
	struct conf_pair p;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = bad_ptr(),
	                    .msg_controllen = CMSG_SPACE(sizeof(struct sctp_sndinfo)) };

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EFAULT);
	return 0;
}

static int efault_sendmmsg(void)
{
	struct conf_pair p;

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO(sendmmsg(p.cli, bad_ptr(), 2, MSG_NOSIGNAL), EFAULT);
	return 0;
}

static int efault_libsctp(void)
{
	struct conf_pair p;
	struct sctp_sndrcvinfo si = { 0 };

	CHECK_OK(connected_pair(&p));
	CHECK_ERRNO(sctp_send(p.cli, bad_ptr(), 10, &si, MSG_NOSIGNAL), EFAULT);
	CHECK_ERRNO((int)sctp_sendv(p.cli, bad_ptr(), 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO,
	                            MSG_NOSIGNAL), EFAULT);
	return 0;
}

/* Address checks (sctp_verify_addr): short, another family, AF_INET6 on
 * an AF_INET socket: EINVAL. */
static int addr_bad_family_or_length(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(9),
	                           .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct sockaddr_in s4 = { .sin_family = AF_INET, .sin_port = htons(9),
	                          .sin_addr = { htonl(INADDR_LOOPBACK) } };
	struct sockaddr_un_like { sa_family_t f; char path[20]; } su = { AF_UNIX, "x" };

	CHECK_OK(fd);
	CHECK_ERRNO((int)sendto(fd, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&s6, sizeof s6),
	            EINVAL);
	CHECK_ERRNO((int)sendto(fd, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&su, sizeof su),
	            EINVAL);
	CHECK_ERRNO((int)sendto(fd, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&s4, 8), EINVAL);
	/* sendto's address longer than a sockaddr_storage: move_addr_to_kernel */
	CHECK_ERRNO((int)sendto(fd, "x", 1, MSG_NOSIGNAL, (struct sockaddr *)&s4, 200), EINVAL);
	return 0;
}

/* sendmsg clamps msg_namelen to a sockaddr_storage (__copy_msghdr): an
 * over-long length is no error there. */
static int addr_long_namelen_sendmsg(void)
{
	int lsn = conf_socket(AF_INET, SOCK_SEQPACKET), cli = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct {
		struct sockaddr_storage ss;
		char more[64];
	} to;
	struct iovec iov = { "l", 1 };
	struct msghdr m = { .msg_name = &to, .msg_namelen = sizeof to, .msg_iov = &iov,
	                    .msg_iovlen = 1 };
	socklen_t len;
	char buf[8];

	CHECK_OK(lsn);
	CHECK_OK(cli);
	memset(&to, 0, sizeof to);
	CHECK_OK(conf_bind_loopback(lsn, AF_INET, &to.ss, &len));
	CHECK_OK(listen(lsn, 4));
	CHECK(sendmsg(cli, &m, MSG_NOSIGNAL) == 1);
	CHECK(conf_recv(lsn, buf, sizeof buf, NULL, NULL) == 1);
	return 0;
}

/* Longer than SO_SNDBUF: EMSGSIZE; more iovecs than UIO_MAXIOV: EMSGSIZE. */
static int emsgsize(void)
{
	struct conf_pair p;
	int sndbuf = 0;
	socklen_t l = sizeof sndbuf;
	char *big;
	static struct iovec many[1025];
	struct msghdr m = { .msg_iov = many, .msg_iovlen = 1025 };
	size_t i;

	CHECK_OK(connected_pair(&p));
	CHECK_OK(getsockopt(p.cli, SOL_SOCKET, SO_SNDBUF, &sndbuf, &l));
	CHECK((big = calloc(1, (size_t)sndbuf + 1)) != NULL);
	CHECK_ERRNO((int)send(p.cli, big, (size_t)sndbuf + 1, MSG_NOSIGNAL), EMSGSIZE);
	for (i = 0; i < 1025; i++)
		many[i] = (struct iovec){ big, 1 };
	CHECK_ERRNO((int)sendmsg(p.cli, &m, MSG_NOSIGNAL), EMSGSIZE);
	return 0;
}

/* A stream the association does not have: EINVAL. */
static int stream_out_of_range(void)
{
	struct conf_pair p;
	struct sctp_status st;

	CHECK_OK(connected_pair(&p));
	memset(&st, 0, sizeof st);
	CHECK_OK(get(p.cli, SCTP_STATUS, &st, sizeof st));
	CHECK_ERRNO((int)send_sndinfo(p.cli, "s", 1, st.sstat_outstrms, 0, 0, p.cli_id), EINVAL);
	CHECK_ERRNO(sctp_sendmsg(p.cli, "s", 1, NULL, 0, 0, 0, st.sstat_outstrms, 0, 0), EINVAL);
	return 0;
}

/* One-to-one, never connected: EPIPE, and SIGPIPE without MSG_NOSIGNAL. */
static int epipe_unconnected(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct iovec iov = { "x", 1 };
	sigset_t set;
	int sig;

	CHECK_OK(fd);
	CHECK_ERRNO((int)send(fd, "x", 1, MSG_NOSIGNAL), EPIPE);
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, NULL);
	CHECK_ERRNO((int)writev(fd, &iov, 1), EPIPE);
	CHECK(sigwait(&set, &sig) == 0 && sig == SIGPIPE);
	CHECK_ERRNO(sctp_sendmsg(fd, "x", 1, NULL, 0, 0, 0, 0, 0, 0), EPIPE);
	CHECK(sigwait(&set, &sig) == 0 && sig == SIGPIPE);
	return 0;
}

/* A listening one-to-one socket: EPIPE (sctp_sendmsg_parse). */
static int epipe_listening(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sockaddr_storage ss;
	socklen_t len;

	CHECK_OK(fd);
	CHECK_OK(conf_bind_loopback(fd, AF_INET, &ss, &len));
	CHECK_OK(listen(fd, 1));
	CHECK_ERRNO((int)send(fd, "x", 1, MSG_NOSIGNAL), EPIPE);
	return 0;
}

/* One-to-many without address and with no association of that id: EPIPE. */
static int epipe_one_to_many_no_assoc(void)
{
	struct conf_pair p;

	CHECK_OK(conf_pair_open(&p, AF_INET, SOCK_SEQPACKET));
	CHECK_ERRNO((int)send(p.cli, "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_ERRNO((int)send_sndinfo(p.cli, "x", 1, 0, 0, 0, 12345), EPIPE);
	return 0;
}

/* sendmmsg: the count of messages sent; the first failure is the error. */
static int sendmmsg_counts(void)
{
	struct conf_pair p;
	struct iovec a = { "a", 1 }, b = { "b", 1 };
	struct mmsghdr v[3];
	char buf[8];

	CHECK_OK(connected_pair(&p));
	memset(v, 0, sizeof v);
	v[0].msg_hdr.msg_iov = &a;
	v[0].msg_hdr.msg_iovlen = 1;
	v[1].msg_hdr.msg_iov = &b;
	v[1].msg_hdr.msg_iovlen = 1;
	v[2].msg_hdr.msg_iov = bad_ptr();
	v[2].msg_hdr.msg_iovlen = 1;
	CHECK(sendmmsg(p.cli, v, 3, MSG_NOSIGNAL) == 2);
	CHECK(v[0].msg_len == 1 && v[1].msg_len == 1);
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1 && buf[0] == 'a');
	CHECK(conf_recv(p.srv, buf, sizeof buf, NULL, NULL) == 1 && buf[0] == 'b');
	return 0;
}

static const struct conf_case cases[] = {
	{ "recv-no-cmsg-by-default", recv_no_cmsg_by_default },
	{ "recv-rcvinfo", recv_rcvinfo },
	{ "recv-nxtinfo", recv_nxtinfo },
	{ "recv-sndrcv-data-io", recv_sndrcv_data_io },
	{ "recv-cmsg-order", recv_cmsg_order },
	{ "recv-ctrunc", recv_ctrunc },
	{ "recv-ctrunc-no-buffer", recv_ctrunc_no_buffer },
	{ "recv-notification-no-cmsg", recv_notification_no_cmsg },
	{ "send-sndrcv", send_sndrcv },
	{ "send-sndinfo", send_sndinfo_cmsg },
	{ "send-cmsg-bad-length", send_cmsg_bad_length },
	{ "send-cmsg-unknown-type", send_cmsg_unknown_type },
	{ "send-cmsg-overrun", send_cmsg_overrun },
	{ "send-prinfo-policies", send_prinfo_policies },
	{ "send-prinfo-ttl-abandons", send_prinfo_ttl_abandons },
	{ "default-prinfo-applies", default_prinfo_applies },
	{ "send-init-cmsg", send_init_cmsg },
	{ "send-dstaddr-existing-ignored", send_dstaddr_existing_ignored },
	{ "send-dstaddr-short", send_dstaddr_short },
	{ "send-authinfo-taken", send_authinfo_taken },
	{ "authinfo-selects-key", authinfo_selects_key },
	{ "flag-unordered", flag_unordered },
	{ "flag-unknown", flag_unknown },
	{ "flag-sack-immediately", flag_sack_immediately },
	{ "flag-addr-over-needs-name", flag_addr_over_needs_name },
	{ "flag-addr-over", flag_addr_over },
	{ "flag-abort-reason", flag_abort_reason },
	{ "flag-abort-eof-one-to-one", flag_abort_eof_one_to_one },
	{ "flag-eof-shuts-down", flag_eof_shuts_down },
	{ "flag-eof-with-data", flag_eof_with_data },
	{ "zero-length-refused", zero_length_refused },
	{ "flag-sendall", flag_sendall },
	{ "flag-sendall-eof", flag_sendall_eof },
	{ "efault-msghdr", efault_msghdr },
	{ "efault-msg-name", efault_msg_name },
	{ "efault-msg-iov", efault_msg_iov },
	{ "efault-iov-base", efault_iov_base },
	{ "efault-late-iov-base", efault_late_iov_base },
	{ "efault-msg-control", efault_msg_control },
	{ "efault-sendmmsg", efault_sendmmsg },
	{ "efault-libsctp", efault_libsctp },
	{ "addr-bad-family-or-length", addr_bad_family_or_length },
	{ "addr-long-namelen-sendmsg", addr_long_namelen_sendmsg },
	{ "emsgsize", emsgsize },
	{ "stream-out-of-range", stream_out_of_range },
	{ "epipe-unconnected", epipe_unconnected },
	{ "epipe-listening", epipe_listening },
	{ "epipe-one-to-many-no-assoc", epipe_one_to_many_no_assoc },
	{ "sendmmsg-counts", sendmmsg_counts },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
