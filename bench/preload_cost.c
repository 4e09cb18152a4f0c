/* SPDX-License-Identifier: MIT */
/* The cost of libsctpshim.so on a program that uses no SCTP: TCP and UDP
 * loopback request/response and bulk transfer, run once with and once
 * without LD_PRELOAD (bench/run does both and compares).
 *
 * Usage: preload_cost TEST [--seconds T]
 *   TEST: tcp-rr, tcp-bulk, udp-rr, udp-bulk
 * Prints one line:
 *   result test=tcp-rr seconds=T count=N per_s=R mean_us=M cpu_s=C per_cpu_s=P
 *   result test=tcp-bulk seconds=T bytes=B MBps=R cpu_s=C MB_per_cpu_s=P
 *
 * The figure to compare is the work done per second of CPU used by both
 * processes (cpu_s: their utime+stime while measuring): on a shared,
 * loaded machine the wall-clock rate moves by tens of percent from run to
 * run with what else runs, while the CPU a call costs, which is what the
 * preload adds to, stays put.  Both processes are pinned to the CPU the
 * program starts on, for the same reason: a round trip between two CPUs
 * costs whatever waking the other one costs at that moment.
 *
 * The process forks its peer after binding an ephemeral loopback port, so
 * both ends run under the same LD_PRELOAD and no fixed port can collide
 * with anything else on the machine.  The calls are the ones a plain
 * event-loop program makes and the library interposes: poll before each
 * read of a request/response, send/recv on TCP, sendto/recvfrom on UDP,
 * read/write for TCP bulk.  Everything is bounded by alarm(). */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { RR_SIZE = 64, TCP_BULK_SIZE = 65536, UDP_BULK_SIZE = 1024 };

/* A UDP bulk sender ends with this short datagram (full ones are longer)
 * and repeats it until the receiver answers with its byte count: a full
 * receive queue may drop it. */
static const char udp_end_marker[] = "end";

/* Slack beyond the measured seconds before alarm() ends a stuck run. */
enum { SLACK_SECONDS = 10, POLL_TIMEOUT_MS = 2000 };

static const char *test_name = "?";

static void die(const char *what)
{
	fprintf(stderr, "preload_cost %s: %s: %s\n", test_name, what, strerror(errno));
	exit(1);
}

static void die_msg(const char *what)
{
	fprintf(stderr, "preload_cost %s: %s\n", test_name, what);
	exit(1);
}

static double timeval_seconds(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

/* utime+stime of this process (who = RUSAGE_SELF) */
static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return timeval_seconds(ru.ru_utime) + timeval_seconds(ru.ru_stime);
}

/* Stop the peer; its utime+stime. */
static double end_peer(pid_t peer)
{
	struct rusage ru;
	int status;

	kill(peer, SIGTERM);
	if (wait4(peer, &status, 0, &ru) < 0)
		die("wait4");
	return timeval_seconds(ru.ru_utime) + timeval_seconds(ru.ru_stime);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait until fd is readable; a lost peer or datagram ends the run. */
static void wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	do
		n = poll(&p, 1, POLL_TIMEOUT_MS);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die("poll");
	if (n == 0)
		die_msg("peer silent for 2 s");
}

static void send_exact(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = send(fd, p, len, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("send");
		p += n;
		len -= n;
	}
}

/* Read exactly len bytes (TCP); 0 at end of file before any byte. */
static size_t recv_exact(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = recv(fd, (char *)buf + got, len - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("recv");
		if (n == 0) {
			if (got == 0)
				return 0;
			die_msg("peer closed in the middle of a message");
		}
		got += n;
	}
	return got;
}

/* The peer process: echo requests, or count bulk bytes and answer the
 * total at the end. */
static void serve_tcp(int listener, int bulk)
{
	int fd = accept(listener, NULL, NULL);
	char buf[TCP_BULK_SIZE];
	uint64_t total = 0;

	if (fd < 0)
		die("accept");
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 }, sizeof(int)) < 0)
		die("setsockopt TCP_NODELAY");
	if (bulk) {
		ssize_t n;

		while ((n = read(fd, buf, sizeof buf)) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				die("read");
			total += n;
		}
		send_exact(fd, &total, sizeof total);
		return;
	}
	for (;;) {
		wait_readable(fd);
		if (recv_exact(fd, buf, RR_SIZE) == 0)
			return;
		send_exact(fd, buf, RR_SIZE);
	}
}

static void serve_udp(int fd, int bulk)
{
	char buf[UDP_BULK_SIZE];
	struct sockaddr_in from;
	socklen_t fromlen;
	uint64_t total = 0;

	for (;;) {
		ssize_t n;

		if (!bulk)
			wait_readable(fd);
		fromlen = sizeof from;
		n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("recvfrom");
		if (!bulk) {
			if (n == 0)
				return; /* the client's goodbye */
			if (sendto(fd, buf, n, 0, (struct sockaddr *)&from, fromlen) != n)
				die("sendto");
		} else if (n == (ssize_t)sizeof udp_end_marker &&
			   memcmp(buf, udp_end_marker, n) == 0) {
			if (sendto(fd, &total, sizeof total, 0, (struct sockaddr *)&from,
				   fromlen) < 0)
				die("sendto");
			/* repeated markers get the same answer until the
			 * client is gone (its exit kills us, see main) */
		} else {
			total += n;
		}
	}
}

/* Round trips of RR_SIZE bytes for `seconds`; returns the count. */
static uint64_t client_rr(int fd, int udp, double seconds, double *elapsed)
{
	char buf[RR_SIZE] = { 0 };
	double start = now(), end = start + seconds, t = start;
	uint64_t count = 0;

	while (t < end) {
		if (udp) {
			if (send(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf)
				die("send");
			wait_readable(fd);
			if (recv(fd, buf, sizeof buf, 0) != (ssize_t)sizeof buf)
				die_msg("short UDP reply");
		} else {
			send_exact(fd, buf, sizeof buf);
			wait_readable(fd);
			if (recv_exact(fd, buf, sizeof buf) == 0)
				die_msg("peer closed");
		}
		count++;
		t = now();
	}
	*elapsed = t - start;
	return count;
}

/* Bulk for `seconds`; returns what the receiver counted, with elapsed
 * running until its answer arrived. */
static uint64_t client_bulk(int fd, int udp, double seconds, double *elapsed)
{
	static char buf[TCP_BULK_SIZE];
	size_t size = udp ? UDP_BULK_SIZE : TCP_BULK_SIZE;
	double start = now(), end = start + seconds;
	uint64_t total = 0;
	unsigned i = 0;

	/* time is read every 16 writes: a clock call per 1 KiB datagram
	 * would be a cost of its own in what we measure */
	for (;; i++) {
		if ((i & 15) == 0 && now() >= end)
			break;
		if (udp) {
			/* loopback UDP drops when the receiver's queue is
			 * full; the receiver's count is what matters */
			if (send(fd, buf, size, 0) < 0 && errno != ENOBUFS && errno != EINTR)
				die("send");
		} else {
			ssize_t n = write(fd, buf, size);

			if (n < 0 && errno != EINTR)
				die("write");
		}
	}
	if (udp) {
		for (;;) {
			struct pollfd p = { .fd = fd, .events = POLLIN };

			if (send(fd, udp_end_marker, sizeof udp_end_marker, 0) < 0 &&
			    errno != ENOBUFS)
				die("send");
			if (poll(&p, 1, 10) > 0)
				break;
		}
	} else if (shutdown(fd, SHUT_WR) < 0) {
		die("shutdown");
	}
	wait_readable(fd);
	if (recv(fd, &total, sizeof total, 0) != (ssize_t)sizeof total)
		die_msg("no byte count from the receiver");
	*elapsed = now() - start;
	return total;
}

static void usage(void)
{
	fprintf(stderr, "usage: preload_cost tcp-rr|tcp-bulk|udp-rr|udp-bulk [--seconds T]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t addrlen = sizeof addr;
	double seconds = 1, elapsed, cpu;
	int udp, bulk, fd, one = 1;
	uint64_t work;
	cpu_set_t cpus;
	pid_t peer;

	if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--seconds") == 0))
		usage();
	test_name = argv[1];
	if (argc == 4 && ((seconds = atof(argv[3])) <= 0 || seconds > 600))
		usage();
	if (strcmp(test_name, "tcp-rr") == 0)
		udp = 0, bulk = 0;
	else if (strcmp(test_name, "tcp-bulk") == 0)
		udp = 0, bulk = 1;
	else if (strcmp(test_name, "udp-rr") == 0)
		udp = 1, bulk = 0;
	else if (strcmp(test_name, "udp-bulk") == 0)
		udp = 1, bulk = 1;
	else
		usage();
	alarm((unsigned)seconds + SLACK_SECONDS);

	CPU_ZERO(&cpus);
	CPU_SET(sched_getcpu() >= 0 ? sched_getcpu() : 0, &cpus);
	if (sched_setaffinity(0, sizeof cpus, &cpus) < 0)
		die("sched_setaffinity");

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &addrlen) < 0)
		die("bind");
	if (!udp && listen(fd, 1) < 0)
		die("listen");

	peer = fork();
	if (peer < 0)
		die("fork");
	if (peer == 0) {
		/* the peer never outlives the measuring process */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(1);
		if (udp)
			serve_udp(fd, bulk);
		else
			serve_tcp(fd, bulk);
		_exit(0);
	}

	close(fd); /* the peer holds its own copy */
	fd = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	/* request/response: no Nagle delay, as latency programs set it */
	if (!udp && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
		die("setsockopt TCP_NODELAY");
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
		die("connect");

	/* the peer's CPU is counted from its start: before the first
	 * request it has only accepted, which costs next to nothing */
	cpu = -cpu_seconds();
	work = bulk ? client_bulk(fd, udp, seconds, &elapsed) : client_rr(fd, udp, seconds, &elapsed);
	cpu += cpu_seconds();
	if (!bulk && udp && send(fd, "", 0, 0) < 0) /* goodbye: an empty datagram */
		die("send");
	close(fd);
	cpu += end_peer(peer);
	if (bulk)
		printf("result test=%s seconds=%.2f bytes=%llu MBps=%.2f cpu_s=%.3f "
		       "MB_per_cpu_s=%.2f\n", test_name, elapsed, (unsigned long long)work,
		       work / elapsed / 1e6, cpu, work / cpu / 1e6);
	else
		printf("result test=%s seconds=%.2f count=%llu per_s=%.0f mean_us=%.2f cpu_s=%.3f "
		       "per_cpu_s=%.0f\n", test_name, elapsed, (unsigned long long)work,
		       work / elapsed, elapsed / work * 1e6, cpu, work / cpu);
	return 0;
}
