/* SPDX-License-Identifier: MIT */
/* Threads, blocking calls and readiness, each as a kernel SCTP socket has
 * them (net/sctp/socket.c): built against Debian's libsctp-dev and run under
 * `sctpshim run`.  Usage: e2e_wait CASE PORT (uses PORT and PORT+1). */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/sockios.h>

#define port e2e_port

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static uint32_t epoll_events(int ep, int timeout_ms)
{
	struct epoll_event ev = { 0 };
	int n = MUST(epoll_wait(ep, &ev, 1, timeout_ms));

	return n ? ev.events : 0;
}

/* ---- many threads on one socket ----------------------------------------- */

enum {
	SENDERS = 4,
	RECEIVERS = 4,
	PER_SENDER = 12,
	/* larger than one data record: each message travels in pieces */
	MSG_BASE = 65536 + 4000,
};

struct tagged {
	uint32_t sender, seq, len;
};

static int shared_fd;
static const struct e2e_addr *shared_to;  /* one-to-many: where to */
static atomic_int received_total;
static atomic_uchar seen[SENDERS][PER_SENDER];

/* Message seq of sender s: a length of its own and a pattern only it has. */
static size_t message_len(uint32_t s, uint32_t seq)
{
	return MSG_BASE + s * 1013 + seq * 97;
}

static uint8_t message_byte(uint32_t s, uint32_t seq, size_t i)
{
	return (uint8_t)(i * 7 + s * 31 + seq * 13 + i / 251);
}

static void *send_thread(void *arg)
{
	uint32_t s = (uint32_t)(uintptr_t)arg;
	uint8_t *buf = malloc(message_len(s, PER_SENDER));

	CHECK(buf, "malloc");
	for (uint32_t seq = 0; seq < PER_SENDER; seq++) {
		size_t len = message_len(s, seq);
		struct tagged t = { s, seq, (uint32_t)len };
		ssize_t n;

		for (size_t i = 0; i < len; i++)
			buf[i] = message_byte(s, seq, i);
		memcpy(buf, &t, sizeof t);
		n = shared_to ? sendto(shared_fd, buf, len, 0, (struct sockaddr *)&shared_to->ss,
		                       shared_to->len)
		              : send(shared_fd, buf, len, 0);
		CHECK(n == (ssize_t)len, "sender %u message %u: send returned %zd", s, seq, n);
	}
	free(buf);
	return NULL;
}

static void *recv_thread(void *arg)
{
	int fd = (int)(intptr_t)arg;
	size_t cap = MSG_BASE * 2;
	uint8_t *buf = malloc(cap);

	CHECK(buf, "malloc");
	while (atomic_load(&received_total) < SENDERS * PER_SENDER) {
		struct iovec iov = { .iov_base = buf, .iov_len = cap };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		struct tagged t;
		ssize_t n = recvmsg(fd, &m, 0);

		if (n < 0 && errno == EAGAIN)
			continue;  /* SO_RCVTIMEO: look at the count again */
		CHECK(n >= (ssize_t)sizeof t, "recvmsg returned %zd", n);
		CHECK(m.msg_flags & MSG_EOR, "a message of %zd bytes without MSG_EOR: torn", n);
		memcpy(&t, buf, sizeof t);
		CHECK(t.sender < SENDERS && t.seq < PER_SENDER, "message tag %u/%u", t.sender, t.seq);
		CHECK((size_t)n == message_len(t.sender, t.seq) && t.len == (uint32_t)n,
		      "message %u/%u: %zd bytes, want %zu", t.sender, t.seq, n,
		      message_len(t.sender, t.seq));
		for (size_t i = sizeof t; i < (size_t)n; i++)
			CHECK(buf[i] == message_byte(t.sender, t.seq, i),
			      "message %u/%u: byte %zu differs (interleaved)", t.sender, t.seq, i);
		CHECK(atomic_exchange(&seen[t.sender][t.seq], 1) == 0, "message %u/%u twice",
		      t.sender, t.seq);
		atomic_fetch_add(&received_total, 1);
	}
	free(buf);
	return NULL;
}

/* Four threads send messages of 64 KiB and more on one socket while four
 * others receive on the peer's: every message arrives once, whole, and
 * unmixed with the others. */
static void case_threads(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct timeval tick = { .tv_sec = 0, .tv_usec = 200000 };
	pthread_t snd[SENDERS], rcv[RECEIVERS];

	/* receivers wake now and then to see whether the others finished */
	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick));
	shared_fd = p.client;
	for (int i = 0; i < RECEIVERS; i++)
		CHECK(pthread_create(&rcv[i], NULL, recv_thread, (void *)(intptr_t)p.server) == 0,
		      "pthread_create");
	for (int i = 0; i < SENDERS; i++)
		CHECK(pthread_create(&snd[i], NULL, send_thread, (void *)(uintptr_t)i) == 0,
		      "pthread_create");
	for (int i = 0; i < SENDERS; i++)
		pthread_join(snd[i], NULL);
	for (int i = 0; i < RECEIVERS; i++)
		pthread_join(rcv[i], NULL);
	CHECK(atomic_load(&received_total) == SENDERS * PER_SENDER, "%d messages received",
	      atomic_load(&received_total));
	e2e_close_pair(&p);
}

/* The same on one-to-many sockets: four threads send on one socket (one
 * association), four receive on the peer's. */
static void case_threads_one_to_many(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, port, 8);
	int client = e2e_socket(AF_INET, SOCK_SEQPACKET, port + 1, -1);
	struct timeval tick = { .tv_sec = 0, .tv_usec = 200000 };
	pthread_t snd[SENDERS], rcv[RECEIVERS];

	MUST(setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick));
	shared_fd = client;
	shared_to = &to;
	for (int i = 0; i < RECEIVERS; i++)
		CHECK(pthread_create(&rcv[i], NULL, recv_thread, (void *)(intptr_t)server) == 0,
		      "pthread_create");
	for (int i = 0; i < SENDERS; i++)
		CHECK(pthread_create(&snd[i], NULL, send_thread, (void *)(uintptr_t)i) == 0,
		      "pthread_create");
	for (int i = 0; i < SENDERS; i++)
		pthread_join(snd[i], NULL);
	for (int i = 0; i < RECEIVERS; i++)
		pthread_join(rcv[i], NULL);
	CHECK(atomic_load(&received_total) == SENDERS * PER_SENDER, "%d messages received",
	      atomic_load(&received_total));
	close(client);
	close(server);
}

/* ---- a blocked reader and another thread -------------------------------- */

struct blocked {
	int fd;
	ssize_t result;
	int error;
	atomic_int tid;
};

static void *blocked_recv(void *arg)
{
	struct blocked *b = arg;
	char buf[64];

	atomic_store(&b->tid, gettid());
	b->result = recv(b->fd, buf, sizeof buf, 0);
	b->error = errno;
	return NULL;
}

/* Wait until the thread sleeps in the kernel (state S in its stat). */
static void wait_sleeping(struct blocked *b)
{
	char path[64], line[512];

	while (!atomic_load(&b->tid))
		sched_yield();
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", atomic_load(&b->tid));
	for (int tries = 0; tries < 20000; tries++) {
		FILE *f = fopen(path, "r");
		char *state = NULL;

		CHECK(f, "%s", path);
		if (fgets(line, sizeof line, f))
			state = strrchr(line, ')');
		fclose(f);
		if (state && state[1] == ' ' && state[2] == 'S')
			return;
		usleep(1000);
	}
	CHECK(0, "the reader never blocked");
}

/* Linux: shutdown(SHUT_RD or SHUT_RDWR) by another thread wakes a reader
 * blocked in recvmsg, which returns 0 (sctp_skb_recv_datagram() stops at
 * RCV_SHUTDOWN). */
static void shutdown_wakes(int how)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct blocked b = { .fd = p.server };
	struct timeval patience = { .tv_sec = 20 };
	pthread_t t;

	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	MUST(shutdown(p.server, how));
	pthread_join(t, NULL);
	CHECK(b.result == 0, "blocked recv returned %zd (errno %d), want 0", b.result, b.error);
	e2e_close_pair(&p);
}

static void small_rcvbuf(int fd)
{
	int size = 4096;

	MUST(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size));
}

static atomic_int sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	atomic_fetch_add(&sigpipes, 1);
}

struct blocked_send {
	struct blocked b;
	atomic_long sent;
	atomic_int done;
};

/* Send 4 KiB messages, blocking, until one fails. */
static void *blocked_send(void *arg)
{
	struct blocked_send *bs = arg;
	static char msg[4096];
	ssize_t n;

	atomic_store(&bs->b.tid, gettid());
	while ((n = send(bs->b.fd, msg, sizeof msg, 0)) >= 0)
		atomic_fetch_add(&bs->sent, 1);
	bs->b.result = n;
	bs->b.error = errno;
	atomic_store(&bs->done, 1);
	return NULL;
}

/* Is the thread in system call nr (/proc's syscall file)? */
static bool in_syscall(int tid, long want)
{
	char path[64];
	long nr = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
	f = fopen(path, "r");
	CHECK(f, "%s", path);
	if (fscanf(f, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
	return nr == want;
}

/* Wait until the thread sleeps in system call nr. */
static void wait_in_syscall(int tid, long nr)
{
	for (int tries = 0; tries < 20000; tries++) {
		if (in_syscall(tid, nr))
			return;
		usleep(1000);
	}
	CHECK(0, "thread %d never waited in system call %ld", tid, nr);
}

/* Wait until the sender has sat in sendmsg with nothing getting through
 * for half a second: the peer reads nothing, but its window opens a
 * little now and then at first. */
static void wait_stuck_in_send(struct blocked_send *bs)
{
	long last = -1;
	int still = 0;

	while (!atomic_load(&bs->b.tid))
		sched_yield();
	for (int tries = 0; tries < 6000 && still < 50; tries++) {
		long now = atomic_load(&bs->sent);

		CHECK(!atomic_load(&bs->done), "send failed before the shutdown: errno %d",
		      bs->b.error);
		still = in_syscall(atomic_load(&bs->b.tid), SYS_sendmsg) && now == last ? still + 1
		                                                                     : 0;
		last = now;
		usleep(10000);
	}
	CHECK(still >= 50, "the sender never stayed blocked in send");
}

/* A sender blocked on a full send buffer is woken by another thread's
 * shutdown(SHUT_WR): EPIPE with SIGPIPE (no MSG_NOSIGNAL), as
 * sctp_wait_for_sndbuf() once the association is shutting down. */
static void case_shutdown_wakes_sender(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_rcvbuf);
	struct blocked_send bs = { .b.fd = p.client };
	struct sigaction sa = { .sa_handler = on_sigpipe };
	pthread_t t;

	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGPIPE, &sa, NULL));
	CHECK(pthread_create(&t, NULL, blocked_send, &bs) == 0, "pthread_create");
	wait_stuck_in_send(&bs);
	MUST(shutdown(p.client, SHUT_WR));
	for (int i = 0; i < 20000 && !atomic_load(&bs.done); i++)
		usleep(1000);
	CHECK(atomic_load(&bs.done), "the blocked send did not wake within 20 s of the shutdown");
	pthread_join(t, NULL);
	CHECK(bs.b.result == -1 && bs.b.error == EPIPE, "send: %zd, errno %d, want EPIPE",
	      bs.b.result, bs.b.error);
	CHECK(atomic_load(&sigpipes) == 1, "SIGPIPE came %d times, want once",
	      atomic_load(&sigpipes));
	e2e_close_pair(&p);
}

static void case_shutdown_rd_wakes(void)
{
	shutdown_wakes(SHUT_RD);
}

static void case_shutdown_rdwr_wakes(void)
{
	shutdown_wakes(SHUT_RDWR);
}

/* After shutdown(SHUT_RD) what was already queued is still read, then 0;
 * poll says POLLIN|POLLRDHUP (sctp_poll() on RCV_SHUTDOWN); sending goes
 * on. */
static void case_shut_rd_queued(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct pollfd pfd = { .fd = p.server, .events = POLLIN | POLLRDHUP };
	char buf[32];
	ssize_t n;

	CHECK(send(p.client, "before", 6, 0) == 6, "send");
	CHECK(recv(p.server, buf, 1, MSG_PEEK) == 1, "peek");
	MUST(shutdown(p.server, SHUT_RD));
	CHECK(poll(&pfd, 1, 20000) == 1, "not readable after SHUT_RD");
	CHECK((pfd.revents & (POLLIN | POLLRDHUP)) == (POLLIN | POLLRDHUP),
	      "revents 0x%x, want POLLIN|POLLRDHUP", pfd.revents);
	n = recv(p.server, buf, sizeof buf, 0);
	CHECK(n == 6 && memcmp(buf, "before", 6) == 0, "queued message: %zd", n);
	n = recv(p.server, buf, sizeof buf, 0);
	CHECK(n == 0, "after the queued message: %zd, errno %d", n, errno);
	CHECK(send(p.server, "still", 5, 0) == 5, "send after SHUT_RD");
	n = recv(p.client, buf, sizeof buf, 0);
	CHECK(n == 5 && memcmp(buf, "still", 5) == 0, "peer got %zd", n);
	e2e_close_pair(&p);
}

/* close() by another thread does not end a blocked recv on Linux: the call
 * holds the file, returns the message that arrives, and the socket is
 * released after it (the peer then sees the SHUTDOWN: its read says 0).
 * The number is reused meanwhile and must not be read instead. */
static void case_close_while_recv(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct blocked b = { .fd = p.server };
	struct timeval patience = { .tv_sec = 20 };
	char buf[16];
	int decoy[2];
	pthread_t t;

	MUST(setsockopt(p.client, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	MUST(close(p.server));
	/* the lowest free numbers: the server's goes to a pipe of our own */
	MUST(pipe(decoy));
	CHECK(write(decoy[1], "decoy", 5) == 5, "write to the pipe");
	CHECK(send(p.client, "after", 5, 0) == 5, "send");
	pthread_join(t, NULL);
	CHECK(b.result == 5, "blocked recv: %zd, errno %d, want the 5 bytes sent", b.result,
	      b.error);
	CHECK(recv(p.client, buf, sizeof buf, 0) == 0, "the peer's read after the release");
	close(decoy[0]);
	close(decoy[1]);
	close(p.client);
	close(p.listener);
}

/* A child forked while a thread waits does not keep the socket alive: on
 * Linux the wait's reference is not in the descriptor table fork copies.
 * Closed by the program and its wait over, the socket is released (the
 * peer reads 0) while the child still lives. */
static void case_fork_while_recv(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct blocked b = { .fd = p.server };
	struct timeval patience = { .tv_sec = 20 };
	int hold[2];
	char buf[16];
	pid_t child;
	pthread_t t;

	MUST(setsockopt(p.client, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	MUST(pipe(hold));
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	MUST(close(p.server));
	child = MUST(fork());
	if (child == 0) {
		char c;

		close(hold[1]);
		_exit(read(hold[0], &c, 1) == 0 ? 0 : 1);  /* until the parent is done */
	}
	close(hold[0]);
	CHECK(send(p.client, "after", 5, 0) == 5, "send");
	pthread_join(t, NULL);
	CHECK(b.result == 5, "blocked recv: %zd, errno %d", b.result, b.error);
	CHECK(recv(p.client, buf, sizeof buf, 0) == 0,
	      "the peer's read with the child alive: the socket was not released");
	close(hold[1]);
	e2e_wait_ok(child, "child");
	close(p.client);
	close(p.listener);
}

struct blocked_accept {
	int fd, result, error;
	atomic_int tid;
};

static void *blocked_accept(void *arg)
{
	struct blocked_accept *b = arg;

	atomic_store(&b->tid, gettid());
	b->result = accept(b->fd, NULL, NULL);
	b->error = errno;
	return NULL;
}

/* The same for accept: closing the listener in another thread leaves a
 * blocked accept waiting (on Linux only shutdown() could, and SCTP refuses
 * it), and an association that arrives is accepted. */
static void case_close_while_accept(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	struct blocked_accept b = { .fd = e2e_socket(AF_INET, SOCK_STREAM, port, 8) };
	struct blocked w = { 0 };
	int client = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	pthread_t t;

	CHECK(pthread_create(&t, NULL, blocked_accept, &b) == 0, "pthread_create");
	while (!atomic_load(&b.tid))
		sched_yield();
	atomic_store(&w.tid, atomic_load(&b.tid));
	wait_sleeping(&w);
	MUST(close(b.fd));
	MUST(connect(client, (struct sockaddr *)&to.ss, to.len));
	pthread_join(t, NULL);
	CHECK(b.result >= 0, "blocked accept: %d, errno %d", b.result, b.error);
	CHECK(send(client, "hi", 2, 0) == 2, "send");
	{
		char buf[4];
		ssize_t n = recv(b.result, buf, sizeof buf, 0);

		CHECK(n == 2, "the accepted socket got %zd", n);
	}
	close(b.result);
	close(client);
}

/* The peer's ABORT wakes a reader blocked in another thread with
 * ECONNRESET (sctp_wait_for_packet(): the socket error), and epoll
 * reports it (Linux: EPOLLERR; here also EPOLLIN|EPOLLHUP, see design.md;
 * e2e_err.c checks EPOLLERR). */
static void case_abort_wakes(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct blocked b = { .fd = p.server };
	struct timeval patience = { .tv_sec = 20 };
	struct linger now = { .l_onoff = 1, .l_linger = 0 };
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = p.server };
	uint32_t got;
	pthread_t t;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	MUST(setsockopt(p.client, SOL_SOCKET, SO_LINGER, &now, sizeof now));
	MUST(close(p.client));
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == ECONNRESET, "blocked recv: %zd, errno %d, want "
	      "ECONNRESET", b.result, b.error);
	got = epoll_events(ep, 20000);
	CHECK(got & (EPOLLERR | EPOLLIN | EPOLLHUP), "no event for the ABORT (0x%x)", got);
	close(ep);
	close(p.server);
	close(p.listener);
}

/* ---- signals ------------------------------------------------------------ */

static void on_signal(int sig)
{
	(void)sig;
}

static void handle(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	MUST(sigaction(sig, &sa, NULL));
}

/* A signal interrupts a blocked recv with EINTR when its handler has no
 * SA_RESTART; with SA_RESTART the recv goes on and gets the message sent
 * later; with SA_RESTART but an SO_RCVTIMEO it is EINTR again
 * (sock_intr_errno(): only an endless wait restarts). */
static void case_eintr(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct blocked b = { .fd = p.server };
	struct timeval patience = { .tv_sec = 20 };
	pthread_t t;

	handle(SIGUSR1, 0);
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == EINTR, "without SA_RESTART: %zd, errno %d", b.result,
	      b.error);

	handle(SIGUSR1, SA_RESTART);
	b = (struct blocked){ .fd = p.server };
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	pthread_kill(t, SIGUSR1);
	CHECK(send(p.client, "later", 5, 0) == 5, "send");
	pthread_join(t, NULL);
	CHECK(b.result == 5, "with SA_RESTART: %zd, errno %d (want the message)", b.result, b.error);

	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	b = (struct blocked){ .fd = p.server };
	CHECK(pthread_create(&t, NULL, blocked_recv, &b) == 0, "pthread_create");
	wait_sleeping(&b);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == EINTR, "SA_RESTART with SO_RCVTIMEO: %zd, errno %d",
	      b.result, b.error);
	e2e_close_pair(&p);
}

/* ---- connect ------------------------------------------------------------ */

/* Non-blocking connect to a port nobody listens on: EINPROGRESS, then
 * writable with SO_ERROR ECONNREFUSED (the peer's ABORT). */
static void case_connect_refused(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP));
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int err = -1;
	socklen_t len = sizeof err;
	int r;

	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EINPROGRESS, "connect: %d, errno %d", r, errno);
	CHECK(poll(&pfd, 1, 20000) == 1, "never writable");
	MUST(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK(err == ECONNREFUSED, "SO_ERROR %d, want ECONNREFUSED", err);
	close(fd);

	/* the blocking kind fails with the error itself */
	fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == ECONNREFUSED, "blocking connect: %d, errno %d", r, errno);
	close(fd);
}

static uint16_t local_port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;

	MUST(getsockname(fd, (struct sockaddr *)&a, &len));
	return ntohs(a.sin_port);
}

/* A one-to-one socket whose connect failed connects again, as Linux's
 * __sctp_connect() allows (the socket is CLOSED again): same port, its
 * options kept (SCTP_INITMSG's stream count here), and data flows. */
static void case_reconnect_after_refused(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	struct sctp_initmsg im = { .sinit_num_ostreams = 7 };
	struct sctp_status st = { 0 };
	socklen_t len = sizeof st;
	char buf[16];
	uint16_t first_port;
	int listener, server, r;

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im));
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == ECONNREFUSED, "first connect: %d, errno %d", r, errno);
	first_port = local_port_of(fd);
	listener = e2e_socket(AF_INET, SOCK_STREAM, port, 8);
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == 0, "connect after a refused one: %d, errno %d (%s)", r, errno, strerror(errno));
	CHECK(local_port_of(fd) == first_port, "local port %u, was %u", local_port_of(fd),
	      first_port);
	MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_outstrms == 7, "%u outbound streams, want the 7 asked for before",
	      st.sstat_outstrms);
	server = MUST(accept(listener, NULL, NULL));
	CHECK(send(fd, "again", 5, 0) == 5, "send");
	CHECK(recv(server, buf, sizeof buf, 0) == 5 && memcmp(buf, "again", 5) == 0, "recv");
	close(server);
	close(fd);
	close(listener);
}

/* A successful non-blocking connect: writable once up, SO_ERROR 0, and
 * connect again says EISCONN. */
static void case_connect_nonblock_ok(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int listener = e2e_socket(AF_INET, SOCK_STREAM, port, 8);
	int fd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP));
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int err = -1, r;
	socklen_t len = sizeof err;

	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EINPROGRESS, "connect: %d, errno %d", r, errno);
	CHECK(poll(&pfd, 1, 20000) == 1 && (pfd.revents & POLLOUT), "never writable (0x%x)",
	      pfd.revents);
	MUST(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK(err == 0, "SO_ERROR %d", err);
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EISCONN, "connect again: %d, errno %d", r, errno);
	close(fd);
	close(listener);
}

/* Non-blocking connect that nobody answers (the test points the daemon's
 * peers' UDP port at a dead one): not writable and EALREADY meanwhile,
 * writable once the INIT retransmissions run out, SO_ERROR ETIMEDOUT. */
static void case_connect_timeout(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_SCTP));
	/* about three seconds of INITs: long enough to ask again meanwhile */
	struct sctp_initmsg im = { .sinit_max_attempts = 2, .sinit_max_init_timeo = 1000 };
	struct sctp_rtoinfo rto = { .srto_initial = 1000, .srto_min = 100, .srto_max = 1000 };
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int err = -1, r;
	socklen_t len = sizeof err;

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im));
	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto));
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EINPROGRESS, "connect: %d, errno %d", r, errno);
	CHECK(poll(&pfd, 1, 0) == 0, "writable while connecting (0x%x)", pfd.revents);
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EALREADY, "connect again meanwhile: %d, errno %d", r, errno);
	CHECK(poll(&pfd, 1, 30000) == 1, "never writable");
	MUST(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK(err == ETIMEDOUT, "SO_ERROR %d, want ETIMEDOUT", err);
	close(fd);
}

/* A connect of about three seconds (nobody answers the INITs, see the
 * .sh), on a blocking socket. */
static int slow_connect_socket(void)
{
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	struct sctp_initmsg im = { .sinit_max_attempts = 2, .sinit_max_init_timeo = 1000 };
	struct sctp_rtoinfo rto = { .srto_initial = 1000, .srto_min = 100, .srto_max = 1000 };

	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im));
	MUST(setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto));
	return fd;
}

/* After a blocking connect stopped waiting, the association goes on: not
 * writable and EALREADY meanwhile, then POLLOUT with SO_ERROR ETIMEDOUT
 * (sctp_wait_for_connect() leaves it running). */
static void expect_goes_on(int fd)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	int err = -1, r;
	socklen_t len = sizeof err;

	CHECK(poll(&pfd, 1, 0) == 0, "writable while still connecting (0x%x)", pfd.revents);
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EALREADY, "connect again: %d, errno %d", r, errno);
	CHECK(poll(&pfd, 1, 30000) == 1, "never writable");
	MUST(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK(err == ETIMEDOUT, "SO_ERROR %d, want ETIMEDOUT", err);
}

struct blocked_connect {
	int fd, result, error;
	atomic_int tid, done;
};

static void *blocked_connect(void *arg)
{
	struct blocked_connect *b = arg;
	struct e2e_addr to = e2e_loopback(AF_INET, port);

	atomic_store(&b->tid, gettid());
	b->result = connect(b->fd, (struct sockaddr *)&to.ss, to.len);
	b->error = errno;
	atomic_store(&b->done, 1);
	return NULL;
}

/* A signal without SA_RESTART interrupts a blocking connect: EINTR, and
 * the association goes on. */
static void case_connect_eintr(void)
{
	struct blocked_connect b = { .fd = slow_connect_socket() };
	struct blocked w = { 0 };
	pthread_t t;

	handle(SIGUSR1, 0);
	CHECK(pthread_create(&t, NULL, blocked_connect, &b) == 0, "pthread_create");
	while (!atomic_load(&b.tid))
		sched_yield();
	atomic_store(&w.tid, atomic_load(&b.tid));
	wait_sleeping(&w);
	/* a signal that comes while the association is being asked for is
	 * not the wait's: signal until the connect returns (it waits about
	 * three seconds) */
	for (int i = 0; i < 50 && !atomic_load(&b.done); i++) {
		pthread_kill(t, SIGUSR1);
		poll(NULL, 0, 20);
	}
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == EINTR, "connect: %d, errno %d, want EINTR", b.result,
	      b.error);
	expect_goes_on(b.fd);
	close(b.fd);
}

/* A signal whose handler has SA_RESTART interrupts a blocking connect
 * too: the kernel restarts connect(), which finds the association under
 * way and says EALREADY (sctp_wait_for_connect -> sock_intr_errno ->
 * ERESTARTSYS; __sctp_connect); the association goes on. */
static void case_connect_restart(void)
{
	struct blocked_connect b = { .fd = slow_connect_socket() };
	struct blocked w = { 0 };
	pthread_t t;

	handle(SIGUSR1, SA_RESTART);
	CHECK(pthread_create(&t, NULL, blocked_connect, &b) == 0, "pthread_create");
	while (!atomic_load(&b.tid))
		sched_yield();
	atomic_store(&w.tid, atomic_load(&b.tid));
	wait_sleeping(&w);
	for (int i = 0; i < 50 && !atomic_load(&b.done); i++) {
		pthread_kill(t, SIGUSR1);
		poll(NULL, 0, 20);
	}
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == EALREADY, "connect: %d, errno %d, want EALREADY",
	      b.result, b.error);
	expect_goes_on(b.fd);
	close(b.fd);
}

/* shutdown(how) from another thread while a blocking connect waits for a
 * peer that never answers: shutdown says ENOTCONN (inet_shutdown: the
 * socket is still CLOSED), yet the association being set up is deleted
 * (sctp_sf_cookie_wait_prm_shutdown) and the connect returns at once with
 * `want` (-errno, or 0) instead of timing out. */
static void shutdown_while_connect(int how, int want)
{
	struct blocked_connect b = { .fd = slow_connect_socket() };
	pthread_t t;
	int r;

	CHECK(pthread_create(&t, NULL, blocked_connect, &b) == 0, "pthread_create");
	while (!atomic_load(&b.tid))
		sched_yield();
	/* the wait for the outcome, not any earlier sleep of the call */
	wait_in_syscall(atomic_load(&b.tid), SYS_ppoll);
	r = shutdown(b.fd, how);
	CHECK(r == -1 && errno == ENOTCONN, "shutdown: %d, errno %d, want ENOTCONN", r, errno);
	pthread_join(t, NULL);
	if (want)
		CHECK(b.result == -1 && b.error == -want, "connect: %d, errno %d, want %d",
		      b.result, b.error, -want);
	else
		CHECK(b.result == 0, "connect: %d, errno %d, want 0", b.result, b.error);
	close(b.fd);
}

/* SHUT_WR: the waiting connect fails with ECONNREFUSED (the association
 * is dead, sctp_wait_for_connect's do_error). */
static void case_shutdown_wr_while_connect(void)
{
	shutdown_while_connect(SHUT_WR, -ECONNREFUSED);
}

/* SHUT_RDWR: the waiting connect returns 0 (sctp_wait_for_connect looks
 * at RCV_SHUTDOWN before the association's fate). */
static void case_shutdown_rdwr_while_connect(void)
{
	shutdown_while_connect(SHUT_RDWR, 0);
}

/* close() by another thread leaves a blocking connect going, as Linux's
 * held file does: it ends as the association does (here: nobody answers,
 * ETIMEDOUT), not with EBADF. */
static void case_close_while_connect(void)
{
	struct blocked_connect b = { .fd = slow_connect_socket() };
	struct blocked w = { 0 };
	pthread_t t;

	CHECK(pthread_create(&t, NULL, blocked_connect, &b) == 0, "pthread_create");
	while (!atomic_load(&b.tid))
		sched_yield();
	atomic_store(&w.tid, atomic_load(&b.tid));
	wait_sleeping(&w);
	MUST(close(b.fd));
	pthread_join(t, NULL);
	CHECK(b.result == -1 && b.error == ETIMEDOUT, "connect: %d, errno %d, want ETIMEDOUT",
	      b.result, b.error);
}

/* SO_SNDTIMEO bounds a blocking connect: EINPROGRESS after the time
 * (sctp_wait_for_connect()), and the association goes on. */
static void case_connect_sndtimeo(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 300000 };
	int fd = slow_connect_socket(), r;
	struct timespec t0;

	MUST(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = connect(fd, (struct sockaddr *)&to.ss, to.len);
	CHECK(r == -1 && errno == EINPROGRESS, "connect: %d, errno %d, want EINPROGRESS", r, errno);
	CHECK(ms_since(&t0) >= 290, "connect gave up after %ld ms", ms_since(&t0));
	expect_goes_on(fd);
	close(fd);
}

/* ---- accept ------------------------------------------------------------- */

/* accept4's SOCK_NONBLOCK and SOCK_CLOEXEC land on the new descriptor, and
 * a non-blocking listener with nothing pending says EAGAIN. */
static void case_accept4_flags(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int listener = e2e_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, port, 8);
	int client, server, r;
	struct pollfd pfd = { .fd = listener, .events = POLLIN };

	r = accept4(listener, NULL, NULL, 0);
	CHECK(r == -1 && errno == EAGAIN, "accept4 with nothing pending: %d, errno %d", r, errno);
	client = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	MUST(connect(client, (struct sockaddr *)&to.ss, to.len));
	CHECK(poll(&pfd, 1, 20000) == 1, "listener never readable");
	server = MUST(accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC));
	CHECK(fcntl(server, F_GETFL) & O_NONBLOCK, "no O_NONBLOCK");
	CHECK(fcntl(server, F_GETFD) & FD_CLOEXEC, "no FD_CLOEXEC");
	r = recv(server, &r, sizeof r, 0);
	CHECK(r == -1 && errno == EAGAIN, "recv on the accepted socket: %d, errno %d", r, errno);
	r = accept4(listener, NULL, NULL, 0x40000000);
	CHECK(r == -1 && errno == EINVAL, "accept4 with a bad flag: %d, errno %d", r, errno);
	close(server);
	close(client);
	close(listener);
}

/* ---- ioctl -------------------------------------------------------------- */

/* FIONREAD (SIOCINQ) is the length of the next message (sctp_ioctl(): the
 * first skb), 0 with nothing queued, ENOTCONN on a listening one-to-one
 * socket; SIOCOUTQ is not an SCTP ioctl: ENOTTY. */
static void case_ioctl(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct pollfd pfd = { .fd = p.server, .events = POLLIN };
	char buf[16];
	int v = -1, r;

	/* before anything was read no nudge is in flight: readable is data */

	MUST(ioctl(p.server, FIONREAD, &v));
	CHECK(v == 0, "FIONREAD with nothing queued: %d", v);
	CHECK(send(p.client, "first", 5, 0) == 5, "send");
	CHECK(send(p.client, "second!", 7, 0) == 7, "send");
	CHECK(poll(&pfd, 1, 20000) == 1, "never readable");
	MUST(ioctl(p.server, SIOCINQ, &v));
	CHECK(v == 5, "FIONREAD: %d, want 5 (the first message)", v);
	CHECK(recv(p.server, buf, 2, 0) == 2, "partial recv");
	MUST(ioctl(p.server, FIONREAD, &v));
	CHECK(v == 3, "FIONREAD after 2 of 5 bytes: %d, want 3", v);
	CHECK(recv(p.server, buf, sizeof buf, 0) == 3, "rest");
	/* the second message may still be on its way: a blocking peek waits */
	CHECK(recv(p.server, buf, 1, MSG_PEEK) == 1, "peek at the second");
	MUST(ioctl(p.server, FIONREAD, &v));
	CHECK(v == 7, "FIONREAD: %d, want 7", v);
	r = ioctl(p.listener, FIONREAD, &v);
	CHECK(r == -1 && errno == ENOTCONN, "FIONREAD on a listener: %d, errno %d", r, errno);
	r = ioctl(p.server, SIOCOUTQ, &v);
	CHECK(r == -1 && errno == ENOTTY, "SIOCOUTQ: %d, errno %d", r, errno);
	e2e_close_pair(&p);
}

/* FIONREAD is a whole message's length also when the message is larger
 * than the 64 KiB pieces a program's send is cut into, and one recv with
 * room for it returns it whole with MSG_EOR. */
static void case_ioctl_big(void)
{
	enum { LEN = 150000 };
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct pollfd pfd = { .fd = p.server, .events = POLLIN };
	uint8_t *msg = malloc(LEN), *got = malloc(LEN + 1);
	struct iovec iov;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	int v = -1;

	CHECK(msg && got, "malloc");
	e2e_fill(msg, LEN);
	CHECK(send(p.client, msg, LEN, 0) == LEN, "send of %d bytes", LEN);
	CHECK(poll(&pfd, 1, 20000) == 1, "never readable");
	MUST(ioctl(p.server, FIONREAD, &v));
	CHECK(v == LEN, "FIONREAD: %d, want %d (the whole message)", v, LEN);
	iov.iov_base = got;
	iov.iov_len = LEN + 1;
	CHECK(recvmsg(p.server, &m, MSG_DONTWAIT) == LEN, "recvmsg of the whole message");
	CHECK(m.msg_flags & MSG_EOR, "no MSG_EOR");
	CHECK(e2e_check_fill(got, 0, LEN), "wrong bytes");
	free(msg);
	free(got);
	e2e_close_pair(&p);
}

/* Messages larger than the channel can take as one record (the daemon
 * run with SCTPSHIM_TEST_RECORD_MAX, e2e_wait_record_pieces.sh) come as
 * pieces, and one blocking recvmsg still returns each whole, MSG_EOR set. */
static void case_record_pieces(void)
{
	enum { LEN = 300000, COUNT = 3 };
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	uint8_t *msg = malloc(LEN), *got = malloc(LEN + 1);
	int bufsize = 1 << 20;

	CHECK(msg && got, "malloc");
	MUST(setsockopt(p.client, SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof bufsize));
	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize));
	e2e_fill(msg, LEN);
	for (int i = 0; i < COUNT; i++)
		CHECK(send(p.client, msg, LEN, 0) == LEN, "send %d of %d bytes", i, LEN);
	for (int i = 0; i < COUNT; i++) {
		struct iovec iov = { .iov_base = got, .iov_len = LEN + 1 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

		snprintf(e2e_context, sizeof e2e_context, "message %d", i);
		CHECK(recvmsg(p.server, &m, 0) == LEN, "recvmsg of the whole message");
		CHECK(m.msg_flags & MSG_EOR, "no MSG_EOR");
		CHECK(e2e_check_fill(got, 0, LEN), "wrong bytes");
	}
	free(msg);
	free(got);
	e2e_close_pair(&p);
}

/* ---- recv flags --------------------------------------------------------- */

/* MSG_PEEK leaves the message queued; MSG_TRUNC and MSG_WAITALL change
 * nothing on SCTP (sctp_recvmsg() returns what it copied); MSG_DONTWAIT
 * says EAGAIN on an empty blocking socket. */
static void case_recv_flags(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	char buf[32];
	ssize_t n;

	errno = 0;
	n = recv(p.server, buf, sizeof buf, MSG_DONTWAIT);
	CHECK(n == -1 && errno == EAGAIN, "MSG_DONTWAIT on nothing: %zd, errno %d", n, errno);
	CHECK(send(p.client, "0123456789", 10, 0) == 10, "send");
	CHECK(send(p.client, "abc", 3, 0) == 3, "send");
	n = recv(p.server, buf, sizeof buf, MSG_PEEK);
	CHECK(n == 10 && memcmp(buf, "0123456789", 10) == 0, "peek: %zd", n);
	n = recv(p.server, buf, 4, MSG_PEEK);
	CHECK(n == 4 && memcmp(buf, "0123", 4) == 0, "short peek: %zd", n);
	n = recv(p.server, buf, 4, MSG_TRUNC);
	CHECK(n == 4 && memcmp(buf, "0123", 4) == 0, "MSG_TRUNC: %zd, want 4 (what was copied)", n);
	n = recv(p.server, buf, sizeof buf, MSG_WAITALL);
	CHECK(n == 6 && memcmp(buf, "456789", 6) == 0, "MSG_WAITALL: %zd, want the 6 left", n);
	n = recv(p.server, buf, sizeof buf, MSG_WAITALL);
	CHECK(n == 3 && memcmp(buf, "abc", 3) == 0, "next message: %zd", n);
	e2e_close_pair(&p);
}

/* ---- readiness ---------------------------------------------------------- */

/* Edge-triggered: one edge per arriving message, none while nothing new
 * comes; EPOLLRDHUP and EPOLLIN when the peer shuts down, and the read
 * then returns 0. */
static void case_epoll_edge(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = p.server };
	char buf[32];
	uint32_t got;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	CHECK(epoll_events(ep, 100) == 0, "an edge with nothing sent");
	CHECK(send(p.client, "one", 3, 0) == 3, "send");
	got = epoll_events(ep, 20000);
	CHECK(got & EPOLLIN, "no EPOLLIN edge for a message (0x%x)", got);
	CHECK(epoll_events(ep, 100) == 0, "a second edge for the same message");
	CHECK(recv(p.server, buf, sizeof buf, 0) == 3, "recv");
	CHECK(send(p.client, "two", 3, 0) == 3, "send");
	got = epoll_events(ep, 20000);
	CHECK(got & EPOLLIN, "no edge for the next message (0x%x)", got);
	CHECK(recv(p.server, buf, sizeof buf, 0) == 3, "recv");
	MUST(shutdown(p.client, SHUT_WR));
	got = epoll_events(ep, 20000);
	CHECK((got & (EPOLLIN | EPOLLRDHUP)) == (EPOLLIN | EPOLLRDHUP),
	      "peer's SHUTDOWN: events 0x%x, want EPOLLIN|EPOLLRDHUP", got);
	CHECK(recv(p.server, buf, sizeof buf, 0) == 0, "read after the peer's SHUTDOWN");
	close(ep);
	e2e_close_pair(&p);
}

/* A one-to-many socket polls readable for a notification (the new
 * association's COMM_UP) before any data, and FIONREAD gives its length. */
static void case_poll_notification(void)
{
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server = e2e_socket(AF_INET, SOCK_SEQPACKET, port, 8);
	int client = e2e_socket(AF_INET, SOCK_SEQPACKET, port + 1, -1);
	struct sctp_event_subscribe ev = { .sctp_association_event = 1 };
	struct pollfd pfd = { .fd = server, .events = POLLIN };
	uint8_t buf[256];
	struct sctp_assoc_change *ac = (struct sctp_assoc_change *)buf;
	int v = -1;
	size_t n;

	MUST(setsockopt(server, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev));
	CHECK(poll(&pfd, 1, 0) == 0, "readable before anything happened");
	MUST(sctp_connectx(client, (struct sockaddr *)&to.ss, 1, NULL));
	CHECK(poll(&pfd, 1, 20000) == 1 && (pfd.revents & POLLIN), "no POLLIN for COMM_UP");
	/* FIONREAD counts a notification too (its skb's length) */
	MUST(ioctl(server, FIONREAD, &v));
	n = e2e_recv_notification(server, buf, sizeof buf);
	CHECK(v == (int)n, "FIONREAD %d for a notification of %zu bytes", v, n);
	CHECK(ac->sac_type == SCTP_ASSOC_CHANGE && ac->sac_state == SCTP_COMM_UP,
	      "notification %u state %u", ac->sac_type, ac->sac_state);
	close(client);
	close(server);
}

/* ---- timeouts ------------------------------------------------------------ */

/* SO_RCVTIMEO ends a recv and an accept with EAGAIN, not before the time;
 * SO_SNDTIMEO ends a send that finds no room (the peer reads nothing)
 * with EAGAIN (sctp_wait_for_sndbuf()). */
static void case_timeouts(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 300000 };
	static uint8_t big[32768];
	struct timespec t0;
	char buf[8];
	int r, sent = 0;

	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = recv(p.server, buf, sizeof buf, 0);
	CHECK(r == -1 && errno == EAGAIN, "recv: %d, errno %d, want EAGAIN", r, errno);
	CHECK(ms_since(&t0) >= 290, "recv gave up after %ld ms", ms_since(&t0));

	MUST(setsockopt(p.listener, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = accept(p.listener, NULL, NULL);
	CHECK(r == -1 && errno == EAGAIN, "accept: %d, errno %d, want EAGAIN", r, errno);
	CHECK(ms_since(&t0) >= 290, "accept gave up after %ld ms", ms_since(&t0));

	MUST(setsockopt(p.client, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
	for (;;) {
		ssize_t n = send(p.client, big, sizeof big, 0);

		if (n < 0) {
			CHECK(errno == EAGAIN, "send %d: errno %d, want EAGAIN", sent, errno);
			break;
		}
		CHECK(n == (ssize_t)sizeof big, "send %d returned %zd", sent, n);
		/* the buffers on the way hold a few MiB at most */
		CHECK(++sent < 4096, "%d sends and never full", sent);
	}
	e2e_close_pair(&p);
}

/* ---- send space ------------------------------------------------------------ */

/* A non-blocking sender that filled the way (EAGAIN) gets an EPOLLOUT edge
 * once the receiver has read, and can send again. */
static void case_epollout(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event ev = { .events = EPOLLOUT | EPOLLET, .data.fd = p.client };
	static uint8_t big[32768];
	int sent = 0;
	uint32_t got;

	MUST(fcntl(p.client, F_SETFL, O_NONBLOCK | fcntl(p.client, F_GETFL)));
	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.client, &ev));
	got = epoll_events(ep, 20000);
	CHECK(got & EPOLLOUT, "a connected socket is not writable (0x%x)", got);
	for (;;) {
		ssize_t n = send(p.client, big, sizeof big, 0);

		if (n < 0) {
			CHECK(errno == EAGAIN, "send %d: errno %d, want EAGAIN", sent, errno);
			break;
		}
		CHECK(++sent < 4096, "%d sends and never full", sent);
	}
	CHECK(!(epoll_events(ep, 0) & EPOLLOUT), "EPOLLOUT while full");
	/* read until the sender has room again (an edge), at most all of it */
	for (int read_back = 0; read_back < sent; read_back++) {
		uint8_t buf[sizeof big];

		got = epoll_events(ep, 0);
		if (got & EPOLLOUT)
			break;
		CHECK(recv(p.server, buf, sizeof buf, 0) == (ssize_t)sizeof big, "recv %d", read_back);
	}
	if (!(got & EPOLLOUT))
		got = epoll_events(ep, 20000);
	CHECK(got & EPOLLOUT, "no EPOLLOUT edge after the receiver read (0x%x)", got);
	CHECK(send(p.client, big, sizeof big, 0) == (ssize_t)sizeof big, "send after EPOLLOUT");
	close(ep);
	e2e_close_pair(&p);
}

/* shutdown(SHUT_RDWR) polls EPOLLIN|EPOLLRDHUP at once and EPOLLHUP (here
 * once the association's SHUTDOWN is complete; Linux at once). */
static void case_epoll_hup(void)
{
	struct e2e_pair p = e2e_connect_pair(AF_INET, port);
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC));
	/* edge-triggered: a wait ends at each change, not at once */
	struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = p.server };
	uint32_t got = 0;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, p.server, &ev));
	CHECK(epoll_events(ep, 0) == 0, "events before the shutdown");
	MUST(shutdown(p.server, SHUT_RDWR));
	for (int changes = 0; changes < 10 && !(got & EPOLLHUP); changes++)
		got = epoll_events(ep, 20000);
	CHECK((got & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) == (EPOLLIN | EPOLLRDHUP | EPOLLHUP),
	      "events 0x%x, want EPOLLIN|EPOLLRDHUP|EPOLLHUP", got);
	close(ep);
	e2e_close_pair(&p);
}

/* ---- an edge-triggered echo server --------------------------------------- */

enum { ECHO_CLIENTS = 4, ECHO_MESSAGES = 24, ECHO_MAX = 100000 };

/* Message m of client c: some short, some longer than a data record. */
static size_t echo_len(int c, int m)
{
	return m % 4 == 3 ? 70000 + (size_t)c * 1000 + (size_t)m : 10 + (size_t)c * 7 + (size_t)m * 31;
}

static void *echo_client(void *arg)
{
	int c = (int)(intptr_t)arg;
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));
	uint8_t *out = malloc(ECHO_MAX), *in = malloc(ECHO_MAX);
	struct timeval patience = { .tv_sec = 20 };

	CHECK(out && in, "malloc");
	MUST(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	MUST(connect(fd, (struct sockaddr *)&to.ss, to.len));
	for (int m = 0; m < ECHO_MESSAGES; m++) {
		size_t len = echo_len(c, m), got;

		for (size_t i = 0; i < len; i++)
			out[i] = (uint8_t)(i * 3 + (size_t)c * 11 + (size_t)m);
		CHECK(send(fd, out, len, 0) == (ssize_t)len, "client %d: send %d", c, m);
		got = e2e_recv_message(fd, in, ECHO_MAX, NULL);
		CHECK(got == len && memcmp(in, out, len) == 0, "client %d message %d: echo of %zu bytes, "
		      "want %zu", c, m, got, len);
	}
	close(fd);
	free(out);
	free(in);
	return NULL;
}

struct echo_conn {
	int fd;
	size_t have;
	uint8_t buf[ECHO_MAX];
};

/* Send all of it on a non-blocking socket: wait for POLLOUT on EAGAIN. */
static void echo_back(int fd, const uint8_t *buf, size_t len)
{
	for (;;) {
		ssize_t n = send(fd, buf, len, 0);
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };

		if (n == (ssize_t)len)
			return;
		CHECK(n < 0 && errno == EAGAIN, "echo send: %zd, errno %d", n, errno);
		CHECK(poll(&pfd, 1, 20000) == 1, "never writable again");
	}
}

/* Read until EAGAIN (what edge-triggered readiness asks for); 1 when the
 * client has gone. */
static int echo_drain(struct echo_conn *c)
{
	for (;;) {
		struct iovec iov = { .iov_base = c->buf + c->have, .iov_len = ECHO_MAX - c->have };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(c->fd, &m, 0);

		if (n < 0 && errno == EAGAIN)
			return 0;
		CHECK(n >= 0, "server recvmsg: errno %d", errno);
		if (n == 0)
			return 1;
		c->have += (size_t)n;
		if (m.msg_flags & MSG_EOR) {
			echo_back(c->fd, c->buf, c->have);
			c->have = 0;
		}
	}
}

/* An epoll echo server with edge-triggered, non-blocking I/O (the shape
 * of most event loops) serves four clients at once, messages short and
 * longer than a data record; no edge is missed (a missed one hangs). */
static void case_echo_epollet(void)
{
	int listener = e2e_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, port, 16);
	int ep = MUST(epoll_create1(EPOLL_CLOEXEC)), gone = 0;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.ptr = NULL };
	struct echo_conn *conns[ECHO_CLIENTS] = { 0 };
	pthread_t clients[ECHO_CLIENTS];
	int accepted = 0;

	MUST(epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev));
	for (int i = 0; i < ECHO_CLIENTS; i++)
		CHECK(pthread_create(&clients[i], NULL, echo_client, (void *)(intptr_t)i) == 0,
		      "pthread_create");
	while (gone < ECHO_CLIENTS) {
		struct epoll_event got[8];
		int n = MUST(epoll_wait(ep, got, 8, 20000));

		CHECK(n > 0, "no event for 20 s: an edge was missed (%d accepted, %d gone)",
		      accepted, gone);
		for (int i = 0; i < n; i++) {
			struct echo_conn *c = got[i].data.ptr;

			if (!c) {
				int fd;

				while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					struct epoll_event cev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET };

					CHECK(accepted < ECHO_CLIENTS, "more associations than clients");
					c = calloc(1, sizeof *c);
					CHECK(c, "calloc");
					c->fd = fd;
					conns[accepted++] = c;
					cev.data.ptr = c;
					MUST(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev));
					/* what came before the registration has no edge */
					if (echo_drain(c)) {
						close(c->fd);
						c->fd = -1;
						gone++;
					}
				}
				CHECK(errno == EAGAIN, "accept4: errno %d", errno);
				continue;
			}
			if (c->fd >= 0 && echo_drain(c)) {
				close(c->fd);
				c->fd = -1;
				gone++;
			}
		}
	}
	for (int i = 0; i < ECHO_CLIENTS; i++) {
		pthread_join(clients[i], NULL);
		free(conns[i]);
	}
	close(ep);
	close(listener);
}

static const struct e2e_case cases[] = {
	{ "threads", case_threads },
	{ "threads-one-to-many", case_threads_one_to_many },
	{ "shutdown-rd-wakes", case_shutdown_rd_wakes },
	{ "shutdown-rdwr-wakes", case_shutdown_rdwr_wakes },
	{ "shut-rd-queued", case_shut_rd_queued },
	{ "abort-wakes", case_abort_wakes },
	{ "close-while-recv", case_close_while_recv },
	{ "close-while-accept", case_close_while_accept },
	{ "fork-while-recv", case_fork_while_recv },
	{ "eintr", case_eintr },
	{ "connect-refused", case_connect_refused },
	{ "reconnect-after-refused", case_reconnect_after_refused },
	{ "connect-nonblock-ok", case_connect_nonblock_ok },
	{ "connect-timeout", case_connect_timeout },
	{ "connect-eintr", case_connect_eintr },
	{ "connect-restart", case_connect_restart },
	{ "shutdown-wakes-sender", case_shutdown_wakes_sender },
	{ "shutdown-wr-while-connect", case_shutdown_wr_while_connect },
	{ "shutdown-rdwr-while-connect", case_shutdown_rdwr_while_connect },
	{ "connect-sndtimeo", case_connect_sndtimeo },
	{ "close-while-connect", case_close_while_connect },
	{ "accept4-flags", case_accept4_flags },
	{ "ioctl", case_ioctl },
	{ "ioctl-big", case_ioctl_big },
	{ "record-pieces", case_record_pieces },
	{ "recv-flags", case_recv_flags },
	{ "epoll-edge", case_epoll_edge },
	{ "poll-notification", case_poll_notification },
	{ "timeouts", case_timeouts },
	{ "epollout", case_epollout },
	{ "epoll-hup", case_epoll_hup },
	{ "echo-epollet", case_echo_epollet },
};

int main(int argc, char **argv)
{
	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
