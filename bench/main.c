/* SPDX-License-Identifier: MIT */
/*
 * sctpbench / sctpbench-usrsctp: the command line, shared by both.
 *
 *   PROG server --port P [--host BIND] [options]
 *   PROG client --host H --port P --test T [options]
 *
 * tests (client): bulk, rate, rr, setup, multi, idle (workload.c says
 * what each does and prints).  Options:
 *   --size S        message size in bytes (bulk 16384, rate 1024, rr 64,
 *                   multi 16384)
 *   --seconds T     bulk, rate, multi: how long to send (5); idle: the
 *                   longest hold (600)
 *   --count N       rr 10000, setup 1000, idle 10000
 *   --assocs A      multi: associations at once (100)
 *   --parallel P    setup: set-ups under way at once (1)
 *   --sndbuf B, --rcvbuf B   SO_SNDBUF / SO_RCVBUF as a Linux program sets
 *                   them (default: untouched); the usrsctp build gives its
 *                   sockets what sctpshimd would make of them
 *   --udp-port U, --peer-udp-port V   usrsctp build only: its UDP
 *                   encapsulation port and the peer's (server 35911,
 *                   client 35912); the Linux build ignores them
 *
 * Exit status 0 on success; otherwise one line on stderr and 1.
 */
#define _GNU_SOURCE
#include "workload.h"

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

enum { SERVER_UDP_PORT = 35911, CLIENT_UDP_PORT = 35912 };

volatile int stop_requested;

uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void vsay(const char *fmt, va_list ap)
{
	char line[512];

	vsnprintf(line, sizeof line, fmt, ap);
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, line);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
	fflush(stdout);
	_exit(1);  /* usrsctp's threads may hold locks an exit handler wants */
}

void watch_for(struct net_sock *s, unsigned *interest, unsigned want, void *udata)
{
	int err;

	if (*interest == want)
		return;
	err = net_watch(s, want, udata);
	if (err < 0)
		die("watching a socket: %s", strerror(-err));
	*interest = want;
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(fmt, ap);
	va_end(ap);
}

static void on_stop(int sig)
{
	stop_requested = 1;
}

static void on_alarm(int sig)
{
	static const char msg[] = "sctpbench: the run took too long (watchdog)\n";

	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(1);
}

static void usage(void)
{
	die("usage: %s server --port P [--host BIND] | client --host H --port P --test "
	    "bulk|rate|rr|setup|multi|idle [--size S] [--seconds T] [--count N] [--assocs A] "
	    "[--parallel P] [--sndbuf B] [--rcvbuf B] [--udp-port U --peer-udp-port V]",
	    program_invocation_short_name);
}

static unsigned long number(const char *name, const char *v, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n < min || n > max)
		die("%s: %s is not a number from %lu to %lu", name, v, min, max);
	return n;
}

static void resolve(struct bench_options *o, const char *host, const char *port)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res;
	int r;

	if (!host)
		hints.ai_flags |= AI_PASSIVE;
	hints.ai_family = host ? AF_UNSPEC : AF_INET;
	r = getaddrinfo(host, port, &hints, &res);
	if (r)
		die("%s: %s", host ? host : "(any)", gai_strerror(r));
	memcpy(&o->addr, res->ai_addr, res->ai_addrlen);
	o->addr_len = res->ai_addrlen;
	freeaddrinfo(res);
}

/* A descriptor per association (Linux build): allow as many as we may. */
static rlim_t raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 1024;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur;
}

/* Seconds after which the whole client run is given up. */
static unsigned watchdog_for(const struct bench_options *o)
{
	switch (o->test) {
	case TEST_BULK:
	case TEST_RATE:
	case TEST_MULTI:
		return (unsigned)o->seconds + 120;
	case TEST_RR:
		return 120 + (unsigned)(o->count / 100);     /* 10 ms per round trip */
	default:
		return 120 + (unsigned)(o->count / 10);      /* 100 ms per set-up */
	}
}

int main(int argc, char **argv)
{
	struct bench_options o = { .parallel = 1, .assocs = 100 };
	const char *host = NULL, *port = NULL, *test = NULL;
	bool have_udp = false, have_peer = false;
	struct sigaction sa = { .sa_handler = on_stop };
	rlim_t fds;
	int status, err;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "server"))
		o.server = true;
	else if (strcmp(argv[1], "client"))
		usage();
	for (int i = 2; i < argc; i++) {
		const char *opt = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			usage();
		i++;
		if (!strcmp(opt, "--host"))
			host = v;
		else if (!strcmp(opt, "--port"))
			port = v, number(opt, v, 1, 65535);
		else if (!strcmp(opt, "--test"))
			test = v;
		else if (!strcmp(opt, "--size"))
			o.size = number(opt, v, 1, MSG_MAX);
		else if (!strcmp(opt, "--seconds")) {
			o.seconds = strtod(v, NULL);
			if (!(o.seconds > 0 && o.seconds <= 86400))
				die("--seconds: %s is out of range", v);
		} else if (!strcmp(opt, "--count"))
			o.count = number(opt, v, 1, 100000000);
		else if (!strcmp(opt, "--assocs"))
			o.assocs = (unsigned)number(opt, v, 1, 100000);
		else if (!strcmp(opt, "--parallel"))
			o.parallel = (unsigned)number(opt, v, 1, 10000);
		else if (!strcmp(opt, "--sndbuf"))
			o.net.sndbuf = (int)number(opt, v, 1, 1 << 30);
		else if (!strcmp(opt, "--rcvbuf"))
			o.net.rcvbuf = (int)number(opt, v, 1, 1 << 30);
		else if (!strcmp(opt, "--udp-port"))
			o.net.udp_port = (uint16_t)number(opt, v, 1, 65535), have_udp = true;
		else if (!strcmp(opt, "--peer-udp-port"))
			o.net.peer_udp_port = (uint16_t)number(opt, v, 1, 65535), have_peer = true;
		else
			usage();
	}
	if (!port || (!o.server && (!host || !test)))
		usage();
	if (!have_udp)
		o.net.udp_port = o.server ? SERVER_UDP_PORT : CLIENT_UDP_PORT;
	if (!have_peer)
		o.net.peer_udp_port = o.server ? CLIENT_UDP_PORT : SERVER_UDP_PORT;
	resolve(&o, host, port);

	if (!o.server) {
		int t;

		for (t = 0; t <= TEST_IDLE; t++)
			if (!strcmp(test, test_names[t]))
				break;
		if (t > TEST_IDLE)
			die("unknown test %s", test);
		o.test = (enum test)t;
		if (!o.size)
			o.size = o.test == TEST_RATE ? 1024 : o.test == TEST_RR ? 64 : 16384;
		if (!o.seconds)
			o.seconds = o.test == TEST_IDLE ? 600 : 5;
		if (!o.count)
			o.count = o.test == TEST_SETUP ? 1000 : 10000;
		if (o.test == TEST_RR && o.size > ECHO_MAX)
			die("rr: --size is at most %d", ECHO_MAX);
	}

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	fds = raise_fd_limit();
	if (!o.server && o.test == TEST_IDLE && !strcmp(net_name, "linux")
	    && o.count + 64 > fds)
		die("idle: %lu associations need %lu descriptors; RLIMIT_NOFILE allows %lu "
		    "(the hard limit: raise it, e.g. prlimit --nofile)", o.count,
		    o.count + 64, (unsigned long)fds);

	err = net_init(&o.net);
	if (err < 0)
		die("%s: %s", net_name, strerror(-err));
	if (o.server) {
		status = run_server(&o);
	} else {
		signal(SIGALRM, on_alarm);
		alarm(watchdog_for(&o));
		status = run_client(&o);
		alarm(0);
	}
	fflush(stdout);
	net_finish();
	return status;
}
