/* SPDX-License-Identifier: MIT */
/* A one-to-one socket's pending error (sk_err) as sctp_poll() reports it:
 * POLLERR / EPOLLERR until SO_ERROR or a read returns it.  Built against
 * Debian's libsctp-dev and run under `sctpshim run`.
 * Usage: e2e_err CASE PORT (uses PORT and PORT+1). */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define port e2e_port
#define PATIENCE_MS 20000

/* The client aborts (SO_LINGER {1, 0}); the server's socket is returned
 * once its channel hung up, so the abort has been seen by the daemon. */
static struct e2e_pair aborted_pair(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct linger now = { .l_onoff = 1, .l_linger = 0 };
	/* no events asked: only the hang-up (always reported) ends the wait */
	struct pollfd pfd = { .fd = p.server, .events = 0 };

	MUST(setsockopt(p.client, SOL_SOCKET, SO_LINGER, &now, sizeof now));
	MUST(close(p.client));
	p.client = -1;
	CHECK(poll(&pfd, 1, PATIENCE_MS) == 1 && (pfd.revents & POLLHUP),
	      "no hang-up after the peer's ABORT (0x%x)", pfd.revents);
	return p;
}

static void close_rest(struct e2e_pair *p)
{
	close(p->server);
	close(p->listener);
}

static uint32_t epoll_once(int ep, int fd_expected, int timeout)
{
	struct epoll_event ev = { 0 };
	int n = MUST(epoll_wait(ep, &ev, 1, timeout));

	if (n == 0)
		return 0;
	CHECK(ev.data.fd == fd_expected, "event for data %d, want %d", ev.data.fd, fd_expected);
	return ev.events;
}

/* Level-triggered epoll: EPOLLERR (not asked for) after the ABORT, on every
 * wait until SO_ERROR (ECONNRESET, once) reads it. */
static void case_epoll_level(void)
{
	struct e2e_pair p = aborted_pair();
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = p.server };
	uint32_t got;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	for (int i = 0; i < 3; i++) {
		got = epoll_once(ep, p.server, PATIENCE_MS);
		CHECK(got & EPOLLERR, "wait %d: events 0x%x without EPOLLERR", i, got);
	}
	CHECK(e2e_so_error(p.server) == ECONNRESET, "SO_ERROR is not ECONNRESET");
	got = epoll_once(ep, p.server, PATIENCE_MS);
	CHECK(!(got & EPOLLERR), "EPOLLERR after SO_ERROR read it (0x%x)", got);
	CHECK(e2e_so_error(p.server) == 0, "SO_ERROR twice");
	close(ep);
	close_rest(&p);
}

/* Edge-triggered epoll: the hang-up's edge carries EPOLLERR. */
static void case_epoll_edge(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct linger now = { .l_onoff = 1, .l_linger = 0 };
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = p.server };
	uint32_t got = 0;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	MUST(setsockopt(p.client, SOL_SOCKET, SO_LINGER, &now, sizeof now));
	MUST(close(p.client));
	for (int changes = 0; changes < 10 && !(got & EPOLLHUP); changes++)
		got = epoll_once(ep, p.server, PATIENCE_MS);
	CHECK((got & (EPOLLHUP | EPOLLERR)) == (EPOLLHUP | EPOLLERR),
	      "hang-up edge 0x%x without EPOLLERR", got);
	CHECK(e2e_so_error(p.server) == ECONNRESET, "SO_ERROR is not ECONNRESET");
	close(ep);
	close_rest(&p);
}

/* poll: POLLERR with the hang-up, gone once a read returned ECONNRESET
 * (sctp_recvmsg's sock_error() clears it; SO_ERROR then says 0). */
static void case_poll_read_clears(void)
{
	struct e2e_pair p = aborted_pair();
	struct pollfd pfd = { .fd = p.server, .events = POLLIN };
	char buf[64];
	ssize_t n;

	CHECK(poll(&pfd, 1, PATIENCE_MS) == 1 && (pfd.revents & POLLERR),
	      "poll 0x%x without POLLERR", pfd.revents);
	n = recv(p.server, buf, sizeof buf, 0);
	CHECK(n == -1 && errno == ECONNRESET, "recv %zd errno %d, want ECONNRESET", n, errno);
	CHECK(poll(&pfd, 1, PATIENCE_MS) == 1 && !(pfd.revents & POLLERR),
	      "POLLERR after the read returned the error (0x%x)", pfd.revents);
	CHECK(e2e_so_error(p.server) == 0, "SO_ERROR after the read returned it");
	close_rest(&p);
}

/* select: the error makes the socket readable and writable
 * (fs/select.c POLLIN_SET / POLLOUT_SET). */
static void case_select(void)
{
	struct e2e_pair p = aborted_pair();
	fd_set rd, wr, ex;
	struct timeval tv = { .tv_sec = PATIENCE_MS / 1000 };
	int n;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(p.server, &rd);
	FD_SET(p.server, &wr);
	FD_SET(p.server, &ex);
	n = MUST(select(p.server + 1, &rd, &wr, &ex, &tv));
	CHECK(n == 2 && FD_ISSET(p.server, &rd) && FD_ISSET(p.server, &wr)
	      && !FD_ISSET(p.server, &ex), "select %d: rd %d wr %d ex %d", n,
	      FD_ISSET(p.server, &rd), FD_ISSET(p.server, &wr), FD_ISSET(p.server, &ex));
	CHECK(e2e_so_error(p.server) == ECONNRESET, "SO_ERROR is not ECONNRESET");
	close_rest(&p);
}

/* A failed non-blocking connect (nobody listens): EPOLLOUT|EPOLLERR, SO_ERROR
 * ECONNREFUSED once, then no EPOLLERR. */
static void case_connect_refused(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP));
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLOUT, .data.fd = fd };
	uint32_t got;
	int r;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EINPROGRESS, "connect: %d, errno %d", r, errno);
	got = epoll_once(ep, fd, PATIENCE_MS);
	CHECK(got & EPOLLERR, "connect failed: events 0x%x without EPOLLERR", got);
	CHECK(e2e_so_error(fd) == ECONNREFUSED, "SO_ERROR is not ECONNREFUSED");
	got = epoll_once(ep, fd, 0);
	CHECK(!(got & EPOLLERR), "EPOLLERR after SO_ERROR read it (0x%x)", got);
	close(ep);
	close(fd);
}

/* A pipe in the same epoll set as an aborted socket: its data (a pointer
 * here, not a descriptor) and events come back unchanged. */
static void case_epoll_mixed(void)
{
	struct e2e_pair p = aborted_pair();
	int pipefd[2], ep = MUST(epoll_create1(EPOLL_CLOEXEC)), seen_pipe = 0, seen_sock = 0;
	static int pipe_tag, sock_tag;
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &pipe_tag }, out[4];

	MUST(pipe(pipefd));
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev));
	ev.data.ptr = &sock_tag;
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	MUST(write(pipefd[1], "x", 1));
	MUST(close(pipefd[1]));  /* the pipe hangs up too: EPOLLHUP, never EPOLLERR */
	for (int tries = 0; tries < 10 && !(seen_pipe && seen_sock); tries++) {
		int n = MUST(epoll_wait(ep, out, 4, PATIENCE_MS));

		for (int i = 0; i < n; i++) {
			if (out[i].data.ptr == &pipe_tag) {
				CHECK(out[i].events == (EPOLLIN | EPOLLHUP), "pipe events 0x%x",
				      out[i].events);
				seen_pipe = 1;
			} else {
				CHECK(out[i].data.ptr == &sock_tag, "data %p is neither", out[i].data.ptr);
				CHECK(out[i].events & EPOLLERR, "socket events 0x%x", out[i].events);
				seen_sock = 1;
			}
		}
	}
	CHECK(seen_pipe && seen_sock, "pipe %d socket %d", seen_pipe, seen_sock);
	close(ep);
	close(pipefd[0]);
	close_rest(&p);
}

/* The wrappers pass timeouts, EINTR and signal masks through: ppoll and
 * epoll_pwait time out with 0; a signal blocked by the call's mask does
 * not interrupt it, one unblocked does (EINTR). */
static void on_alarm(int sig)
{
	(void)sig;
}

static void case_passthrough(void)
{
	int fds[2], ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct pollfd pfd;
	struct epoll_event ev = { .events = EPOLLIN }, out;
	struct timespec short_wait = { .tv_nsec = 20 * 1000000 };
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { .tv_usec = 50000 } };
	sigset_t block_alarm, none;
	fd_set rd;
	int r;

	MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
	pfd = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	ev.data.fd = fds[0];
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
	CHECK(ppoll(&pfd, 1, &short_wait, NULL) == 0, "ppoll did not time out");
	CHECK(epoll_pwait(ep, &out, 1, 20, NULL) == 0, "epoll_pwait did not time out");
	CHECK(epoll_pwait2(ep, &out, 1, &short_wait, NULL) == 0
	      || errno == ENOSYS, "epoll_pwait2 did not time out");
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGALRM, &sa, NULL));
	sigemptyset(&none);
	sigemptyset(&block_alarm);
	sigaddset(&block_alarm, SIGALRM);
	MUST(sigprocmask(SIG_BLOCK, &block_alarm, NULL));
	/* blocked during the call: the alarm stays pending, the call times out */
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	short_wait.tv_nsec = 0;
	short_wait.tv_sec = 1;
	r = ppoll(&pfd, 1, &short_wait, &block_alarm);
	CHECK(r == 0, "ppoll with SIGALRM blocked: %d errno %d", r, errno);
	/* unblocked by the call's mask: the pending alarm interrupts it */
	r = ppoll(&pfd, 1, &short_wait, &none);
	CHECK(r == -1 && errno == EINTR, "ppoll: %d errno %d, want EINTR", r, errno);
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	r = epoll_pwait(ep, &out, 1, 5000, &none);
	CHECK(r == -1 && errno == EINTR, "epoll_pwait: %d errno %d, want EINTR", r, errno);
	MUST(sigprocmask(SIG_UNBLOCK, &block_alarm, NULL));
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	r = poll(&pfd, 1, 5000);
	CHECK(r == -1 && errno == EINTR, "poll: %d errno %d, want EINTR", r, errno);
	MUST(setitimer(ITIMER_REAL, &it, NULL));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	r = select(fds[0] + 1, &rd, NULL, NULL, &(struct timeval){ .tv_sec = 5 });
	CHECK(r == -1 && errno == EINTR, "select: %d errno %d, want EINTR", r, errno);
	r = poll(NULL, 1, 0);
	CHECK(r == -1 && errno == EFAULT, "poll(NULL): %d errno %d, want EFAULT", r, errno);
	close(ep);
	close(fds[0]);
	close(fds[1]);
}

static const struct e2e_case cases[] = {
	{ "epoll-level", case_epoll_level },
	{ "epoll-edge", case_epoll_edge },
	{ "poll-read-clears", case_poll_read_clears },
	{ "select", case_select },
	{ "connect-refused", case_connect_refused },
	{ "epoll-mixed", case_epoll_mixed },
	{ "passthrough", case_passthrough },
};

int main(int argc, char **argv)
{
	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
