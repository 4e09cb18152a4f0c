/* SPDX-License-Identifier: MIT */
/* Processes and descriptors under the shim (issue 4): fork, prefork
 * workers sharing one socket, accept-then-fork, dup and friends, SCM_RIGHTS,
 * the last close, SO_LINGER, and programs that die.  Built against Debian's
 * libsctp-dev like any SCTP program.  Usage: procs CASE PORT. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define port e2e_port

static int protocol_of(int fd)
{
	int value = -1;
	socklen_t len = sizeof value;

	MUST(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &value, &len));
	return value;
}

static void send_text(int fd, const char *text)
{
	ssize_t n = send(fd, text, strlen(text), 0);

	CHECK(n == (ssize_t)strlen(text), "send of '%s' on %d returned %zd", text, fd, n);
}

static void expect_text(int fd, const char *want)
{
	uint8_t buf[256];
	size_t n = e2e_recv_message(fd, buf, sizeof buf, NULL);

	CHECK(n == strlen(want) && memcmp(buf, want, n) == 0, "got '%.*s', want '%s'", (int)n,
	      (char *)buf, want);
}

/* The association's end, as a one-to-one reader sees it: 0 after a
 * SHUTDOWN, -1 ECONNRESET after an ABORT.  Bounded by SO_RCVTIMEO. */
static int read_end(int fd)
{
	struct timeval patience = { .tv_sec = 20 };
	char byte;
	ssize_t n;

	MUST(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	n = recv(fd, &byte, 1, 0);
	CHECK(n <= 0, "data (%zd bytes) where the end was due", n);
	CHECK(!(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)),
	      "the association did not end within 20 s");
	return n == 0 ? 0 : -errno;
}

static void expect_shutdown(int fd)
{
	int r = read_end(fd);

	CHECK(r == 0, "want EOF (graceful shutdown), got %s", strerror(-r));
}

/* Parent and child both send and receive on one one-to-one socket; the
 * child's exit (its close) leaves the parent's association alone. */
static void case_fork_share(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	pid_t child;

	child = MUST(fork());
	if (child == 0) {
		send_text(p.client, "from the child");
		expect_text(p.client, "to the child");
		_exit(0);
	}
	expect_text(p.server, "from the child");
	send_text(p.server, "to the child");
	e2e_wait_ok(child, "child");
	send_text(p.client, "from the parent");
	expect_text(p.server, "from the parent");
	send_text(p.server, "to the parent");
	expect_text(p.client, "to the parent");
	close(p.client);
	expect_shutdown(p.server);
	close(p.server);
	close(p.listener);
}

/* inetd style: accept, fork, the child serves the connection, the parent
 * closes its copy at once.  The client sees its echo and then, when the
 * child exits (the last close), the association's graceful end. */
static void case_accept_fork(void)
{
	int listener = e2e_socket(AF_INET, SOCK_STREAM, port, 8);
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	pid_t children[3];

	for (int i = 0; i < 3; i++) {
		int client = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)), conn;
		char text[32];

		MUST(connect(client, (struct sockaddr *)&to.ss, to.len));
		conn = MUST(accept(listener, NULL, NULL));
		children[i] = MUST(fork());
		if (children[i] == 0) {
			uint8_t buf[64];
			size_t n;

			close(listener);
			close(client);
			n = e2e_recv_message(conn, buf, sizeof buf, NULL);
			CHECK(send(conn, buf, n, 0) == (ssize_t)n, "echo");
			_exit(0);
		}
		close(conn);
		snprintf(text, sizeof text, "connection %d", i);
		send_text(client, text);
		expect_text(client, text);
		expect_shutdown(client);
		close(client);
	}
	for (int i = 0; i < 3; i++)
		e2e_wait_ok(children[i], "server child");
	close(listener);
}

/* kamailio: one one-to-many socket made by the parent, N forked workers
 * all blocking in recvmsg on it.  Each message reaches exactly one worker,
 * whole (also those longer than the shim's 64 KiB data records), and the
 * worker that got it answers the sender. */
enum { WORKERS = 4, MESSAGES = 48, BIG = 200000, ONE_RECORD = 60000 };

/* Set by prefork-big: every fourth message spans several records. */
static bool big_messages;

static size_t message_len(int k)
{
	if (k % 4 == 3)
		return (big_messages ? BIG : ONE_RECORD) - (size_t)k;
	return 64 + (size_t)k * 10;
}

static void worker(int server, int report)
{
	uint8_t *buf = malloc(BIG + 16);

	CHECK(buf, "malloc");
	for (;;) {
		struct sockaddr_storage from;
		struct iovec iov = { .iov_base = buf, .iov_len = BIG + 16 };
		struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof from,
				    .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(server, &m, 0);
		char answer[32];
		int k, line[2];

		CHECK(n > 0, "worker %d: recvmsg returned %zd", (int)getpid(), n);
		if (m.msg_flags & MSG_NOTIFICATION)
			continue;
		CHECK(n >= 4, "a message of %zd bytes", n);
		memcpy(&k, buf, sizeof k);
		if (k < 0)
			_exit(0);
		CHECK(k < MESSAGES, "message number %d", k);
		CHECK(m.msg_flags & MSG_EOR, "message %d: %zd bytes without MSG_EOR: torn", k, n);
		CHECK((size_t)n == message_len(k), "message %d: %zd bytes, want %zu", k, n,
		      message_len(k));
		CHECK(e2e_check_fill(buf + 4, 4, (size_t)n - 4), "message %d: wrong bytes", k);
		line[0] = k;
		line[1] = (int)getpid();
		CHECK(write(report, line, sizeof line) == sizeof line, "report");
		snprintf(answer, sizeof answer, "ack %d", k);
		CHECK(sctp_sendmsg(server, answer, strlen(answer), (struct sockaddr *)&from,
				   m.msg_namelen, 0, 0, 0, 0, 0) == (int)strlen(answer),
		      "worker: answer to %d", k);
	}
}

static void case_prefork(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, port, 64);
	int client = e2e_socket(AF_INET, SOCK_SEQPACKET, port + 1, -1);
	int bufsize = 4 << 20, report[2], seen[MESSAGES] = { 0 }, acks[MESSAGES] = { 0 };
	pid_t workers[WORKERS];
	uint8_t *msg = malloc(BIG);
	struct timeval patience = { .tv_sec = 20 };
	int stop = -1;

	CHECK(msg, "malloc");
	/* a worker that fails leaves a message unanswered: fail, not hang */
	MUST(setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	for (int fd = server; fd; fd = fd == server ? client : 0) {
		MUST(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof bufsize));
		MUST(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize));
	}
	MUST(pipe(report));
	for (int i = 0; i < WORKERS; i++) {
		workers[i] = MUST(fork());
		if (workers[i] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			close(report[0]);
			close(client);
			worker(server, report[1]);
		}
	}
	close(report[1]);
	e2e_fill(msg, BIG);
	for (int k = 0; k < MESSAGES; k++) {
		memcpy(msg, &k, sizeof k);
		snprintf(e2e_context, sizeof e2e_context, "sending message %d", k);
		CHECK(sctp_sendmsg(client, msg, message_len(k), (struct sockaddr *)&to.ss, to.len,
				   0, 0, 0, 0, 0) == (int)message_len(k), "send of message %d", k);
	}
	for (int got = 0; got < MESSAGES;) {
		char buf[64];
		int flags = 0, k;
		size_t n;

		snprintf(e2e_context, sizeof e2e_context, "waiting for acks (%d so far)", got);
		n = e2e_recv_message(client, (uint8_t *)buf, sizeof buf - 1, &flags);
		buf[n] = '\0';
		CHECK(sscanf(buf, "ack %d", &k) == 1 && k >= 0 && k < MESSAGES, "answer '%s'", buf);
		CHECK(!acks[k]++, "message %d answered twice", k);
		got++;
	}
	for (int i = 0; i < MESSAGES; i++) {
		int line[2];

		CHECK(read(report[0], line, sizeof line) == sizeof line, "report %d", i);
		CHECK(line[0] >= 0 && line[0] < MESSAGES && !seen[line[0]]++,
		      "message %d delivered twice", line[0]);
	}
	/* one stop message per worker; each takes exactly one */
	for (int i = 0; i < WORKERS; i++)
		CHECK(sctp_sendmsg(client, &stop, sizeof stop, (struct sockaddr *)&to.ss, to.len,
				   0, 0, 0, 0, 0) == sizeof stop, "stop %d", i);
	for (int i = 0; i < WORKERS; i++)
		e2e_wait_ok(workers[i], "worker");
	close(report[0]);
	close(client);
	close(server);
	free(msg);
}

static void case_prefork_big(void)
{
	big_messages = true;
	case_prefork();
}

/* dup, F_DUPFD, F_DUPFD_CLOEXEC, dup3: every copy is the same SCTP socket;
 * closing copies keeps the association; close_range() of the last ones is
 * the last close: what was sent arrives, then the graceful end. */
static void case_dup_copies(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	int copies[5], n = 0;

	copies[n++] = MUST(dup(p.client));
	copies[n++] = MUST(fcntl(p.client, F_DUPFD, 200));
	copies[n++] = MUST(fcntl(p.client, F_DUPFD_CLOEXEC, 300));
	CHECK(copies[1] >= 200 && copies[2] >= 300, "F_DUPFD gave %d and %d", copies[1], copies[2]);
	CHECK(fcntl(copies[2], F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC without close-on-exec");
	copies[n++] = MUST(dup3(p.client, 400, O_CLOEXEC));
	CHECK(copies[3] == 400, "dup3 gave %d", copies[3]);
	copies[n++] = MUST(dup2(p.client, 401));
	for (int i = 0; i < n; i++) {
		char text[32];

		CHECK(protocol_of(copies[i]) == IPPROTO_SCTP, "copy %d: SO_PROTOCOL", copies[i]);
		snprintf(text, sizeof text, "copy %d", copies[i]);
		send_text(copies[i], text);
		expect_text(p.server, text);
	}
	close(p.client);
	for (int i = 0; i < 3; i++)
		close(copies[i]);
	send_text(p.server, "still up");
	expect_text(copies[3], "still up");
	send_text(copies[4], "last words");
	MUST(close_range(400, 401, 0));
	expect_text(p.server, "last words");
	expect_shutdown(p.server);
	close(p.server);
	close(p.listener);
}

/* Java closes a socket by first dup2()ing a dead descriptor onto it: that
 * dup2 is the last close.  The number then is the other file's. */
static void case_dup2_onto(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	int dead[2];
	char byte;

	MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, dead));
	MUST(shutdown(dead[0], SHUT_RDWR));
	send_text(p.client, "before dup2");
	CHECK(dup2(dead[0], p.client) == p.client, "dup2 onto the SCTP descriptor");
	CHECK(protocol_of(p.client) == 0, "the number still reads as SCTP (SO_PROTOCOL %d)",
	      protocol_of(p.client));
	CHECK(read(p.client, &byte, 1) == 0, "read on the dead socket");
	expect_text(p.server, "before dup2");
	expect_shutdown(p.server);
	close(p.client);
	close(dead[0]);
	close(dead[1]);
	close(p.server);
	close(p.listener);
}

static void pass_fd(int via, int fd)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} c;
	struct iovec iov = { .iov_base = "F", .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof c.buf };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	MUST(sendmsg(via, &m, 0));
}

static int receive_fd(int via)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} c;
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof c.buf };
	struct cmsghdr *cm;
	int fd;

	CHECK(MUST(recvmsg(via, &m, 0)) == 1, "recvmsg on the unix socket");
	cm = CMSG_FIRSTHDR(&m);
	CHECK(cm && cm->cmsg_type == SCM_RIGHTS, "no SCM_RIGHTS");
	memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	return fd;
}

/* SCM_RIGHTS: the parent hands its connected SCTP socket to a child it
 * forked before the socket existed, and closes it; the child uses it. */
static void case_scm_rights(void)
{
	int via[2];
	struct e2e_pair p;
	pid_t child;

	MUST(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, via));
	child = MUST(fork());
	if (child == 0) {
		int fd;

		close(via[0]);
		fd = receive_fd(via[1]);
		CHECK(protocol_of(fd) == IPPROTO_SCTP, "received descriptor: SO_PROTOCOL");
		send_text(fd, "from the receiver");
		expect_text(fd, "to the receiver");
		_exit(0);
	}
	close(via[1]);
	p = e2e_connect_pair(AF_INET, port);
	pass_fd(via[0], p.client);
	close(p.client);
	expect_text(p.server, "from the receiver");
	send_text(p.server, "to the receiver");
	e2e_wait_ok(child, "receiver");
	expect_shutdown(p.server);
	close(via[0]);
	close(p.server);
	close(p.listener);
}

/* SO_LINGER {1, 0}: close aborts; the peer reads ECONNRESET. */
static void case_linger_abort(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct linger l = { .l_onoff = 1, .l_linger = 0 };
	int r;

	send_text(p.client, "hello");
	expect_text(p.server, "hello");
	MUST(setsockopt(p.client, SOL_SOCKET, SO_LINGER, &l, sizeof l));
	close(p.client);
	r = read_end(p.server);
	CHECK(r == -ECONNRESET, "want ECONNRESET (abort), got %s", r ? strerror(-r) : "EOF");
	close(p.server);
	close(p.listener);
}

/* shutdown() acts on the socket, not on one descriptor: a forked child's
 * SHUT_WR (after its last message) ends the association for the parent's
 * copy too: the peer reads the message then EOF, the parent's send fails
 * with EPIPE and its read gives 0 once the SHUTDOWN is done. */
static void case_shutdown_fork(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	pid_t child = MUST(fork());
	ssize_t n;

	if (child == 0) {
		send_text(p.client, "last words");
		MUST(shutdown(p.client, SHUT_WR));
		_exit(0);
	}
	e2e_wait_ok(child, "child");
	expect_text(p.server, "last words");
	expect_shutdown(p.server);
	expect_shutdown(p.client);
	errno = 0;
	n = send(p.client, "late", 4, MSG_NOSIGNAL);
	CHECK(n == -1 && errno == EPIPE, "send after SHUT_WR returned %zd (%s), want EPIPE", n,
	      strerror(errno));
	e2e_close_pair(&p);
}

/* sctp_peeloff's descriptor is one like any other: a dup of it and a
 * forked child use it; the last close ends its association gracefully
 * while the one-to-many socket stays. */
static void case_peeloff_fork(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, port, 8);
	int client = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	struct sctp_sndrcvinfo info;
	uint8_t buf[64];
	int flags = 0, peeled, copy;
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };
	pid_t child;

	MUST(setsockopt(server, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
	MUST(connect(client, (struct sockaddr *)&to.ss, to.len));
	send_text(client, "hello");
	memset(&info, 0, sizeof info);
	CHECK(sctp_recvmsg(server, buf, sizeof buf, NULL, NULL, &info, &flags) == 5,
	      "first message");
	peeled = MUST(sctp_peeloff(server, info.sinfo_assoc_id));
	copy = MUST(dup(peeled));
	close(peeled);
	child = MUST(fork());
	if (child == 0) {
		send_text(copy, "from the child");
		expect_text(copy, "to the child");
		_exit(0);
	}
	close(copy);
	expect_text(client, "from the child");
	send_text(client, "to the child");
	e2e_wait_ok(child, "child");
	expect_shutdown(client);
	close(client);
	close(server);
}

/* Programs that die holding sockets and associations: forked children
 * that make a listener, a connected pair and a one-to-many socket, and
 * then _exit() or are killed.  The test script checks that the daemon is
 * left with no endpoint and no growth. */
static void crash_child(int i)
{
	int lone = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);

	CHECK(lone >= 0, "cycle %d: socket", i);
	if (i % 10 == 0) {
		struct e2e_pair p = e2e_connect_pair(AF_INET, (uint16_t)(port + 2 + i / 10 % 50));

		send_text(p.client, "unread");
		if (i % 20 == 0)
			raise(SIGKILL);
	}
	_exit(0);
}

static void case_crash_cycles(void)
{
	int cycles = atoi(getenv("PROCS_CYCLES") ? getenv("PROCS_CYCLES") : "10000");

	for (int i = 0; i < cycles; i++) {
		pid_t child = MUST(fork());
		int status;

		if (child == 0)
			crash_child(i);
		MUST(waitpid(child, &status, 0));
		CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
		      (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
		      "cycle %d: status 0x%x", i, status);
	}
	printf("%d cycles\n", cycles);
}

static const struct e2e_case cases[] = {
	{ "fork-share", case_fork_share },
	{ "accept-fork", case_accept_fork },
	{ "prefork", case_prefork },
	{ "prefork-big", case_prefork_big },
	{ "dup-copies", case_dup_copies },
	{ "dup2-onto", case_dup2_onto },
	{ "scm-rights", case_scm_rights },
	{ "linger-abort", case_linger_abort },
	{ "peeloff-fork", case_peeloff_fork },
	{ "shutdown-fork", case_shutdown_fork },
	{ "crash-cycles", case_crash_cycles },
};

int main(int argc, char **argv)
{
	/* "e2e CASE: ok", what run_e2e (lib.sh) looks for */
	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
