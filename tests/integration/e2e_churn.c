/* SPDX-License-Identifier: MIT */
/* e2e cases that close sockets while their associations are busy, many
 * times over, from several processes: the daemon must take every close
 * (graceful or abortive, by close() or by the kernel when a process is
 * killed) without losing data it owes and without falling over.  The
 * scripts check that the daemon that started the case also ends it. */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHURN_CLIENTS 4
#define CHURN_CONNECTIONS 100   /* per client */
#define CHURN_MESSAGES 3
#define CHURN_MESSAGE_SIZE 1000

/* fork(), and the child dies with the case: a case that fails (or its
 * watchdog fires) leaves no server or client behind. */
static pid_t fork_child(void)
{
	pid_t parent = getpid(), pid = MUST(fork());

	if (pid == 0) {
		MUST(prctl(PR_SET_PDEATHSIG, SIGKILL));
		if (getppid() != parent)
			_exit(1);
	}
	return pid;
}

/* Every third connection is closed at once, unread (an ABORT, as on
 * Linux); every other one must deliver all the client sent, then EOF. */
static void one_to_one_server(int listener, int total)
{
	for (int i = 0; i < total; i++) {
		uint8_t buf[4096];
		size_t got = 0;
		ssize_t n;
		int fd = MUST(accept(listener, NULL, NULL));

		snprintf(e2e_context, sizeof e2e_context, "server, connection %d", i);
		if (i % 3 == 0) {
			MUST(close(fd));
			continue;
		}
		while ((n = MUST(read(fd, buf, sizeof buf))) > 0)
			got += (size_t)n;
		CHECK(got == CHURN_MESSAGES * CHURN_MESSAGE_SIZE,
		      "%zu bytes before EOF, the client sent %d", got,
		      CHURN_MESSAGES * CHURN_MESSAGE_SIZE);
		MUST(close(fd));
	}
}

static void one_to_one_client(int id)
{
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	uint8_t msg[CHURN_MESSAGE_SIZE];

	memset(msg, 'c', sizeof msg);
	for (int i = 0; i < CHURN_CONNECTIONS; i++) {
		int fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));

		snprintf(e2e_context, sizeof e2e_context, "client %d, connection %d", id, i);
		MUST(connect(fd, (struct sockaddr *)&to.ss, to.len));
		/* the server may have closed (aborted) already */
		for (int k = 0; k < CHURN_MESSAGES; k++)
			if (send(fd, msg, sizeof msg, MSG_NOSIGNAL) < 0) {
				CHECK(errno == EPIPE || errno == ECONNRESET, "send");
				break;
			}
		MUST(close(fd));
	}
}

void e2e_case_close_churn_one_to_one(void)
{
	int listener = e2e_socket(AF_INET, SOCK_STREAM, e2e_port, 64);
	pid_t server, clients[CHURN_CLIENTS];

	if (!(server = fork_child())) {
		one_to_one_server(listener, CHURN_CLIENTS * CHURN_CONNECTIONS);
		_exit(0);
	}
	MUST(close(listener));
	for (int i = 0; i < CHURN_CLIENTS; i++)
		if (!(clients[i] = fork_child())) {
			one_to_one_client(i);
			_exit(0);
		}
	for (int i = 0; i < CHURN_CLIENTS; i++)
		e2e_wait_ok(clients[i], "a client");
	e2e_wait_ok(server, "the server");
}

#define ECHO_CLIENTS 6
#define ECHO_KILLS 60

/* Echoes every message to its sender; sends that fail (the sender was
 * killed) are the sender's loss.  A sender has at most ECHO_BURST messages
 * out, so a send never waits for long. */
static void echo_server(int fd)
{
	for (;;) {
		uint8_t buf[4096];
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &from_len);

		if (n > 0)
			sendto(fd, buf, (size_t)n, MSG_NOSIGNAL, (struct sockaddr *)&from,
			       from_len);
	}
}

#define ECHO_BURST 5

/* Sends a burst, reads its echoes, says so on the pipe; until killed. */
static void echo_client(int said)
{
	struct e2e_addr to = e2e_loopback(AF_INET, e2e_port);
	int fd = MUST(socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP));
	uint8_t msg[2000], buf[4096];

	memset(msg, 'e', sizeof msg);
	for (;;) {
		for (int k = 0; k < ECHO_BURST; k++)
			MUST(sendto(fd, msg, sizeof msg, 0, (struct sockaddr *)&to.ss, to.len));
		for (int k = 0; k < ECHO_BURST; k++)
			CHECK(MUST(recv(fd, buf, sizeof buf, 0)) == sizeof msg, "echo size");
		if (write(said, "e", 1) != 1)
			_exit(1);
	}
}

struct echo_client {
	pid_t pid;
	int said;
};

static struct echo_client spawn_echo_client(void)
{
	int p[2];
	struct echo_client c;

	MUST(pipe(p));
	if (!(c.pid = fork_child())) {
		close(p[0]);
		echo_client(p[1]);
	}
	close(p[1]);
	c.said = p[0];
	return c;
}

/* The client has had an echo: its association is up and busy. */
static void wait_echoed(struct echo_client *c)
{
	struct pollfd pfd = { .fd = c->said, .events = POLLIN };
	char b;

	CHECK(MUST(poll(&pfd, 1, 20000)) == 1, "no echo within 20 s");
	CHECK(MUST(read(c->said, &b, 1)) == 1, "the client died");
}

static void kill_echo_client(struct echo_client *c)
{
	MUST(kill(c->pid, SIGKILL));
	MUST(waitpid(c->pid, NULL, 0));
	close(c->said);
}

/* One-to-many clients SIGKILLed mid-traffic, over and over: the kernel
 * closes their sockets with associations up and data in flight both ways.
 * The server keeps echoing to the survivors and to a fresh client after. */
void e2e_case_close_churn_one_to_many(void)
{
	int fd = e2e_socket(AF_INET, SOCK_SEQPACKET, e2e_port, 64);
	struct echo_client clients[ECHO_CLIENTS], last;
	pid_t server;

	if (!(server = fork_child()))
		echo_server(fd);
	MUST(close(fd));
	for (int i = 0; i < ECHO_CLIENTS; i++)
		clients[i] = spawn_echo_client();
	for (int round = 0; round < ECHO_KILLS; round++) {
		struct echo_client *c = &clients[round % ECHO_CLIENTS];

		snprintf(e2e_context, sizeof e2e_context, "kill %d", round);
		wait_echoed(c);
		kill_echo_client(c);
		*c = spawn_echo_client();
	}
	snprintf(e2e_context, sizeof e2e_context, "after the kills");
	for (int i = 0; i < ECHO_CLIENTS; i++)
		kill_echo_client(&clients[i]);
	last = spawn_echo_client();
	wait_echoed(&last);
	kill_echo_client(&last);
	MUST(kill(server, SIGKILL));
	MUST(waitpid(server, NULL, 0));
}
