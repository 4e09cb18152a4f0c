/* SPDX-License-Identifier: MIT */
/*
 * Receiving: sctp_recvmsg() (the SCTP_SNDRCV cmsg into a struct
 * sctp_sndrcvinfo) and sctp_recvv() (RFC 6458 9.13: SCTP_RCVINFO and
 * SCTP_NXTINFO).
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <string.h>

/* Room for every SCTP cmsg a receive can carry at once, so that turning
 * on SCTP_RECVRCVINFO as well as sctp_data_io_event never truncates. */
union rcv_ctl {
	struct cmsghdr align;
	char bytes[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))
	           + CMSG_SPACE(sizeof(struct sctp_rcvinfo))
	           + CMSG_SPACE(sizeof(struct sctp_nxtinfo)) + 64];
};

static const void *find_cmsg(struct msghdr *m, int type, size_t len)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == type
		    && c->cmsg_len >= CMSG_LEN(len))
			return CMSG_DATA(c);
	return NULL;
}

/* *msg_flags is also recvmsg()'s flags on the way in (MSG_PEEK, ...), as
 * with lksctp 1.0.19. */
int sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
                 struct sctp_sndrcvinfo *sinfo, int *msg_flags)
{
	struct iovec iov = { .iov_base = msg, .iov_len = len };
	union rcv_ctl ctl;
	struct msghdr m = {
		.msg_name = from, .msg_namelen = fromlen ? *fromlen : 0,
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.bytes, .msg_controllen = sizeof ctl.bytes,
	};
	const void *found;
	ssize_t n;

	n = recvmsg(s, &m, msg_flags ? *msg_flags : 0);
	if (n < 0)
		return -1;
	if (fromlen)
		*fromlen = m.msg_namelen;
	if (msg_flags)
		*msg_flags = m.msg_flags;
	if (sinfo) {
		/* no cmsg (events off, or a notification): assoc id 0, which
		 * the kernel never uses, tells the caller */
		found = find_cmsg(&m, SCTP_SNDRCV, sizeof *sinfo);
		if (found)
			memcpy(sinfo, found, sizeof *sinfo);
		else
			memset(sinfo, 0, sizeof *sinfo);
	}
	return (int)n;
}

int sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from,
               socklen_t *fromlen, void *info, socklen_t *infolen, unsigned int *infotype,
               int *flags)
{
	union rcv_ctl ctl;
	struct msghdr m = {
		.msg_name = from, .msg_namelen = fromlen ? *fromlen : 0,
		.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovlen,
		.msg_control = ctl.bytes, .msg_controllen = sizeof ctl.bytes,
	};
	const void *rcv, *nxt;
	struct sctp_recvv_rn rn;
	ssize_t n;

	if (iovlen < 0 || (info && (!infolen || !infotype)))
		return libsctp_fail(EINVAL);
	n = recvmsg(s, &m, flags ? *flags : 0);
	if (n < 0)
		return -1;
	if (fromlen)
		*fromlen = m.msg_namelen;
	if (flags)
		*flags = m.msg_flags;
	if (!infotype)
		return (int)n;
	*infotype = SCTP_RECVV_NOINFO;
	if (!info)
		return (int)n;
	rcv = find_cmsg(&m, SCTP_RCVINFO, sizeof rn.recvv_rcvinfo);
	nxt = find_cmsg(&m, SCTP_NXTINFO, sizeof rn.recvv_nxtinfo);
	/* the most the caller's buffer takes: both, else one of them */
	if (rcv && nxt && *infolen >= sizeof rn) {
		memcpy(&rn.recvv_rcvinfo, rcv, sizeof rn.recvv_rcvinfo);
		memcpy(&rn.recvv_nxtinfo, nxt, sizeof rn.recvv_nxtinfo);
		memcpy(info, &rn, sizeof rn);
		*infolen = sizeof rn;
		*infotype = SCTP_RECVV_RN;
	} else if (rcv && *infolen >= sizeof rn.recvv_rcvinfo) {
		memcpy(info, rcv, sizeof rn.recvv_rcvinfo);
		*infolen = sizeof rn.recvv_rcvinfo;
		*infotype = SCTP_RECVV_RCVINFO;
	} else if (nxt && *infolen >= sizeof rn.recvv_nxtinfo) {
		memcpy(info, nxt, sizeof rn.recvv_nxtinfo);
		*infolen = sizeof rn.recvv_nxtinfo;
		*infotype = SCTP_RECVV_NXTINFO;
	}
	return (int)n;
}
