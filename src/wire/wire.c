/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "wire.h"

#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

void shim_hdr_init(struct shim_hdr *h, uint16_t type, uint32_t len, uint32_t flags)
{
	h->magic = SHIM_MAGIC;
	h->version = SHIM_VERSION;
	h->type = type;
	h->len = len;
	h->flags = flags;
}

int shim_hdr_check(const void *rec, size_t received, size_t max)
{
	struct shim_hdr h;

	if (received < sizeof h)
		return -EBADMSG;
	memcpy(&h, rec, sizeof h);
	if (h.magic != SHIM_MAGIC || h.version != SHIM_VERSION)
		return -EPROTO;
	if (h.len > max)
		return -EMSGSIZE;
	if (h.len != received)
		return -EBADMSG;
	return 0;
}

size_t shim_addrs_size(uint32_t count)
{
	return sizeof(struct shim_addrs_req) + (size_t)count * sizeof(struct shim_addr);
}

static int addrs_check(const void *body, size_t len, int allow_empty)
{
	struct shim_addrs_req r;

	if (len < sizeof r)
		return -EBADMSG;
	memcpy(&r, body, sizeof r);
	if ((!allow_empty && r.count == 0) || r.count > SHIM_MAX_ADDRS)
		return -EBADMSG;
	return len == shim_addrs_size(r.count) ? 0 : -EBADMSG;
}

static int opt_check(const void *body, size_t len)
{
	struct shim_opt_req r;

	if (len < sizeof r)
		return -EBADMSG;
	memcpy(&r, body, sizeof r);
	return len == sizeof r + (size_t)r.len ? 0 : -EBADMSG;
}

static int notify_check(const void *body, size_t len)
{
	struct shim_notify n;

	if (len < sizeof n)
		return -EBADMSG;
	memcpy(&n, body, sizeof n);
	return len == sizeof n + (size_t)n.len ? 0 : -EBADMSG;
}

int shim_body_check(uint16_t type, const void *body, size_t len)
{
	switch (type) {
	case SHIM_REQ_HELLO:    return len == sizeof(struct shim_hello) ? 0 : -EBADMSG;
	case SHIM_REQ_SOCKET:   return len == sizeof(struct shim_socket_req) ? 0 : -EBADMSG;
	case SHIM_REQ_BIND:
	case SHIM_REQ_CONNECT:  return addrs_check(body, len, 0);
	case SHIM_REQ_LISTEN:   return len == sizeof(struct shim_listen_req) ? 0 : -EBADMSG;
	case SHIM_REQ_SETOPT:
	case SHIM_REQ_GETOPT:   return opt_check(body, len);
	case SHIM_REQ_SHUTDOWN: return len == sizeof(struct shim_shutdown_req) ? 0 : -EBADMSG;
	case SHIM_REQ_GETADDRS: return len == sizeof(struct shim_getaddrs_req) ? 0 : -EBADMSG;
	case SHIM_REQ_STATUS:
	case SHIM_REQ_STATS:    return len == 0 ? 0 : -EBADMSG;
	case SHIM_REQ_PEELOFF:  return len == sizeof(struct shim_peeloff_req) ? 0 : -EBADMSG;
	case SHIM_REQ_LINGER_WAIT:
	case SHIM_REQ_LINGER_CLOSED: return len == 0 ? 0 : -EBADMSG;
	case SHIM_REPLY:        return len >= sizeof(struct shim_reply) ? 0 : -EBADMSG;
	case SHIM_DATA:         return len >= sizeof(struct shim_msginfo)
	                               && len - sizeof(struct shim_msginfo) <= SHIM_DATA_CHUNK
	                               ? 0 : -EBADMSG;
	case SHIM_NOTIFY:       return notify_check(body, len);
	case SHIM_ACCEPT:       return len == sizeof(struct shim_accept) ? 0 : -EBADMSG;
	case SHIM_CONNECTED:    return len == sizeof(struct shim_connected) ? 0 : -EBADMSG;
	case SHIM_ERROR:        return len == sizeof(struct shim_error) ? 0 : -EBADMSG;
	case SHIM_FENCE:        return 0;
	case SHIM_NUDGE:        return len == 0 ? 0 : -EBADMSG;
	default:                return -EBADMSG;
	}
}

const char *shim_type_name(uint16_t type)
{
	switch (type) {
	case SHIM_REQ_HELLO:    return "HELLO";
	case SHIM_REQ_SOCKET:   return "SOCKET";
	case SHIM_REQ_BIND:     return "BIND";
	case SHIM_REQ_LISTEN:   return "LISTEN";
	case SHIM_REQ_CONNECT:  return "CONNECT";
	case SHIM_REQ_SETOPT:   return "SETOPT";
	case SHIM_REQ_GETOPT:   return "GETOPT";
	case SHIM_REQ_SHUTDOWN: return "SHUTDOWN";
	case SHIM_REQ_GETADDRS: return "GETADDRS";
	case SHIM_REQ_STATUS:   return "STATUS";
	case SHIM_REQ_STATS:    return "STATS";
	case SHIM_REQ_PEELOFF:  return "PEELOFF";
	case SHIM_REQ_LINGER_WAIT:   return "LINGER_WAIT";
	case SHIM_REQ_LINGER_CLOSED: return "LINGER_CLOSED";
	case SHIM_REPLY:        return "REPLY";
	case SHIM_DATA:         return "DATA";
	case SHIM_NOTIFY:       return "NOTIFY";
	case SHIM_ACCEPT:       return "ACCEPT";
	case SHIM_CONNECTED:    return "CONNECTED";
	case SHIM_ERROR:        return "ERROR";
	case SHIM_FENCE:        return "FENCE";
	case SHIM_NUDGE:        return "NUDGE";
	default:                return "UNKNOWN";
	}
}

int shim_addr_from_sockaddr(struct shim_addr *out, const struct sockaddr *sa, socklen_t len)
{
	memset(out, 0, sizeof *out);
	if (len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family == AF_INET) {
		struct sockaddr_in in;

		if (len < (socklen_t)sizeof in)
			return -EINVAL;
		memcpy(&in, sa, sizeof in);
		out->family = AF_INET;
		out->port = ntohs(in.sin_port);
		memcpy(out->addr, &in.sin_addr, 4);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		struct sockaddr_in6 in6;

		if (len < (socklen_t)sizeof in6)
			return -EINVAL;
		memcpy(&in6, sa, sizeof in6);
		out->family = AF_INET6;
		out->port = ntohs(in6.sin6_port);
		out->scope_id = in6.sin6_scope_id;
		out->flowinfo = in6.sin6_flowinfo;
		memcpy(out->addr, &in6.sin6_addr, 16);
		return 0;
	}
	return -EAFNOSUPPORT;
}

socklen_t shim_addr_to_sockaddr(const struct shim_addr *a, struct sockaddr_storage *out)
{
	memset(out, 0, sizeof *out);
	if (a->family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)out;

		in->sin_family = AF_INET;
		in->sin_port = htons(a->port);
		memcpy(&in->sin_addr, a->addr, 4);
		return sizeof *in;
	}
	if (a->family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(a->port);
		in6->sin6_scope_id = a->scope_id;
		in6->sin6_flowinfo = a->flowinfo;
		memcpy(&in6->sin6_addr, a->addr, 16);
		return sizeof *in6;
	}
	return 0;
}

ssize_t shim_send_record(int sock, const struct iovec *iov, int iovcnt, int pass_fd, int flags)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr m = {
		.msg_iov = (struct iovec *)iov,
		.msg_iovlen = (size_t)iovcnt,
	};
	long r;

	if (pass_fd >= 0) {
		struct cmsghdr *c;

		memset(&ctl, 0, sizeof ctl);
		m.msg_control = ctl.buf;
		m.msg_controllen = sizeof ctl.buf;
		c = CMSG_FIRSTHDR(&m);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass_fd, sizeof(int));
	}
	r = syscall(SYS_sendmsg, sock, &m, flags | MSG_NOSIGNAL);
	return r < 0 ? -errno : r;
}

const char *shim_daemon_name(void)
{
	const char *name = getenv("SCTPSHIM_SOCKET");

	return name && *name ? name : SHIM_DEFAULT_SOCKET;
}

int shim_daemon_address(const char *name, struct sockaddr_un *out)
{
	size_t len = strlen(name);

	if (len == 0)
		return -EINVAL;
	if (len > SHIM_DAEMON_NAME_MAX)
		return -ENAMETOOLONG;
	memset(out, 0, sizeof *out);
	out->sun_family = AF_UNIX;
	memcpy(out->sun_path + 1, name, len);
	return (int)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

void shim_for_each_passed_fd(const struct msghdr *m, void (*fn)(int fd, void *arg), void *arg)
{
	struct cmsghdr *c;

	if (!m->msg_control || m->msg_controllen < sizeof(struct cmsghdr))
		return;
	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR((struct msghdr *)m, c)) {
		size_t n, i;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
			fn(fd, arg);
		}
	}
}

/* Keep the first passed descriptor in *recv_fd (when wanted), close the rest. */
static void take_passed_fd(int fd, void *arg)
{
	int *recv_fd = arg;

	if (recv_fd && *recv_fd < 0)
		*recv_fd = fd;
	else
		syscall(SYS_close, fd);
}

ssize_t shim_recv_record(int sock, void *buf, size_t cap, int *recv_fd, int flags)
{
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr m = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = ctl.buf,
		.msg_controllen = sizeof ctl.buf,
	};
	long r;

	if (recv_fd)
		*recv_fd = -1;
	do
		r = syscall(SYS_recvmsg, sock, &m, flags);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -errno;
	shim_for_each_passed_fd(&m, take_passed_fd, recv_fd);
	if (m.msg_flags & MSG_TRUNC) {
		if (recv_fd && *recv_fd >= 0) {
			syscall(SYS_close, *recv_fd);
			*recv_fd = -1;
		}
		return -EMSGSIZE;
	}
	return r;
}
