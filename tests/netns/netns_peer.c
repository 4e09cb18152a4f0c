/* SPDX-License-Identifier: MIT */
/*
 * Both ends of the network namespace tests' transfers and connects, run
 * under the shim like any unmodified SCTP program (docs/networks.md).
 *
 *   netns_peer recv ADDR PORT BYTES   listen, accept one association, check
 *                                     every message of the plan for BYTES
 *   netns_peer send ADDR PORT BYTES   connect and send that plan
 *   netns_peer connect ADDR PORT ERRNO
 *                                     a blocking connect with short INIT
 *                                     timers must fail with ERRNO (a name)
 *   netns_peer pong ADDR PORT COUNT   listen, accept one association, take
 *                                     COUNT messages, reply once, wait for
 *                                     the peer to close
 *   netns_peer ping ADDR PORT COUNT   connect, send COUNT messages, each
 *                                     once the one before is acknowledged
 *                                     (SENDER_DRY), wait for the reply; at
 *                                     most PING_WAIT_S for each;
 *                                     $PING_PATHMAXRXT, if set, is the
 *                                     socket's path_max_retrans
 *
 * The plan: message i has a size, a stream (of STREAMS) and an ordering
 * that all follow from i, so the receiver knows what each message must be
 * without being told.  Each message starts with i and continues with a
 * pattern of i, so a message that arrives damaged, twice, on the wrong
 * stream, or out of order on an ordered stream is caught.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "netns_prog.h"

const char *const netns_prog_name = "netns_peer";

#define STREAMS 10
#define MAX_MSG 16384

struct plan_msg {
	uint32_t size;
	uint16_t stream;
	bool unordered;
};

/* One message in three is unordered, so every stream carries both kinds
 * (3 and 10 are coprime). */
static struct plan_msg plan_of(uint32_t i)
{
	struct plan_msg m = {
		.size = 8 + (uint32_t)(((uint64_t)i * 7919u) % (MAX_MSG - 8)),
		.stream = i % STREAMS,
		.unordered = i % 3 == 1,
	};
	return m;
}

/* How many messages the plan for BYTES has (the last one may be short). */
static uint32_t plan_count(uint64_t bytes, uint32_t *last_size)
{
	uint64_t sum = 0;
	uint32_t i = 0;

	while (sum < bytes) {
		uint32_t size = plan_of(i).size;
		if (bytes - sum < size)
			size = bytes - sum < 8 ? 8 : (uint32_t)(bytes - sum);
		*last_size = size;
		sum += size;
		i++;
	}
	return i;
}

static uint32_t size_of(uint32_t i, uint32_t count, uint32_t last_size)
{
	return i + 1 == count ? last_size : plan_of(i).size;
}

static void fill(uint8_t *buf, uint32_t i, uint32_t size)
{
	memcpy(buf, &i, 4);
	for (uint32_t k = 4; k < size; k++)
		buf[k] = (uint8_t)(i * 31 + k);
}

static socklen_t parse_addr(const char *host, const char *port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)atoi(port));
		return sizeof *sin;
	}
	if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)atoi(port));
		return sizeof *sin6;
	}
	errno = 0;
	die("bad address %s", host);
}

/*
 * The retransmission timeout is bounded at 1 s, as one tunes a lossy link:
 * at 20 % loss each way a retransmission is lost now and then, and with
 * the default RTO.max (60 s) the doubling timeout once stalled a 10 MiB
 * transfer past the test's time limit.
 */
static int stream_socket(int family)
{
	struct sctp_initmsg im = { .sinit_num_ostreams = STREAMS, .sinit_max_instreams = STREAMS };
	struct sctp_event_subscribe ev = { .sctp_data_io_event = 1 };
	int fd = socket(family, SOCK_STREAM, IPPROTO_SCTP);

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im) < 0)
		die("SCTP_INITMSG");
	set_rto(fd, 300, 100, 1000);
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev) < 0)
		die("SCTP_EVENTS");
	return fd;
}

static int do_send(const struct sockaddr_storage *to, socklen_t len, uint64_t bytes)
{
	uint32_t last_size = 0, count = plan_count(bytes, &last_size);
	static uint8_t buf[MAX_MSG];
	int fd = stream_socket(to->ss_family);
	char c;

	if (connect(fd, (const struct sockaddr *)to, len) < 0)
		die("connect");
	/* progress, so that a transfer that stalls shows where */
	printf("connected\n");
	for (uint32_t i = 0; i < count; i++) {
		struct plan_msg m = plan_of(i);
		uint32_t size = size_of(i, count, last_size);

		if (i && i % (count / 4 + 1) == 0)
			printf("sending message %u of %u\n", i, count);
		fill(buf, i, size);
		if (sctp_sendmsg(fd, buf, size, NULL, 0, 0, m.unordered ? SCTP_UNORDERED : 0,
				 m.stream, 0, 0) != (ssize_t)size)
			die("sctp_sendmsg of message %u (%u bytes)", i, size);
	}
	/* The receiver closes once it has everything: wait for that, so our
	 * exit means the transfer is over. */
	if (shutdown(fd, SHUT_WR) < 0)
		die("shutdown");
	printf("all sent, waiting for the receiver to close\n");
	if (recv(fd, &c, 1, 0) != 0)
		die("the receiver sent something back");
	close(fd);
	printf("sent %u messages, %llu bytes\n", count, (unsigned long long)bytes);
	return 0;
}

static int do_recv(const struct sockaddr_storage *at, socklen_t len, uint64_t bytes)
{
	uint32_t last_size = 0, count = plan_count(bytes, &last_size);
	int64_t last_ordered[STREAMS];
	static uint8_t buf[MAX_MSG + 1], want[MAX_MSG];
	uint8_t *seen = calloc(count, 1);
	uint32_t got = 0, unordered = 0;
	uint64_t total = 0;
	int one = 1, lfd = stream_socket(at->ss_family), fd;
	double begin = 0, end;

	if (!seen)
		die("calloc");
	for (int s = 0; s < STREAMS; s++)
		last_ordered[s] = -1;
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
		die("SO_REUSEADDR");
	if (bind(lfd, (const struct sockaddr *)at, len) < 0)
		die("bind");
	if (listen(lfd, 1) < 0)
		die("listen");
	printf("listening\n");
	fflush(stdout);
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("accept");
	printf("accepted\n");
	for (;;) {
		struct sctp_sndrcvinfo sinfo;
		int flags = 0;
		ssize_t n = sctp_recvmsg(fd, buf, sizeof buf, NULL, NULL, &sinfo, &flags);
		uint32_t i;
		struct plan_msg m;

		if (n == 0)
			break;
		if (n < 0)
			die("sctp_recvmsg after %u messages", got);
		if (!begin)
			begin = now();
		errno = 0;
		if (flags & MSG_NOTIFICATION)
			die("unexpected notification");
		if (!(flags & MSG_EOR) || n < 4)
			die("a message of %zd bytes came in pieces (flags 0x%x)", n, flags);
		memcpy(&i, buf, 4);
		if (i >= count)
			die("message index %u, the plan has %u", i, count);
		if (seen[i])
			die("message %u arrived twice", i);
		seen[i] = 1;
		m = plan_of(i);
		if ((uint32_t)n != size_of(i, count, last_size))
			die("message %u has %zd bytes, want %u", i, n, size_of(i, count, last_size));
		fill(want, i, (uint32_t)n);
		if (memcmp(buf, want, (size_t)n))
			die("message %u is damaged", i);
		if (sinfo.sinfo_stream != m.stream)
			die("message %u on stream %u, want %u", i, sinfo.sinfo_stream, m.stream);
		if (!!(sinfo.sinfo_flags & SCTP_UNORDERED) != m.unordered)
			die("message %u: unordered flag %d, want %d", i,
			    !!(sinfo.sinfo_flags & SCTP_UNORDERED), m.unordered);
		if (m.unordered) {
			unordered++;
		} else {
			if ((int64_t)i < last_ordered[m.stream])
				die("message %u after %lld on ordered stream %u", i,
				    (long long)last_ordered[m.stream], m.stream);
			last_ordered[m.stream] = i;
		}
		got++;
		total += (uint64_t)n;
	}
	end = now();
	errno = 0;
	if (got != count)
		for (uint32_t i = 0; i < count; i++)
			if (!seen[i])
				die("message %u never arrived (%u of %u did)", i, got, count);
	if (total != bytes)
		die("%llu bytes arrived, want %llu", (unsigned long long)total,
		    (unsigned long long)bytes);
	close(fd);
	close(lfd);
	printf("received %u messages (%u unordered) on %d streams, %llu bytes, each once, intact, in order\n",
	       got, unordered, STREAMS, (unsigned long long)total);
	printf("goodput %.0f bytes/s over %.2f s\n", end > begin ? total / (end - begin) : 0.0,
	       end - begin);
	free(seen);
	return 0;
}

/* An acknowledgement or reply later than this is a stall: it beats
 * usrsctp's own recovery by heartbeat (hb_interval, 30 s) with room for a
 * loaded machine. */
#define PING_WAIT_S 10

/* The next data (1) or SENDER_DRY (0) on fd, waiting at most PING_WAIT_S
 * (SO_RCVTIMEO); other notifications are skipped. */
static int next_event(int fd, char *buf, size_t len, ssize_t *n)
{
	for (;;) {
		struct sctp_sndrcvinfo sinfo;
		int flags = 0;

		*n = sctp_recvmsg(fd, buf, len, NULL, NULL, &sinfo, &flags);
		if (*n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return -1;
		if (*n <= 0)
			die("recv");
		if (!(flags & MSG_NOTIFICATION))
			return 1;
		if (((union sctp_notification *)buf)->sn_header.sn_type == SCTP_SENDER_DRY_EVENT)
			return 0;
	}
}

/* Send COUNT messages, each once the one before is acknowledged
 * (SENDER_DRY), then wait for the receiver's reply. */
static int do_ping(const struct sockaddr_storage *to, socklen_t len, uint32_t count)
{
	struct timeval tv = { .tv_sec = PING_WAIT_S };
	struct sctp_event dry = { .se_type = SCTP_SENDER_DRY_EVENT, .se_on = 1 };
	char msg[100], buf[512];
	int fd = stream_socket(to->ss_family);
	ssize_t n;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0)
		die("SO_RCVTIMEO");
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &dry, sizeof dry) < 0)
		die("SCTP_EVENT");
	if (getenv("PING_PATHMAXRXT")) {
		struct sctp_paddrparams pp = { .spp_pathmaxrxt = (uint16_t)atoi(getenv("PING_PATHMAXRXT")) };

		if (setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp) < 0)
			die("SCTP_PEER_ADDR_PARAMS");
	}
	if (connect(fd, (const struct sockaddr *)to, len) < 0)
		die("connect");
	printf("connected\n");
	for (uint32_t i = 0; i < count; i++) {
		double begin = now();
		int ev;

		memset(msg, 'a' + (int)(i % 26), sizeof msg);
		if (send(fd, msg, sizeof msg, 0) != (ssize_t)sizeof msg)
			die("send of message %u", i);
		while ((ev = next_event(fd, buf, sizeof buf, &n)) > 0)
			;
		if (ev < 0) {
			errno = 0;
			die("message %u was not acknowledged in %d s", i, PING_WAIT_S);
		}
		printf("message %u acknowledged after %.0f ms\n", i, (now() - begin) * 1000);
	}
	if (next_event(fd, buf, sizeof buf - 1, &n) <= 0) {
		errno = 0;
		die("no reply in %d s", PING_WAIT_S);
	}
	buf[n] = '\0';
	printf("reply: %s\n", buf);
	close(fd);
	return 0;
}

/* Receive COUNT messages, reply once, wait for the peer to close. */
static int do_pong(const struct sockaddr_storage *at, socklen_t len, uint32_t count)
{
	int one = 1, lfd = stream_socket(at->ss_family), fd;
	char buf[200];
	int r;

	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
		die("SO_REUSEADDR");
	if (bind(lfd, (const struct sockaddr *)at, len) < 0 || listen(lfd, 1) < 0)
		die("bind/listen");
	printf("listening\n");
	if ((fd = accept(lfd, NULL, NULL)) < 0)
		die("accept");
	for (uint32_t i = 0; i < count; i++)
		if (recv(fd, buf, sizeof buf, 0) <= 0)
			die("recv of message %u", i);
	r = snprintf(buf, sizeof buf, "got %u messages", count);
	if (send(fd, buf, (size_t)r, 0) != r)
		die("send of the reply");
	if (recv(fd, buf, sizeof buf, 0) != 0)
		die("the peer did not close");
	close(fd);
	close(lfd);
	printf("replied after %u messages\n", count);
	return 0;
}

static const struct {
	const char *name;
	int err;
} errnos[] = {
	{ "ETIMEDOUT", ETIMEDOUT },
	{ "ECONNREFUSED", ECONNREFUSED },
	{ "EHOSTUNREACH", EHOSTUNREACH },
	{ "ENETUNREACH", ENETUNREACH },
	{ "ECONNRESET", ECONNRESET },
};

static const char *errno_name(int err)
{
	for (size_t k = 0; k < sizeof errnos / sizeof errnos[0]; k++)
		if (errnos[k].err == err)
			return errnos[k].name;
	return "another errno";
}

/* A blocking connect with INIT timers short enough for a test: an INIT
 * every 200-500 ms, 3 attempts. */
static int do_connect(const struct sockaddr_storage *to, socklen_t len, const char *want)
{
	struct sctp_initmsg im = { .sinit_max_attempts = 3, .sinit_max_init_timeo = 500 };
	int fd = socket(to->ss_family, SOCK_STREAM, IPPROTO_SCTP), r, err;
	double begin;

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im) < 0)
		die("SCTP_INITMSG");
	set_rto(fd, 200, 100, 500);
	begin = now();
	r = connect(fd, (const struct sockaddr *)to, len);
	err = errno;
	printf("connect: %s after %.0f ms\n", r == 0 ? "success" : errno_name(err),
	       (now() - begin) * 1000);
	close(fd);
	if (r == 0 || strcmp(errno_name(err), want)) {
		errno = r == 0 ? 0 : err;
		die("connect should fail with %s", want);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 5) {
		fprintf(stderr, "usage: %s recv|send ADDR PORT BYTES | connect ADDR PORT ERRNO | "
			"ping|pong ADDR PORT COUNT\n", argv[0]);
		return 99;
	}
	len = parse_addr(argv[2], argv[3], &ss);
	if (!strcmp(argv[1], "connect"))
		return do_connect(&ss, len, argv[4]);
	if (!strcmp(argv[1], "send"))
		return do_send(&ss, len, strtoull(argv[4], NULL, 10));
	if (!strcmp(argv[1], "recv"))
		return do_recv(&ss, len, strtoull(argv[4], NULL, 10));
	if (!strcmp(argv[1], "ping"))
		return do_ping(&ss, len, (uint32_t)strtoul(argv[4], NULL, 10));
	if (!strcmp(argv[1], "pong"))
		return do_pong(&ss, len, (uint32_t)strtoul(argv[4], NULL, 10));
	fprintf(stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
	return 99;
}
