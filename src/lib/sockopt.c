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
#include "lib/sockopt_ip.h"

#include <stdlib.h>
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
	if (r == (long)len) {
		/* the memory is there: write it once more in plain sight, for
		 * checkers (valgrind) that see no other process write it */
		if (to_user)
			memcpy(dst, src, len);
		return 0;
	}
	if (r < 0 && (errno == ENOSYS || errno == EPERM)) {
		memcpy(dst, src, len);  /* no way to check here: trust the pointer */
		return 0;
	}
	return -EFAULT;
}

/* One SETOPT/GETOPT round trip: request value = v + tail; reply (get) =
 * shim_optval + variable part. */
static int opt_request(uint16_t type, int fd, uint32_t opt, uint32_t assoc_id, uint32_t scope,
                       struct shim_optval *v, const void *tail, size_t tail_len,
                       void *out_tail, size_t *out_tail_len)
{
	struct shim_opt_req req = { .opt = opt, .assoc_id = assoc_id, .scope = scope };
	size_t body_len = sizeof req + sizeof *v + tail_len, reply_len;
	uint8_t *body, *reply = NULL;
	int r;

	if (body_len > SHIM_CTRL_MAX - sizeof(struct shim_hdr))
		return -EINVAL;
	body = malloc(body_len);
	if (!body)
		return -ENOMEM;
	req.len = (uint32_t)(sizeof *v + tail_len);
	memcpy(body, &req, sizeof req);
	memcpy(body + sizeof req, v, sizeof *v);
	if (tail_len)
		memcpy(body + sizeof req + sizeof *v, tail, tail_len);
	if (type == SHIM_REQ_SETOPT) {
		r = shim_request(type, body, body_len, fd, NULL, NULL, NULL, 0);
		free(body);
		return r;
	}
	reply_len = SHIM_CTRL_MAX;
	reply = malloc(reply_len);
	r = reply ? shim_request(type, body, body_len, fd, reply, &reply_len, NULL, 0) : -ENOMEM;
	free(body);
	if (r == 0 && reply_len < sizeof *v)
		r = -EPROTO;
	if (r == 0) {
		size_t rest = reply_len - sizeof *v;

		memcpy(v, reply, sizeof *v);
		if (out_tail_len) {
			if (rest > *out_tail_len)
				rest = *out_tail_len;
			if (rest)
				memcpy(out_tail, reply + sizeof *v, rest);
			*out_tail_len = rest;
		}
	}
	free(reply);
	return r;
}

int shim_setopt(int fd, uint32_t opt, uint32_t assoc_id, uint32_t scope,
                const struct shim_optval *v, const void *tail, size_t tail_len)
{
	struct shim_optval copy = *v;

	return opt_request(SHIM_REQ_SETOPT, fd, opt, assoc_id, scope, &copy, tail, tail_len,
	                   NULL, NULL);
}

int shim_getopt(int fd, uint32_t opt, uint32_t assoc_id, uint32_t scope,
                struct shim_optval *v, void *tail, size_t *tail_len)
{
	return opt_request(SHIM_REQ_GETOPT, fd, opt, assoc_id, scope, v, NULL, 0, tail, tail_len);
}

int shim_getopt_u32(int fd, uint32_t opt, uint32_t *v)
{
	struct shim_optval val;
	int r;

	memset(&val, 0, sizeof val);
	r = shim_getopt(fd, opt, 0, SHIM_SCOPE_SOCKET, &val, NULL, NULL);
	if (r == 0)
		*v = (uint32_t)val.f[0];
	return r;
}

int shim_setopt_u32(int fd, uint32_t opt, uint32_t v)
{
	struct shim_optval val;

	memset(&val, 0, sizeof val);
	val.f[0] = v;
	return shim_setopt(fd, opt, 0, SHIM_SCOPE_SOCKET, &val, NULL, 0);
}

int shim_assoc_seen(int fd, const struct shim_sock *s)
{
	struct shim_optval st;
	int r;

	if (s->connected || s->style != SHIM_STYLE_ONE_TO_ONE)
		return 1;
	memset(&st, 0, sizeof st);
	r = shim_getopt(fd, SHIM_OPT_STATUS, 0, SHIM_SCOPE_ASSOC, &st, NULL, NULL);
	if (r == -EINVAL)
		return 0;  /* the daemon's answer for "no association (yet)" */
	/* 0: there is one; ENOTCONN: the daemon already freed the socket
	 * after its association ended.  Anything else: let the call go on. */
	if (r == 0 || r == -ENOTCONN)
		shim_fd_set_connected(fd);
	return 1;
}

/* Largest option value copied in (the variable ones: key, id lists). */
#define OPT_COPY_MAX (SHIM_CTRL_MAX / 2)

static int set_sctp(int fd, const struct shim_sock *s, int name, const void *val, socklen_t len)
{
	uint32_t events = 0;
	struct pers_opt o;
	uint8_t *local;
	size_t copy;
	int r;

	/* every check Linux makes on a fixed-size value is satisfied by a
	 * prefix; variable values beyond this are refused below */
	copy = len > OPT_COPY_MAX ? OPT_COPY_MAX : len;
	local = calloc(1, copy + 1);
	if (!local)
		return -ENOMEM;
	/* sctp_setsockopt() copies the value in before it looks at the
	 * option number: a bad pointer is EFAULT whatever the option */
	r = shim_copy_user(local, val, copy, 0);
	if (r == 0 && pers_opt_from_linux(name) < 0) {
		free(local);
		return shim_set_sctp_addrs(fd, s, name, val, len);
	}
	if (r == 0 && pers_setopt_needs_events(name))
		r = shim_getopt_u32(fd, SHIM_OPT_EVENTS, &events);
	if (r == 0)
		r = pers_setopt_encode(name, local, len, s->style == SHIM_STYLE_ONE_TO_MANY,
		                       events, &o);
	if (r == 0)
		r = shim_setopt(fd, o.opt, o.assoc_id, o.scope, &o.val, o.tail, o.tail_len);
	if (r == 0 && o.opt == SHIM_OPT_I_WANT_MAPPED_V4_ADDR)
		shim_report_family_forget(fd);
	free(local);
	return r == -ENOTCONN ? -EINVAL : r;  /* see gone() */
}

/*
 * After a one-to-one association has ended the daemon frees the socket and
 * answers ENOTCONN to everything about it.  Linux keeps a CLOSED socket:
 * socket-level options still work on it (we keep those on our end), SO_ERROR
 * reads the pending error the daemon kept past the endpoint (ended.c) or 0,
 * SO_ACCEPTCONN reads 0, and SOL_SCTP options find no
 * association: EINVAL, as sctp_id2assoc() failing gives.
 */
static int gone(int r)
{
	return r == -ENOTCONN;
}

/* An int option's value as the kernel reads it (sockptr_t, an int at least),
 * made boolean. */
static int bool_from_user(const void *val, socklen_t len, uint32_t *out)
{
	int i;

	if (len < (socklen_t)sizeof i)
		return -EINVAL;
	if (shim_copy_user(&i, val, sizeof i, 0) < 0)
		return -EFAULT;
	*out = i ? 1 : 0;
	return 0;
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
		r = shim_setopt_u32(fd, get == SO_SNDBUF ? SHIM_OPT_SNDBUF : SHIM_OPT_RCVBUF, v);
		return gone(r) ? 0 : r;
	}
	case SO_LINGER: {
		struct linger l;
		struct shim_optval sl;

		if (len < (socklen_t)sizeof l)
			return -EINVAL;
		if (shim_copy_user(&l, val, sizeof l, 0) < 0)
			return -EFAULT;
		memset(&sl, 0, sizeof sl);
		sl.f[0] = (uint64_t)(int64_t)l.l_onoff;
		sl.f[1] = (uint64_t)(int64_t)l.l_linger;
		r = shim_setopt(fd, SHIM_OPT_LINGER, 0, SHIM_SCOPE_SOCKET, &sl, NULL, 0);
		if (gone(r))
			r = 0;
		if (r == 0 && REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0)
			return -errno;  /* kept on our end too: getsockopt reads it there */
		return r;
	}
	case SO_REUSEADDR:
		r = bool_from_user(val, len, &v);
		if (r == 0)
			r = shim_setopt_u32(fd, SHIM_OPT_REUSEADDR, v);
		if (gone(r))
			r = 0;
		if (r == 0 && REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0)
			return -errno;
		return r;
	case SO_REUSEPORT:
		/* the socketpair (AF_UNIX) refuses it: the daemon keeps it */
		r = bool_from_user(val, len, &v);
		if (r == 0)
			r = shim_setopt_u32(fd, SHIM_OPT_SO_REUSEPORT, v);
		return gone(r) ? 0 : r;
	default:
		return REAL(setsockopt)(fd, SOL_SOCKET, name, val, len) < 0 ? -errno : 0;
	}
}

static int set_v6only(int fd, const void *val, socklen_t len)
{
	uint32_t v;
	int r = bool_from_user(val, len, &v);

	if (r < 0)
		return r;
	r = shim_setopt_u32(fd, SHIM_OPT_V6ONLY, v);
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
	if ((int)len < 0)
		return shim_fail(EINVAL);  /* __sys_setsockopt(), at every level */
	if (level == SOL_SCTP)
		r = set_sctp(fd, &s, name, val, len);
	else if (level == SOL_SOCKET && (name == SO_BINDTODEVICE || name == SO_BINDTOIFINDEX))
		r = shim_set_bind_device(fd, name, val, len);
	else if (level == SOL_SOCKET)
		r = set_socket(fd, name, val, len);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && s.family == AF_INET6)
		r = set_v6only(fd, val, len);
	else if (level == IPPROTO_IP || level == IPPROTO_IPV6)
		r = shim_set_ip_level(fd, &s, level, name, val, len);
	else
		r = -ENOPROTOOPT;
	/* SCTP_SOCKOPT_CONNECTX answers with the association id */
	return r < 0 ? shim_fail(-r) : r;
}

static int get_sctp(int fd, const struct shim_sock *s, int name, void *val, socklen_t *lenp)
{
	uint8_t *local = NULL, *tail = NULL;
	size_t tail_len = SHIM_CTRL_MAX, cap;
	socklen_t len;
	struct pers_opt o;
	int r;

	/* sctp_getsockopt() reads and checks the length before it looks at
	 * the option number */
	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0 || !lenp)
		return -EFAULT;
	if ((int)len < 0)
		return -EINVAL;
	if (pers_opt_from_linux(name) < 0)
		return shim_get_sctp_addrs(fd, s, name, val, lenp);
	/* room for the answer even when the program's buffer is short: the
	 * personality decides what a short buffer gets */
	cap = len > OPT_COPY_MAX ? OPT_COPY_MAX : len;
	local = calloc(1, cap + 512);
	tail = malloc(tail_len);
	r = local && tail ? 0 : -ENOMEM;
	if (r == 0)
		r = shim_copy_user(local, val, cap, 0);
	if (r == 0)
		r = pers_getopt_prepare(name, local, len, s->style == SHIM_STYLE_ONE_TO_MANY, &o);
	if (r == 0)
		r = shim_getopt(fd, o.opt, o.assoc_id, o.scope, &o.val, tail, &tail_len);
	if (r == -ENOTCONN)
		r = -EINVAL;  /* see gone() */
	if (r == 0) {
		if (len > cap)
			len = (socklen_t)cap;
		r = pers_getopt_decode(name, &o.val, tail, tail_len, local, &len);
	}
	if (r == 0 && (shim_copy_user(val, local, len, 1) < 0
	               || shim_copy_user(lenp, &len, sizeof len, 1) < 0))
		r = -EFAULT;
	free(local);
	free(tail);
	return r;
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
		                    &v);
		if (name == SO_ERROR)
			shim_error_cleared(fd);  /* EPOLLERR stops */
		if (gone(r))
			r = 0, v = 0;
		return r < 0 ? r : put_int((int)v, val, lenp);
	case SO_REUSEPORT:
		r = shim_getopt_u32(fd, SHIM_OPT_SO_REUSEPORT, &v);
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
	int r = shim_getopt_u32(fd, SHIM_OPT_V6ONLY, &v);

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
	else if (level == SOL_SOCKET && (name == SO_BINDTODEVICE || name == SO_BINDTOIFINDEX))
		r = shim_get_bind_device(fd, name, val, lenp);
	else if (level == SOL_SOCKET)
		r = get_socket(fd, &s, name, val, lenp);
	else if (level == IPPROTO_IPV6 && name == IPV6_V6ONLY && s.family == AF_INET6)
		r = get_v6only(fd, val, lenp);
	else if (level == IPPROTO_IP || level == IPPROTO_IPV6)
		r = shim_get_ip_level(fd, &s, level, name, val, lenp);
	else
		r = -ENOPROTOOPT;
	/* SCTP_SOCKOPT_PEELOFF answers with the new descriptor */
	return r < 0 ? shim_fail(-r) : r;
}
