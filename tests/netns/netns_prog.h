/* SPDX-License-Identifier: MIT */
/* What the namespace test programs share: dying with a message, a clock,
 * and the short retransmission timers they set. */
#ifndef NETNS_PROG_H
#define NETNS_PROG_H

#include <errno.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* Each program names itself in its messages. */
extern const char *const netns_prog_name;

__attribute__((noreturn, format(printf, 1, 2)))
static inline void die(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", netns_prog_name);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (saved)
		fprintf(stderr, " (errno %d %s)", saved, strerror(saved));
	fputc('\n', stderr);
	exit(1);
}

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* SCTP_RTOINFO for the socket (its future associations), or die. */
static inline void set_rto(int fd, uint32_t initial, uint32_t min, uint32_t max)
{
	struct sctp_rtoinfo rto = { .srto_initial = initial, .srto_min = min, .srto_max = max };

	if (setsockopt(fd, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto) < 0)
		die("SCTP_RTOINFO");
}

#endif
