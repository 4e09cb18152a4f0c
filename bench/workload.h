/* SPDX-License-Identifier: MIT */
/*
 * The benchmark's workloads (client tests and the server), shared by
 * bench/sctpbench and bench/sctpbench-usrsctp; see net.h for the layer
 * underneath and main.c for the command line.
 *
 * The application protocol: every message starts with a type byte.
 *   'D'  data: the server counts its bytes and messages, no answer;
 *   'E'  echo: the server sends the same message back;
 *   'F'  finish: the server answers "R bytes=<B> msgs=<M>", the data it
 *        received on this association since the last finish.
 * Messages go on one stream, in order, so a finish always follows the
 * data it counts.  A message is at most MSG_MAX bytes; echo and finish
 * messages at most ECHO_MAX.
 */
#ifndef SCTPBENCH_WORKLOAD_H
#define SCTPBENCH_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "net.h"

enum {
	MSG_MAX = 1 << 20,
	ECHO_MAX = 64 << 10,
	SYNC_SIZE = 64,          /* the echo that proves an association is up */
};

enum test {
	TEST_BULK, TEST_RATE, TEST_RR, TEST_SETUP, TEST_MULTI, TEST_IDLE,
};

struct bench_options {
	bool server;
	struct sockaddr_storage addr;   /* server: bind to; client: connect to */
	socklen_t addr_len;
	enum test test;
	size_t size;                    /* message size */
	double seconds;                 /* bulk, rate, multi; idle: longest hold */
	unsigned long count;            /* rr, setup, idle */
	unsigned assocs;                /* multi */
	unsigned parallel;              /* setup: set-ups under way at once */
	struct net_options net;
};

extern const char *const test_names[];

/* Both print their result line (client) and return the exit status. */
int run_client(const struct bench_options *o);
int run_server(const struct bench_options *o);

/* ---- shared helpers (main.c) ---- */
uint64_t now_ns(void);
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Watch s for want (NET_IN, NET_OUT) with udata, unless *interest says it
 * is watched so already; dies if the layer refuses. */
void watch_for(struct net_sock *s, unsigned *interest, unsigned want, void *udata);
extern volatile int stop_requested;   /* SIGTERM / SIGINT */

#endif
