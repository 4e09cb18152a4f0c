/* SPDX-License-Identifier: MIT */
/*
 * The client side of the benchmark's tests (workload.h), one event loop
 * over non-blocking one-to-one sockets:
 *
 *   bulk   one association, messages of --size as fast as possible for
 *          --seconds, Nagle on (the default: a throughput program's);
 *   rate   the same with SCTP_NODELAY, counted in messages per second;
 *   multi  --assocs associations at once, each a bulk sender;
 *   rr     --count echoes of --size one after another, NODELAY on;
 *   setup  --count associations set up (connect returned and a first
 *          message echoed) and closed, --parallel at a time (default 1);
 *   idle   --count associations set up and held until stdin closes.
 *
 * Every association first exchanges one SYNC_SIZE echo, so that the
 * server has accepted it before anything is timed.  Throughput is what
 * the server received: each sender ends with a finish message and the
 * time runs until the last answer.  Nothing waits without a bound: a
 * step that makes no progress for STEP_TIMEOUT_S fails the run.
 */
#define _GNU_SOURCE
#include "workload.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	STEP_TIMEOUT_S = 20,     /* longest wait for any one step */
	SETUP_TIMEOUT_S = 10,    /* longest set-up (INIT to the first echo) */
	SEND_BUDGET = 64,        /* messages per turn before others get theirs */
	MAX_EVENTS = 256,
	CONNECT_WINDOW = 64,     /* idle, multi: set-ups under way at once */
};

enum state {
	C_FREE, C_CONNECTING, C_SYNC_SEND, C_SYNC_WAIT, C_UP, C_STREAM, C_FIN_SEND,
	C_FIN_WAIT, C_RR_SEND, C_RR_WAIT, C_HELD, C_DONE, C_FAILED,
};

struct conn {
	struct net_sock *s;
	enum state state;
	unsigned interest;
	uint64_t since;          /* the current step began (ns) */
	size_t got;              /* bytes of the message being read */
	char reply[128];         /* its beginning */
	uint64_t bytes, msgs;    /* the server's count, from its answer */
	unsigned long rr_done;
	bool again;              /* on the again list */
	struct conn *next_again;
};

struct client {
	const struct bench_options *o;
	struct conn *conns;
	size_t n_conns;
	bool nodelay;
	unsigned long started, completed, failed, finished;
	size_t under_way;        /* set-ups started and not yet up or failed */
	uint64_t stream_end;     /* ns; 0 until streaming starts */
	bool stream_over;
	double *lat_us;          /* rr */
	struct conn *again_head, *again_tail;
	int last_error;
	unsigned long timeouts_connecting, timeouts_echo;
};

static char send_buf[MSG_MAX];
static char recv_buf[MSG_MAX];

const char *const test_names[] = {
	[TEST_BULK] = "bulk", [TEST_RATE] = "rate", [TEST_RR] = "rr",
	[TEST_SETUP] = "setup", [TEST_MULTI] = "multi", [TEST_IDLE] = "idle",
};

/* ---- small steps ------------------------------------------------------- */

static void watch(struct conn *k, unsigned interest)
{
	watch_for(k->s, &k->interest, interest, k);
}

static void push_again(struct client *cl, struct conn *k)
{
	if (k->again)
		return;
	k->again = true;
	k->next_again = NULL;
	if (cl->again_tail)
		cl->again_tail->next_again = k;
	else
		cl->again_head = k;
	cl->again_tail = k;
}

/* 1 sent, 0 no room now (OUT is watched), < 0 error */
static int send_typed(struct conn *k, char type, size_t size)
{
	ssize_t r;

	send_buf[0] = type;
	r = net_send(k->s, send_buf, size);
	if (r == -EAGAIN) {
		watch(k, k->interest | NET_OUT);
		return 0;
	}
	if (r < 0)
		return (int)r;
	if ((size_t)r != size)
		return -EMSGSIZE;  /* SCTP never takes part of a message */
	return 1;
}

/* 1 a whole message is in (k->got long, its start in k->reply),
 * 0 not yet, < 0 error or end of file */
static int read_message(struct conn *k)
{
	for (;;) {
		bool eor = false;
		ssize_t n = net_recv(k->s, recv_buf, sizeof recv_buf, &eor);
		size_t room = sizeof k->reply - 1;

		if (n == -EAGAIN)
			return 0;
		if (n == 0)
			return -ECONNRESET;
		if (n < 0)
			return (int)n;
		if (k->got < room)
			memcpy(k->reply + k->got, recv_buf,
			       (size_t)n < room - k->got ? (size_t)n : room - k->got);
		k->got += (size_t)n;
		if (eor) {
			k->reply[k->got < room ? k->got : room] = '\0';
			return 1;
		}
	}
}

static void fail(struct client *cl, struct conn *k, int err)
{
	if (k->state == C_CONNECTING || k->state == C_SYNC_SEND || k->state == C_SYNC_WAIT)
		cl->under_way--;
	net_close(k->s);
	k->s = NULL;
	k->state = C_FAILED;
	k->interest = 0;
	cl->failed++;
	cl->last_error = err;
}

/* ---- setting up -------------------------------------------------------- */

static void sync_step(struct client *cl, struct conn *k);

static void start_connect(struct client *cl, struct conn *k)
{
	const struct bench_options *o = cl->o;
	int err;

	memset(k, 0, sizeof *k);
	cl->started++;
	cl->under_way++;
	k->since = now_ns();
	k->state = C_CONNECTING;
	err = net_socket(o->addr.ss_family, &k->s);
	if (err < 0) {
		cl->under_way--;
		k->state = C_FAILED;
		cl->failed++;
		cl->last_error = err;
		return;
	}
	if (cl->nodelay && (err = net_set_nodelay(k->s, true)) < 0)
		die("SCTP_NODELAY: %s", strerror(-err));
	watch(k, NET_IN | NET_OUT);
	err = net_connect(k->s, (const struct sockaddr *)&o->addr, o->addr_len);
	if (err == 0) {
		k->state = C_SYNC_SEND;
		sync_step(cl, k);
	} else if (err != -EINPROGRESS) {
		fail(cl, k, err);
	}
}

static void start_more(struct client *cl)
{
	unsigned long want = cl->o->count;
	size_t window = cl->o->test == TEST_SETUP ? cl->o->parallel : CONNECT_WINDOW;

	if (cl->o->test != TEST_SETUP && cl->o->test != TEST_IDLE)
		want = cl->n_conns;
	while (cl->started < want && cl->under_way < window) {
		struct conn *k;

		if (cl->o->test == TEST_SETUP) {
			/* a free slot: slots are reused one set-up after another */
			k = NULL;
			for (size_t i = 0; i < cl->n_conns; i++)
				if (cl->conns[i].state == C_FREE || cl->conns[i].state == C_DONE
				    || cl->conns[i].state == C_FAILED) {
					k = &cl->conns[i];
					break;
				}
			if (!k)
				return;
		} else {
			k = &cl->conns[cl->started];
		}
		start_connect(cl, k);
	}
}

static void rr_step(struct client *cl, struct conn *k);

/* The association is up and the server has accepted it. */
static void conn_up(struct client *cl, struct conn *k)
{
	cl->under_way--;
	k->got = 0;
	switch (cl->o->test) {
	case TEST_SETUP:
		net_close(k->s);
		k->s = NULL;
		k->state = C_DONE;
		cl->completed++;
		break;
	case TEST_IDLE:
		k->state = C_HELD;
		watch(k, 0);
		cl->completed++;
		break;
	case TEST_RR:
		cl->completed++;
		k->state = C_RR_SEND;
		watch(k, NET_IN);
		rr_step(cl, k);
		return;
	default:
		k->state = C_UP;
		watch(k, 0);
		cl->completed++;
		break;
	}
}

static void sync_step(struct client *cl, struct conn *k)
{
	int r;

	if (k->state == C_SYNC_SEND) {
		r = send_typed(k, 'E', SYNC_SIZE);
		if (r == 0)
			return;
		if (r < 0) {
			fail(cl, k, r);
			return;
		}
		k->state = C_SYNC_WAIT;
		watch(k, NET_IN);
	}
	r = read_message(k);
	if (r == 0)
		return;
	if (r < 0) {
		fail(cl, k, r);
		return;
	}
	if (k->got != SYNC_SIZE || k->reply[0] != 'E')
		die("the server answered a set-up with %zu bytes of type '%c'", k->got, k->reply[0]);
	conn_up(cl, k);
}

/* ---- streaming (bulk, rate, multi) ------------------------------------- */

static void finish_step(struct client *cl, struct conn *k)
{
	int r;

	if (k->state == C_STREAM)
		k->state = C_FIN_SEND;
	if (k->state == C_FIN_SEND) {
		r = send_typed(k, 'F', 1);
		if (r == 0)
			return;
		if (r < 0)
			die("sending the finish: %s", strerror(-r));
		k->state = C_FIN_WAIT;
		k->since = now_ns();
		watch(k, NET_IN);
	}
	r = read_message(k);
	if (r == 0)
		return;
	if (r < 0)
		die("waiting for the server's count: %s", strerror(-r));
	if (sscanf(k->reply, "R bytes=%" SCNu64 " msgs=%" SCNu64, &k->bytes, &k->msgs) != 2)
		die("the server answered the finish with \"%.40s\"", k->reply);
	k->state = C_DONE;
	cl->finished++;
}

static void stream_step(struct client *cl, struct conn *k)
{
	size_t size = cl->o->size;

	for (int i = 0; i < SEND_BUDGET; i++) {
		ssize_t r;

		if (cl->stream_over) {
			finish_step(cl, k);
			return;
		}
		send_buf[0] = 'D';
		r = net_send(k->s, send_buf, size);
		if (r == -EAGAIN) {
			watch(k, NET_OUT);
			return;
		}
		if (r < 0)
			die("send: %s", strerror((int)-r));
		if (now_ns() >= cl->stream_end)
			cl->stream_over = true;
	}
	push_again(cl, k);
}

/* ---- request / response ------------------------------------------------ */

static void rr_step(struct client *cl, struct conn *k)
{
	for (;;) {
		int r;

		if (k->state == C_RR_SEND) {
			k->since = now_ns();
			r = send_typed(k, 'E', cl->o->size);
			if (r == 0)
				return;
			if (r < 0)
				die("send: %s", strerror(-r));
			k->state = C_RR_WAIT;
			if (k->interest != NET_IN)
				watch(k, NET_IN);
		}
		r = read_message(k);
		if (r == 0)
			return;
		if (r < 0)
			die("waiting for an echo: %s", strerror(-r));
		if (k->got != cl->o->size)
			die("an echo of %zu bytes came back as %zu", cl->o->size, k->got);
		cl->lat_us[k->rr_done++] = (double)(now_ns() - k->since) / 1e3;
		k->got = 0;
		if (k->rr_done == cl->o->count) {
			k->state = C_DONE;
			cl->finished++;
			return;
		}
		k->state = C_RR_SEND;
	}
}

/* ---- the loop ---------------------------------------------------------- */

static void handle(struct client *cl, struct conn *k, unsigned events)
{
	int r;

	switch (k->state) {
	case C_CONNECTING:
		r = net_connected(k->s, events);
		if (r == -EINPROGRESS)
			return;
		if (r < 0) {
			fail(cl, k, r);
			return;
		}
		k->state = C_SYNC_SEND;
		/* fall through */
	case C_SYNC_SEND:
	case C_SYNC_WAIT:
		sync_step(cl, k);
		return;
	case C_STREAM:
		stream_step(cl, k);
		return;
	case C_FIN_SEND:
	case C_FIN_WAIT:
		finish_step(cl, k);
		return;
	case C_RR_SEND:
	case C_RR_WAIT:
		rr_step(cl, k);
		return;
	default:
		return;
	}
}

/* Set-ups that have not come up within SETUP_TIMEOUT_S fail. */
static void expire_setups(struct client *cl)
{
	uint64_t limit = now_ns() - (uint64_t)SETUP_TIMEOUT_S * 1000000000u;

	for (size_t i = 0; i < cl->n_conns; i++) {
		struct conn *k = &cl->conns[i];

		if ((k->state == C_CONNECTING || k->state == C_SYNC_SEND
		     || k->state == C_SYNC_WAIT) && k->since < limit) {
			if (k->state == C_CONNECTING)
				cl->timeouts_connecting++;
			else
				cl->timeouts_echo++;
			if (getenv("SCTPBENCH_DEBUG"))
				warn("set-up %zu timed out in state %d (net_connected %d)", i,
				     k->state, net_connected(k->s, NET_OUT));
			fail(cl, k, -ETIMEDOUT);
		}
	}
}

/* Runs until done(cl) holds; dies when nothing happens for STEP_TIMEOUT_S. */
static void run_loop(struct client *cl, bool (*done)(struct client *), const char *what)
{
	struct net_event ev[MAX_EVENTS];
	uint64_t last_progress = now_ns(), last_expiry = last_progress;

	while (!done(cl)) {
		uint64_t now = now_ns();
		int timeout = 100, n;

		if (stop_requested)
			die("interrupted while %s", what);
		if (cl->again_head)
			timeout = 0;
		if (cl->stream_end && !cl->stream_over) {
			if (now >= cl->stream_end) {
				cl->stream_over = true;
				for (size_t i = 0; i < cl->n_conns; i++)
					if (cl->conns[i].state == C_STREAM)
						push_again(cl, &cl->conns[i]);
				timeout = 0;
			} else if ((cl->stream_end - now) / 1000000 < (uint64_t)timeout) {
				timeout = (int)((cl->stream_end - now) / 1000000) + 1;
			}
		}
		n = net_wait(ev, MAX_EVENTS, timeout);
		if (n < 0 && n != -EINTR)
			die("waiting for events: %s", strerror(-n));
		now = now_ns();
		if (n > 0)
			last_progress = now;
		for (int i = 0; i < n; i++)
			handle(cl, ev[i].udata, ev[i].events);
		/* those that used up their turn, in order */
		if (cl->again_head) {
			struct conn *k = cl->again_head;

			cl->again_head = cl->again_tail = NULL;
			last_progress = now;
			while (k) {
				struct conn *next = k->next_again;

				k->again = false;
				handle(cl, k, NET_IN | NET_OUT);
				k = next;
			}
		}
		if (now - last_expiry > 500000000u) {
			last_expiry = now;
			expire_setups(cl);
		}
		/* New set-ups only between batches: a slot freed in this batch
		 * may still have events of its old socket in it. */
		start_more(cl);
		if (now - last_progress > (uint64_t)STEP_TIMEOUT_S * 1000000000u)
			die("nothing happened for %d s while %s", STEP_TIMEOUT_S, what);
	}
}

static bool all_set_up(struct client *cl)
{
	unsigned long want = cl->o->test == TEST_SETUP || cl->o->test == TEST_IDLE
			     ? cl->o->count : cl->n_conns;

	return cl->completed + cl->failed >= want;
}

static bool all_finished(struct client *cl)
{
	return cl->finished + cl->failed >= cl->n_conns;
}

static void set_up_all(struct client *cl, const char *what)
{
	start_more(cl);
	run_loop(cl, all_set_up, what);
	if (cl->failed && cl->o->test != TEST_SETUP)
		die("%lu of %lu associations could not be set up (%s)", cl->failed,
		    cl->started, strerror(-cl->last_error));
}

/* ---- the tests --------------------------------------------------------- */

static int stream_test(struct client *cl)
{
	const struct bench_options *o = cl->o;
	uint64_t start, end, bytes = 0, msgs = 0;
	double secs;

	set_up_all(cl, "setting up");
	start = now_ns();
	cl->stream_end = start + (uint64_t)(o->seconds * 1e9);
	for (size_t i = 0; i < cl->n_conns; i++) {
		cl->conns[i].state = C_STREAM;
		cl->conns[i].got = 0;
		watch(&cl->conns[i], NET_OUT);
		push_again(cl, &cl->conns[i]);
	}
	run_loop(cl, all_finished, "sending");
	end = now_ns();
	for (size_t i = 0; i < cl->n_conns; i++) {
		bytes += cl->conns[i].bytes;
		msgs += cl->conns[i].msgs;
	}
	secs = (double)(end - start) / 1e9;
	if (o->test == TEST_BULK)
		printf("result test=bulk size=%zu seconds=%.2f bytes=%" PRIu64 " msgs=%" PRIu64
		       " MBps=%.2f\n", o->size, secs, bytes, msgs, (double)bytes / secs / 1e6);
	else if (o->test == TEST_RATE)
		printf("result test=rate size=%zu msgs_per_s=%.0f seconds=%.2f msgs=%" PRIu64 "\n",
		       o->size, (double)msgs / secs, secs, msgs);
	else
		printf("result test=multi assocs=%u size=%zu MBps=%.2f seconds=%.2f bytes=%" PRIu64
		       " msgs=%" PRIu64 "\n", o->assocs, o->size, (double)bytes / secs / 1e6, secs,
		       bytes, msgs);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int rr_test(struct client *cl)
{
	const struct bench_options *o = cl->o;
	double sum = 0;
	size_t p99;

	cl->lat_us = calloc(o->count, sizeof *cl->lat_us);
	if (!cl->lat_us)
		die("out of memory");
	set_up_all(cl, "setting up");
	run_loop(cl, all_finished, "exchanging echoes");
	qsort(cl->lat_us, o->count, sizeof *cl->lat_us, cmp_double);
	for (unsigned long i = 0; i < o->count; i++)
		sum += cl->lat_us[i];
	p99 = (size_t)((double)o->count * 0.99 + 0.999999);
	p99 = p99 ? p99 - 1 : 0;
	printf("result test=rr size=%zu count=%lu p50_us=%.1f p99_us=%.1f mean_us=%.1f\n",
	       o->size, o->count, cl->lat_us[(o->count - 1) / 2], cl->lat_us[p99],
	       sum / (double)o->count);
	free(cl->lat_us);
	return 0;
}

static int setup_test(struct client *cl)
{
	const struct bench_options *o = cl->o;
	uint64_t start = now_ns();
	double secs;

	set_up_all(cl, "setting up associations");
	secs = (double)(now_ns() - start) / 1e9;
	if (cl->failed)
		warn("%lu of %lu set-ups failed (last: %s; timed out: %lu connecting, %lu "
		     "waiting for the first echo); only completed ones count", cl->failed,
		     o->count, strerror(-cl->last_error), cl->timeouts_connecting,
		     cl->timeouts_echo);
	if (!cl->completed)
		die("no association could be set up (%s)", strerror(-cl->last_error));
	printf("result test=setup count=%lu per_s=%.1f seconds=%.2f failed=%lu\n",
	       cl->completed, (double)cl->completed / secs, secs, cl->failed);
	return 0;
}

/*
 * Holds the associations until stdin reaches end of file (or o->seconds
 * have passed, so that a harness that died cannot leave us behind).  The
 * result line is printed with "ready", before the hold, so that whoever
 * reads it need not close stdin first.
 */
static int idle_test(struct client *cl)
{
	const struct bench_options *o = cl->o;
	uint64_t until;
	char scratch[256];

	set_up_all(cl, "setting up associations");
	printf("ready pid=%ld\n", (long)getpid());
	printf("result test=idle count=%lu\n", cl->completed);
	fflush(stdout);
	alarm((unsigned)o->seconds + 60);  /* the hold has a bound of its own */
	until = now_ns() + (uint64_t)(o->seconds * 1e9);
	for (;;) {
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		int r;

		if (stop_requested)
			break;
		if (now_ns() >= until)
			die("idle: stdin still open after %.0f s", o->seconds);
		r = poll(&p, 1, 1000);
		if (r < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (r > 0) {
			ssize_t n = read(STDIN_FILENO, scratch, sizeof scratch);

			if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
				break;
		}
	}
	for (size_t i = 0; i < cl->n_conns; i++)
		if (cl->conns[i].s) {
			net_close(cl->conns[i].s);
			cl->conns[i].s = NULL;
		}
	return 0;
}

int run_client(const struct bench_options *o)
{
	struct client cl = { .o = o };
	int status;

	memset(send_buf + 1, 'x', sizeof send_buf - 1);
	switch (o->test) {
	case TEST_SETUP:
		cl.n_conns = o->parallel;
		break;
	case TEST_IDLE:
		cl.n_conns = o->count;
		break;
	case TEST_MULTI:
		cl.n_conns = o->assocs;
		break;
	default:
		cl.n_conns = 1;
		break;
	}
	/* Nagle off where a message is waited for (rate is defined with
	 * NODELAY); bulk and multi keep Linux's default, Nagle on. */
	cl.nodelay = o->test == TEST_RATE || o->test == TEST_RR || o->test == TEST_SETUP;
	cl.conns = calloc(cl.n_conns, sizeof *cl.conns);
	if (!cl.conns)
		die("out of memory");
	switch (o->test) {
	case TEST_BULK:
	case TEST_RATE:
	case TEST_MULTI:
		status = stream_test(&cl);
		break;
	case TEST_RR:
		status = rr_test(&cl);
		break;
	case TEST_SETUP:
		status = setup_test(&cl);
		break;
	default:
		status = idle_test(&cl);
		break;
	}
	fflush(stdout);
	for (size_t i = 0; i < cl.n_conns; i++)
		net_close(cl.conns[i].s);
	free(cl.conns);
	return status;
}
