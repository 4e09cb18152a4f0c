/* SPDX-License-Identifier: MIT */
/*
 * sctp_peeloff() and sctp_peeloff_flags(), which libsctp makes as
 * getsockopt(SCTP_SOCKOPT_PEELOFF / SCTP_SOCKOPT_PEELOFF_FLAGS) with the
 * checks and errnos of Linux's sctp_getsockopt_peeloff{,_flags}(): the
 * daemon moves the association to a new socket whose descriptor comes
 * back as SHIM_REQ_SOCKET's does, and lands in .sd.  The new socket is a
 * connected one-to-one socket to the library (engine_peeloff.c says how
 * it differs from Linux's peeled-off sockets).
 */
#define _GNU_SOURCE
#include "lib/shim.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <netinet/in.h>
#include <linux/sctp.h>

int shim_peeloff(int fd, const struct shim_sock *s, int name, void *val, socklen_t *lenp)
{
	sctp_peeloff_flags_arg_t arg = { .flags = 0 };
	struct shim_peeloff_req req = { 0 };
	struct shim_socket_reply rep = { 0 };
	size_t rep_len = sizeof rep;
	size_t want = name == SCTP_SOCKOPT_PEELOFF_FLAGS ? sizeof arg : sizeof arg.p_arg;
	struct shim_sock ns;
	socklen_t len;
	int newfd = -1, r;

	if (shim_copy_user(&len, lenp, sizeof len, 0) < 0)
		return -EFAULT;
	if ((int)len < 0 || (size_t)len < want)
		return -EINVAL;
	if (shim_copy_user(&arg, val, want, 0) < 0)
		return -EFAULT;
	/* a one-to-one socket, peeled-off ones included */
	if (s->style != SHIM_STYLE_ONE_TO_MANY)
		return -EINVAL;
	/* sctp_id2assoc() finds nothing for the reserved ids */
	if (arg.p_arg.associd <= SCTP_ALL_ASSOC)
		return -EINVAL;
	req.assoc_id = (uint32_t)arg.p_arg.associd;
	r = shim_request(SHIM_REQ_PEELOFF, &req, sizeof req, fd, &rep, &rep_len, &newfd,
	                 (arg.flags & SOCK_CLOEXEC) ? MSG_CMSG_CLOEXEC : 0);
	if (r == 0 && newfd < 0)
		r = -EPROTO;
	if (r < 0) {
		if (newfd >= 0)
			syscall(SYS_close, newfd);
		return r == -ENOTCONN ? -EINVAL : r;  /* the socket is gone: no association */
	}
	if (arg.flags & SOCK_NONBLOCK)
		syscall(SYS_fcntl, newfd, F_SETFL, O_NONBLOCK | syscall(SYS_fcntl, newfd, F_GETFL));
	ns.family = s->family;
	ns.style = SHIM_STYLE_ONE_TO_ONE;
	ns.endpoint_id = rep_len >= sizeof rep ? rep.endpoint_id : 0;
	ns.listening = 0;
	ns.connected = 1;
	shim_fd_set_ours(newfd, &ns);
	arg.p_arg.sd = newfd;
	len = (socklen_t)want;
	if (shim_copy_user(lenp, &len, sizeof len, 1) < 0
	    || shim_copy_user(val, &arg, want, 1) < 0) {
		/* as Linux: the new socket is released, its association ends */
		shim_fd_forget(newfd);
		syscall(SYS_close, newfd);
		return -EFAULT;
	}
	return newfd;  /* Linux's getsockopt returns it too */
}
