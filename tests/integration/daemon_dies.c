/* SPDX-License-Identifier: MIT */
/*
 * The daemon dies (SIGKILL) under a program, run under sctpshim: every SCTP
 * descriptor reports the end at once -- EPOLLHUP, a blocked reader wakes,
 * reads end (ECONNRESET as after an ABORT on Linux, see reset_or_eof) and
 * writes fail with EPIPE -- and a new socket starts a new daemon that works.
 */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <netinet/sctp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Bound on "promptly", generous for a loaded machine. */
#define PROMPT_MS 10000

struct reader {
	int fd;
	ssize_t result;
	int error;
};

static void *blocked_reader(void *arg)
{
	struct reader *r = arg;
	char buf[64];

	r->result = recv(r->fd, buf, sizeof buf, 0);
	r->error = errno;
	return NULL;
}

/* Linux reads ECONNRESET after an ABORT: the library tells a dead daemon
 * from an orderly end (shim_daemon_gone() in control.c). */
static bool reset_or_eof(ssize_t n, int error)
{
	return n < 0 && error == ECONNRESET;
}

static void expect_reset(int fd, const char *what)
{
	char buf[64];
	ssize_t n;

	snprintf(e2e_context, sizeof e2e_context, "%s after the daemon died", what);
	errno = 0;
	n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
	CHECK(reset_or_eof(n, errno), "recv on %s gave %zd (errno %d)", what, n, errno);
	errno = 0;
	n = send(fd, "x", 1, MSG_NOSIGNAL);
	CHECK(n < 0 && errno == EPIPE, "send on %s gave %zd (errno %d), not EPIPE", what, n, errno);
}

static void case_daemon_killed(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	int many = e2e_socket(AF_INET, SOCK_SEQPACKET, (uint16_t)(e2e_port + 1), 5);
	int fds[] = { p.listener, p.client, p.server, many };
	const char *names[] = { "the listener", "the client", "the server", "the one-to-many socket" };
	unsigned hung = 0, all = (1u << 4) - 1;
	struct reader r = { .fd = p.client };
	struct timespec deadline;
	pthread_t t;
	pid_t old;
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));

	for (unsigned i = 0; i < 4; i++) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.u32 = i };

		MUST(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev));
	}
	CHECK(pthread_create(&t, NULL, blocked_reader, &r) == 0, "pthread_create");
	old = e2e_daemon_pid();
	MUST(kill(old, SIGKILL));

	snprintf(e2e_context, sizeof e2e_context, "waiting for EPOLLHUP on all four");
	while (hung != all) {
		struct epoll_event evs[4];
		int n = epoll_wait(ep, evs, 4, PROMPT_MS);

		CHECK(n > 0 || (n < 0 && errno == EINTR), "no EPOLLHUP within %d ms (have mask %#x)",
		      PROMPT_MS, hung);
		for (int i = 0; i < n; i++)
			if (evs[i].events & EPOLLHUP) {
				hung |= 1u << evs[i].data.u32;
				/* level-triggered HUP would repeat: stop watching */
				epoll_ctl(ep, EPOLL_CTL_DEL, fds[evs[i].data.u32], NULL);
			}
	}
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += PROMPT_MS / 1000;
	snprintf(e2e_context, sizeof e2e_context, "waiting for the blocked reader");
	CHECK(pthread_timedjoin_np(t, NULL, &deadline) == 0, "a reader blocked in recv did not wake");
	CHECK(reset_or_eof(r.result, r.error), "the blocked recv returned %zd (errno %d)",
	      r.result, r.error);

	expect_reset(p.server, names[2]);
	expect_reset(many, names[3]);
	for (unsigned i = 0; i < 4; i++)
		close(fds[i]);
	close(ep);

	/* a new socket starts a new daemon, which works */
	snprintf(e2e_context, sizeof e2e_context, "a new association after the daemon died");
	p = e2e_connect_pair(AF_INET, (uint16_t)(e2e_port + 2));
	CHECK(e2e_daemon_pid() != old, "the dead daemon's pid still serves");
	MUST(send(p.client, "hello", 5, 0));
	{
		char buf[16];
		ssize_t n = recv(p.server, buf, sizeof buf, 0);

		CHECK(n == 5 && memcmp(buf, "hello", 5) == 0, "the new association's message");
	}
	e2e_close_pair(&p);
}

static const struct e2e_case cases[] = {
	{ "daemon-killed", case_daemon_killed },
};

int main(int argc, char **argv)
{
	return e2e_main("daemon_dies", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
