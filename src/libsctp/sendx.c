/* SPDX-License-Identifier: MIT */
/*
 * FreeBSD's sctp_sendx() and sctp_sendmsgx() (sctp_send(3),
 * sctp_sendmsg(3)), for programs ported from FreeBSD; they are not part of
 * lksctp and live in their own version node, SCTPSHIM_FREEBSD_1.
 *
 * FreeBSD sets the association up with SCTP_CONNECT_X_DELAYED; the Linux
 * way to the same end is one sendmsg() to the first address with the
 * others as SCTP_DSTADDRV4/6 cmsgs: with no association to it yet, the
 * kernel sets one up with all of them and sends the data with the COOKIE
 * ECHO, as FreeBSD does.
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <string.h>

/* The id of the association `to` belongs to (FreeBSD's sctp_getassocid()),
 * 0 if it cannot be told.  A one-to-one socket has just the one. */
static sctp_assoc_t assoc_of(int sd, const struct sockaddr *to)
{
	struct sctp_paddrinfo pinfo;
	struct sctp_status status;
	socklen_t len;
	int type;

	memset(&pinfo, 0, sizeof pinfo);
	memcpy(&pinfo.spinfo_address, to, libsctp_sockaddr_len(to->sa_family));
	len = sizeof pinfo;
	if (getsockopt(sd, SOL_SCTP, SCTP_GET_PEER_ADDR_INFO, &pinfo, &len) == 0)
		return pinfo.spinfo_assoc_id;
	len = sizeof type;
	if (getsockopt(sd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_STREAM)
		return 0;
	memset(&status, 0, sizeof status);
	len = sizeof status;
	if (getsockopt(sd, SOL_SCTP, SCTP_STATUS, &status, &len) == 0)
		return status.sstat_assoc_id;
	return 0;
}

/* On success sinfo->sinfo_assoc_id is the association's id, as on FreeBSD
 * (0 when it cannot be told: a one-to-many socket on a stack without
 * SCTP_GET_PEER_ADDR_INFO). */
ssize_t sctp_sendx(int sd, const void *msg, size_t len, struct sockaddr *addrs, int addrcnt,
                   struct sctp_sndrcvinfo *sinfo, int flags)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct libsctp_ctl c;
	ssize_t n = -1;
	int saved;

	if (!addrs || addrcnt <= 0)
		return libsctp_fail(EINVAL);
	if (libsctp_ctl_init(&c, addrcnt) < 0)
		return -1;
	if (libsctp_ctl_put_addrs(&c, &m, addrs, addrcnt) == 0) {
		if (sinfo)
			libsctp_ctl_put(&c, SCTP_SNDRCV, sinfo, sizeof *sinfo);
		libsctp_ctl_attach(&c, &m);
		n = sendmsg(sd, &m, flags);
	}
	saved = errno;
	libsctp_ctl_free(&c);
	if (n >= 0 && sinfo)
		sinfo->sinfo_assoc_id = assoc_of(sd, addrs);
	errno = saved;
	return n;
}

ssize_t sctp_sendmsgx(int sd, const void *msg, size_t len, struct sockaddr *addrs,
                      int addrcnt, uint32_t ppid, uint32_t flags, uint16_t stream_no,
                      uint32_t timetolive, uint32_t context)
{
	struct sctp_sndrcvinfo sinfo = {
		.sinfo_stream = stream_no,
		.sinfo_flags = (uint16_t)flags,
		.sinfo_ppid = ppid,
		.sinfo_context = context,
		.sinfo_timetolive = timetolive,
	};

	return sctp_sendx(sd, msg, len, addrs, addrcnt, &sinfo, 0);
}
