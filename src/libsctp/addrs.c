/* SPDX-License-Identifier: MIT */
/*
 * Address calls: sctp_bindx() (SCTP_SOCKOPT_BINDX_ADD/REM setsockopt),
 * sctp_getpaddrs() / sctp_getladdrs() (SCTP_GET_PEER_ADDRS /
 * SCTP_GET_LOCAL_ADDRS getsockopt) and their frees, sctp_getaddrlen().
 */
#include <config.h>
#include "libsctp/libsctp.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

socklen_t libsctp_sockaddr_len(sa_family_t family)
{
	switch (family) {
	case AF_INET:
		return sizeof(struct sockaddr_in);
	case AF_INET6:
		return sizeof(struct sockaddr_in6);
	default:
		return 0;
	}
}

int libsctp_packed_size(const struct sockaddr *addrs, int addrcnt)
{
	const char *at = (const char *)addrs;
	size_t size = 0;

	if (addrcnt > 0 && !addrs)
		return libsctp_fail(EFAULT);
	for (int i = 0; i < addrcnt; i++) {
		sa_family_t family;
		socklen_t len;

		/* the list is packed: an entry need not be aligned */
		memcpy(&family, at + size + offsetof(struct sockaddr, sa_family), sizeof family);
		len = libsctp_sockaddr_len(family);
		if (len == 0 || size + len > INT_MAX)
			return libsctp_fail(EINVAL);
		size += len;
	}
	return (int)size;
}

int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)
{
	int option, size;

	if (flags == SCTP_BINDX_ADD_ADDR)
		option = SCTP_SOCKOPT_BINDX_ADD;
	else if (flags == SCTP_BINDX_REM_ADDR)
		option = SCTP_SOCKOPT_BINDX_REM;
	else
		return libsctp_fail(EINVAL);
	size = libsctp_packed_size(addrs, addrcnt);
	if (size < 0)
		return -1;
	/* an empty list is the kernel's to refuse (EINVAL) */
	return setsockopt(sd, SOL_SCTP, option, addrs, (socklen_t)size);
}

/* The kernel answers ENOMEM when the addresses do not fit; grow until
 * they do.  The list ends at a few hundred kilobytes even for an endpoint
 * bound to every address of a big host. */
enum { ADDRS_FIRST_ROOM = 4096, ADDRS_MAX_ROOM = 1 << 22 };

static int get_addrs(int sd, int option, sctp_assoc_t id, struct sockaddr **addrs)
{
	size_t room = ADDRS_FIRST_ROOM;
	struct sctp_getaddrs *ga;
	socklen_t len;
	uint32_t count;

	if (!addrs)
		return libsctp_fail(EFAULT);
	for (;;) {
		ga = malloc(sizeof *ga + room);
		if (!ga)
			return -1;
		ga->assoc_id = id;
		ga->addr_num = 0;
		len = (socklen_t)(sizeof *ga + room);
		if (getsockopt(sd, SOL_SCTP, option, ga, &len) == 0)
			break;
		if (errno != ENOMEM || room >= ADDRS_MAX_ROOM) {
			int saved = errno;

			free(ga);
			return libsctp_fail(saved);
		}
		free(ga);
		room *= 2;
	}
	count = ga->addr_num;
	if (count == 0 || count > INT_MAX) {
		free(ga);
		*addrs = NULL;
		return count ? libsctp_fail(EOVERFLOW) : 0;
	}
	/* hand out the packed list itself: sctp_free?addrs() frees it */
	len = len > sizeof *ga ? len - (socklen_t)sizeof *ga : 0;
	memmove(ga, ga->addrs, len);
	*addrs = (struct sockaddr *)ga;
	return (int)count;
}

int sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return get_addrs(sd, SCTP_GET_PEER_ADDRS, id, addrs);
}

int sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return get_addrs(sd, SCTP_GET_LOCAL_ADDRS, id, addrs);
}

int sctp_freepaddrs(struct sockaddr *addrs)
{
	free(addrs);
	return 0;
}

int sctp_freeladdrs(struct sockaddr *addrs)
{
	free(addrs);
	return 0;
}

/* RFC 6458 9.8.  lksctp 1.0.19 returns 0 for an unknown family; -1 with
 * EINVAL is what the RFC and FreeBSD say, and what callers test for. */
int sctp_getaddrlen(sa_family_t family)
{
	socklen_t len = libsctp_sockaddr_len(family);

	return len ? (int)len : libsctp_fail(EINVAL);
}
