/* SPDX-License-Identifier: MIT */
/* close() with SO_LINGER {1, t > 0} (issue 4), as Linux's inet_release ->
 * sctp_close -> sctp_wait_for_close: the last close of a one-to-one socket
 * waits until its association is gone or t has passed, then returns 0;
 * a copy's close and a one-to-many socket's never wait.
 * Usage: linger CASE PORT. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define port e2e_port

enum { CHUNK = 4096, MAX_CHUNKS = 100000 };

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void small_window(int fd)
{
	int size = 4096;

	MUST(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size));
}

/* Has the peer closed its window on a one-to-one socket (one-to-many:
 * 0), with data of ours still unacknowledged? */
static bool window_closed(int fd, bool one_to_many)
{
	struct sctp_status st = { 0 };
	socklen_t len = sizeof st;

	if (one_to_many)
		return true;  /* no association id at hand: EAGAIN must do */
	MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	return st.sstat_rwnd < CHUNK && st.sstat_unackdata > 0;
}

/* Send (to, or on the connected socket) until the peer, which reads
 * nothing, has its window full and nothing more fits here: then the
 * SHUTDOWN cannot complete.  Returns the bytes sent. */
static size_t fill(int fd, const struct e2e_addr *to)
{
	static uint8_t msg[CHUNK];
	size_t sent = 0;
	int flags = MUST(fcntl(fd, F_GETFL));

	snprintf(e2e_context, sizeof e2e_context, "filling the peer's window");
	memset(msg, 'w', sizeof msg);
	MUST(fcntl(fd, F_SETFL, flags | O_NONBLOCK));
	for (int i = 0; i < MAX_CHUNKS; i++) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		ssize_t n = to ? sendto(fd, msg, sizeof msg, MSG_NOSIGNAL,
					(const struct sockaddr *)&to->ss, to->len)
			       : send(fd, msg, sizeof msg, MSG_NOSIGNAL);

		if (n >= 0) {
			sent += (size_t)n;
			continue;
		}
		CHECK(errno == EAGAIN, "send after %zu bytes", sent);
		/* a window that only looks closed (data in flight, the peer's
		 * daemon still taking it) opens again within a second */
		if (MUST(poll(&p, 1, 1000)) == 0 && window_closed(fd, to != NULL)) {
			MUST(fcntl(fd, F_SETFL, flags));
			return sent;
		}
	}
	CHECK(0, "%zu bytes went to a peer that reads nothing", sent);
	return 0;
}

static void set_linger(int fd, int seconds)
{
	struct linger l = { .l_onoff = 1, .l_linger = seconds };

	MUST(setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l));
}

/* Close fd and return how long close() took; it must return 0. */
static double timed_close(int fd)
{
	double start = now_s();
	int r;

	snprintf(e2e_context, sizeof e2e_context, "closing with SO_LINGER");
	errno = 12345;
	r = close(fd);
	CHECK(r == 0, "close returned %d", r);
	CHECK(errno == 12345, "close changed errno to %d", errno);
	return now_s() - start;
}

/* The peer reads nothing: the SHUTDOWN cannot complete, close() waits
 * the linger time (2 s), then returns 0. */
static void case_blocks(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	double took;

	fill(p.client, NULL);
	set_linger(p.client, 2);
	took = timed_close(p.client);
	printf("close took %.2f s\n", took);
	CHECK(took >= 1.5, "close returned after %.2f s, want about the linger time (2 s)", took);
	CHECK(took < 20, "close took %.2f s, linger time 2 s", took);
	close(p.server);
	close(p.listener);
}

struct reader {
	int fd;
	size_t got;
	int end;   /* 0: EOF, else the errno that ended the reading */
};

static void *read_all(void *arg)
{
	struct reader *r = arg;
	static uint8_t buf[65536];

	for (;;) {
		ssize_t n = recv(r->fd, buf, sizeof buf, 0);

		if (n <= 0) {
			r->end = n == 0 ? 0 : errno;
			return NULL;
		}
		r->got += (size_t)n;
	}
}

/* The peer reads everything: close() with a 10 s linger time returns once
 * the data is delivered and the SHUTDOWN is over, well before 10 s. */
static void case_peer_reads(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	struct timeval patience = { .tv_sec = 30 };
	struct reader r = { .fd = p.server };
	pthread_t reader;
	size_t sent;
	double took;

	sent = fill(p.client, NULL);
	set_linger(p.client, 10);
	MUST(setsockopt(p.server, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience));
	CHECK(pthread_create(&reader, NULL, read_all, &r) == 0, "pthread_create");
	took = timed_close(p.client);
	printf("close took %.2f s\n", took);
	CHECK(took < 8, "close took %.2f s: it waited for the linger time, not the SHUTDOWN",
	      took);
	CHECK(pthread_join(reader, NULL) == 0, "pthread_join");
	CHECK(r.end == 0, "the peer's reading ended with %s, want EOF", strerror(r.end));
	CHECK(r.got == sent, "the peer read %zu of %zu bytes", r.got, sent);
	close(p.server);
	close(p.listener);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal ends the wait (sctp_wait_for_close: signal_pending), even
 * under SA_RESTART: close() returns 0 long before the linger time. */
static void case_signal(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	struct itimerval soon = { .it_value.tv_usec = 300 * 1000 }, off = { 0 };
	double took;

	fill(p.client, NULL);
	set_linger(p.client, 30);
	MUST(sigaction(SIGALRM, &sa, NULL));
	MUST(setitimer(ITIMER_REAL, &soon, NULL));
	took = timed_close(p.client);
	MUST(setitimer(ITIMER_REAL, &off, NULL));
	printf("close took %.2f s\n", took);
	CHECK(took < 15, "close took %.2f s: the signal did not end the wait", took);
	close(p.server);
	close(p.listener);
}

/* Not the last close: a dup'ed copy keeps the socket, close() of the
 * other returns at once and the association stays. */
static void case_dup(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	struct sctp_status st = { 0 };
	socklen_t len = sizeof st;
	int copy;
	double took;

	fill(p.client, NULL);
	set_linger(p.client, 10);
	copy = MUST(dup(p.client));
	took = timed_close(p.client);
	printf("close took %.2f s\n", took);
	CHECK(took < 5, "close of a copy took %.2f s, want at once", took);
	MUST(getsockopt(copy, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_state == SCTP_ESTABLISHED, "association state %d after closing a copy",
	      st.sstat_state);
	set_linger(copy, 0);
	close(copy);
	close(p.server);
	close(p.listener);
}

/* A one-to-many socket's close never waits (sctp_close waits for
 * TCP-style sockets only). */
static void case_one_to_many(void)
{
	int listener = e2e_socket(AF_INET, SOCK_STREAM, port, 8);
	int client = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	struct e2e_addr to = e2e_loopback(AF_INET, port);
	int server;
	double took;

	small_window(listener);
	fill(client, &to);
	server = MUST(accept(listener, NULL, NULL));
	set_linger(client, 10);
	took = timed_close(client);
	printf("close took %.2f s\n", took);
	CHECK(took < 5, "close of a one-to-many socket took %.2f s, want at once", took);
	close(server);
	close(listener);
}

static bool is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* dup2 onto the last descriptor of a lingering socket releases it as
 * close() does: dup2 waits the linger time, then returns the number. */
static void case_dup2_onto(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	int other = MUST(open("/dev/null", O_RDONLY)), r;
	double start, took;

	fill(p.client, NULL);
	set_linger(p.client, 2);
	snprintf(e2e_context, sizeof e2e_context, "dup2 onto a lingering socket");
	start = now_s();
	r = dup2(other, p.client);
	took = now_s() - start;
	printf("dup2 took %.2f s\n", took);
	CHECK(r == p.client, "dup2 returned %d (%s)", r, strerror(errno));
	CHECK(took >= 1.5, "dup2 returned after %.2f s, want about the linger time (2 s)", took);
	CHECK(took < 20, "dup2 took %.2f s, linger time 2 s", took);
	close(p.client);
	close(other);
	close(p.server);
	close(p.listener);
}

/* dup2 onto a descriptor of a lingering socket that has another copy is
 * not its last close: it returns at once and the association stays. */
static void case_dup2_onto_copy(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	int other = MUST(open("/dev/null", O_RDONLY)), copy, r;
	struct sctp_status st = { 0 };
	socklen_t len = sizeof st;
	double start, took;

	fill(p.client, NULL);
	set_linger(p.client, 10);
	copy = MUST(dup(p.client));
	start = now_s();
	r = dup2(other, p.client);
	took = now_s() - start;
	printf("dup2 took %.2f s\n", took);
	CHECK(r == p.client, "dup2 returned %d (%s)", r, strerror(errno));
	CHECK(took < 5, "dup2 onto a copy took %.2f s, want at once", took);
	MUST(getsockopt(copy, IPPROTO_SCTP, SCTP_STATUS, &st, &len));
	CHECK(st.sstat_state == SCTP_ESTABLISHED, "association state %d after dup2 onto a copy",
	      st.sstat_state);
	set_linger(copy, 0);
	close(copy);
	close(p.client);
	close(other);
	close(p.server);
	close(p.listener);
}

/* Two pipe ends around a lingering socket at base .. base+2. */
static int lingering_between_pipes(struct e2e_pair *p, int base)
{
	int pipefd[2], sock;

	fill(p->client, NULL);
	set_linger(p->client, 2);
	MUST(pipe(pipefd));
	MUST(dup2(pipefd[0], base));
	sock = MUST(dup2(p->client, base + 1));
	MUST(dup2(pipefd[1], base + 2));
	close(pipefd[0]);
	close(pipefd[1]);
	MUST(close(p->client));  /* not the last reference: no wait */
	return sock;
}

/* close_range over a lingering socket's last descriptor waits as close()
 * does, and closes the rest of the range too. */
static void case_close_range(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	int base = 900, r;
	double start, took;

	lingering_between_pipes(&p, base);
	snprintf(e2e_context, sizeof e2e_context, "close_range over a lingering socket");
	start = now_s();
	r = close_range((unsigned int)base, (unsigned int)base + 2, 0);
	took = now_s() - start;
	printf("close_range took %.2f s\n", took);
	CHECK(r == 0, "close_range: %s", strerror(errno));
	CHECK(took >= 1.5, "close_range returned after %.2f s, want about 2 s", took);
	CHECK(took < 20, "close_range took %.2f s, linger time 2 s", took);
	for (int fd = base; fd <= base + 2; fd++)
		CHECK(!is_open(fd), "descriptor %d still open after close_range", fd);
	close(p.server);
	close(p.listener);
}

/* closefrom over a lingering socket's last descriptor: the same. */
static void case_closefrom(void)
{
	struct e2e_pair p = e2e_connect_pair_with(AF_INET, port, small_window);
	int base = 900;
	double start, took;

	lingering_between_pipes(&p, base);
	snprintf(e2e_context, sizeof e2e_context, "closefrom over a lingering socket");
	start = now_s();
	closefrom(base);
	took = now_s() - start;
	printf("closefrom took %.2f s\n", took);
	CHECK(took >= 1.5, "closefrom returned after %.2f s, want about 2 s", took);
	CHECK(took < 20, "closefrom took %.2f s, linger time 2 s", took);
	for (int fd = base; fd <= base + 2; fd++)
		CHECK(!is_open(fd), "descriptor %d still open after closefrom", fd);
	close(p.server);
	close(p.listener);
}

static const struct e2e_case cases[] = {
	{ "linger-blocks", case_blocks },
	{ "linger-peer-reads", case_peer_reads },
	{ "linger-signal", case_signal },
	{ "linger-dup", case_dup },
	{ "linger-one-to-many", case_one_to_many },
	{ "linger-dup2-onto", case_dup2_onto },
	{ "linger-dup2-onto-copy", case_dup2_onto_copy },
	{ "linger-close-range", case_close_range },
	{ "linger-closefrom", case_closefrom },
};

int main(int argc, char **argv)
{
	/* "e2e CASE: ok", what run_e2e (lib.sh) looks for */
	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
