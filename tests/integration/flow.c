/* SPDX-License-Identifier: MIT */
/*
 * Flow control and the daemon's memory, run under sctpshim.
 *
 * slow-receiver: a non-blocking sender pushes FLOW_BYTES (default 128 MiB)
 * at a receiver that reads a little (FLOW_QUANTUM messages) only after the
 * sender has been refused with EAGAIN, so the whole path is full all the
 * time.  Checks that the first refusal comes after a bounded amount
 * (flow control is end to end), that every message arrives whole and in
 * order, and that the daemon's peak RSS (VmHWM) grew by no more than the
 * socket buffers plus a fixed overhead; prints the figures.
 */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/sctp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MSG_LEN (64 * 1024)
#define FLOW_QUANTUM 4
/* What the daemon may grow by besides the buffers: usrsctp's per-chunk
 * and mbuf bookkeeping, malloc's arenas for its threads, the daemon's
 * static record buffers (docs/design.md, "Flow control and lifecycle"). */
#define OVERHEAD (8L << 20)

/* A field of /proc/PID/status in bytes. */
static long status_bytes(pid_t pid, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, flen) == 0 && line[flen] == ':')
			kib = strtol(line + flen + 1, NULL, 10);
	fclose(f);
	CHECK(kib >= 0, "%s in %s", field, path);
	return kib * 1024;
}

static int int_opt(int fd, int name)
{
	int v = 0;
	socklen_t len = sizeof v;

	MUST(getsockopt(fd, SOL_SOCKET, name, &v, &len));
	return v;
}

static long env_long(const char *name, long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 10) : dflt;
}

/* Receive one message and check it is number seq, whole. */
static void recv_one(int fd, uint8_t *buf, uint64_t seq)
{
	int flags = 0;
	size_t n = e2e_recv_message(fd, buf, MSG_LEN + 1, &flags);
	uint64_t got;

	CHECK(n == MSG_LEN, "message %llu: %zu bytes, not %d", (unsigned long long)seq, n, MSG_LEN);
	memcpy(&got, buf, sizeof got);
	CHECK(got == seq, "message %llu arrived as number %llu", (unsigned long long)seq,
	      (unsigned long long)got);
}

static void case_slow_receiver(void)
{
	long total = env_long("FLOW_BYTES", 128L << 20);
	uint64_t n_msgs = (uint64_t)(total / MSG_LEN), sent = 0, received = 0;
	uint8_t *out = malloc(MSG_LEN), *in = malloc(MSG_LEN + 1);
	struct e2e_pair p = e2e_connect_pair(AF_INET, e2e_port);
	long sndbuf, rcvbuf, base, peak, first_fill = -1, bound, eagains = 0;
	pid_t daemon;

	CHECK(out && in, "malloc");
	e2e_fill(out, MSG_LEN);
	sndbuf = int_opt(p.client, SO_SNDBUF);
	rcvbuf = int_opt(p.server, SO_RCVBUF);
	daemon = e2e_daemon_pid();
	base = status_bytes(daemon, "VmRSS");
	MUST(fcntl(p.client, F_SETFL, O_NONBLOCK));

	while (received < n_msgs) {
		/* fill until refused: the receiver is the bottleneck */
		while (sent < n_msgs) {
			memcpy(out, &sent, sizeof sent);
			if (send(p.client, out, MSG_LEN, MSG_NOSIGNAL) == MSG_LEN) {
				sent++;
				continue;
			}
			CHECK(errno == EAGAIN, "send of message %llu", (unsigned long long)sent);
			eagains++;
			break;
		}
		if (first_fill < 0) {
			first_fill = (long)sent * MSG_LEN;
			CHECK(sent < n_msgs, "%ld bytes sent before the first EAGAIN: no flow control",
			      first_fill);
		}
		for (int i = 0; i < FLOW_QUANTUM && received < sent; i++)
			recv_one(p.server, in, received++);
		e2e_watchdog();  /* progress: a stall of 50 s fails */
	}
	peak = status_bytes(daemon, "VmHWM");
	/* both ends of the association live in this daemon: the sender's
	 * buffer (held message, usrsctp's send queue) and the receiver's
	 * (usrsctp's 2x receive buffer, one queued record) */
	bound = 2 * sndbuf + 2 * rcvbuf + OVERHEAD;
	printf("flow: %llu messages of %d bytes; SO_SNDBUF %ld, SO_RCVBUF %ld; first EAGAIN after %ld bytes, %ld EAGAINs\n",
	       (unsigned long long)n_msgs, MSG_LEN, sndbuf, rcvbuf, first_fill, eagains);
	printf("flow: daemon RSS %ld KiB before, peak %ld KiB: grew %ld KiB (bound %ld KiB = 2 x SO_SNDBUF + 2 x SO_RCVBUF + %ld KiB)\n",
	       base / 1024, peak / 1024, (peak - base) / 1024, bound / 1024, OVERHEAD / 1024);
	/* everything in flight sits in the socketpairs, the daemon, usrsctp
	 * and the UDP sockets: a few buffers' worth, not the whole transfer */
	CHECK(first_fill <= 8 * (sndbuf + rcvbuf) + (8L << 20),
	      "%ld bytes accepted before the first EAGAIN", first_fill);
	if (getenv("FLOW_NO_RSS_BOUND"))
		printf("flow: the bound is not checked in this build\n");
	else
		CHECK(peak - base <= bound, "the daemon grew by %ld bytes, more than %ld", peak - base,
	      bound);
	e2e_close_pair(&p);
	free(out);
	free(in);
}

static const struct e2e_case cases[] = {
	{ "slow-receiver", case_slow_receiver },
};

int main(int argc, char **argv)
{
	return e2e_main("flow", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
