/* SPDX-License-Identifier: MIT */
/* Ancillary data: Linux SCTP cmsgs <-> shim_msginfo. */
#include "personality/personality.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

struct parsed {
	const struct sctp_sndrcvinfo *sndrcv;
	const struct sctp_sndinfo *sndinfo;
	const struct sctp_prinfo *prinfo;
	const struct sctp_authinfo *authinfo;
	const struct sctp_initmsg *init;
	unsigned dst_count;
	int dst_short;
};

static int cmsg_sized(const struct cmsghdr *c, size_t len)
{
	return c->cmsg_len == CMSG_LEN(len);
}

/* sctp_msghdr_parse refuses flags it does not know in each cmsg, even
 * one a later cmsg overrides. */
static int flags_known(uint16_t linux_flags)
{
	uint16_t unused;

	return pers_send_flags_from_linux(linux_flags, &unused);
}

static int collect(const void *control, size_t controllen, struct parsed *p)
{
	struct msghdr m = { .msg_control = (void *)control, .msg_controllen = controllen };
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		struct sctp_sndrcvinfo sri;
		struct sctp_sndinfo si;
		struct sctp_prinfo pri;

		/* CMSG_OK */
		if (c->cmsg_len < sizeof *c
		    || (size_t)((char *)c - (char *)control) + c->cmsg_len > controllen)
			return -EINVAL;
		if (c->cmsg_level != IPPROTO_SCTP)
			continue;
		switch (c->cmsg_type) {
		case SCTP_INIT:
			if (!cmsg_sized(c, sizeof *p->init))
				return -EINVAL;
			p->init = (const void *)CMSG_DATA(c);
			break;
		case SCTP_SNDRCV:
			if (!cmsg_sized(c, sizeof sri))
				return -EINVAL;
			memcpy(&sri, CMSG_DATA(c), sizeof sri);
			if (flags_known(sri.sinfo_flags) < 0)
				return -EINVAL;
			p->sndrcv = (const void *)CMSG_DATA(c);
			break;
		case SCTP_SNDINFO:
			if (!cmsg_sized(c, sizeof si))
				return -EINVAL;
			memcpy(&si, CMSG_DATA(c), sizeof si);
			if (flags_known(si.snd_flags) < 0)
				return -EINVAL;
			p->sndinfo = (const void *)CMSG_DATA(c);
			break;
		case SCTP_PRINFO:
			if (!cmsg_sized(c, sizeof pri))
				return -EINVAL;
			memcpy(&pri, CMSG_DATA(c), sizeof pri);
			if (pri.pr_policy & ~SCTP_PR_SCTP_MASK)
				return -EINVAL;
			p->prinfo = (const void *)CMSG_DATA(c);
			break;
		case SCTP_AUTHINFO:
			if (!cmsg_sized(c, sizeof *p->authinfo))
				return -EINVAL;
			p->authinfo = (const void *)CMSG_DATA(c);
			break;
		case SCTP_DSTADDRV4:
		case SCTP_DSTADDRV6:
			/* lengths matter only when the message sets an
			 * association up (sctp_sendmsg_new_asoc) */
			if (c->cmsg_len - CMSG_LEN(0) < (c->cmsg_type == SCTP_DSTADDRV4
			                                 ? sizeof(struct in_addr)
			                                 : sizeof(struct in6_addr)))
				p->dst_short = 1;
			p->dst_count++;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

int pers_parse_send_cmsgs(const void *control, size_t controllen,
                          struct pers_send_params *out)
{
	struct shim_msginfo *mi = &out->info;
	struct parsed p = { 0 };
	uint16_t linux_flags = 0;
	uint32_t timetolive = 0;
	int r;

	memset(out, 0, sizeof *out);
	if (control && controllen) {
		r = collect(control, controllen, &p);
		if (r < 0)
			return r;
	}
	/* sctp_sendmsg_parse: SNDRCV, then SNDINFO over it, then PRINFO's
	 * policy into the flags and its value as the lifetime */
	if (p.sndrcv) {
		struct sctp_sndrcvinfo s;

		memcpy(&s, p.sndrcv, sizeof s);
		mi->stream = s.sinfo_stream;
		mi->ppid = s.sinfo_ppid;
		mi->context = s.sinfo_context;
		mi->assoc_id = (uint32_t)s.sinfo_assoc_id;
		linux_flags = s.sinfo_flags;
		timetolive = s.sinfo_timetolive;
	}
	if (p.sndinfo) {
		struct sctp_sndinfo s;

		memcpy(&s, p.sndinfo, sizeof s);
		mi->stream = s.snd_sid;
		mi->ppid = s.snd_ppid;
		mi->context = s.snd_context;
		mi->assoc_id = (uint32_t)s.snd_assoc_id;
		linux_flags = s.snd_flags;
	}
	if (p.prinfo) {
		struct sctp_prinfo pr;

		memcpy(&pr, p.prinfo, sizeof pr);
		/* SCTP_PR_SCTP_NONE clears the value (sctp_msghdr_parse) */
		timetolive = pr.pr_policy == SCTP_PR_SCTP_NONE ? 0 : pr.pr_value;
		linux_flags = (uint16_t)((linux_flags & ~SCTP_PR_SCTP_MASK) | pr.pr_policy);
	}
	r = pers_send_flags_from_linux(linux_flags, &mi->flags);
	if (r < 0)
		return r;
	/* a lifetime without a policy is a TTL, as Linux has always read it */
	if (SCTP_PR_POLICY(linux_flags))
		mi->pr_policy = (uint16_t)pers_pr_policy_from_linux(SCTP_PR_POLICY(linux_flags));
	else
		mi->pr_policy = timetolive ? SHIM_PR_TTL : SHIM_PR_NONE;
	mi->pr_value = mi->pr_policy == SHIM_PR_NONE ? 0 : timetolive;
	if (!p.sndrcv && !p.sndinfo)
		mi->flags |= SHIM_MSG_DEFAULTS;
	if (p.authinfo) {
		struct sctp_authinfo a;

		memcpy(&a, p.authinfo, sizeof a);
		mi->flags |= SHIM_MSG_AUTHKEY;
		mi->auth_keynumber = a.auth_keynumber;
	}
	if (p.init) {
		struct sctp_initmsg im;

		memcpy(&im, p.init, sizeof im);
		out->has_init = 1;
		out->init.num_ostreams = im.sinit_num_ostreams;
		out->init.max_instreams = im.sinit_max_instreams;
		out->init.max_attempts = im.sinit_max_attempts;
		out->init.max_init_timeo = im.sinit_max_init_timeo;
	}
	out->dst_count = p.dst_count;
	out->dst_short = p.dst_short;
	return 0;
}

/* Linux's put_cmsg: a short buffer gets as much as fits and MSG_CTRUNC. */
static void put_cmsg(char **pos, size_t *room, int type, const void *data, size_t len,
                     int *truncated)
{
	struct cmsghdr h = { .cmsg_level = IPPROTO_SCTP, .cmsg_type = type };
	size_t cmlen = CMSG_LEN(len), step;

	if (*room < sizeof h) {
		*truncated = 1;
		return;
	}
	if (*room < cmlen) {
		*truncated = 1;
		cmlen = *room;
	}
	h.cmsg_len = cmlen;
	memcpy(*pos, &h, sizeof h);
	memcpy(*pos + CMSG_LEN(0), data, cmlen - CMSG_LEN(0));
	step = CMSG_SPACE(len) < *room ? CMSG_SPACE(len) : *room;
	*pos += step;
	*room -= step;
}

size_t pers_build_recv_cmsgs(const struct shim_msginfo *info, int is_notification,
                             void *control, size_t cap, int *truncated)
{
	char *pos = control;
	size_t room = control ? cap : 0;
	uint16_t flags = pers_recv_flags_to_linux(info->flags);

	*truncated = 0;
	if (is_notification)
		return 0;
	/* the order sctp_recvmsg() uses: NXTINFO, RCVINFO, SNDRCV */
	if ((info->cmsgs & SHIM_CMSG_NXTINFO) && (info->flags & SHIM_MSG_HAS_NEXT)) {
		struct sctp_nxtinfo n = {
			.nxt_sid = info->next_stream,
			.nxt_flags = pers_recv_flags_to_linux(info->next_flags),
			.nxt_ppid = info->next_ppid,
			.nxt_length = info->next_length,
			.nxt_assoc_id = (sctp_assoc_t)info->next_assoc_id,
		};
		put_cmsg(&pos, &room, SCTP_NXTINFO, &n, sizeof n, truncated);
	}
	if (info->cmsgs & SHIM_CMSG_RCVINFO) {
		struct sctp_rcvinfo r = {
			.rcv_sid = info->stream,
			.rcv_ssn = info->ssn,
			.rcv_flags = flags,
			.rcv_ppid = info->ppid,
			.rcv_tsn = info->tsn,
			.rcv_cumtsn = info->cumtsn,
			.rcv_context = info->context,
			.rcv_assoc_id = (sctp_assoc_t)info->assoc_id,
		};
		put_cmsg(&pos, &room, SCTP_RCVINFO, &r, sizeof r, truncated);
	}
	if (info->cmsgs & SHIM_CMSG_SNDRCV) {
		struct sctp_sndrcvinfo s = {
			.sinfo_stream = info->stream,
			.sinfo_ssn = info->ssn,
			.sinfo_flags = flags,
			.sinfo_ppid = info->ppid,
			.sinfo_context = info->context,
			.sinfo_tsn = info->tsn,
			.sinfo_cumtsn = info->cumtsn,
			.sinfo_assoc_id = (sctp_assoc_t)info->assoc_id,
		};
		put_cmsg(&pos, &room, SCTP_SNDRCV, &s, sizeof s, truncated);
	}
	return (size_t)(pos - (char *)control);
}
