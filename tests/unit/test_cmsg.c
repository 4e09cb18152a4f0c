/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of ancillary data: every SCTP cmsg Linux -> neutral -> Linux
 * (the personality's parse and build, as Linux's sctp_msghdr_parse,
 * sctp_sendmsg_parse and sctp_recvmsg do them), the structs against
 * <linux/sctp.h>'s ABI, and neutral -> usrsctp (test_cmsg_usr.c).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"
#include "test_cmsg.h"

union ctl {
	char buf[1024];
	struct cmsghdr align;
};

static size_t add_cmsg(union ctl *u, size_t at, int level, int type, const void *data,
                       size_t len)
{
	struct cmsghdr *c = (struct cmsghdr *)(u->buf + at);

	memset(c, 0, CMSG_SPACE(len));
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
	return at + CMSG_SPACE(len);
}

static const struct cmsghdr *first(union ctl *u, size_t len)
{
	struct msghdr m = { .msg_control = u->buf, .msg_controllen = len };

	return CMSG_FIRSTHDR(&m);
}

static const struct cmsghdr *next(union ctl *u, size_t len, const struct cmsghdr *c)
{
	struct msghdr m = { .msg_control = u->buf, .msg_controllen = len };

	return CMSG_NXTHDR(&m, (struct cmsghdr *)c);
}

/* The uapi layouts a binary built on Linux uses. */
static void test_layouts(void)
{
	CU_ASSERT_EQUAL(sizeof(struct sctp_initmsg), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sndrcvinfo), 32);
	CU_ASSERT_EQUAL(offsetof(struct sctp_sndrcvinfo, sinfo_timetolive), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_sndrcvinfo, sinfo_assoc_id), 28);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sndinfo), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_sndinfo, snd_assoc_id), 12);
	CU_ASSERT_EQUAL(sizeof(struct sctp_rcvinfo), 28);
	CU_ASSERT_EQUAL(offsetof(struct sctp_rcvinfo, rcv_context), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_rcvinfo, rcv_assoc_id), 24);
	CU_ASSERT_EQUAL(sizeof(struct sctp_nxtinfo), 16);
	CU_ASSERT_EQUAL(offsetof(struct sctp_nxtinfo, nxt_length), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_prinfo), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authinfo), 2);
	/* enum sctp_cmsg_type: Linux has no SCTP_EXTRCV */
	CU_ASSERT_EQUAL(SCTP_INIT, 0);
	CU_ASSERT_EQUAL(SCTP_SNDRCV, 1);
	CU_ASSERT_EQUAL(SCTP_SNDINFO, 2);
	CU_ASSERT_EQUAL(SCTP_RCVINFO, 3);
	CU_ASSERT_EQUAL(SCTP_NXTINFO, 4);
	CU_ASSERT_EQUAL(SCTP_PRINFO, 5);
	CU_ASSERT_EQUAL(SCTP_AUTHINFO, 6);
	CU_ASSERT_EQUAL(SCTP_DSTADDRV4, 7);
	CU_ASSERT_EQUAL(SCTP_DSTADDRV6, 8);
	/* the neutral record keeps its size: old and new builds agree on it */
	CU_ASSERT_EQUAL(sizeof(struct shim_msginfo), 96);
}

/* SNDRCV in, SNDRCV out (the data_io form): every field the peer sees. */
static void test_sndrcv(void)
{
	union ctl u, out;
	struct sctp_sndrcvinfo in = { .sinfo_stream = 3, .sinfo_flags = SCTP_UNORDERED,
	                              .sinfo_ppid = htonl(46), .sinfo_context = 8,
	                              .sinfo_assoc_id = 7 }, back;
	struct pers_send_params p;
	const struct cmsghdr *c;
	size_t n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDRCV, &in, sizeof in), len;
	int trunc;

	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_UNORDERED);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_NONE);
	p.info.cmsgs = SHIM_CMSG_SNDRCV;
	len = pers_build_recv_cmsgs(&p.info, 0, out.buf, sizeof out.buf, &trunc);
	CU_ASSERT_EQUAL(len, CMSG_SPACE(sizeof back));
	CU_ASSERT_EQUAL(trunc, 0);
	c = first(&out, len);
	CU_ASSERT_EQUAL(c->cmsg_level, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_SNDRCV);
	CU_ASSERT_EQUAL(c->cmsg_len, CMSG_LEN(sizeof back));
	memcpy(&back, CMSG_DATA(c), sizeof back);
	CU_ASSERT_EQUAL(back.sinfo_stream, 3);
	CU_ASSERT_EQUAL(back.sinfo_flags, SCTP_UNORDERED);
	CU_ASSERT_EQUAL(back.sinfo_ppid, htonl(46));
	CU_ASSERT_EQUAL(back.sinfo_context, 8);
	CU_ASSERT_EQUAL(back.sinfo_assoc_id, 7);
}

/* SNDINFO in, RCVINFO out. */
static void test_sndinfo_rcvinfo(void)
{
	union ctl u, out;
	struct sctp_sndinfo in = { .snd_sid = 9, .snd_flags = SCTP_UNORDERED,
	                           .snd_ppid = htonl(5), .snd_context = 77, .snd_assoc_id = 12 };
	struct sctp_rcvinfo back;
	struct pers_send_params p;
	const struct cmsghdr *c;
	size_t n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDINFO, &in, sizeof in), len;
	int trunc;

	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	p.info.cmsgs = SHIM_CMSG_RCVINFO;
	p.info.ssn = 4;
	p.info.tsn = 1000;
	p.info.cumtsn = 999;
	len = pers_build_recv_cmsgs(&p.info, 0, out.buf, sizeof out.buf, &trunc);
	CU_ASSERT_EQUAL(len, CMSG_SPACE(sizeof back));
	c = first(&out, len);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_RCVINFO);
	CU_ASSERT_EQUAL(c->cmsg_len, CMSG_LEN(sizeof back));
	memcpy(&back, CMSG_DATA(c), sizeof back);
	CU_ASSERT_EQUAL(back.rcv_sid, 9);
	CU_ASSERT_EQUAL(back.rcv_ssn, 4);
	CU_ASSERT_EQUAL(back.rcv_flags, SCTP_UNORDERED);
	CU_ASSERT_EQUAL(back.rcv_ppid, htonl(5));
	CU_ASSERT_EQUAL(back.rcv_tsn, 1000);
	CU_ASSERT_EQUAL(back.rcv_cumtsn, 999);
	CU_ASSERT_EQUAL(back.rcv_context, 77);
	CU_ASSERT_EQUAL(back.rcv_assoc_id, 12);
}

/* sctp_sendmsg_parse: SNDINFO over SNDRCV (SNDRCV's lifetime stays),
 * PRINFO's policy into the flags and its value. */
static void test_precedence(void)
{
	union ctl u;
	struct sctp_sndrcvinfo sri = { .sinfo_stream = 1, .sinfo_timetolive = 500,
	                               .sinfo_ppid = 1 };
	struct sctp_sndinfo si = { .snd_sid = 2, .snd_ppid = 2, .snd_flags = SCTP_SACK_IMMEDIATELY };
	struct sctp_prinfo pr = { .pr_policy = SCTP_PR_SCTP_RTX, .pr_value = 3 };
	struct pers_send_params p;
	size_t n;

	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDRCV, &sri, sizeof sri);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.stream, 2);
	CU_ASSERT_EQUAL(p.info.ppid, 2);
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_SACK_IMMEDIATELY);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_TTL);  /* a bare lifetime */
	CU_ASSERT_EQUAL(p.info.pr_value, 500);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_RTX);
	CU_ASSERT_EQUAL(p.info.pr_value, 3);
	CU_ASSERT_EQUAL(p.info.flags & SHIM_MSG_DEFAULTS, 0);
	/* PRINFO alone: the socket's defaults for the rest */
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_DEFAULTS);
	/* a policy in SNDINFO's flags is one too */
	si.snd_flags = SCTP_PR_SCTP_PRIO;
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_PRIO);
}

/* PRINFO: every policy and back; NONE clears the value; others EINVAL. */
static void test_prinfo(void)
{
	static const uint16_t policies[] = { SCTP_PR_SCTP_NONE, SCTP_PR_SCTP_TTL,
	                                     SCTP_PR_SCTP_RTX, SCTP_PR_SCTP_PRIO };
	union ctl u;
	struct pers_send_params p;
	size_t i, n;

	for (i = 0; i < sizeof policies / sizeof *policies; i++) {
		struct sctp_prinfo pr = { .pr_policy = policies[i], .pr_value = 42 };

		n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
		CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
		CU_ASSERT_EQUAL(pers_pr_policy_to_linux(p.info.pr_policy), policies[i]);
		CU_ASSERT_EQUAL(p.info.pr_value, policies[i] == SCTP_PR_SCTP_NONE ? 0 : 42);
	}
	{
		struct sctp_prinfo pr = { .pr_policy = 0x40, .pr_value = 1 };

		n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
		CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
		pr.pr_policy = SCTP_PR_SCTP_TTL | 1;
		n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
		CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	}
}

/* Each send flag Linux knows -> neutral -> Linux; others EINVAL, even in
 * a SNDRCV that a later SNDINFO overrides. */
static void test_send_flags(void)
{
	static const uint16_t known[] = { SCTP_UNORDERED, SCTP_ADDR_OVER, SCTP_ABORT, SCTP_EOF,
	                                  SCTP_SENDALL, SCTP_SACK_IMMEDIATELY };
	union ctl u;
	struct pers_send_params p;
	struct sctp_sndrcvinfo bad = { .sinfo_flags = SCTP_NOTIFICATION };
	struct sctp_sndinfo si = { 0 };
	size_t i, n;

	for (i = 0; i < sizeof known / sizeof *known; i++) {
		si.snd_flags = known[i];
		n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
		CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
		CU_ASSERT_EQUAL(pers_send_flags_to_linux(p.info.flags), known[i]);
	}
	si.snd_flags = 0x0080;
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	si.snd_flags = 0;
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDRCV, &bad, sizeof bad);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
}

/* AUTHINFO names the key; INIT carries its parameters; DSTADDRV4/6 are
 * extra peer addresses (counted, checked for length), never the
 * destination. */
static void test_authinfo_init_dstaddr(void)
{
	union ctl u;
	struct pers_send_params p;
	struct sctp_authinfo ai = { .auth_keynumber = 513 };
	struct sctp_initmsg im = { 5, 6, 7, 8 };
	struct in_addr a4 = { htonl(0x7f000002) };
	struct in6_addr a6 = IN6ADDR_LOOPBACK_INIT;
	size_t n;

	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_AUTHINFO, &ai, sizeof ai);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_INIT, &im, sizeof im);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_DSTADDRV4, &a4, sizeof a4);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_DSTADDRV6, &a6, sizeof a6);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT(p.info.flags & SHIM_MSG_AUTHKEY);
	CU_ASSERT_EQUAL(p.info.auth_keynumber, 513);
	CU_ASSERT_EQUAL(p.has_init, 1);
	CU_ASSERT_EQUAL(p.init.num_ostreams, 5);
	CU_ASSERT_EQUAL(p.init.max_instreams, 6);
	CU_ASSERT_EQUAL(p.init.max_attempts, 7);
	CU_ASSERT_EQUAL(p.init.max_init_timeo, 8);
	CU_ASSERT_EQUAL(p.dst_count, 2);
	CU_ASSERT_EQUAL(p.dst_short, 0);
	CU_ASSERT_EQUAL(p.info.flags & SHIM_MSG_HAS_ADDR, 0);
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_DSTADDRV6, &a4, sizeof a4);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.dst_short, 1);
	/* AUTHINFO and INIT of another size: EINVAL */
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_AUTHINFO, &im, sizeof im);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_INIT, &ai, sizeof ai);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
}

/* Receive-only and unknown types are EINVAL on send; other levels are
 * skipped; a cmsg running past the buffer is EINVAL (CMSG_OK). */
static void test_bad_send_cmsgs(void)
{
	union ctl u;
	struct pers_send_params p;
	struct sctp_rcvinfo ri = { 0 };
	struct sctp_nxtinfo ni = { 0 };
	struct sctp_sndinfo si = { .snd_sid = 4 };
	int one = 1;
	size_t n;

	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_RCVINFO, &ri, sizeof ri);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_NXTINFO, &ni, sizeof ni);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	n = add_cmsg(&u, 0, IPPROTO_SCTP, 9, &one, sizeof one);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	n = add_cmsg(&u, 0, SOL_SOCKET, SCTP_RCVINFO, &ri, sizeof ri);
	n = add_cmsg(&u, n, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.stream, 4);
	n = add_cmsg(&u, 0, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, CMSG_LEN(sizeof si) - 1, &p), -EINVAL);
	((struct cmsghdr *)u.buf)->cmsg_len = sizeof(struct cmsghdr) - 1;
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
}

static struct shim_msginfo received(void)
{
	struct shim_msginfo mi;

	memset(&mi, 0, sizeof mi);
	mi.stream = 2;
	mi.ppid = htonl(3);
	mi.assoc_id = 4;
	mi.flags = SHIM_MSG_EOR | SHIM_MSG_HAS_NEXT;
	mi.next_stream = 6;
	mi.next_ppid = htonl(7);
	mi.next_length = 1234;
	mi.next_assoc_id = 4;
	mi.next_flags = SHIM_MSG_UNORDERED | SHIM_MSG_EOR;
	return mi;
}

/* sctp_recvmsg's order NXTINFO, RCVINFO, SNDRCV; NXTINFO only when the
 * next message is known; notifications carry none. */
static void test_receive_order(void)
{
	union ctl out;
	struct shim_msginfo mi = received();
	struct sctp_nxtinfo ni;
	const struct cmsghdr *c;
	size_t len;
	int trunc;

	mi.cmsgs = SHIM_CMSG_SNDRCV | SHIM_CMSG_RCVINFO | SHIM_CMSG_NXTINFO;
	len = pers_build_recv_cmsgs(&mi, 0, out.buf, sizeof out.buf, &trunc);
	CU_ASSERT_EQUAL(len, CMSG_SPACE(sizeof ni) + CMSG_SPACE(sizeof(struct sctp_rcvinfo))
	                     + CMSG_SPACE(sizeof(struct sctp_sndrcvinfo)));
	CU_ASSERT_EQUAL(trunc, 0);
	c = first(&out, len);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_NXTINFO);
	memcpy(&ni, CMSG_DATA(c), sizeof ni);
	CU_ASSERT_EQUAL(ni.nxt_sid, 6);
	CU_ASSERT_EQUAL(ni.nxt_ppid, htonl(7));
	CU_ASSERT_EQUAL(ni.nxt_length, 1234);
	CU_ASSERT_EQUAL(ni.nxt_assoc_id, 4);
	CU_ASSERT_EQUAL(ni.nxt_flags, SCTP_UNORDERED);
	c = next(&out, len, c);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_RCVINFO);
	c = next(&out, len, c);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_SNDRCV);
	CU_ASSERT_PTR_NULL(next(&out, len, c));

	mi.flags &= ~SHIM_MSG_HAS_NEXT;
	len = pers_build_recv_cmsgs(&mi, 0, out.buf, sizeof out.buf, &trunc);
	CU_ASSERT_EQUAL(first(&out, len)->cmsg_type, SCTP_RCVINFO);
	CU_ASSERT_EQUAL(pers_build_recv_cmsgs(&mi, 1, out.buf, sizeof out.buf, &trunc), 0);
	CU_ASSERT_EQUAL(trunc, 0);
	mi.cmsgs = 0;
	CU_ASSERT_EQUAL(pers_build_recv_cmsgs(&mi, 0, out.buf, sizeof out.buf, &trunc), 0);
}

/* put_cmsg(): what does not fit is cut and MSG_CTRUNC set; no buffer at
 * all is a truncation too. */
static void test_truncation(void)
{
	union ctl out;
	struct shim_msginfo mi = received();
	size_t len;
	int trunc;

	mi.cmsgs = SHIM_CMSG_RCVINFO | SHIM_CMSG_SNDRCV;
	len = pers_build_recv_cmsgs(&mi, 0, out.buf, CMSG_SPACE(sizeof(struct sctp_rcvinfo)),
	                            &trunc);
	CU_ASSERT_EQUAL(len, CMSG_SPACE(sizeof(struct sctp_rcvinfo)));
	CU_ASSERT_EQUAL(trunc, 1);
	len = pers_build_recv_cmsgs(&mi, 0, out.buf, CMSG_LEN(4), &trunc);
	CU_ASSERT_EQUAL(trunc, 1);
	CU_ASSERT_EQUAL(((struct cmsghdr *)out.buf)->cmsg_len, CMSG_LEN(4));
	CU_ASSERT(len <= CMSG_LEN(4));
	CU_ASSERT_EQUAL(pers_build_recv_cmsgs(&mi, 0, NULL, 0, &trunc), 0);
	CU_ASSERT_EQUAL(trunc, 1);
}

/* Neutral -> usrsctp_sendv's form: what the message said, flags and
 * policies renumbered; the socket's defaults leave stream, ppid and
 * context to the daemon. */
static void test_to_usrsctp(void)
{
	struct tc_usr_numbers u;
	struct shim_msginfo mi;
	struct tc_spa spa;

	tc_usr_numbers(&u);
	memset(&mi, 0, sizeof mi);
	mi.stream = 3;
	mi.ppid = htonl(9);
	mi.context = 10;
	mi.assoc_id = 11;
	mi.flags = SHIM_MSG_UNORDERED | SHIM_MSG_SACK_IMMEDIATELY | SHIM_MSG_EOR;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.sendv_flags, u.sndinfo_valid);
	CU_ASSERT_EQUAL(spa.sid, 3);
	CU_ASSERT_EQUAL(spa.ppid, htonl(9));
	CU_ASSERT_EQUAL(spa.context, 10);
	CU_ASSERT_EQUAL(spa.assoc_id, 11);
	CU_ASSERT_EQUAL(spa.flags, u.unordered | u.sack_immediately);

	mi.flags = SHIM_MSG_ABORT | SHIM_MSG_EOF | SHIM_MSG_SENDALL | SHIM_MSG_ADDR_OVER;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.flags, u.abort | u.eof | u.sendall | u.addr_over);

	mi.flags = SHIM_MSG_DEFAULTS | SHIM_MSG_UNORDERED;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.sid, 0);
	CU_ASSERT_EQUAL(spa.ppid, 0);
	CU_ASSERT_EQUAL(spa.context, 0);
	CU_ASSERT_EQUAL(spa.flags, u.unordered);
	CU_ASSERT_EQUAL(spa.assoc_id, 11);

	mi.flags = 0;
	mi.pr_policy = SHIM_PR_TTL;
	mi.pr_value = 250;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.sendv_flags, u.sndinfo_valid | u.prinfo_valid);
	CU_ASSERT_EQUAL(spa.pr_policy, u.pr_ttl);
	CU_ASSERT_EQUAL(spa.pr_value, 250);
	mi.pr_policy = SHIM_PR_RTX;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.pr_policy, u.pr_rtx);
	mi.pr_policy = SHIM_PR_PRIO;  /* Linux's PRIO is usrsctp's BUF */
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.pr_policy, u.pr_buf);

	/* usrsctp_sendv refuses AUTHINFO: the daemon switches keys instead */
	mi.pr_policy = SHIM_PR_NONE;
	mi.flags = SHIM_MSG_AUTHKEY;
	mi.auth_keynumber = 2;
	tc_usr_convert(&mi, &spa);
	CU_ASSERT_EQUAL(spa.sendv_flags, u.sndinfo_valid);
}

/* Linux -> neutral -> usrsctp in one go: SNDINFO + PRINFO as a program
 * sends them arrive at usrsctp_sendv with the same meaning. */
static void test_linux_to_usrsctp(void)
{
	union ctl c;
	struct sctp_sndinfo si = { .snd_sid = 5, .snd_flags = SCTP_UNORDERED | SCTP_EOF,
	                           .snd_ppid = htonl(1), .snd_context = 2, .snd_assoc_id = 3 };
	struct sctp_prinfo pr = { .pr_policy = SCTP_PR_SCTP_TTL, .pr_value = 100 };
	struct pers_send_params p;
	struct tc_usr_numbers u;
	struct tc_spa spa;
	size_t n;

	tc_usr_numbers(&u);
	n = add_cmsg(&c, 0, IPPROTO_SCTP, SCTP_SNDINFO, &si, sizeof si);
	n = add_cmsg(&c, n, IPPROTO_SCTP, SCTP_PRINFO, &pr, sizeof pr);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(c.buf, n, &p), 0);
	tc_usr_convert(&p.info, &spa);
	CU_ASSERT_EQUAL(spa.sid, 5);
	CU_ASSERT_EQUAL(spa.flags, u.unordered | u.eof);
	CU_ASSERT_EQUAL(spa.ppid, htonl(1));
	CU_ASSERT_EQUAL(spa.context, 2);
	CU_ASSERT_EQUAL(spa.assoc_id, 3);
	CU_ASSERT_EQUAL(spa.pr_policy, u.pr_ttl);
	CU_ASSERT_EQUAL(spa.pr_value, 100);
}

int main(void)
{
	CU_pSuite s;
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("cmsgs", NULL, NULL);
	CU_add_test(s, "Linux structs and cmsg numbers", test_layouts);
	CU_add_test(s, "SNDRCV round trip", test_sndrcv);
	CU_add_test(s, "SNDINFO in, RCVINFO out", test_sndinfo_rcvinfo);
	CU_add_test(s, "SNDRCV, SNDINFO, PRINFO together", test_precedence);
	CU_add_test(s, "PRINFO policies", test_prinfo);
	CU_add_test(s, "send flags", test_send_flags);
	CU_add_test(s, "AUTHINFO, INIT, DSTADDRV4/6", test_authinfo_init_dstaddr);
	CU_add_test(s, "bad send cmsgs", test_bad_send_cmsgs);
	CU_add_test(s, "receive cmsgs and their order", test_receive_order);
	CU_add_test(s, "MSG_CTRUNC", test_truncation);
	CU_add_test(s, "neutral -> usrsctp", test_to_usrsctp);
	CU_add_test(s, "Linux -> neutral -> usrsctp", test_linux_to_usrsctp);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
