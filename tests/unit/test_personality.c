/* SPDX-License-Identifier: MIT */
/* Unit tests of the Linux personality against the system's <linux/sctp.h>. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"

static void test_states(void)
{
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_CLOSED), SCTP_CLOSED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_COOKIE_WAIT), SCTP_COOKIE_WAIT);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_COOKIE_ECHOED), SCTP_COOKIE_ECHOED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_ESTABLISHED), SCTP_ESTABLISHED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_PENDING), SCTP_SHUTDOWN_PENDING);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_SENT), SCTP_SHUTDOWN_SENT);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_RECEIVED), SCTP_SHUTDOWN_RECEIVED);
	CU_ASSERT_EQUAL(pers_state_to_linux(SHIM_STATE_SHUTDOWN_ACK_SENT), SCTP_SHUTDOWN_ACK_SENT);
	CU_ASSERT_EQUAL(pers_state_to_linux(99), SCTP_EMPTY);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_INACTIVE), SCTP_INACTIVE);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_PF), SCTP_PF);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_ACTIVE), SCTP_ACTIVE);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_UNCONFIRMED), SCTP_UNCONFIRMED);
	CU_ASSERT_EQUAL(pers_path_state_to_linux(SHIM_PATH_UNKNOWN), SCTP_UNKNOWN);
}

static void test_flags(void)
{
	uint16_t f = 0;

	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_UNORDERED | SCTP_EOF, &f), 0);
	CU_ASSERT_EQUAL(f, SHIM_MSG_UNORDERED | SHIM_MSG_EOF);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_ABORT | SCTP_ADDR_OVER | SCTP_SENDALL
	                                           | SCTP_SACK_IMMEDIATELY | SCTP_PR_SCTP_TTL, &f), 0);
	CU_ASSERT_EQUAL(f, SHIM_MSG_ABORT | SHIM_MSG_ADDR_OVER | SHIM_MSG_SENDALL
	                   | SHIM_MSG_SACK_IMMEDIATELY);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(SCTP_PR_SCTP_ALL, &f), -EINVAL);
	CU_ASSERT_EQUAL(pers_send_flags_from_linux(0x100, &f), -EINVAL);
	CU_ASSERT_EQUAL(pers_recv_flags_to_linux(SHIM_MSG_UNORDERED | SHIM_MSG_EOR), SCTP_UNORDERED);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(SCTP_PR_SCTP_RTX), SHIM_PR_RTX);
	CU_ASSERT_EQUAL(pers_pr_policy_from_linux(0x40), -EINVAL);
	CU_ASSERT_EQUAL(pers_pr_policy_to_linux(SHIM_PR_PRIO), SCTP_PR_SCTP_PRIO);
	CU_ASSERT_EQUAL(pers_notify_type_to_linux(SHIM_NOTIFY_ASSOC_CHANGE), SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(pers_notify_type_to_linux(SHIM_NOTIFY_SEND_FAILED_EVENT), SCTP_SEND_FAILED_EVENT);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(SCTP_SENDER_DRY_EVENT), SHIM_NOTIFY_SENDER_DRY);
	CU_ASSERT_EQUAL(pers_notify_type_from_linux(0x7fff), -EINVAL);
	CU_ASSERT_EQUAL(PERS_MSG_NOTIFICATION, MSG_NOTIFICATION);
}


static void test_layouts(void)
{
	/* the neutral option values must carry every Linux field */
	CU_ASSERT_EQUAL(sizeof(struct sctp_initmsg), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sndrcvinfo), 32);
	CU_ASSERT_EQUAL(sizeof(struct sctp_sndinfo), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_rcvinfo), 28);
	CU_ASSERT_EQUAL(sizeof(struct sctp_nxtinfo), 16);
	CU_ASSERT_EQUAL(sizeof(struct sctp_event_subscribe), SHIM_NOTIFY_MAX);
	CU_ASSERT_EQUAL(sizeof(struct sctp_event), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_assoc_change), 20);
	CU_ASSERT_EQUAL(sizeof(struct sctp_paddr_change), 148);
	CU_ASSERT_EQUAL(sizeof(struct sctp_status), 176);
	CU_ASSERT_EQUAL(offsetof(struct sctp_status, sstat_primary), 24);
	CU_ASSERT_EQUAL(SOL_SCTP, IPPROTO_SCTP);
}

static void test_opt_names(void)
{
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_INITMSG), SHIM_OPT_INITMSG);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_EVENTS), SHIM_OPT_EVENTS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_EVENT), SHIM_OPT_EVENT);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_STATUS), SHIM_OPT_STATUS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_RECVRCVINFO), SHIM_OPT_RECVRCVINFO);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_DISABLE_FRAGMENTS), SHIM_OPT_DISABLE_FRAGMENTS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_RTOINFO), SHIM_OPT_RTOINFO);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_SOCKOPT_BINDX_ADD), -ENOPROTOOPT);
	CU_ASSERT_EQUAL(pers_opt_from_linux(12345), -ENOPROTOOPT);
}

static void test_setopt(void)
{
	struct sctp_initmsg im = { 10, 11, 4, 3000 };
	struct sctp_event_subscribe ev;
	struct sctp_event one = { .se_assoc_id = 7, .se_type = SCTP_SHUTDOWN_EVENT, .se_on = 1 };
	struct sctp_assoc_value av = { .assoc_id = 3, .assoc_value = 1200 };
	struct pers_opt o;
	int v = 5;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_INITMSG, &im, sizeof im, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.opt, SHIM_OPT_INITMSG);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_SOCKET);
	CU_ASSERT_EQUAL(o.val.f[0], 10);
	CU_ASSERT_EQUAL(o.val.f[1], 11);
	CU_ASSERT_EQUAL(o.val.f[2], 4);
	CU_ASSERT_EQUAL(o.val.f[3], 3000);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_INITMSG, &im, sizeof im - 1, 0, 0, &o), -EINVAL);

	/* SCTP_EVENTS: only the bytes given change, the rest stays */
	memset(&ev, 0, sizeof ev);
	ev.sctp_data_io_event = 1;
	ev.sctp_association_event = 1;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EVENTS, &ev, 2, 0, 1u << SHIM_NOTIFY_SHUTDOWN, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], (1u << SHIM_NOTIFY_DATA_IO) | (1u << SHIM_NOTIFY_ASSOC_CHANGE)
	                         | (1u << SHIM_NOTIFY_SHUTDOWN));
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EVENTS, &ev, sizeof ev, 0, 1u << SHIM_NOTIFY_SHUTDOWN, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], (1u << SHIM_NOTIFY_DATA_IO) | (1u << SHIM_NOTIFY_ASSOC_CHANGE));
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EVENTS, &ev, sizeof ev + 1, 0, 0, &o), -EINVAL);
	CU_ASSERT(pers_setopt_needs_events(SCTP_EVENTS));
	CU_ASSERT(!pers_setopt_needs_events(SCTP_EVENT));

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EVENT, &one, sizeof one, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], SHIM_NOTIFY_SHUTDOWN);
	CU_ASSERT_EQUAL(o.val.f[1], 1);
	CU_ASSERT_EQUAL(o.assoc_id, 7);
	one.se_type = 3;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_EVENT, &one, sizeof one, 1, 0, &o), -EINVAL);

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_NODELAY, &v, sizeof v, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 1);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_NODELAY, &v, 2, 0, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTOCLOSE, &v, sizeof v, 0, 0, &o), -EOPNOTSUPP);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTOCLOSE, &v, sizeof v, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 5);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_MAXSEG, &av, sizeof av, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 1200);
	CU_ASSERT_EQUAL(o.assoc_id, 3);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_MAXSEG, &av, 6, 0, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_STATUS, &av, sizeof av, 0, 0, &o), -ENOPROTOOPT);
}

static void test_getopt(void)
{
	struct sctp_status st;
	struct shim_optval ss, ev_mask;
	struct sctp_event_subscribe ev;
	struct pers_opt o;
	socklen_t len;
	uint32_t mask = (1u << SHIM_NOTIFY_DATA_IO) | (1u << SHIM_NOTIFY_SENDER_DRY);
	struct sockaddr_in sin;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = 9;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_STATUS, &st, sizeof st, 1, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 9);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_STATUS, &st, sizeof st - 1, 1, &o), -EINVAL);

	memset(&ss, 0, sizeof ss);
	ss.assoc_id = 9;
	ss.f[0] = SHIM_STATE_ESTABLISHED;
	ss.f[4] = 5;
	ss.f[5] = 6;
	ss.addr.family = AF_INET;
	ss.addr.port = 5000;
	ss.addr.addr[0] = 127;
	ss.addr.addr[3] = 1;
	ss.f[7] = SHIM_PATH_ACTIVE;
	ss.f[11] = 1500;
	len = sizeof st;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_STATUS, &ss, NULL, 0, &st, &len), 0);
	CU_ASSERT_EQUAL(st.sstat_assoc_id, 9);
	CU_ASSERT_EQUAL(len, sizeof st);
	CU_ASSERT_EQUAL(st.sstat_state, SCTP_ESTABLISHED);
	CU_ASSERT_EQUAL(st.sstat_instrms, 5);
	CU_ASSERT_EQUAL(st.sstat_outstrms, 6);
	CU_ASSERT_EQUAL(st.sstat_primary.spinfo_state, SCTP_ACTIVE);
	CU_ASSERT_EQUAL(st.sstat_primary.spinfo_mtu, 1500);
	memcpy(&sin, &st.sstat_primary.spinfo_address, sizeof sin);
	CU_ASSERT_EQUAL(sin.sin_family, AF_INET);
	CU_ASSERT_EQUAL(ntohs(sin.sin_port), 5000);
	CU_ASSERT_EQUAL(ntohl(sin.sin_addr.s_addr), 0x7f000001);

	/* SCTP_EVENTS: a short buffer gets the first bytes */
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_EVENTS, &ev, 0, 0, &o), -EINVAL);
	memset(&ev, 0x55, sizeof ev);
	len = 3;
	memset(&ev_mask, 0, sizeof ev_mask);
	ev_mask.f[0] = mask;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_EVENTS, &ev_mask, NULL, 0, &ev, &len), 0);
	CU_ASSERT_EQUAL(len, 3);
	CU_ASSERT_EQUAL(ev.sctp_data_io_event, 1);
	CU_ASSERT_EQUAL(ev.sctp_association_event, 0);
	CU_ASSERT_EQUAL(ev.sctp_send_failure_event, 0x55);
	len = sizeof ev + 10;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_EVENTS, &ev_mask, NULL, 0, &ev, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof ev);
	CU_ASSERT_EQUAL(ev.sctp_sender_dry_event, 1);
	CU_ASSERT_EQUAL(ev.sctp_shutdown_event, 0);

	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_NODELAY, &ev, 3, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTOCLOSE, &ev, 4, 0, &o), -EOPNOTSUPP);
}

static size_t add_cmsg(char *buf, size_t at, int level, int type, const void *data, size_t len)
{
	struct cmsghdr h = { .cmsg_len = CMSG_LEN(len), .cmsg_level = level, .cmsg_type = type };

	memcpy(buf + at, &h, sizeof h);
	memcpy(buf + at + CMSG_LEN(0), data, len);
	return at + CMSG_SPACE(len);
}

static void test_cmsg_parse(void)
{
	union { char buf[512]; struct cmsghdr align; } u;
	struct sctp_sndrcvinfo sri = { .sinfo_stream = 3, .sinfo_ppid = htonl(46),
	                               .sinfo_flags = SCTP_UNORDERED, .sinfo_timetolive = 100,
	                               .sinfo_assoc_id = 4, .sinfo_context = 8 };
	struct sctp_sndinfo sni = { .snd_sid = 2, .snd_flags = SCTP_EOF, .snd_ppid = 1 };
	struct sctp_prinfo pri = { .pr_policy = SCTP_PR_SCTP_RTX, .pr_value = 3 };
	struct in_addr dst = { htonl(0x7f000002) };
	struct pers_send_params p;
	int ttl = 1;
	size_t n;

	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(NULL, 0, &p), 0);
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_DEFAULTS);  /* no SNDRCV/SNDINFO */

	n = add_cmsg(u.buf, 0, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl);  /* skipped */
	n = add_cmsg(u.buf, n, IPPROTO_SCTP, SCTP_SNDRCV, &sri, sizeof sri);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.stream, 3);
	CU_ASSERT_EQUAL(p.info.ppid, htonl(46));
	CU_ASSERT_EQUAL(p.info.context, 8);
	CU_ASSERT_EQUAL(p.info.assoc_id, 4);
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_UNORDERED);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_TTL);
	CU_ASSERT_EQUAL(p.info.pr_value, 100);

	n = add_cmsg(u.buf, 0, IPPROTO_SCTP, SCTP_SNDINFO, &sni, sizeof sni);
	n = add_cmsg(u.buf, n, IPPROTO_SCTP, SCTP_PRINFO, &pri, sizeof pri);
	n = add_cmsg(u.buf, n, IPPROTO_SCTP, SCTP_DSTADDRV4, &dst, sizeof dst);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), 0);
	CU_ASSERT_EQUAL(p.info.stream, 2);
	/* DSTADDRV4 is an extra peer address, never the destination */
	CU_ASSERT_EQUAL(p.info.flags, SHIM_MSG_EOF);
	CU_ASSERT_EQUAL(p.info.pr_policy, SHIM_PR_RTX);
	CU_ASSERT_EQUAL(p.info.pr_value, 3);
	CU_ASSERT_EQUAL(p.dst_count, 1);
	CU_ASSERT_EQUAL(p.dst_short, 0);

	/* wrong length, unknown type, flags Linux refuses: EINVAL */
	n = add_cmsg(u.buf, 0, IPPROTO_SCTP, SCTP_SNDRCV, &sri, sizeof sri - 4);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	n = add_cmsg(u.buf, 0, IPPROTO_SCTP, 42, &sri, sizeof sri);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	sri.sinfo_flags = SCTP_NOTIFICATION;
	n = add_cmsg(u.buf, 0, IPPROTO_SCTP, SCTP_SNDRCV, &sri, sizeof sri);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
	pri.pr_policy = 0x40;
	n = add_cmsg(u.buf, 0, IPPROTO_SCTP, SCTP_PRINFO, &pri, sizeof pri);
	CU_ASSERT_EQUAL(pers_parse_send_cmsgs(u.buf, n, &p), -EINVAL);
}

static void test_cmsg_build(void)
{
	union { char buf[512]; struct cmsghdr align; } u;
	struct shim_msginfo mi;
	struct msghdr m;
	struct cmsghdr *c;
	struct sctp_sndrcvinfo sri;
	struct sctp_rcvinfo rcv;
	size_t used;
	int trunc;

	memset(&mi, 0, sizeof mi);
	mi.stream = 4;
	mi.ssn = 9;
	mi.ppid = 77;
	mi.tsn = 1000;
	mi.cumtsn = 999;
	mi.assoc_id = 5;
	mi.flags = SHIM_MSG_UNORDERED | SHIM_MSG_EOR;
	mi.cmsgs = SHIM_CMSG_SNDRCV | SHIM_CMSG_RCVINFO;

	used = pers_build_recv_cmsgs(&mi, 0, u.buf, sizeof u.buf, &trunc);
	CU_ASSERT_EQUAL(trunc, 0);
	CU_ASSERT_EQUAL(used, CMSG_SPACE(sizeof rcv) + CMSG_SPACE(sizeof sri));
	memset(&m, 0, sizeof m);
	m.msg_control = u.buf;
	m.msg_controllen = used;
	c = CMSG_FIRSTHDR(&m);
	CU_ASSERT_EQUAL(c->cmsg_level, IPPROTO_SCTP);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_RCVINFO);
	memcpy(&rcv, CMSG_DATA(c), sizeof rcv);
	CU_ASSERT_EQUAL(rcv.rcv_sid, 4);
	CU_ASSERT_EQUAL(rcv.rcv_flags, SCTP_UNORDERED);
	c = CMSG_NXTHDR(&m, c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->cmsg_type, SCTP_SNDRCV);
	CU_ASSERT_EQUAL(c->cmsg_len, CMSG_LEN(sizeof sri));
	memcpy(&sri, CMSG_DATA(c), sizeof sri);
	CU_ASSERT_EQUAL(sri.sinfo_stream, 4);
	CU_ASSERT_EQUAL(sri.sinfo_ssn, 9);
	CU_ASSERT_EQUAL(sri.sinfo_ppid, 77);
	CU_ASSERT_EQUAL(sri.sinfo_tsn, 1000);
	CU_ASSERT_EQUAL(sri.sinfo_cumtsn, 999);
	CU_ASSERT_EQUAL(sri.sinfo_assoc_id, 5);

	/* too short for the second: truncated copy and MSG_CTRUNC, as put_cmsg */
	used = pers_build_recv_cmsgs(&mi, 0, u.buf, CMSG_SPACE(sizeof rcv) + 20, &trunc);
	CU_ASSERT_EQUAL(trunc, 1);
	CU_ASSERT_EQUAL(used, CMSG_SPACE(sizeof rcv) + 20);
	used = pers_build_recv_cmsgs(&mi, 0, NULL, 0, &trunc);
	CU_ASSERT_EQUAL(trunc, 1);
	CU_ASSERT_EQUAL(used, 0);

	/* nothing asked for, or a notification: nothing */
	used = pers_build_recv_cmsgs(&mi, 1, u.buf, sizeof u.buf, &trunc);
	CU_ASSERT_EQUAL(used, 0);
	CU_ASSERT_EQUAL(trunc, 0);
	mi.cmsgs = SHIM_CMSG_NXTINFO;  /* without HAS_NEXT there is no next */
	used = pers_build_recv_cmsgs(&mi, 0, u.buf, sizeof u.buf, &trunc);
	CU_ASSERT_EQUAL(used, 0);
}

/* The daemon's neutral SEND_FAILED fields land where Linux puts them, and
 * the flags use Linux's SCTP_DATA_UNSENT/SENT numbering (0/1). */
static void test_send_failed_event(void)
{
	union { char buf[512]; union sctp_notification n; } u;
	struct shim_notify n;
	const char data[5] = "hello";
	ssize_t len;

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_SEND_FAILED_EVENT;
	n.flags = SHIM_SEND_FAILED_UNSENT;
	n.error = EINVAL;
	n.assoc_id = 7;
	n.outbound_streams = 3;
	n.inbound_streams = SHIM_MSG_UNORDERED;
	n.value = 0x01020304;
	n.reserved = 99;
	n.len = sizeof data;
	len = pers_build_notification(&n, data, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(len, (ssize_t)(sizeof(struct sctp_send_failed_event) + sizeof data));
	CU_ASSERT_EQUAL(u.n.sn_header.sn_type, SCTP_SEND_FAILED_EVENT);
	CU_ASSERT_EQUAL(u.n.sn_header.sn_flags, SCTP_DATA_UNSENT);
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssf_error, EINVAL);
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssfe_info.snd_sid, 3);
	/* Linux reports the DATA chunk's flags: U (0x04), B (0x02), E (0x01) */
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssfe_info.snd_flags, 0x07);
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssfe_info.snd_ppid, 0x01020304);
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssfe_info.snd_context, 99);
	CU_ASSERT_EQUAL(u.n.sn_send_failed_event.ssfe_info.snd_assoc_id, 7);
	CU_ASSERT_EQUAL(memcmp(u.n.sn_send_failed_event.ssf_data, data, sizeof data), 0);

	n.type = SHIM_NOTIFY_SEND_FAILED;
	n.flags = SHIM_SEND_FAILED_SENT;
	len = pers_build_notification(&n, data, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(len, (ssize_t)(sizeof(struct sctp_send_failed) + sizeof data));
	CU_ASSERT_EQUAL(u.n.sn_header.sn_flags, SCTP_DATA_SENT);
	CU_ASSERT_EQUAL(u.n.sn_send_failed.ssf_info.sinfo_stream, 3);
	CU_ASSERT_EQUAL(u.n.sn_send_failed.ssf_info.sinfo_ppid, 0x01020304);
}

static void test_notifications(void)
{
	union { char buf[512]; union sctp_notification n; } u;
	struct shim_notify n;
	uint8_t info[3] = { 1, 2, 3 };
	struct sockaddr_in sin;
	ssize_t len;

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_ASSOC_CHANGE;
	n.state = SHIM_COMM_UP;
	n.assoc_id = 12;
	n.outbound_streams = 10;
	n.inbound_streams = 5;
	n.len = sizeof info;
	len = pers_build_notification(&n, info, u.buf, sizeof u.buf);
	/* Linux puts no feature list in a COMM_UP's sac_info */
	CU_ASSERT_EQUAL(len, (ssize_t)sizeof(struct sctp_assoc_change));
	CU_ASSERT_EQUAL(u.n.sn_header.sn_type, SCTP_ASSOC_CHANGE);
	CU_ASSERT_EQUAL(u.n.sn_header.sn_length, len);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_state, SCTP_COMM_UP);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_outbound_streams, 10);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_inbound_streams, 5);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_assoc_id, 12);
	CU_ASSERT_EQUAL(pers_build_notification(&n, info, u.buf, sizeof(struct sctp_assoc_change) - 1),
	                -ENOSPC);

	{	/* COMM_LOST by an ABORT: the chunk's causes, the first cause in sac_error */
		const uint8_t abort_chunk[8] = { 6, 0, 0, 8, 0, 12, 0, 4 };

		n.state = SHIM_COMM_LOST;
		n.error = 12;
		n.len = sizeof abort_chunk;
		len = pers_build_notification(&n, abort_chunk, u.buf, sizeof u.buf);
		CU_ASSERT_EQUAL(len, (ssize_t)(sizeof(struct sctp_assoc_change) + 4));
		CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_error, htons(12));
		CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_outbound_streams, 0);
		CU_ASSERT_EQUAL(memcmp(u.n.sn_assoc_change.sac_info, abort_chunk + 4, 4), 0);
		n.error = 0;
	}

	n.state = SHIM_SHUTDOWN_COMP;
	n.len = 0;
	pers_build_notification(&n, NULL, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_state, SCTP_SHUTDOWN_COMP);
	n.state = SHIM_CANT_STR_ASSOC;
	pers_build_notification(&n, NULL, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(u.n.sn_assoc_change.sac_state, SCTP_CANT_STR_ASSOC);

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_SHUTDOWN;
	n.assoc_id = 3;
	len = pers_build_notification(&n, NULL, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(len, (ssize_t)sizeof(struct sctp_shutdown_event));
	CU_ASSERT_EQUAL(u.n.sn_shutdown_event.sse_type, SCTP_SHUTDOWN_EVENT);
	CU_ASSERT_EQUAL(u.n.sn_shutdown_event.sse_assoc_id, 3);

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_PEER_ADDR_CHANGE;
	n.state = SCTP_ADDR_CONFIRMED;
	n.addr.family = AF_INET;
	n.addr.port = 9;
	n.addr.addr[0] = 10;
	len = pers_build_notification(&n, NULL, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(len, (ssize_t)sizeof(struct sctp_paddr_change));
	CU_ASSERT_EQUAL(u.n.sn_paddr_change.spc_type, SCTP_PEER_ADDR_CHANGE);
	CU_ASSERT_EQUAL(u.n.sn_paddr_change.spc_state, SCTP_ADDR_CONFIRMED);
	memcpy(&sin, &u.n.sn_paddr_change.spc_aaddr, sizeof sin);
	CU_ASSERT_EQUAL(sin.sin_family, AF_INET);
	CU_ASSERT_EQUAL(ntohs(sin.sin_port), 9);

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_REMOTE_ERROR;
	n.error = 0x0102;
	n.len = 2;
	len = pers_build_notification(&n, info, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(len, (ssize_t)sizeof(struct sctp_remote_error) + 2);
	CU_ASSERT_EQUAL(u.n.sn_remote_error.sre_error, htons(0x0102));

	memset(&n, 0, sizeof n);
	n.type = SHIM_NOTIFY_SENDER_DRY;
	CU_ASSERT_EQUAL(pers_build_notification(&n, NULL, u.buf, sizeof u.buf),
	                (ssize_t)sizeof(struct sctp_sender_dry_event));
	CU_ASSERT_EQUAL(u.n.sn_sender_dry_event.sender_dry_type, SCTP_SENDER_DRY_EVENT);
	n.type = SHIM_NOTIFY_ADAPTATION;
	n.value = 0xabcd;
	pers_build_notification(&n, NULL, u.buf, sizeof u.buf);
	CU_ASSERT_EQUAL(u.n.sn_adaptation_event.sai_adaptation_ind, 0xabcd);
	/* not a notification: no Linux form (ASSOC_RESET has one: test_opt_stream) */
	n.type = SHIM_NOTIFY_DATA_IO;
	CU_ASSERT_EQUAL(pers_build_notification(&n, NULL, u.buf, sizeof u.buf), -EOPNOTSUPP);
	CU_ASSERT(pers_notification_max(10) >= sizeof(struct sctp_paddr_change) + 10);
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	s = CU_add_suite("personality", NULL, NULL);
	CU_add_test(s, "states", test_states);
	CU_add_test(s, "flags", test_flags);
	CU_add_test(s, "layouts", test_layouts);
	CU_add_test(s, "option names", test_opt_names);
	CU_add_test(s, "setsockopt encoding", test_setopt);
	CU_add_test(s, "getsockopt encoding", test_getopt);
	CU_add_test(s, "send cmsgs", test_cmsg_parse);
	CU_add_test(s, "receive cmsgs", test_cmsg_build);
	CU_add_test(s, "notifications", test_notifications);
	CU_add_test(s, "send failed event", test_send_failed_event);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
