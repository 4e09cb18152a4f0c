/* SPDX-License-Identifier: MIT */
/*
 * net.h on the Linux SCTP API: what an ordinary event-driven program
 * does (non-blocking one-to-one sockets, send/recvmsg, epoll).  Under
 * sctpshim every call here goes through the shim; nothing in this file
 * knows about it.
 */
#define _GNU_SOURCE
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

const char net_name[] = "linux";

struct net_sock {
	int fd;
	bool watched;            /* in the epoll set */
};

static struct net_options options;
static int epfd = -1;

int net_init(const struct net_options *opt)
{
	options = *opt;
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd < 0 ? -errno : 0;
}

void net_finish(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
}

static int wrap(int fd, struct net_sock **out)
{
	struct net_sock *s = malloc(sizeof *s);

	if (!s) {
		close(fd);
		return -ENOMEM;
	}
	s->fd = fd;
	s->watched = false;
	*out = s;
	return 0;
}

/*
 * Buffers as the program asks for them, before connect or listen, as
 * programs do (accepted sockets inherit the listener's).  The kernel,
 * or the shim in its place, doubles and clamps them.
 */
static int set_buffers(int fd)
{
	if (options.sndbuf > 0
	    && setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &options.sndbuf, sizeof options.sndbuf) < 0)
		return -errno;
	if (options.rcvbuf > 0
	    && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &options.rcvbuf, sizeof options.rcvbuf) < 0)
		return -errno;
	return 0;
}

int net_socket(int family, struct net_sock **out)
{
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_SCTP);
	int err;

	if (fd < 0)
		return -errno;
	err = set_buffers(fd);
	if (err < 0) {
		close(fd);
		return err;
	}
	return wrap(fd, out);
}

int net_bind(struct net_sock *s, const struct sockaddr *sa, socklen_t len)
{
	int on = 1;

	/* a server restarted at once finds its port free, as with TCP */
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
	return bind(s->fd, sa, len) < 0 ? -errno : 0;
}

int net_listen(struct net_sock *s, int backlog)
{
	return listen(s->fd, backlog) < 0 ? -errno : 0;
}

int net_accept(struct net_sock *l, struct net_sock **out)
{
	int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return wrap(fd, out);
}

int net_connect(struct net_sock *s, const struct sockaddr *sa, socklen_t len)
{
	return connect(s->fd, sa, len) < 0 ? -errno : 0;
}

/* What an event loop does: the socket turned writable (or failed), and
 * SO_ERROR says which. */
int net_connected(struct net_sock *s, unsigned events)
{
	int err = 0;
	socklen_t len = sizeof err;

	if (!(events & (NET_OUT | NET_ERR)))
		return -EINPROGRESS;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -errno;
	return -err;
}

int net_set_nodelay(struct net_sock *s, bool on)
{
	int v = on;

	return setsockopt(s->fd, IPPROTO_SCTP, SCTP_NODELAY, &v, sizeof v) < 0 ? -errno : 0;
}

ssize_t net_send(struct net_sock *s, const void *buf, size_t len)
{
	ssize_t n = send(s->fd, buf, len, MSG_NOSIGNAL);

	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return n;
}

ssize_t net_recv(struct net_sock *s, void *buf, size_t cap, bool *eor)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(s->fd, &mh, 0);

	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	*eor = (mh.msg_flags & MSG_EOR) != 0;
	return n;
}

void net_close(struct net_sock *s)
{
	if (!s)
		return;
	close(s->fd);  /* also leaves the epoll set: nothing else holds it */
	free(s);
}

int net_watch(struct net_sock *s, unsigned interest, void *udata)
{
	struct epoll_event ev = { .data.ptr = udata };

	if (interest & NET_IN)
		ev.events |= EPOLLIN;
	if (interest & NET_OUT)
		ev.events |= EPOLLOUT;
	ev.events |= EPOLLET;
	if (epoll_ctl(epfd, s->watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s->fd, &ev) < 0)
		return -errno;
	s->watched = true;
	return 0;
}

int net_wait(struct net_event *out, int max, int timeout_ms)
{
	struct epoll_event ev[256];
	int n;

	if (max > (int)(sizeof ev / sizeof *ev))
		max = (int)(sizeof ev / sizeof *ev);
	n = epoll_wait(epfd, ev, max, timeout_ms);
	if (n < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		out[i].udata = ev[i].data.ptr;
		out[i].events = (ev[i].events & EPOLLIN ? NET_IN : 0)
				| (ev[i].events & EPOLLOUT ? NET_OUT : 0)
				| (ev[i].events & (EPOLLERR | EPOLLHUP) ? NET_ERR : 0);
	}
	return n;
}
