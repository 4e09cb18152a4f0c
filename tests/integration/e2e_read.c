/* SPDX-License-Identifier: MIT */
/* e2e cases about reading: a remainder kept after a partial read (nudge,
 * dup), sockets that were never connected or whose association ended. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void send_hello_world(int fd)
{
	ssize_t n = send(fd, "hello world", 11, 0);

	CHECK(n == 11, "send returned %zd", n);
}

static int poll_in(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return MUST(poll(&pfd, 1, timeout_ms));
}

static void expect_rest_with_eor(int fd)
{
	char buf[64];
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof buf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(fd, &m, 0);

	CHECK(n == 6 && memcmp(buf, " world", 6) == 0, "rest: %zd bytes '%.*s'", n,
	      n > 0 ? (int)n : 0, buf);
	CHECK(m.msg_flags & MSG_EOR, "rest without MSG_EOR (flags 0x%x)", m.msg_flags);
}

/* Without it each round waits for the delayed SACK of the last (Nagle). */
static void no_delay(int fd)
{
	int one = 1;

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof one));
}

static void read_hello(int fd)
{
	char buf[5];
	ssize_t n = read(fd, buf, sizeof buf);

	CHECK(n == 5 && memcmp(buf, "hello", 5) == 0, "first read: %zd bytes", n);
}

/* A remainder kept in the library polls readable, and once it is read
 * nothing stale stays behind, round after round on one association. */
void e2e_case_nudge(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, e2e_port, no_delay);
	char byte;

	for (int round = 1; round <= 300; round++) {
		/* A stale readiness shows only if we wait for it: 200 ms every
		 * 10th round and in the last, 20 ms otherwise (300 * 200 ms
		 * would be a minute). */
		int quiet_ms = round % 10 == 0 || round == 300 ? 200 : 20;

		snprintf(e2e_context, sizeof e2e_context, "round %d", round);
		send_hello_world(p.client);
		read_hello(p.server);
		CHECK(poll_in(p.server, 2000) == 1, "not readable with 6 bytes left");
		expect_rest_with_eor(p.server);
		errno = 0;
		CHECK(recv(p.server, &byte, 1, MSG_DONTWAIT) == -1 && errno == EAGAIN,
		      "recv(MSG_DONTWAIT) after the message");
		CHECK(poll_in(p.server, quiet_ms) == 0, "readable after everything was read");
	}
	e2e_close_pair(&p);
}

/* Edge-triggered epoll on a non-blocking socket: the remainder after a
 * partial read is a new edge. */
void e2e_case_nudge_epollet(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, e2e_port, no_delay);
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET };

	MUST(fcntl(p.server, F_SETFL, fcntl(p.server, F_GETFL) | O_NONBLOCK));
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	for (int round = 1; round <= 20; round++) {
		snprintf(e2e_context, sizeof e2e_context, "round %d: sending", round);
		send_hello_world(p.client);
		snprintf(e2e_context, sizeof e2e_context, "round %d: waiting for the message", round);
		CHECK(epoll_wait(ep, &ev, 1, 10000) == 1 && (ev.events & EPOLLIN),
		      "no EPOLLIN edge when the message arrived");
		snprintf(e2e_context, sizeof e2e_context, "round %d: partial read", round);
		read_hello(p.server);
		snprintf(e2e_context, sizeof e2e_context, "round %d: waiting for the rest", round);
		CHECK(epoll_wait(ep, &ev, 1, 1000) == 1 && (ev.events & EPOLLIN),
		      "no EPOLLIN edge for the 6 bytes left after a partial read");
		snprintf(e2e_context, sizeof e2e_context, "round %d: reading the rest", round);
		expect_rest_with_eor(p.server);
	}
	snprintf(e2e_context, sizeof e2e_context, "closing");
	close(ep);
	e2e_close_pair(&p);
}

/* The remainder belongs to the socket, not to the descriptor number. */
void e2e_case_dup(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	char buf[64];
	int left = -1, d;
	ssize_t n;

	send_hello_world(p.client);
	read_hello(p.server);
	d = MUST(dup(p.server));
	MUST(ioctl(d, FIONREAD, &left));
	CHECK(left == 6, "FIONREAD on the dup gives %d, want 6", left);
	n = read(d, buf, sizeof buf);
	CHECK(n == 6 && memcmp(buf, " world", 6) == 0, "read on the dup: %zd bytes '%.*s'", n,
	      n > 0 ? (int)n : 0, buf);
	close(d);
	e2e_close_pair(&p);
}

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int sig)
{
	sigpipes++;
}

/* Expect call to have failed with want_errno and raised want_signals SIGPIPEs. */
#define EXPECT_FAIL(call, want_errno, want_signals)                                        \
	do {                                                                               \
		int before_ = sigpipes;                                                    \
		ssize_t r_;                                                                \
		errno = 0;                                                                 \
		r_ = (call);                                                               \
		CHECK(r_ == -1 && errno == (want_errno), "%s returned %zd", #call, r_);    \
		CHECK(sigpipes - before_ == (want_signals), "%s: %d SIGPIPE, want %d",     \
		      #call, sigpipes - before_, want_signals);                            \
	} while (0)

/* A one-to-one socket that never connected: reads fail at once with
 * ENOTCONN, writes with EPIPE and SIGPIPE (none with MSG_NOSIGNAL). */
void e2e_case_never_connected(void)
{
	struct sigaction sa = { .sa_handler = count_sigpipe };
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	char buf[8];

	MUST(sigaction(SIGPIPE, &sa, NULL));
	/* a read that blocks instead of failing ends in the watchdog */
	EXPECT_FAIL(recv(fd, buf, sizeof buf, 0), ENOTCONN, 0);
	EXPECT_FAIL(read(fd, buf, sizeof buf), ENOTCONN, 0);
	EXPECT_FAIL(send(fd, "x", 1, 0), EPIPE, 1);
	EXPECT_FAIL(send(fd, "x", 1, 0), EPIPE, 1);
	EXPECT_FAIL(write(fd, "x", 1), EPIPE, 1);
	EXPECT_FAIL(send(fd, "x", 1, MSG_NOSIGNAL), EPIPE, 0);
	close(fd);
}

/* A non-blocking connect to a peer that never answers (its UDP port is
 * one nobody serves), then close: the program is done with the socket
 * while its association is still in COOKIE-WAIT.  The shell side checks
 * that the daemon lets the endpoint go. */
void e2e_case_close_connecting(void)
{
	struct sctp_udpencaps encaps = { .sue_port = htons(9) };  /* discard: nobody */
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP));

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT, &encaps, sizeof encaps));
	CHECK(connect(fd, (struct sockaddr *)&to.ss, to.len) == -1 && errno == EINPROGRESS,
	      "connect: %s", strerror(errno));
	MUST(close(fd));
}

static int int_option(int fd, int level, int name)
{
	int value = -1;
	socklen_t len = sizeof value;

	MUST(getsockopt(fd, level, name, &value, &len));
	CHECK(len == sizeof value, "option %d length %u", name, len);
	return value;
}

/* After the peer sent 2 bytes and closed: the data, then EOF for good, and
 * the socket answers as Linux's CLOSED one-to-one socket. */
void e2e_case_ended(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	struct sctp_status st;
	char buf[16];
	int fd = p.server;

	CHECK(send(p.client, "ab", 2, 0) == 2, "send");
	close(p.client);
	CHECK(read(fd, buf, sizeof buf) == 2, "first read");
	CHECK(read(fd, buf, sizeof buf) == 0, "second read");
	CHECK(read(fd, buf, sizeof buf) == 0, "third read");
	CHECK(int_option(fd, SOL_SOCKET, SO_ERROR) == 0, "SO_ERROR");
	CHECK(int_option(fd, SOL_SOCKET, SO_TYPE) == SOCK_STREAM, "SO_TYPE");
	CHECK(int_option(fd, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_SCTP, "SO_PROTOCOL");
	CHECK(int_option(fd, SOL_SOCKET, SO_DOMAIN) == AF_INET, "SO_DOMAIN");
	CHECK(int_option(fd, SOL_SOCKET, SO_ACCEPTCONN) == 0, "SO_ACCEPTCONN");
	len = sizeof st;
	errno = 0;
	CHECK(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == -1 && errno == EINVAL,
	      "SCTP_STATUS after the end");
	len = sizeof ss;
	errno = 0;
	CHECK(getpeername(fd, (struct sockaddr *)&ss, &len) == -1 && errno == ENOTCONN,
	      "getpeername after the end");
	len = sizeof ss;
	MUST(getsockname(fd, (struct sockaddr *)&ss, &len));
	CHECK(ss.ss_family == AF_INET, "getsockname family %d", ss.ss_family);
	errno = 0;
	CHECK(send(fd, "x", 1, MSG_NOSIGNAL) == -1 && errno == EPIPE, "send after the end");
	close(p.server);
	close(p.listener);
}
