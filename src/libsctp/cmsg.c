/* SPDX-License-Identifier: MIT */
/* Building the SCTP ancillary data of a send (see libsctp.h). */
#include <config.h>
#include "libsctp/libsctp.h"

#include <stdlib.h>
#include <string.h>

int libsctp_ctl_init(struct libsctp_ctl *c, int addrcnt)
{
	size_t need = sizeof c->small.bytes;

	c->used = 0;
	if (addrcnt > 1)
		need += (size_t)(addrcnt - 1) * CMSG_SPACE(sizeof(struct in6_addr));
	if (need <= sizeof c->small.bytes) {
		c->buf = c->small.bytes;
		c->cap = sizeof c->small.bytes;
		return 0;
	}
	c->buf = calloc(1, need);
	if (!c->buf)
		return -1;
	c->cap = need;
	return 0;
}

void libsctp_ctl_put(struct libsctp_ctl *c, int type, const void *data, size_t len)
{
	struct cmsghdr h = {
		.cmsg_len = CMSG_LEN(len), .cmsg_level = IPPROTO_SCTP, .cmsg_type = type,
	};
	char *at = c->buf + c->used;

	/* callers size the buffer for everything they put (ctl_init) */
	if (c->used + CMSG_SPACE(len) > c->cap)
		abort();
	memset(at, 0, CMSG_SPACE(len));
	memcpy(at, &h, sizeof h);
	memcpy(at + CMSG_LEN(0), data, len);
	c->used += CMSG_SPACE(len);
}

int libsctp_ctl_put_addrs(struct libsctp_ctl *c, struct msghdr *m,
                          struct sockaddr *addrs, int addrcnt)
{
	char *at = (char *)addrs;
	socklen_t len;

	if (addrcnt <= 0 || !addrs)
		return 0;
	if (libsctp_packed_size(addrs, addrcnt) < 0)
		return -1;
	len = libsctp_sockaddr_len(addrs->sa_family);
	m->msg_name = addrs;
	m->msg_namelen = len;
	at += len;
	for (int i = 1; i < addrcnt; i++) {
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
		sa_family_t family;

		memcpy(&family, at + offsetof(struct sockaddr, sa_family), sizeof family);
		if (family == AF_INET) {
			memcpy(&v4, at, sizeof v4);
			libsctp_ctl_put(c, SCTP_DSTADDRV4, &v4.sin_addr, sizeof v4.sin_addr);
			at += sizeof v4;
		} else {
			memcpy(&v6, at, sizeof v6);
			libsctp_ctl_put(c, SCTP_DSTADDRV6, &v6.sin6_addr, sizeof v6.sin6_addr);
			at += sizeof v6;
		}
	}
	return 0;
}

void libsctp_ctl_attach(struct libsctp_ctl *c, struct msghdr *m)
{
	m->msg_control = c->used ? c->buf : NULL;
	m->msg_controllen = c->used;
}

void libsctp_ctl_free(struct libsctp_ctl *c)
{
	if (c->buf != c->small.bytes)
		free(c->buf);
	c->buf = NULL;
}
