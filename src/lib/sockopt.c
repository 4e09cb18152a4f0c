/* SPDX-License-Identifier: MIT */
/*
 * setsockopt/getsockopt on our descriptors.  SOL_SCTP goes through the
 * personality to neutral options for the daemon; a few SOL_SOCKET options
 * are the daemon's or answered here; the rest are the socketpair end's own
 * (SO_RCVTIMEO, SO_SNDTIMEO, SO_KEEPALIVE, ...), which the kernel handles.
 * The caller's memory is read and written with process_vm_readv/writev on
 * ourselves, so a bad pointer gives EFAULT as in the kernel, not a crash.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "personality/personality.h"

#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef SOL_SCTP
#define SOL_SCTP 132
#endif

int shim_copy_user(void *dst, const void *src, size_t len, int to_user)
{
	struct iovec local = { to_user ? (void *)src : dst, len };
	struct iovec remote = { to_user ? dst : (void *)src, len };
	long r;

	if (!len)
		return 0;
	if (!dst || !src)
		return -EFAULT;
	r = syscall(to_user ? SYS_process_vm_writev : SYS_process_vm_readv,
	            getpid(), &local, 1UL, &remote, 1UL, 0UL);
	if (r == (long)len)
		return 0;
	if (r < 0 && (errno == ENOSYS || errno == EPERM)) {
		memcpy(dst, src, len);  /* no way to check here: trust the pointer */
		return 0;
	}
	return -EFAULT;
}

static int opt_request(uint16_t type, int fd, const struct pers_opt *o,
                       void *reply, size_t *reply_len)
{
	struct {
		struct shim_opt_req req;
		uint8_t value[sizeof o->v];
	} body;

	memset(&body.req, 0, sizeof body.req);
	body.req.opt = o->opt;
	body.req.assoc_id = o->assoc_id;
	body.req.len = o->len;
	memcpy(body.value, o->v.raw, o->len);
	return shim_request(type, &body, sizeof body.req + o->len, fd, reply, reply_len, NULL, 0);
}

int shim_getopt_u32(int fd, uint32_t opt, uint32_t assoc_id, uint32_t *v)
{
	struct pers_opt o = { .opt = opt, .assoc_id = assoc_id };
	size_t len = sizeof *v;
	int r = opt_request(SHIM_REQ_GETOPT, fd, &o, v, &len);

	if (r == 0 && len < sizeof *v)
		return -EPROTO;
	return r;
}

int shim_setopt_raw(int fd, uint32_t opt, uint32_t assoc_id, const void *v, uint32_t len)
{
	struct pers_opt o = { .opt = opt, .assoc_id = assoc_id, .len = len };

	if (len > sizeof o.v)
		return -EINVAL;
	memcpy(o.v.raw, v, len);
	return opt_request(SHIM_REQ_SETOPT, fd, &o, NULL, NULL);
}

int shim_assoc_seen(int fd, const struct shim_sock *s)
{
	struct pers_opt o = { .opt = SHIM_OPT_STATUS };
	struct shim_status st;
	size_t len = sizeof st;
	int r;

	if (s->connected || s->style != SHIM_STYLE_ONE_TO_ONE)
		return 1;
	r = opt_request(SHIM_REQ_GETOPT, fd, &o, &st, &len);
	if (r == -EINVAL)
		return 0;  /* the daemon's answer for "no association (yet)" */
	/* 0: there is one; ENOTCONN: the daemon already freed the socket
	 * after its association ended.  Anything else: let the call go on. */
	if (r == 0 || r == -ENOTCONN)
		shim_fd_set_connected(fd);
	return 1;
}

/* Largest Linux option value we convert (struct sctp_status). */
#define OPTBUF 256

static int set_sctp(int fd, const struct shim_sock *s, int name, const void *val, socklen_t len)
{
	uint8_t local[OPTBUF];
	uint32_t events = 0;
	struct pers_opt o;
	int r;

	if (pers_opt_from_linux(name) < 0)
		return shim_set_sctp_addrs(fd, s, name, val, len);
	if (len > OPTBUF)
		len = OPTBUF;  /* every Linux check we mirror is satisfied by a prefix */
	if (shim_copy_user(local, val, len, 0) < 0)
		return -EFAULT;
	if (pers_setopt_needs_events(name)) {
		r = shim_getopt_u32(fd, SHIM_OPT_EVENTS, 0, &events);
		if (r < 0)
			return r;
	}
	r = pers_setopt_encode(name, local, len, s->style == SHIM_STYLE_ONE_TO_MANY, events, &o);
	if (r < 0)
		return r;
	r = opt_request(SHIM_REQ_SETOPT, fd, &o, NULL, NULL);
	return r == -ENOTCONN ? -EINVAL : r < 0 ? r : 0;  /* see gone() */
}

/*
 * After a one-to-one association has ended the daemon frees the socket and
 * answers ENOTCONN to everything about it.  Linux keeps a CLOSED socket:
 * socket-level options still work on it (we keep those on our end), SO_ERROR
 * and SO_ACCEPTCONN read 0 (a pending ECONNRESET is reported by the read
 * that reaches the end of the data), and SOL_SCTP options find no
 * association: EINVAL, as sctp_id2assoc() failing gives.
 */
static int gone(int r)
{
	return r == -ENOTCONN;
}

static int set_socket(int fd, int name, const void *val, socklen_t len)
{
	uint32_t v;
	int r;

	switch (name) {
	case SO_SNDBUF:
	case SO_RCVBUF:
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE: {
		int eff = 0, get = (name == SO_SNDBUF || name == SO_SNDBUFFORCE) ? SO_SNDBUF : SO_RCVBUF;
		socklen_t el = sizeof eff;

		/* the kernel doubles and clamps exactly as for a kernel socket */
		if (REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0)
			return -errno;
		if (syscall(SYS_getsockopt, fd, SOL_SOCKET, get, &eff, &el) < 0)
			return -errno;
		v = (uint32_t)eff;
		r = shim_setopt_raw(fd, get == SO_SNDBUF ? SHIM_OPT_SNDBUF : SHIM_OPT_RCVBUF,
		                    0, &v, sizeof v);
		return gone(r) ? 0 : r;
	}
	case SO_LINGER: {
		struct linger l;
		struct shim_linger sl;

		if (len < (socklen_t)sizeof l)
			return -EINVAL;
		if (shim_copy_user(&l, val, sizeof l, 0) < 0)
			return -EFAULT;
		sl.onoff = l.l_onoff;
		sl.linger = l.l_linger;
		r = shim_setopt_raw(fd, SHIM_OPT_LINGER, 0, &sl, sizeof sl);
		if (gone(r))
			r = 0;
		if (r == 0 && REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0)
			return -errno;  /* kept on our end too: getsockopt reads it there */
		return r;
	}
	case SO_REUSEADDR: {
		int i;

		if (len < (socklen_t)sizeof i)
			return -EINVAL;
		if (shim_copy_user(&i, val, sizeof i, 0) < 0)
			return -EFAULT;
		v = i ? 1 : 0;
		r = shim_setopt_raw(fd, SHIM_OPT_REUSEADDR, 0, &v, sizeof v);
		if (gone(r))
			r = 0;
		if (r == 0 && REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0)
			return -errno;
		return r;
	}
	default:
		return REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0 ? -errno : 0;
	}
}

static int set_v6only(int fd, const void *val, socklen_t len)
{
	uint32_t v;
	int i, r;

	if (len < (socklen_t)sizeof i)
		return -EINVAL;
	if (shim_copy_user(&i, val, sizeof i, 0) < 0)
		return -EFAULT;
	v = i ? 1 : 0;
	r = shim_setopt_raw(fd, SHIM_OPT_V6ONLY, 0, &v, sizeof v);
	/* a daemon without the option serves dual-stack sockets: off is true */
	return r == -ENOPROTOOPT && v == 0 ? 0 : r;
}

static int get_v6only(int fd, void *val, socklen_t *lenp);

SHIM_EXPORT int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(setsockopt)(fd, level, name, val, len);
	if (level == SOL_SCTP)
		r = set_sctp(fd, &s, name, val, len);
	else if (level == SOL_SOCKET)
		r = set_socket(fd, name, val, len);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && s.family == AF_INET6)
		r = set_v6only(fd, val, len);
	else
		r = -ENOPROTOOPT;  /* other IP-level options are not carried yet */
	/* SCTP_SOCKOPT_CONNECTX answers with the association id */
	return r < 0 ? shim_fail(-r) : r;
}

static int get_sctp(int fd, const struct shim_sock *s, int name, void *val, socklen_t *lenp)
{
	uint8_t local[OPTBUF] = { 0 }, reply[sizeof(struct shim_status) + 16];
	size_t reply_len = sizeof reply;
	socklen_t len, in_len;
	struct pers_opt o;
	int r;

	if (pers_opt_from_linux(name) < 0)
		return shim_get_sctp_addrs(fd, s, name, val, lenp);
	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if ((int)len < 0)
		return -EINVAL;
	in_len = len > OPTBUF ? OPTBUF : len;
	if (shim_copy_user(local, val, in_len, 0) < 0)
		return -EFAULT;
	r = pers_getopt_prepare(name, local, len, s->style == SHIM_STYLE_ONE_TO_MANY, &o);
	if (r < 0)
		return r;
	r = opt_request(SHIM_REQ_GETOPT, fd, &o, reply, &reply_len);
	if (r == -ENOTCONN)
		return -EINVAL;  /* see gone() */
	if (r < 0)
		return r;
	if (len > OPTBUF)
		len = OPTBUF;
	r = pers_getopt_decode(name, reply, reply_len, local, &len);
	if (r < 0)
		return r;
	if (shim_copy_user(val, local, len, 1) < 0 || shim_copy_user(lenp, &len, sizeof len, 1) < 0)
		return -EFAULT;
	return 0;
}

/* sock_getsockopt() for an int: a short buffer gets the first bytes. */
static int put_int(int v, void *val, socklen_t *lenp)
{
	socklen_t len;

	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if ((int)len < 0)
		return -EINVAL;
	if (len > sizeof v)
		len = sizeof v;
	if (shim_copy_user(val, &v, len, 1) < 0 || shim_copy_user(lenp, &len, sizeof len, 1) < 0)
		return -EFAULT;
	return 0;
}

static int get_socket(int fd, const struct shim_sock *s, int name, void *val, socklen_t *lenp)
{
	uint32_t v = 0;
	int r;

	switch (name) {
	case SO_TYPE:
		return put_int(s->style == SHIM_STYLE_ONE_TO_ONE ? SOCK_STREAM : SOCK_SEQPACKET,
		               val, lenp);
	case SO_PROTOCOL:
		return put_int(IPPROTO_SCTP, val, lenp);
	case SO_DOMAIN:
		return put_int(s->family, val, lenp);
	case SO_ERROR:
	case SO_ACCEPTCONN:
		r = shim_getopt_u32(fd, name == SO_ERROR ? SHIM_OPT_SO_ERROR : SHIM_OPT_ACCEPTCONN,
		                    0, &v);
		if (gone(r))
			r = 0, v = 0;
		return r < 0 ? r : put_int((int)v, val, lenp);
	default:
		return REAL(getsockopt)(fd, SOL_SOCKET, name, val, lenp) < 0 ? -errno : 0;
	}
}

static int get_v6only(int fd, void *val, socklen_t *lenp)
{
	uint32_t v = 0;
	int r = shim_getopt_u32(fd, SHIM_OPT_V6ONLY, 0, &v);

	/* usrsctp sockets are always dual-stack: 0 is also right once gone */
	if (r < 0 && r != -ENOPROTOOPT && !gone(r))
		return r;
	return put_int(r < 0 ? 0 : (int)v, val, lenp);
}

SHIM_EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *lenp)
{
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(getsockopt)(fd, level, name, val, lenp);
	if (level == SOL_SCTP)
		r = get_sctp(fd, &s, name, val, lenp);
	else if (level == SOL_SOCKET)
		r = get_socket(fd, &s, name, val, lenp);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && s.family == AF_INET6)
		r = get_v6only(fd, val, lenp);
	else
		r = -ENOPROTOOPT;
	return r < 0 ? shim_fail(-r) : 0;
}
