/* SPDX-License-Identifier: MIT */
/*
 * The SOL_SCTP options libsctp's address calls are built on:
 * sctp_bindx() (SCTP_SOCKOPT_BINDX_ADD/REM) and sctp_getpaddrs() /
 * sctp_getladdrs() (SCTP_GET_PEER_ADDRS / SCTP_GET_LOCAL_ADDRS), with the
 * packed sockaddr lists and checks of Linux's sctp_setsockopt_bindx() and
 * sctp_getsockopt_{peer,local}_addrs().  sctp_peeloff() comes by here too
 * (peeloff.c).
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

/* Walk a packed list of sockaddr_in / sockaddr_in6 of `size` bytes. */
static int unpack_addrs(const struct shim_sock *s, const uint8_t *buf, size_t size,
                        struct shim_addr *out, uint32_t *count)
{
	size_t at = 0;

	*count = 0;
	while (at < size) {
		sa_family_t fam;
		size_t len;

		if (at + sizeof fam > size)
			return -EINVAL;
		memcpy(&fam, buf + at, sizeof fam);
		if (fam == AF_INET)
			len = sizeof(struct sockaddr_in);
		else if (fam == AF_INET6 && s->family == AF_INET6)
			len = sizeof(struct sockaddr_in6);
		else
			return -EINVAL;
		if (at + len > size)
			return -EINVAL;
		if (*count == SHIM_MAX_ADDRS)
			return -EINVAL;
		if (shim_addr_from_sockaddr(&out[*count], (const void *)(buf + at), (socklen_t)len) < 0)
			return -EINVAL;
		(*count)++;
		at += len;
	}
	return *count ? 0 : -EINVAL;
}

int shim_set_sctp_addrs(int fd, const struct shim_sock *s, int name, const void *val,
                        socklen_t len)
{
	struct shim_addr addrs[SHIM_MAX_ADDRS];
	uint32_t count = 0;
	uint8_t *buf;
	int r;

	if (name != SCTP_SOCKOPT_BINDX_ADD && name != SCTP_SOCKOPT_BINDX_REM
	    && name != SCTP_SOCKOPT_CONNECTX && name != SCTP_SOCKOPT_CONNECTX_OLD)
		return -ENOPROTOOPT;
	if (len == 0 || len > SHIM_MAX_ADDRS * sizeof(struct sockaddr_in6))
		return -EINVAL;
	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	r = shim_copy_user(buf, val, len, 0);
	if (r == 0)
		r = unpack_addrs(s, buf, len, addrs, &count);
	free(buf);
	if (r < 0)
		return r;
	if (name == SCTP_SOCKOPT_CONNECTX || name == SCTP_SOCKOPT_CONNECTX_OLD) {
		uint32_t id;

		/* the old form (libsctp's sctp_connectx@VERS_1) answers 0 */
		r = shim_connect_addrs(fd, s, addrs, count, &id);
		return r < 0 ? r : name == SCTP_SOCKOPT_CONNECTX ? (int)id : 0;
	}
	return shim_addrs_request(SHIM_REQ_BIND, fd,
	                          name == SCTP_SOCKOPT_BINDX_ADD ? SHIM_BIND_ADD : SHIM_BIND_REM,
	                          addrs, count);
}

/* sctp_connectx() as libsctp first tries it: a getsockopt whose
 * struct sctp_getaddrs_old names the packed list (addr_num = its bytes) and
 * gets the association id back, also when the connect goes on (EINPROGRESS). */
static int connectx3(int fd, const struct shim_sock *s, void *val, socklen_t *lenp)
{
	struct shim_addr addrs[SHIM_MAX_ADDRS];
	struct sctp_getaddrs_old p;
	uint32_t count = 0, id = 0;
	socklen_t len;
	uint8_t *buf;
	int r;

	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if (len < (socklen_t)sizeof p)
		return -EINVAL;
	if (shim_copy_user(&p, val, sizeof p, 0) < 0)
		return -EFAULT;
	if (p.addr_num <= 0 || (size_t)p.addr_num > SHIM_MAX_ADDRS * sizeof(struct sockaddr_in6))
		return -EINVAL;
	buf = malloc((size_t)p.addr_num);
	if (!buf)
		return -ENOMEM;
	r = shim_copy_user(buf, p.addrs, (size_t)p.addr_num, 0);
	if (r == 0)
		r = unpack_addrs(s, buf, (size_t)p.addr_num, addrs, &count);
	free(buf);
	if (r == 0)
		r = shim_connect_addrs(fd, s, addrs, count, &id);
	if (r == 0 || r == -EINPROGRESS) {
		p.assoc_id = (sctp_assoc_t)id;
		if (shim_copy_user(val, &p, sizeof p, 1) < 0)
			return -EFAULT;
	}
	return r;
}

int shim_get_sctp_addrs(int fd, const struct shim_sock *s, int name, void *val,
                        socklen_t *lenp)
{
	struct shim_getaddrs_req req;
	struct {
		struct shim_addrs_reply rep;
		struct shim_addr addrs[SHIM_MAX_ADDRS];
	} body;
	size_t body_len = sizeof body, at;
	struct sctp_getaddrs ga;
	socklen_t len;
	uint32_t i, count;
	int r;

	if (name == SCTP_SOCKOPT_CONNECTX3)
		return connectx3(fd, s, val, lenp);
	if (name == SCTP_SOCKOPT_PEELOFF || name == SCTP_SOCKOPT_PEELOFF_FLAGS)
		return shim_peeloff(fd, s, name, val, lenp);
	if (name != SCTP_GET_PEER_ADDRS && name != SCTP_GET_LOCAL_ADDRS)
		return -ENOPROTOOPT;
	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if (len < (socklen_t)sizeof ga)
		return -EINVAL;
	if (shim_copy_user(&ga, val, sizeof ga, 0) < 0)
		return -EFAULT;
	req.which = name == SCTP_GET_PEER_ADDRS ? SHIM_ADDRS_PEER : SHIM_ADDRS_LOCAL;
	req.assoc_id = s->style == SHIM_STYLE_ONE_TO_ONE ? 0 : (uint32_t)ga.assoc_id;
	r = shim_request(SHIM_REQ_GETADDRS, &req, sizeof req, fd, &body, &body_len, NULL, 0);
	if (r == -ENOTCONN)
		return -EINVAL;  /* association over, socket freed: sctp_id2assoc() fails */
	if (r < 0)
		return r;
	count = body_len >= sizeof body.rep ? body.rep.count : 0;
	if (count > (body_len - sizeof body.rep) / sizeof(struct shim_addr))
		return -EPROTO;
	if (count == 0 && name == SCTP_GET_PEER_ADDRS)
		return -EINVAL;  /* no association: sctp_id2assoc() failed */
	at = offsetof(struct sctp_getaddrs, addrs);
	for (i = 0; i < count; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof ss;

		shim_fill_sockaddr(&body.addrs[i], shim_report_family(fd, s), (struct sockaddr *)&ss,
		                   &sl);
		if (at + sl > len)
			return -ENOMEM;  /* as Linux: the list does not fit */
		if (shim_copy_user((uint8_t *)val + at, &ss, sl, 1) < 0)
			return -EFAULT;
		at += sl;
	}
	ga.addr_num = count;
	len = (socklen_t)at;
	if (shim_copy_user(&((struct sctp_getaddrs *)val)->addr_num, &ga.addr_num,
	                   sizeof ga.addr_num, 1) < 0
	    || shim_copy_user(lenp, &len, sizeof len, 1) < 0)
		return -EFAULT;
	return 0;
}
