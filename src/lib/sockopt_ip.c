/* SPDX-License-Identifier: MIT */
/*
 * IP-level options on SCTP sockets, and binding to a device.
 *
 * Linux's sctp sockets hand these to the IP layer (ip_setsockopt,
 * ipv6_setsockopt).  The daemon sends every packet over its one UDP
 * socket, with no per-packet TOS or traffic class (usrsctp's UDP output
 * carries none), so IP_TOS and IPV6_TCLASS are kept and reported with
 * Linux's rules but do not reach the wire.  A device binding cannot be
 * honoured either: it is refused as a kernel without network devices
 * refuses it (ENOPROTOOPT); "no device" is the truth and accepted.
 * Other IP-level options remain ENOPROTOOPT.
 */
#define _GNU_SOURCE
#include "lib/sockopt_ip.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/ip.h>

#ifndef SO_BINDTOIFINDEX
#define SO_BINDTOIFINDEX 62
#endif

#define ECN_MASK 3

/* ip_setsockopt / ipv6_setsockopt read an int, or a byte if shorter (IP only) */
static int read_int(const void *val, socklen_t len, int byte_ok, int *out)
{
	*out = 0;
	if ((int)len >= (int)sizeof(int))
		return shim_copy_user(out, val, sizeof *out, 0);
	if (byte_ok && (int)len >= 1) {
		unsigned char c;

		if (shim_copy_user(&c, val, 1, 0) < 0)
			return -EFAULT;
		*out = c;
		return 0;
	}
	return byte_ok ? 0 : -EINVAL;
}

static int set_value(int fd, uint32_t opt, int v)
{
	struct shim_optval o;
	int r;

	memset(&o, 0, sizeof o);
	o.f[0] = (uint64_t)v;
	r = shim_setopt(fd, opt, 0, SHIM_SCOPE_SOCKET, &o, NULL, 0);
	return r == -ENOTCONN ? 0 : r;  /* an ended socket keeps nothing to apply it to */
}

static int get_value(int fd, uint32_t opt, int *v)
{
	struct shim_optval o;
	int r;

	memset(&o, 0, sizeof o);
	r = shim_getopt(fd, opt, 0, SHIM_SCOPE_SOCKET, &o, NULL, NULL);
	*v = r == 0 ? (int)o.f[0] : 0;
	return r == -ENOTCONN ? 0 : r;
}

int shim_set_ip_level(int fd, const struct shim_sock *s, int level, int name,
                      const void *val, socklen_t len)
{
	int v, r;

	if ((int)len < 0)
		return -EINVAL;
	if (level == IPPROTO_IP && name == IP_TOS) {
		if ((r = read_int(val, len, 1, &v)) < 0)
			return r;
		/* a stream socket's ECN bits are the stack's (__ip_sock_set_tos) */
		if (s->style == SHIM_STYLE_ONE_TO_ONE)
			v &= ~ECN_MASK;
		return set_value(fd, SHIM_OPT_IP_TOS, v & 0xff);
	}
	if (level == IPPROTO_IPV6 && name == IPV6_TCLASS && s->family == AF_INET6) {
		if ((r = read_int(val, len, 0, &v)) < 0)
			return r;
		if (v < -1 || v > 0xff)
			return -EINVAL;
		if (v == -1)
			v = 0;  /* RFC 3542: the default */
		if (s->style == SHIM_STYLE_ONE_TO_ONE)
			v &= ~ECN_MASK;
		return set_value(fd, SHIM_OPT_IPV6_TCLASS, v);
	}
	return -ENOPROTOOPT;
}

int shim_get_ip_level(int fd, const struct shim_sock *s, int level, int name,
                      void *val, socklen_t *lenp)
{
	socklen_t len;
	int v, r;

	if (!((level == IPPROTO_IP && name == IP_TOS)
	      || (level == IPPROTO_IPV6 && name == IPV6_TCLASS && s->family == AF_INET6)))
		return -ENOPROTOOPT;
	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if ((int)len < 0)
		return -EINVAL;
	r = get_value(fd, name == IP_TOS && level == IPPROTO_IP ? SHIM_OPT_IP_TOS
	                                                         : SHIM_OPT_IPV6_TCLASS, &v);
	if (r < 0)
		return r;
	if (level == IPPROTO_IP && len > 0 && len < sizeof(int)) {
		unsigned char c = (unsigned char)v;  /* do_ip_getsockopt: one byte */

		len = 1;
		if (shim_copy_user(val, &c, 1, 1) < 0)
			return -EFAULT;
	} else {
		if (len > sizeof v)
			len = sizeof v;
		if (shim_copy_user(val, &v, len, 1) < 0)
			return -EFAULT;
	}
	return shim_copy_user(lenp, &len, sizeof len, 1) < 0 ? -EFAULT : 0;
}

int shim_set_bind_device(int fd, int name, const void *val, socklen_t len)
{
	if ((int)len < 0)
		return -EINVAL;
	if (name == SO_BINDTOIFINDEX) {
		int index;

		if ((int)len < (int)sizeof index)
			return -EINVAL;
		if (shim_copy_user(&index, val, sizeof index, 0) < 0)
			return -EFAULT;
		return index ? -ENOPROTOOPT : 0;
	}
	if (len) {
		char c;

		if (shim_copy_user(&c, val, 1, 0) < 0)
			return -EFAULT;
		if (c)
			return -ENOPROTOOPT;
	}
	return 0;
}

int shim_get_bind_device(int fd, int name, void *val, socklen_t *lenp)
{
	socklen_t len;

	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if ((int)len < 0)
		return -EINVAL;
	if (name == SO_BINDTOIFINDEX) {
		int none = 0;

		if (len > sizeof none)
			len = sizeof none;
		if (shim_copy_user(val, &none, len, 1) < 0)
			return -EFAULT;
	} else {
		len = 0;  /* sock_getbindtodevice: bound to no device */
	}
	return shim_copy_user(lenp, &len, sizeof len, 1) < 0 ? -EFAULT : 0;
}
