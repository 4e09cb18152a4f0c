/* SPDX-License-Identifier: MIT */
/* Addresses towards the program: sockaddr conversion, getsockname,
 * getpeername. */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "lib/names.h"
#include "wire/wire.h"

#include <string.h>
#include <netinet/in.h>

void shim_fill_sockaddr(const struct shim_addr *a, int sock_family,
                        struct sockaddr *out, socklen_t *len)
{
	struct sockaddr_storage ss;
	socklen_t n;

	if (!out || !len)
		return;
	if (sock_family == AF_INET6 && a->family == AF_INET) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		memset(&ss, 0, sizeof ss);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(a->port);
		in6->sin6_addr.s6_addr[10] = 0xff;
		in6->sin6_addr.s6_addr[11] = 0xff;
		memcpy(&in6->sin6_addr.s6_addr[12], a->addr, 4);
		n = sizeof *in6;
	} else {
		n = shim_addr_to_sockaddr(a, &ss);
	}
	memcpy(out, &ss, *len < n ? *len : n);
	*len = n;
}

int shim_sockaddr_from_user(const struct sockaddr *uaddr, socklen_t ulen,
                            struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof *ss);
	if ((int)ulen < 0 || ulen > sizeof *ss)
		return -EINVAL;
	return shim_copy_user(ss, uaddr, ulen, 0) < 0 ? -EFAULT : 0;
}

int shim_sockaddr_to_user(const struct shim_addr *a, int sock_family, struct sockaddr *uaddr,
                          socklen_t *ulen)
{
	struct sockaddr_storage ss;
	socklen_t full = sizeof ss;
	int len;

	if (shim_copy_user(&len, ulen, sizeof len, 0) < 0)
		return -EFAULT;
	shim_fill_sockaddr(a, sock_family, (struct sockaddr *)&ss, &full);
	if (len > (int)full)
		len = (int)full;
	if (len < 0)
		return -EINVAL;
	if (shim_copy_user(uaddr, &ss, (size_t)len, 1) < 0
	    || shim_copy_user(ulen, &full, sizeof full, 1) < 0)
		return -EFAULT;
	return 0;
}

int shim_report_family(int fd, const struct shim_sock *s)
{
	struct shim_fd_rx *rx;
	int off;

	if (s->family != AF_INET6 || !(rx = shim_rx_get(fd)))
		return s->family;
	if (!rx->v4mapped_known) {
		uint32_t on = 1;

		if (shim_getopt_u32(fd, SHIM_OPT_I_WANT_MAPPED_V4_ADDR, &on) == 0) {
			rx->v4mapped_off = !on;
			rx->v4mapped_known = 1;
		}
	}
	off = rx->v4mapped_off;
	shim_rx_put(rx);
	return off ? AF_INET : AF_INET6;  /* AF_INET: IPv4 addresses as they are */
}

void shim_report_family_forget(int fd)
{
	struct shim_fd_rx *rx = shim_rx_get(fd);

	if (rx) {
		rx->v4mapped_known = 0;
		shim_rx_put(rx);
	}
}

/* The last address getsockname() reported (or bind() set) for fd's socket:
 * the daemon forgets a one-to-one socket once its association is over,
 * Linux still reports its address then. */
void shim_name_remember(int fd, const struct shim_addr *a)
{
	struct shim_fd_rx *rx = shim_rx_get(fd);

	if (!rx)
		return;
	pthread_mutex_lock(&rx->lock);
	rx->name = *a;
	rx->have_name = 1;
	pthread_mutex_unlock(&rx->lock);
	shim_rx_put(rx);
}

static int name_recall(int fd, struct shim_addr *a)
{
	struct shim_fd_rx *rx = shim_rx_get(fd);
	int have = 0;

	if (!rx)
		return 0;
	pthread_mutex_lock(&rx->lock);
	if (rx->have_name) {
		*a = rx->name;
		have = 1;
	}
	pthread_mutex_unlock(&rx->lock);
	shim_rx_put(rx);
	return have;
}

/* inet_getname() says what there is, then move_addr_to_user() checks the
 * program's buffer: an unconnected socket is ENOTCONN even with a bad one. */
static int get_name(int fd, const struct shim_sock *s, uint32_t which,
                    struct sockaddr *addr, socklen_t *len)
{
	struct shim_getaddrs_req req = { .which = which };
	struct {
		struct shim_addrs_reply rep;
		struct shim_addr addrs[SHIM_MAX_ADDRS];
	} body;
	size_t body_len = sizeof body;
	struct shim_addr a;
	int family = s->family, r;

	/* a one-to-many socket stays in CLOSED state: never "connected" */
	if (which == SHIM_ADDRS_PEER && s->style == SHIM_STYLE_ONE_TO_MANY)
		return shim_fail(ENOTCONN);
	r = shim_request(SHIM_REQ_GETADDRS, &req, sizeof req, fd, &body, &body_len, NULL, 0);
	if (r == -ENOTCONN && which == SHIM_ADDRS_SOCKNAME && s->style == SHIM_STYLE_ONE_TO_ONE) {
		/* association over and socket freed: the last address known,
		 * else the wildcard (the port is then lost) */
		memset(&a, 0, sizeof a);
		a.family = (uint16_t)s->family;
		name_recall(fd, &a);
		family = shim_report_family(fd, s);
	} else if (r < 0) {
		return shim_fail(-r);
	} else if (body_len < sizeof body.rep + sizeof(struct shim_addr) || body.rep.count == 0) {
		if (which == SHIM_ADDRS_PEER)
			return shim_fail(ENOTCONN);
		memset(&a, 0, sizeof a);
		a.family = (uint16_t)s->family;  /* unbound: the wildcard */
	} else {
		a = body.addrs[0];
		if (which == SHIM_ADDRS_SOCKNAME && s->style == SHIM_STYLE_ONE_TO_ONE)
			shim_name_remember(fd, &a);
		family = shim_report_family(fd, s);
	}
	r = shim_sockaddr_to_user(&a, family, addr, len);
	return r < 0 ? shim_fail(-r) : 0;
}

SHIM_EXPORT int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(getsockname)(fd, addr, len);
	return get_name(fd, &s, SHIM_ADDRS_SOCKNAME, addr, len);
}

SHIM_EXPORT int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(getpeername)(fd, addr, len);
	return get_name(fd, &s, SHIM_ADDRS_PEER, addr, len);
}
