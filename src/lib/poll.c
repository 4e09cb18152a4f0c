/* SPDX-License-Identifier: MIT */
/*
 * POLLERR / EPOLLERR for a one-to-one socket with a pending error, as
 * Linux's sctp_poll() reports while sk_err is set (an ABORT: ECONNRESET; a
 * failed connect: ECONNREFUSED, ETIMEDOUT) until SO_ERROR or a read
 * returns it.  The kernel polls our socketpair end, which never has an
 * error of its own (design.md), so the bit is added here after the real
 * call returns, from what the daemon says (SHIM_OPT_PENDING_ERROR).
 *
 * An error only exists after the association ended (the channel hangs
 * up: POLLHUP) or a connect failed (its fence is dropped: POLLOUT), so
 * only reported entries with one of those are looked at, and a socket's
 * answer is cached in its per-inode state: after a hang-up nothing new can
 * come (only this process's reads clear it), and a connected or listening
 * socket cannot get an error without hanging up first.
 */
#define _GNU_SOURCE
#include "lib/shim.h"

#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* rx->err_word: state in the low 2 bits, the errno above */
enum {
	ERR_UNKNOWN = 0,  /* ask when it may matter */
	ERR_QUIET = 1,    /* connected or listening: nothing before a hang-up */
	ERR_FINAL = 2,    /* hung up: the value stays until this process reads it */
	ERR_KNOWN = 3,    /* pending (a failed connect), until read */
};
#define ERR_WORD(state, value) ((state) | ((value) << 2))

/* Did the daemon that made fd die?  Then there is nobody to ask (and
 * asking would start a new daemon).  One cheap look at its pid; a pid
 * reused since only costs a question the new daemon answers ENOTCONN. */
static int maker_dead(int fd)
{
	struct ucred made;
	socklen_t len = sizeof made;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_PEERCRED, &made, &len) < 0 || made.pid <= 0)
		return 0;
	return syscall(SYS_kill, made.pid, 0) < 0 && errno == ESRCH;
}

static int ask_daemon(int fd, int *settled)
{
	struct shim_optval v;
	int r;

	memset(&v, 0, sizeof v);
	r = shim_getopt(fd, SHIM_OPT_PENDING_ERROR, 0, SHIM_SCOPE_SOCKET, &v, NULL, NULL);
	*settled = r < 0 || v.f[1];  /* gone: nothing can come any more */
	return r < 0 ? 0 : (int)v.f[0];
}

unsigned int shim_error_events(int fd, unsigned int revents)
{
	struct shim_sock s;
	struct shim_fd_rx *rx;
	int word, state, value, hup = !!(revents & POLLHUP), settled, fresh, saved;

	if (!(revents & (POLLHUP | POLLOUT)) || (revents & (POLLERR | POLLNVAL)))
		return 0;
	if (!shim_fd_get(fd, &s) || s.style != SHIM_STYLE_ONE_TO_ONE || s.listening)
		return 0;  /* Linux sets no sk_err on one-to-many sockets */
	saved = errno;
	rx = shim_rx_get(fd);
	if (!rx) {
		errno = saved;
		return 0;
	}
	word = __atomic_load_n(&rx->err_word, __ATOMIC_ACQUIRE);
	state = word & 3;
	value = word >> 2;
	if (!(state == ERR_FINAL || (state == ERR_KNOWN && !hup) || (state == ERR_QUIET && !hup))) {
		if (hup && maker_dead(fd)) {
			value = 0;
			settled = 1;
		} else {
			value = ask_daemon(fd, &settled);
		}
		if (hup)
			fresh = ERR_WORD(ERR_FINAL, value);
		else if (value)
			fresh = ERR_WORD(ERR_KNOWN, value);
		else
			fresh = settled ? ERR_QUIET : ERR_UNKNOWN;
		/* a read of the error meanwhile (shim_error_cleared) wins */
		if (!__atomic_compare_exchange_n(&rx->err_word, &word, fresh, 0, __ATOMIC_ACQ_REL,
		                                 __ATOMIC_ACQUIRE))
			value = (word & 3) == ERR_QUIET ? 0 : word >> 2;
	}
	shim_rx_put(rx);
	errno = saved;
	return value ? POLLERR : 0;
}

/* This process read the pending error: EPOLLERR stops. */
static void cleared_in(struct shim_fd_rx *rx)
{
	int word = __atomic_load_n(&rx->err_word, __ATOMIC_ACQUIRE), fresh;

	do
		fresh = (word & 3) == ERR_FINAL ? ERR_WORD(ERR_FINAL, 0) : ERR_UNKNOWN;
	while (!__atomic_compare_exchange_n(&rx->err_word, &word, fresh, 0, __ATOMIC_ACQ_REL,
	                                    __ATOMIC_ACQUIRE));
}

void shim_error_cleared(int fd)
{
	struct shim_fd_rx *rx = shim_rx_get(fd);

	if (rx) {
		cleared_in(rx);
		shim_rx_put(rx);
	}
}

void shim_error_after_recv(int fd, struct shim_fd_rx *rx, int r)
{
	uint32_t ignored;

	/* the errors a SHIM_ERROR record carries: sctp_recvmsg()'s
	 * sock_error() has cleared sk_err, so the daemon's copy goes too */
	if (r != -ECONNRESET && r != -ETIMEDOUT && r != -ECONNREFUSED && r != -ECONNABORTED
	    && r != -EHOSTUNREACH && r != -ENETUNREACH)
		return;
	if (!maker_dead(fd))
		shim_getopt_u32(fd, SHIM_OPT_SO_ERROR, &ignored);
	__atomic_store_n(&rx->err_word, ERR_WORD(ERR_FINAL, 0), __ATOMIC_RELEASE);
}

/* ---- poll, ppoll -------------------------------------------------------- */

static void poll_add_errors(struct pollfd *fds, nfds_t n)
{
	for (nfds_t i = 0; i < n; i++)
		if (fds[i].fd >= 0 && (fds[i].revents & (POLLHUP | POLLOUT)))
			fds[i].revents |= (short)shim_error_events(fds[i].fd,
			                                           (unsigned short)fds[i].revents);
}

/* The kernel wrote every revents: fds is the caller's valid memory. */
#define POLL_AFTER(call) ({ \
	int r_ = (call); \
	if (r_ > 0 && !shim_inactive) \
		poll_add_errors(fds, nfds); \
	r_; \
})

#define NEED(name) do { \
	shim_real_init(); \
	if (!real_##name) \
		return shim_fail(ENOSYS); \
} while (0)

SHIM_EXPORT int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	NEED(poll);
	return POLL_AFTER(real_poll(fds, nfds, timeout));
}

SHIM_EXPORT int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
	NEED(__poll_chk);
	return POLL_AFTER(real___poll_chk(fds, nfds, timeout, fdslen));
}

SHIM_EXPORT int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
                      const sigset_t *mask)
{
	NEED(ppoll);
	return POLL_AFTER(real_ppoll(fds, nfds, timeout, mask));
}

SHIM_EXPORT int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
                            const sigset_t *mask, size_t fdslen)
{
	NEED(__ppoll_chk);
	return POLL_AFTER(real___ppoll_chk(fds, nfds, timeout, mask, fdslen));
}

/* ---- select, pselect ----------------------------------------------------- */

/*
 * fs/select.c: POLLERR makes a descriptor readable and writable, for the
 * sets it was asked in.  The sets are overwritten by the call, so what was
 * asked is copied first (a set the caller cannot give fails the call in
 * the kernel anyway: then nothing is added).
 */
struct asked {
	fd_set rd, wr;
	int ok;
};

static void select_before(int nfds, fd_set *rd, fd_set *wr, struct asked *a)
{
	size_t bytes = nfds > 0 && nfds <= FD_SETSIZE ? ((size_t)nfds + 7) / 8 : 0;

	/* more than FD_SETSIZE: glibc's own limit for fd_set; left alone */
	memset(a, 0, sizeof *a);
	a->ok = bytes && !shim_inactive
	        && (!rd || shim_copy_user(&a->rd, rd, bytes, 0) == 0)
	        && (!wr || shim_copy_user(&a->wr, wr, bytes, 0) == 0);
}

static int select_after(int r, int nfds, fd_set *rd, fd_set *wr, const struct asked *a)
{
	int saved = errno;

	if (r <= 0 || !a->ok)
		return r;
	for (int fd = 0; fd < nfds; fd++) {
		struct shim_sock s;
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };

		if (!((rd && FD_ISSET(fd, rd)) || (wr && FD_ISSET(fd, wr))))
			continue;
		if (!shim_fd_get(fd, &s) || s.style != SHIM_STYLE_ONE_TO_ONE || s.listening)
			continue;
		/* select does not say which readiness: ask the kernel again */
		if (syscall(SYS_poll, &p, 1, 0) != 1 || !shim_error_events(fd, (unsigned short)p.revents))
			continue;
		if (rd && FD_ISSET(fd, &a->rd) && !FD_ISSET(fd, rd)) {
			FD_SET(fd, rd);
			r++;
		}
		if (wr && FD_ISSET(fd, &a->wr) && !FD_ISSET(fd, wr)) {
			FD_SET(fd, wr);
			r++;
		}
	}
	errno = saved;
	return r;
}

SHIM_EXPORT int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout)
{
	struct asked a;

	NEED(select);
	select_before(nfds, rd, wr, &a);
	return select_after(real_select(nfds, rd, wr, ex, timeout), nfds, rd, wr, &a);
}

SHIM_EXPORT int pselect(int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
                        const struct timespec *timeout, const sigset_t *mask)
{
	struct asked a;

	NEED(pselect);
	select_before(nfds, rd, wr, &a);
	return select_after(real_pselect(nfds, rd, wr, ex, timeout, mask), nfds, rd, wr, &a);
}

/* ---- epoll --------------------------------------------------------------- */

/*
 * epoll reports the program's data, not the descriptor: the SCTP
 * descriptors registered through epoll_ctl here are remembered by
 * (epoll fd, data) and by (epoll fd, fd).  An entry is checked against
 * the socket's inode before use, since a descriptor closed without
 * EPOLL_CTL_DEL leaves the kernel's set by itself; an ADD at the same
 * (epoll fd, fd) replaces it.
 */
#define REG_BUCKETS 1024u

struct reg {
	int epfd, fd;
	uint64_t data;
	dev_t dev;
	ino_t ino;
	struct reg *next_by_data, *next_by_fd;
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct reg *by_data[REG_BUCKETS], *by_fd[REG_BUCKETS];
static _Atomic unsigned long n_regs;

static unsigned int hash2(int epfd, uint64_t v)
{
	uint64_t h = ((uint64_t)(unsigned int)epfd << 32 ^ v) * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(h >> 54) % REG_BUCKETS;
}

/* reg_lock held */
static void reg_remove(int epfd, int fd)
{
	struct reg **p = &by_fd[hash2(epfd, (uint64_t)fd)], *r;

	while ((r = *p) && !(r->epfd == epfd && r->fd == fd))
		p = &r->next_by_fd;
	if (!r)
		return;
	*p = r->next_by_fd;
	for (p = &by_data[hash2(epfd, r->data)]; *p != r; p = &(*p)->next_by_data)
		;
	*p = r->next_by_data;
	free(r);
	n_regs--;
}

static void reg_add(int epfd, int fd, uint64_t data)
{
	struct shim_fd_rx *rx = shim_rx_get(fd);
	struct reg *r = rx ? malloc(sizeof *r) : NULL;

	pthread_mutex_lock(&reg_lock);
	reg_remove(epfd, fd);
	if (r) {
		*r = (struct reg){ .epfd = epfd, .fd = fd, .data = data, .dev = rx->dev, .ino = rx->ino };
		r->next_by_fd = by_fd[hash2(epfd, (uint64_t)fd)];
		by_fd[hash2(epfd, (uint64_t)fd)] = r;
		r->next_by_data = by_data[hash2(epfd, data)];
		by_data[hash2(epfd, data)] = r;
		n_regs++;
	}
	pthread_mutex_unlock(&reg_lock);
	shim_rx_put(rx);
}

/* The registered descriptor whose event this is, if exactly one still is
 * the socket it was; -1 otherwise. */
static int reg_find(int epfd, uint64_t data)
{
	int found = -1, fds[8], n = 0;

	pthread_mutex_lock(&reg_lock);
	for (struct reg *r = by_data[hash2(epfd, data)]; r; r = r->next_by_data)
		if (r->epfd == epfd && r->data == data) {
			if (n == (int)(sizeof fds / sizeof *fds)) {
				n = 0;  /* the same data everywhere: cannot tell */
				break;
			}
			fds[n] = r->fd;
			n++;
		}
	pthread_mutex_unlock(&reg_lock);
	for (int i = 0; i < n; i++) {
		struct shim_fd_rx *rx = shim_rx_get(fds[i]);
		int same = 0;

		/* the inode the registration saw (the number may be reused) */
		if (rx) {
			struct reg *r;

			pthread_mutex_lock(&reg_lock);
			for (r = by_fd[hash2(epfd, (uint64_t)fds[i])]; r; r = r->next_by_fd)
				if (r->epfd == epfd && r->fd == fds[i])
					break;
			same = r && r->dev == rx->dev && r->ino == rx->ino;
			pthread_mutex_unlock(&reg_lock);
			shim_rx_put(rx);
		}
		if (same) {
			if (found >= 0)
				return -1;
			found = fds[i];
		}
	}
	return found;
}

SHIM_EXPORT int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	struct shim_sock s;
	int r, saved;

	NEED(epoll_ctl);
	r = real_epoll_ctl(epfd, op, fd, event);
	if (r < 0 || shim_inactive)
		return r;
	saved = errno;
	if ((op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) && shim_fd_get(fd, &s)
	    && s.style == SHIM_STYLE_ONE_TO_ONE)
		reg_add(epfd, fd, event->data.u64);  /* the kernel read *event */
	else if (n_regs) {
		pthread_mutex_lock(&reg_lock);
		reg_remove(epfd, fd);
		pthread_mutex_unlock(&reg_lock);
	}
	errno = saved;
	return r;
}

static int epoll_after(int epfd, struct epoll_event *ev, int r)
{
	int saved = errno;

	if (r <= 0 || shim_inactive || !n_regs)
		return r;
	for (int i = 0; i < r; i++) {
		uint32_t e = ev[i].events;
		int fd;

		if (!(e & (EPOLLHUP | EPOLLOUT)) || (e & EPOLLERR))
			continue;
		fd = reg_find(epfd, ev[i].data.u64);
		/* EPOLLERR is reported whether it was asked for or not */
		if (fd >= 0 && shim_error_events(fd, e))
			ev[i].events |= EPOLLERR;
	}
	errno = saved;
	return r;
}

SHIM_EXPORT int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout)
{
	NEED(epoll_wait);
	return epoll_after(epfd, events, real_epoll_wait(epfd, events, maxevents, timeout));
}

SHIM_EXPORT int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout,
                            const sigset_t *mask)
{
	NEED(epoll_pwait);
	return epoll_after(epfd, events, real_epoll_pwait(epfd, events, maxevents, timeout, mask));
}

SHIM_EXPORT int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents,
                             const struct timespec *timeout, const sigset_t *mask)
{
	NEED(epoll_pwait2);
	return epoll_after(epfd, events, real_epoll_pwait2(epfd, events, maxevents, timeout, mask));
}
