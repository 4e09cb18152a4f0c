/* SPDX-License-Identifier: MIT */
/* socket, bind, listen, accept, connect, shutdown, close. */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "lib/names.h"
#include "wire/wire.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>

#define SOCK_TYPE_MASK 0xf

/* io_recv.c: a descriptor of a waiting call's own, and its release. */

/* A zero page to gather a connect fence from. */
static const char zeros[65536];

int shim_fd_nonblocking(int fd)
{
	long fl = syscall(SYS_fcntl, fd, F_GETFL);

	return fl >= 0 && (fl & O_NONBLOCK);
}

/* 1: a socket of ours; 0: libc's; <0: fail with that errno. */
static int is_sctp_request(int domain, int type, int protocol, int *style)
{
	int base = type & SOCK_TYPE_MASK;

	shim_real_init();
	if (shim_inactive || (domain != AF_INET && domain != AF_INET6))
		return 0;
	if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
		return 0;  /* the kernel answers EINVAL */
	/* As inet_create(): SEQPACKET's only (and so default) protocol is SCTP. */
	if (base == SOCK_STREAM && protocol == IPPROTO_SCTP)
		*style = SHIM_STYLE_ONE_TO_ONE;
	else if (base == SOCK_SEQPACKET && (protocol == IPPROTO_SCTP || protocol == 0))
		*style = SHIM_STYLE_ONE_TO_MANY;
	else if (base == SOCK_SEQPACKET && protocol > 0 && protocol < 256)
		/* inet_create() with SCTP loaded: SEQPACKET has an entry, not
		 * this protocol (a kernel without SCTP says ESOCKTNOSUPPORT) */
		return -EPROTONOSUPPORT;
	else
		return 0;
	return 1;
}

SHIM_EXPORT int socket(int domain, int type, int protocol)
{
	struct shim_socket_req req = { .family = (uint32_t)domain };
	struct shim_socket_reply rep = { 0 };
	size_t rep_len = sizeof rep;
	struct shim_sock s;
	int style, fd, r;

	r = is_sctp_request(domain, type, protocol, &style);
	if (r < 0)
		return shim_fail(-r);
	if (!r) {
		fd = REAL(socket)(domain, type, protocol);
		if (fd >= 0)
			shim_fd_forget(fd);
		return fd;
	}
	req.style = (uint32_t)style;
	r = shim_request(SHIM_REQ_SOCKET, &req, sizeof req, -1, &rep, &rep_len, &fd,
	                 (type & SOCK_CLOEXEC) ? MSG_CMSG_CLOEXEC : 0);
	if (r == 0 && fd < 0)
		r = -EPROTO;
	if (r < 0) {
		if (fd >= 0)
			syscall(SYS_close, fd);
		return shim_fail(-r);
	}
	if (type & SOCK_NONBLOCK)
		syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK | syscall(SYS_fcntl, fd, F_GETFL));
	s.family = domain;
	s.style = style;
	s.endpoint_id = rep_len >= sizeof rep ? rep.endpoint_id : 0;
	s.listening = 0;
	s.connected = 0;
	shim_fd_set_ours(fd, &s);
	return fd;
}

SHIM_EXPORT int socketpair(int domain, int type, int protocol, int sv[2])
{
	int r = REAL(socketpair)(domain, type, protocol, sv);

	if (r == 0) {
		shim_fd_forget(sv[0]);
		shim_fd_forget(sv[1]);
	}
	return r;
}

/* Check a sockaddr (already copied in) the way sctp_sockaddr_af() /
 * sctp_verify_addr() do. */
static int sockaddr_for(const struct shim_sock *s, const struct sockaddr *addr,
                        socklen_t len, struct shim_addr *out)
{
	if (len < (socklen_t)sizeof(struct sockaddr))
		return -EINVAL;
	if (addr->sa_family != AF_INET && addr->sa_family != AF_INET6)
		return -EINVAL;
	if (addr->sa_family == AF_INET6 && s->family == AF_INET)
		return -EINVAL;
	return shim_addr_from_sockaddr(out, addr, len) < 0 ? -EINVAL : 0;
}

int shim_addrs_request(uint16_t type, int fd, uint32_t flags, const struct shim_addr *a,
                       uint32_t count)
{
	struct {
		struct shim_addrs_req req;
		struct shim_addr addrs[SHIM_MAX_ADDRS];
	} body;

	if (count == 0 || count > SHIM_MAX_ADDRS)
		return -EINVAL;
	body.req.flags = flags;
	body.req.count = count;
	memcpy(body.addrs, a, count * sizeof *a);
	return shim_request(type, &body, shim_addrs_size(count), fd, NULL, NULL, NULL, 0);
}

SHIM_EXPORT int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_storage ss;
	struct shim_addr a;
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(bind)(fd, addr, len);
	r = shim_sockaddr_from_user(addr, len, &ss);
	if (r == 0)
		r = sockaddr_for(&s, (struct sockaddr *)&ss, len, &a);
	if (r == 0)
		r = shim_addrs_request(SHIM_REQ_BIND, fd, SHIM_BIND_ADD | SHIM_BIND_ONCE, &a, 1);
	if (r == 0 && a.port && s.style == SHIM_STYLE_ONE_TO_ONE)
		shim_name_remember(fd, &a);
	return r < 0 ? shim_fail(-r) : 0;
}

SHIM_EXPORT int listen(int fd, int backlog)
{
	struct shim_listen_req req = { .backlog = backlog };
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(listen)(fd, backlog);
	r = shim_request(SHIM_REQ_LISTEN, &req, sizeof req, fd, NULL, NULL, NULL, 0);
	if (r < 0)
		return shim_fail(-r);
	shim_fd_set_listening(fd);
	return 0;
}

static int do_accept(int fd, const struct shim_sock *s, struct sockaddr *addr,
                     socklen_t *len, int flags)
{
	union {
		struct {
			struct shim_hdr hdr;
			union {
				struct shim_accept acc;
				struct shim_error err;
			} u;
		} rec;
		char bytes[4096];
	} *buf, stackbuf;
	int nonblock = shim_fd_nonblocking(fd);

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return shim_fail(EINVAL);
	if (s->style != SHIM_STYLE_ONE_TO_ONE)
		return shim_fail(EOPNOTSUPP);
	if (!s->listening) {
		uint32_t on = 0;

		if (shim_getopt_u32(fd, SHIM_OPT_ACCEPTCONN, &on) < 0 || !on)
			return shim_fail(EINVAL);
		shim_fd_set_listening(fd);
	}
	buf = &stackbuf;
	for (;;) {
		int newfd;
		ssize_t n = shim_next_record(fd, buf, sizeof *buf, &newfd,
		                             (flags & SOCK_CLOEXEC) ? MSG_CMSG_CLOEXEC : 0,
		                             nonblock);
		struct shim_sock ns;

		if (n == -EMSGSIZE)
			continue;  /* not an accept record: dropped */
		if (n < 0)
			return shim_fail((int)-n);
		if (n == 0)
			return shim_fail(EINVAL);  /* the listener was torn down */
		if (buf->rec.hdr.type == SHIM_ERROR
		    && shim_body_check(SHIM_ERROR, &buf->rec.u, (size_t)n - sizeof buf->rec.hdr) == 0) {
			if (newfd >= 0)
				syscall(SYS_close, newfd);
			return shim_fail(buf->rec.u.err.error > 0 ? buf->rec.u.err.error : EPROTO);
		}
		if (buf->rec.hdr.type != SHIM_ACCEPT || newfd < 0
		    || shim_body_check(SHIM_ACCEPT, &buf->rec.u, (size_t)n - sizeof buf->rec.hdr)) {
			if (newfd >= 0)
				syscall(SYS_close, newfd);
			continue;  /* nothing a listener's caller wants */
		}
		if (flags & SOCK_NONBLOCK)
			syscall(SYS_fcntl, newfd, F_SETFL, O_NONBLOCK | syscall(SYS_fcntl, newfd, F_GETFL));
		ns.family = s->family;
		ns.style = SHIM_STYLE_ONE_TO_ONE;
		ns.endpoint_id = buf->rec.u.acc.endpoint_id;
		ns.listening = 0;
		ns.connected = 1;
		shim_fd_set_ours(newfd, &ns);
		if (addr) {
			/* __sys_accept4_file(): a buffer it cannot fill costs the
			 * new socket (its association ends) */
			int e = shim_sockaddr_to_user(&buf->rec.u.acc.peer,
			                              shim_report_family(fd, s), addr, len);

			if (e < 0) {
				shim_fd_forget(newfd);
				syscall(SYS_close, newfd);
				return shim_fail(-e);
			}
		}
		return newfd;
	}
}

SHIM_EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s)) {
		r = REAL(accept4)(fd, addr, len, flags);
		if (r >= 0)
			shim_fd_forget(r);
		return r;
	}
	return do_accept(fd, &s, addr, len, flags);
}

SHIM_EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s)) {
		r = REAL(accept)(fd, addr, len);
		if (r >= 0)
			shim_fd_forget(r);
		return r;
	}
	return do_accept(fd, &s, addr, len, 0);
}

/* Make our end unwritable until the daemon drops this record: it does so
 * when the association is up or failed, which is when POLLOUT must appear. */
static int write_fence(int fd)
{
	struct iovec iov[1 + 64];
	struct shim_hdr h;
	int sndbuf = 0, cnt = 1;
	socklen_t sl = sizeof sndbuf;
	size_t want, left;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &sl) < 0 || sndbuf <= 0)
		sndbuf = 212992;
	want = (size_t)sndbuf / 4 + 1;
	for (left = want; left && cnt < (int)(sizeof iov / sizeof iov[0]); cnt++) {
		iov[cnt].iov_base = (void *)zeros;
		iov[cnt].iov_len = left < sizeof zeros ? left : sizeof zeros;
		left -= iov[cnt].iov_len;
	}
	shim_hdr_init(&h, SHIM_FENCE, (uint32_t)(sizeof h + want - left), 0);
	iov[0].iov_base = &h;
	iov[0].iov_len = sizeof h;
	return (int)shim_send_record(fd, iov, cnt, -1, MSG_DONTWAIT);
}

/* Is any of the pending signals in `watch` one a handler catches?  0: no
 * (ignored, or the default action, which never makes a call return EINTR);
 * -ERESTART: every one has SA_RESTART; else -EINTR. */
static int pending_interrupts(const sigset_t *watch)
{
	sigset_t pending;
	int r = 0;

	if (sigpending(&pending) < 0)
		return -EINTR;
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;

		if (sigismember(watch, sig) != 1 || sigismember(&pending, sig) != 1
		    || sigaction(sig, NULL, &sa) < 0)
			continue;
		if (sa.sa_handler == SIG_IGN || sa.sa_handler == SIG_DFL)
			continue;
		if (!(sa.sa_flags & SA_RESTART))
			return -EINTR;
		r = -ERESTART;
	}
	return r;
}

/*
 * Wait until fd is readable as an interruptible kernel wait would: > 0
 * readable, 0 after timeout_ms (-1: none), -EINTR for a signal, or
 * -ERESTART for one whose handler has SA_RESTART when there is no timeout
 * (sock_intr_errno(): the kernel restarts the call).  poll() alone says
 * EINTR whatever the handler, so the program's signals are held back for
 * the wait and watched through a signalfd, which tells which one came;
 * its handler runs when the mask is restored, before this returns.
 */
static int wait_interruptible(int fd, int timeout_ms)
{
	sigset_t all, old, watch;
	struct timespec end = { 0 }, now, left;
	int sfd, r;

	sigfillset(&all);  /* glibc leaves out its own signals */
	if (pthread_sigmask(SIG_BLOCK, &all, &old) != 0)
		return -EINTR;
	sigemptyset(&watch);
	for (int sig = 1; sig < NSIG; sig++)
		if (sigismember(&all, sig) == 1 && sigismember(&old, sig) != 1)
			sigaddset(&watch, sig);
	sfd = (int)syscall(SYS_signalfd4, -1, &watch, (size_t)(_NSIG / 8),
	                   SFD_NONBLOCK | SFD_CLOEXEC);
	if (timeout_ms >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &end);
		end.tv_sec += timeout_ms / 1000;
		end.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (end.tv_nsec >= 1000000000L) {
			end.tv_sec++;
			end.tv_nsec -= 1000000000L;
		}
	}
	for (;;) {
		struct pollfd p[2] = { { .fd = fd, .events = POLLIN },
		                       { .fd = sfd, .events = POLLIN } };

		if (timeout_ms >= 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = end.tv_sec - now.tv_sec;
			left.tv_nsec = end.tv_nsec - now.tv_nsec;
			if (left.tv_nsec < 0) {
				left.tv_sec--;
				left.tv_nsec += 1000000000L;
			}
			if (left.tv_sec < 0) {
				r = 0;
				break;
			}
		}
		r = (int)syscall(SYS_ppoll, p, sfd >= 0 ? 2 : 1, timeout_ms >= 0 ? &left : NULL,
		                 NULL, (size_t)(_NSIG / 8));
		if (r < 0 && errno == EINTR && sfd >= 0)
			continue;  /* one of glibc's own signals */
		if (r < 0) {
			r = -errno;
			break;
		}
		if (r == 0 || p[0].revents) {
			r = r ? 1 : 0;
			break;
		}
		r = pending_interrupts(&watch);
		if (r == -ERESTART && timeout_ms >= 0)
			r = -EINTR;
		if (r)
			break;
		/* nothing that interrupts: let it take its course, wait on */
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		pthread_sigmask(SIG_BLOCK, &all, NULL);
	}
	if (sfd >= 0)
		syscall(SYS_close, sfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return r;
}

static int wait_connected(int fd, uint32_t *assoc_id)
{
	struct timeval tv = { 0 };
	socklen_t tl = sizeof tv;
	int timeout_ms = -1;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_SNDTIMEO, &tv, &tl) == 0
	    && (tv.tv_sec || tv.tv_usec))
		timeout_ms = (int)(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000);
	for (;;) {
		union {
			struct {
				struct shim_hdr hdr;
				struct shim_connected c;
			} rec;
			char bytes[4096];
		} buf;
		ssize_t n;
		int passed;
		int pr = wait_interruptible(fd, timeout_ms);

		if (pr < 0)
			return pr;
		if (pr == 0)
			return -EINPROGRESS;  /* as sctp_wait_for_connect() on timeout */
		n = shim_recv_record(fd, &buf, sizeof buf, &passed, MSG_DONTWAIT);
		if (passed >= 0)
			syscall(SYS_close, passed);
		if (n == -EAGAIN || n == -EMSGSIZE)
			continue;
		if (n <= 0)
			return n == 0 ? -ECONNREFUSED : (int)n;
		if (buf.rec.hdr.type == SHIM_CONNECTED
		    && shim_body_check(SHIM_CONNECTED, &buf.rec.c, (size_t)n - sizeof buf.rec.hdr) == 0)
		{
			if (buf.rec.c.assoc_id)
				*assoc_id = buf.rec.c.assoc_id;
			return buf.rec.c.error > 0 ? -buf.rec.c.error : 0;
		}
		if (buf.rec.hdr.type == SHIM_ERROR)
			return -ECONNREFUSED;
	}
}

/* A blocking one-to-one connect once asked for: wait for its outcome on
 * `use` (the caller's descriptor or one held for the call); fd is the
 * caller's number, for the table. */
static int connect_wait(int fd, int use, uint32_t *assoc_id)
{
	int r = wait_connected(use, assoc_id);

	if (r == -EINTR || r == -EINPROGRESS || r == -ERESTART) {
		/* given up waiting: the connect goes on as a non-blocking one
		 * (POLLOUT, SO_ERROR, EALREADY), as Linux's does */
		write_fence(use);
		shim_fd_set_connected(fd);
	} else if (r == 0) {
		shim_fd_set_connected(fd);
	}
	return r;
}

static int connect_once(int fd, const struct shim_sock *s, const struct shim_addr *addrs,
                        uint32_t count, uint32_t *assoc_id)
{
	struct {
		struct shim_addrs_req req;
		struct shim_addr addrs[SHIM_MAX_ADDRS];
	} body;
	uint32_t id = 0;
	size_t id_len = sizeof id;
	int nonblock = shim_fd_nonblocking(fd), r, held = -1, use = fd;

	*assoc_id = 0;
	if (count == 0 || count > SHIM_MAX_ADDRS)
		return -EINVAL;
	/* __sctp_connect(): every address has the first one's port */
	for (uint32_t i = 1; i < count; i++)
		if (addrs[i].port != addrs[0].port)
			return -EINVAL;
	body.req.flags = nonblock ? SHIM_CONNECT_NONBLOCK : 0;
	body.req.count = count;
	memcpy(body.addrs, addrs, count * sizeof *addrs);
	/* a blocking one-to-one connect holds the socket, as a waiting recv
	 * does (io_recv.c): another thread's close() leaves it going */
	if (s->style == SHIM_STYLE_ONE_TO_ONE && !nonblock && (held = shim_hold_fd(fd)) >= 0)
		use = held;
	/* the reply body, when the daemon sends one, is the association id */
	if (s->style == SHIM_STYLE_ONE_TO_MANY && !nonblock)
		/* the reply waits for the association: keep the shared channel free */
		r = shim_request_private(SHIM_REQ_CONNECT, &body, shim_addrs_size(count), fd,
		                         &id, &id_len);
	else
		r = shim_request(SHIM_REQ_CONNECT, &body, shim_addrs_size(count), use, &id,
		                 &id_len, NULL, 0);
	if (r >= 0) {
		if (id_len == sizeof id)
			*assoc_id = id;
		if (s->style == SHIM_STYLE_ONE_TO_MANY) {
			r = nonblock ? -EINPROGRESS : 0;
		} else if (nonblock) {
			write_fence(fd);
			shim_fd_set_connected(fd);
			r = -EINPROGRESS;
		} else {
			r = connect_wait(fd, use, assoc_id);
		}
	}
	shim_release_fd(held);
	return r;
}

/* connect() and sctp_connectx(): 0 or -errno (-EINPROGRESS when it goes
 * on without us); *assoc_id gets the association id where known. */
int shim_connect_addrs(int fd, const struct shim_sock *s, const struct shim_addr *addrs,
                       uint32_t count, uint32_t *assoc_id)
{
	int r;

	/* a signal whose handler has SA_RESTART interrupted the wait: the
	 * kernel runs the call again, and __sctp_connect() then finds the
	 * association under way (EALREADY) or up (EISCONN): the daemon says */
	do
		r = connect_once(fd, s, addrs, count, assoc_id);
	while (r == -ERESTART);
	return r;
}

SHIM_EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct sockaddr_storage ss;
	struct shim_addr a;
	struct shim_sock s;
	uint32_t id;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(connect)(fd, addr, len);
	r = shim_sockaddr_from_user(addr, len, &ss);
	/* sctp_inet_connect() */
	if (r == 0 && len < (socklen_t)sizeof(sa_family_t))
		r = -EINVAL;
	if (r == 0 && ss.ss_family == AF_UNSPEC)
		r = -EOPNOTSUPP;  /* sctp_disconnect() */
	if (r == 0)
		r = sockaddr_for(&s, (struct sockaddr *)&ss, len, &a);
	if (r == 0)
		r = shim_connect_addrs(fd, &s, &a, 1, &id);
	return r < 0 ? shim_fail(-r) : 0;
}

SHIM_EXPORT int shutdown(int fd, int how)
{
	struct shim_shutdown_req req = { .how = (uint32_t)how };
	struct shim_sock s;
	int r;

	if (!shim_fd_get(fd, &s))
		return REAL(shutdown)(fd, how);
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return shim_fail(EINVAL);
	r = shim_request(SHIM_REQ_SHUTDOWN, &req, sizeof req, fd, NULL, NULL, NULL, 0);
	return r < 0 ? shim_fail(-r) : 0;
}

/* SO_LINGER with a timeout on a one-to-one socket: its last close waits
 * (linger.c).  SO_LINGER is kept on our end of the socketpair too. */
unsigned int shim_close_lingers(int fd)
{
	struct shim_sock s;
	struct linger l = { 0 };
	socklen_t len = sizeof l;
	int saved = errno;
	unsigned int r = 0;

	/* a socket this process never used (inherited, untouched) closes
	 * without lingering: no system call for every descriptor closed */
	if (shim_fd_cached(fd, &s) && s.style == SHIM_STYLE_ONE_TO_ONE
	    && syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_LINGER, &l, &len) == 0 && l.l_onoff)
		r = (unsigned int)l.l_linger;  /* as Linux: negative is very long */
	errno = saved;
	return r;
}

SHIM_EXPORT int close(int fd)
{
	unsigned int linger_s = shim_close_lingers(fd);

	/* forget first: once closed, the number may be handed out again */
	shim_fd_forget(fd);
	if (linger_s)
		return shim_linger_close(fd, linger_s);
	return REAL(close)(fd);
}

/* The lowest descriptor in [first, last] whose last close waits, its
 * linger time in *linger_s; -1 if none. */
static int next_lingering(unsigned int first, unsigned int last, unsigned int *linger_s)
{
	int fd;

	while ((fd = shim_fd_next_cached(first, last)) >= 0) {
		*linger_s = shim_close_lingers(fd);
		if (*linger_s)
			return fd;
		if ((unsigned int)fd >= last)
			break;
		first = (unsigned int)fd + 1;
	}
	return -1;
}

/* Close [first, last] (first <= last) with close_range, or one by one on
 * a kernel without it (closefrom's pieces). */
static int close_piece(unsigned int first, unsigned int last, int flags, int fallback)
{
	shim_fd_forget_range(first, last);
	if (REAL(close_range)(first, last, flags) == 0)
		return 0;
	if (!fallback || errno != ENOSYS)
		return -1;
	for (; first <= last; first++)
		REAL(close)((int)first);
	return 0;
}

/*
 * close_range and closefrom drop every reference in their range as
 * close() does, so a lingering socket's last close waits there too (Linux
 * runs sctp_close whatever call released the file): the range is closed
 * in pieces, each lingering socket in order between them.  Returns -1
 * with errno when a piece fails (what is before it is closed, as the
 * kernel's own close_range may leave it), else *first past the range.
 */
static int close_lingering_in(unsigned int *first, unsigned int last, int flags, int fallback)
{
	unsigned int linger_s;
	int fd, saved = errno;

	while ((fd = next_lingering(*first, last, &linger_s)) >= 0) {
		if ((unsigned int)fd > *first
		    && close_piece(*first, (unsigned int)fd - 1, flags, fallback) < 0)
			return -1;
		shim_fd_forget(fd);
		shim_linger_close(fd, linger_s);
		if ((unsigned int)fd == last) {
			*first = last;
			errno = saved;
			return 1;  /* nothing left */
		}
		*first = (unsigned int)fd + 1;
	}
	errno = saved;
	return 0;
}

/* glibc's closefrom() closes through an internal close_range(), which
 * bypasses the wrappers here. */
SHIM_EXPORT void closefrom(int lowfd)
{
	unsigned int first = lowfd < 0 ? 0 : (unsigned int)lowfd;

	if (close_lingering_in(&first, INT_MAX, 0, 1) != 0)
		return;
	shim_fd_forget_range(first, ~0u);
	REAL(closefrom)((int)first);
}

SHIM_EXPORT int close_range(unsigned int first, unsigned int last, int flags)
{
	unsigned int linger_s;
	int r;

	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) || first > last)
		return REAL(close_range)(first, last, flags);  /* EINVAL */
	if (flags & CLOSE_RANGE_CLOEXEC)
		return REAL(close_range)(first, last, flags);  /* closes nothing now */
	if ((flags & CLOSE_RANGE_UNSHARE) && next_lingering(first, last, &linger_s) >= 0) {
		/* the pieces close this process's own table, as one call would */
		if (REAL(close_range)(~0u, ~0u, CLOSE_RANGE_UNSHARE) < 0)
			return -1;
		flags &= ~CLOSE_RANGE_UNSHARE;
	}
	r = close_lingering_in(&first, last, flags, 0);
	if (r != 0)
		return r < 0 ? -1 : 0;
	shim_fd_forget_range(first, last);
	return REAL(close_range)(first, last, flags);
}
