/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "e2e.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/sctp.h>
#include <signal.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

char e2e_context[128];
uint16_t e2e_port;

void e2e_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	fprintf(stderr, "e2e: %s:%d: %s%scheck failed: %s: ", file, line, e2e_context,
		*e2e_context ? ": " : "", cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (errno %d: %s)\n", saved, strerror(saved));
	exit(1);
}

static void watchdog_fired(int sig)
{
	static const char what[] = "e2e: watchdog: still running after 50 s";
	size_t len = strnlen(e2e_context, sizeof e2e_context);

	/* only async-signal-safe calls here */
	(void)!write(STDERR_FILENO, what, sizeof what - 1);
	if (len) {
		(void)!write(STDERR_FILENO, ": ", 2);
		(void)!write(STDERR_FILENO, e2e_context, len);
	}
	(void)!write(STDERR_FILENO, "\n", 1);
	_exit(1);
}

void e2e_watchdog(void)
{
	struct sigaction sa = { .sa_handler = watchdog_fired };

	sigaction(SIGALRM, &sa, NULL);
	alarm(50);
}

struct e2e_addr e2e_loopback(int family, uint16_t port)
{
	struct e2e_addr a;

	memset(&a, 0, sizeof a);
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&a.ss;

		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.len = sizeof *in;
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a.ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		in6->sin6_addr = in6addr_loopback;
		a.len = sizeof *in6;
	}
	return a;
}

uint16_t e2e_port_of(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)sa)->sin_port);
	if (sa->sa_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
	return 0;
}

bool e2e_is_loopback(const struct sockaddr *sa, int family)
{
	if (sa->sa_family != family)
		return false;
	if (family == AF_INET)
		return ((const struct sockaddr_in *)sa)->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
	return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
}

int e2e_socket(int family, int type, uint16_t port, int backlog)
{
	struct e2e_addr a = e2e_loopback(family, port);
	int one = 1;
	int fd = MUST(socket(family, type, IPPROTO_SCTP));

	MUST(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
	if (port)
		MUST(bind(fd, (struct sockaddr *)&a.ss, a.len));
	if (backlog >= 0)
		MUST(listen(fd, backlog));
	return fd;
}

void e2e_wait_port_free(int family, uint16_t port, int timeout_ms)
{
	struct e2e_addr a = e2e_loopback(family, port);
	int one = 1;

	for (int waited = 0;; waited += 20) {
		int fd = MUST(socket(family, SOCK_SEQPACKET, IPPROTO_SCTP));
		int r;

		MUST(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
		r = bind(fd, (struct sockaddr *)&a.ss, a.len);
		close(fd);
		if (r == 0)
			return;
		CHECK(errno == EADDRINUSE, "bind to port %u: %s", port, strerror(errno));
		CHECK(waited < timeout_ms, "port %u still taken after %d ms", port, timeout_ms);
		poll(NULL, 0, 20);  /* nothing to wait on: the daemon frees it */
	}
}

struct e2e_pair e2e_connect_pair(int family, uint16_t port)
{
	return e2e_connect_pair_with(family, port, NULL);
}

struct e2e_pair e2e_connect_pair_with(int family, uint16_t port, void (*prepare)(int fd))
{
	struct e2e_addr to = e2e_loopback(family, port);
	struct e2e_pair p;

	p.listener = e2e_socket(family, SOCK_STREAM, port, 8);
	p.client = MUST(socket(family, SOCK_STREAM, IPPROTO_SCTP));
	if (prepare) {
		prepare(p.listener);
		prepare(p.client);
	}
	snprintf(e2e_context, sizeof e2e_context, "connecting");
	MUST(connect(p.client, (struct sockaddr *)&to.ss, to.len));
	snprintf(e2e_context, sizeof e2e_context, "accepting");
	p.server = MUST(accept(p.listener, NULL, NULL));
	e2e_context[0] = '\0';
	return p;
}

void e2e_close_pair(struct e2e_pair *p)
{
	close(p->client);
	close(p->server);
	close(p->listener);
}

void e2e_fill(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = e2e_byte(i);
}

bool e2e_check_fill(const uint8_t *buf, size_t off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != e2e_byte(off + i))
			return false;
	return true;
}

size_t e2e_recv_message(int fd, uint8_t *buf, size_t cap, int *msg_flags)
{
	size_t got = 0;

	for (;;) {
		struct iovec iov = { .iov_base = buf + got, .iov_len = cap - got };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n;

		CHECK(got < cap, "message longer than %zu bytes", cap);
		n = recvmsg(fd, &m, 0);
		CHECK(n > 0, "recvmsg returned %zd after %zu bytes", n, got);
		CHECK(!(m.msg_flags & MSG_NOTIFICATION), "unexpected notification");
		got += (size_t)n;
		if (m.msg_flags & MSG_EOR) {
			if (msg_flags)
				*msg_flags = m.msg_flags;
			return got;
		}
	}
}

size_t e2e_recv_notification(int fd, void *buf, size_t cap)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(fd, &m, 0);

	CHECK(n > 0, "recvmsg for a notification returned %zd", n);
	CHECK(m.msg_flags & MSG_NOTIFICATION, "data where a notification was due (flags 0x%x)",
	      m.msg_flags);
	CHECK(m.msg_flags & MSG_EOR, "notification without MSG_EOR (flags 0x%x)", m.msg_flags);
	return (size_t)n;
}

sctp_assoc_t e2e_recv_comm_up(int fd)
{
	union sctp_notification sn;

	e2e_recv_notification(fd, &sn, sizeof sn);
	CHECK(sn.sn_header.sn_type == SCTP_ASSOC_CHANGE
	      && sn.sn_assoc_change.sac_state == SCTP_COMM_UP,
	      "type 0x%x state %u instead of COMM_UP", sn.sn_header.sn_type,
	      sn.sn_assoc_change.sac_state);
	return sn.sn_assoc_change.sac_assoc_id;
}

int e2e_so_error(int fd)
{
	int err = -1;
	socklen_t len = sizeof err;

	MUST(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK(len == sizeof err, "SO_ERROR length %u", len);
	return err;
}

void e2e_wait_ok(pid_t pid, const char *who)
{
	int status;

	MUST(waitpid(pid, &status, 0));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: status 0x%x", who, status);
}

int e2e_main(const char *prog, int argc, char **argv, const struct e2e_case *cases,
	     size_t n, void (*before)(void))
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	e2e_watchdog();
	if (argc == 3) {
		e2e_port = (uint16_t)atoi(argv[2]);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(argv[1], cases[i].name) == 0) {
				if (before)
					before();
				cases[i].run();
				printf("%s %s: ok\n", prog, argv[1]);
				return 0;
			}
		}
	}
	fprintf(stderr, "usage: %s CASE PORT\ncases:", prog);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, " %s", cases[i].name);
	fputc('\n', stderr);
	return 99;
}

/* The daemon's pid: its control socket's peer credentials. */
pid_t e2e_daemon_pid(void)
{
	const char *name = getenv("SCTPSHIM_SOCKET");
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct ucred cred;
	socklen_t len = sizeof cred;
	int s = MUST(socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0));

	CHECK(name && *name && strlen(name) < sizeof un.sun_path - 1, "SCTPSHIM_SOCKET");
	memcpy(un.sun_path + 1, name, strlen(name));
	MUST(connect(s, (struct sockaddr *)&un,
		     (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name))));
	MUST(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len));
	close(s);
	return cred.pid;
}
