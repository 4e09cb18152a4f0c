/* SPDX-License-Identifier: MIT */
/*
 * Sending: sctp_sendmsg() and sctp_send() (one SCTP_SNDRCV cmsg) and
 * sctp_sendv() (RFC 6458 9.12: SCTP_SNDINFO / SCTP_PRINFO / SCTP_AUTHINFO
 * cmsgs and a list of destination addresses).
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <string.h>

int sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen,
                 uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
                 uint32_t context)
{
	struct sctp_sndrcvinfo sinfo = {
		.sinfo_stream = stream_no,
		.sinfo_flags = (uint16_t)flags,
		.sinfo_ppid = ppid,
		.sinfo_context = context,
		.sinfo_timetolive = timetolive,
	};
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = { .msg_name = to, .msg_namelen = tolen, .msg_iov = &iov, .msg_iovlen = 1 };
	struct libsctp_ctl c;

	libsctp_ctl_init(&c, 0);  /* no addresses: never allocates */
	libsctp_ctl_put(&c, SCTP_SNDRCV, &sinfo, sizeof sinfo);
	libsctp_ctl_attach(&c, &m);
	return (int)sendmsg(s, &m, 0);
}

int sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo,
              int flags)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct libsctp_ctl c;

	libsctp_ctl_init(&c, 0);
	if (sinfo)
		libsctp_ctl_put(&c, SCTP_SNDRCV, sinfo, sizeof *sinfo);
	libsctp_ctl_attach(&c, &m);
	return (int)sendmsg(s, &m, flags);
}

/* The cmsgs `info` of type `infotype` stands for; EINVAL for a type
 * unknown or an info too short for it. */
static int put_info(struct libsctp_ctl *c, const void *info, socklen_t infolen,
                    unsigned int infotype)
{
	static const struct {
		int cmsg;
		size_t len;
	} single[] = {
		[SCTP_SENDV_SNDINFO] = { SCTP_SNDINFO, sizeof(struct sctp_sndinfo) },
		[SCTP_SENDV_PRINFO] = { SCTP_PRINFO, sizeof(struct sctp_prinfo) },
		[SCTP_SENDV_AUTHINFO] = { SCTP_AUTHINFO, sizeof(struct sctp_authinfo) },
	};
	struct sctp_sendv_spa spa;

	switch (infotype) {
	case SCTP_SENDV_NOINFO:
		return 0;
	case SCTP_SENDV_SNDINFO:
	case SCTP_SENDV_PRINFO:
	case SCTP_SENDV_AUTHINFO:
		if (!info || infolen < single[infotype].len)
			return libsctp_fail(EINVAL);
		libsctp_ctl_put(c, single[infotype].cmsg, info, single[infotype].len);
		return 0;
	case SCTP_SENDV_SPA:
		if (!info || infolen < sizeof spa)
			return libsctp_fail(EINVAL);
		memcpy(&spa, info, sizeof spa);
		if (spa.sendv_flags & SCTP_SEND_SNDINFO_VALID)
			libsctp_ctl_put(c, SCTP_SNDINFO, &spa.sendv_sndinfo, sizeof spa.sendv_sndinfo);
		if (spa.sendv_flags & SCTP_SEND_PRINFO_VALID)
			libsctp_ctl_put(c, SCTP_PRINFO, &spa.sendv_prinfo, sizeof spa.sendv_prinfo);
		if (spa.sendv_flags & SCTP_SEND_AUTHINFO_VALID)
			libsctp_ctl_put(c, SCTP_AUTHINFO, &spa.sendv_authinfo,
			                sizeof spa.sendv_authinfo);
		return 0;
	default:
		return libsctp_fail(EINVAL);
	}
}

/* `flags` are sendmsg()'s (RFC 6458; lksctp 1.0.19 dropped them). */
int sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs,
               int addrcnt, void *info, socklen_t infolen, unsigned int infotype, int flags)
{
	struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovcnt };
	struct libsctp_ctl c;
	int r;

	if (iovcnt < 0 || addrcnt < 0 || (addrcnt > 0 && !addrs))
		return libsctp_fail(EINVAL);
	if (libsctp_ctl_init(&c, addrcnt) < 0)
		return -1;
	r = libsctp_ctl_put_addrs(&c, &m, addrs, addrcnt);
	if (r == 0)
		r = put_info(&c, info, infolen, infotype);
	if (r == 0) {
		libsctp_ctl_attach(&c, &m);
		r = (int)sendmsg(s, &m, flags);
	}
	if (c.buf != c.small.bytes) {
		int saved = errno;

		libsctp_ctl_free(&c);
		errno = saved;
	}
	return r;
}
