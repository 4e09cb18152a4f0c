/* SPDX-License-Identifier: MIT */
/*
 * libsctp.so.1 of sctpshim: a drop-in for lksctp-tools' libsctp for hosts
 * without it.  Every call is a thin wrapper over the Linux socket API
 * (options and ancillary data of <linux/sctp.h>), so it works the same on
 * kernel SCTP and under the shim.  This header is private: programs use
 * <netinet/sctp.h>; the FreeBSD calls below are declared here for them.
 */
#ifndef SCTPSHIM_LIBSCTP_H
#define SCTPSHIM_LIBSCTP_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

/* FreeBSD's sctp_sendx(3) and sctp_sendmsgx(3) (version SCTPSHIM_FREEBSD_1):
 * send to the association with the packed peer address list `addrs`,
 * setting it up implicitly if there is none. */
ssize_t sctp_sendx(int sd, const void *msg, size_t len, struct sockaddr *addrs,
                   int addrcnt, struct sctp_sndrcvinfo *sinfo, int flags);
ssize_t sctp_sendmsgx(int sd, const void *msg, size_t len, struct sockaddr *addrs,
                      int addrcnt, uint32_t ppid, uint32_t flags, uint16_t stream_no,
                      uint32_t timetolive, uint32_t context);

/* Everything below is internal (the version script keeps it local). */

static inline int libsctp_fail(int err)
{
	errno = err;
	return -1;
}

/* sizeof sockaddr_in / sockaddr_in6 for AF_INET / AF_INET6, else 0. */
socklen_t libsctp_sockaddr_len(sa_family_t family);

/* Bytes of a packed list of `addrcnt` sockaddr_in / sockaddr_in6 (the
 * layout of sctp_bindx() and sctp_connectx()); -1 with EINVAL for an
 * unknown family or a list longer than an option can carry. */
int libsctp_packed_size(const struct sockaddr *addrs, int addrcnt);

/* The ancillary data of one send: in `small` when it fits, else on the heap
 * (many destination addresses). */
struct libsctp_ctl {
	union {
		struct cmsghdr align;
		char bytes[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))
		           + CMSG_SPACE(sizeof(struct sctp_sndinfo))
		           + CMSG_SPACE(sizeof(struct sctp_prinfo))
		           + CMSG_SPACE(sizeof(struct sctp_authinfo))];
	} small;
	char *buf;
	size_t used, cap;
};

/* Room for the fixed cmsgs plus `addrcnt` destination address cmsgs. */
int libsctp_ctl_init(struct libsctp_ctl *c, int addrcnt);
void libsctp_ctl_put(struct libsctp_ctl *c, int type, const void *data, size_t len);
/* The first address of the packed list becomes msg_name, the others
 * SCTP_DSTADDRV4 / SCTP_DSTADDRV6 cmsgs: Linux adds them to the
 * association a send sets up implicitly. */
int libsctp_ctl_put_addrs(struct libsctp_ctl *c, struct msghdr *m,
                          struct sockaddr *addrs, int addrcnt);
/* Point m at the cmsgs (none: no control buffer). */
void libsctp_ctl_attach(struct libsctp_ctl *c, struct msghdr *m);
void libsctp_ctl_free(struct libsctp_ctl *c);

#endif
