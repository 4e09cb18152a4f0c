/* SPDX-License-Identifier: MIT */
/*
 * The benchmark's server: serves every test (workload.h's protocol) on
 * one one-to-one listener with an accept loop, until SIGTERM.
 *
 * Why one-to-one: every association is then a socket of its own, which
 * is what the shim pays for per association (a descriptor, a channel to
 * the daemon and an endpoint in it), so the idle and set-up tests measure
 * that; it is also how TCP-style servers (iperf3 --sctp among them) are
 * written.  A one-to-many socket would hold every association behind one
 * descriptor and hide the shim's per-socket cost.
 *
 * The server only answers (echoes and counts), so it turns Nagle off: an
 * answer is always awaited.  It does so once, on the listener, whose
 * accepted sockets inherit it (Linux, the shim and usrsctp alike), as
 * servers that set their options on the listener do.  It reads at most
 * READ_BUDGET messages from one association before turning to the next.
 */
#define _GNU_SOURCE
#include "workload.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { READ_BUDGET = 64, MAX_EVENTS = 256, BACKLOG = 4096 };

struct sconn {
	struct net_sock *s;
	unsigned interest;
	bool in_message;         /* the next bytes continue a message */
	char type;               /* of the message being read */
	size_t len;              /* of the message being read, so far */
	uint64_t bytes, msgs;    /* data received since the last finish */
	char *msg;               /* echo or finish being collected */
	char *out;               /* answer waiting for room */
	size_t out_len;
	bool again, dead;
	struct sconn *next_again;
	struct sconn *next_dead;
	struct sconn *prev_live, *next_live;
};

static char recv_buf[MSG_MAX];
static char listener_tag;    /* the listener's udata */
static struct sconn *again_head, *again_tail, *dead, *live_head;
static unsigned long live;
static bool accept_blocked, accept_warned;

static void watch(struct sconn *c, unsigned interest)
{
	watch_for(c->s, &c->interest, interest, c);
}

/* Freed only after the batch: later events in it may name it. */
static void drop(struct sconn *c)
{
	if (c->dead)
		return;
	net_close(c->s);
	c->s = NULL;
	c->dead = true;
	c->next_dead = dead;
	dead = c;
	if (c->prev_live)
		c->prev_live->next_live = c->next_live;
	else
		live_head = c->next_live;
	if (c->next_live)
		c->next_live->prev_live = c->prev_live;
	live--;
}

static void push_again(struct sconn *c)
{
	if (c->again)
		return;
	c->again = true;
	c->next_again = NULL;
	if (again_tail)
		again_tail->next_again = c;
	else
		again_head = c;
	again_tail = c;
}

/* 1 sent, 0 kept for later (OUT watched, reading stops), < 0 error */
static int answer(struct sconn *c, const char *buf, size_t len)
{
	ssize_t r = net_send(c->s, buf, len);

	if (r == -EAGAIN) {
		c->out = malloc(len);
		if (!c->out)
			return -ENOMEM;
		memcpy(c->out, buf, len);
		c->out_len = len;
		watch(c, NET_OUT);
		return 0;
	}
	return r < 0 ? (int)r : 1;
}

static int flush(struct sconn *c)
{
	ssize_t r;

	if (!c->out)
		return 1;
	r = net_send(c->s, c->out, c->out_len);
	if (r == -EAGAIN)
		return 0;
	free(c->out);
	c->out = NULL;
	if (r < 0)
		return (int)r;
	watch(c, NET_IN);
	return 1;
}

/* A whole echo or finish message: msg, len bytes. */
static int handle_message(struct sconn *c, const char *msg, size_t len)
{
	char line[96];
	int n;

	if (c->type == 'E')
		return answer(c, msg, len);
	n = snprintf(line, sizeof line, "R bytes=%" PRIu64 " msgs=%" PRIu64, c->bytes, c->msgs);
	c->bytes = c->msgs = 0;
	return answer(c, line, (size_t)n);
}

/* Takes one piece of a message; < 0 drops the association. */
static int take(struct sconn *c, const char *buf, size_t n, bool eor)
{
	int r;

	if (!c->in_message) {
		c->type = buf[0];
		c->len = 0;
		c->in_message = true;
		if (c->type != 'D' && c->type != 'E' && c->type != 'F')
			return -EPROTO;
	}
	if (c->type == 'D') {
		c->len += n;
		if (eor) {
			c->in_message = false;
			c->bytes += c->len;
			c->msgs++;
		}
		return 0;
	}
	if (eor && !c->len) {
		/* whole in one read, the usual case: answered from buf */
		c->in_message = false;
		return handle_message(c, buf, n);
	}
	if (c->len + n > ECHO_MAX)
		return -EMSGSIZE;
	if (!c->msg && !(c->msg = malloc(ECHO_MAX)))
		return -ENOMEM;
	memcpy(c->msg + c->len, buf, n);
	c->len += n;
	if (!eor)
		return 0;
	c->in_message = false;
	r = handle_message(c, c->msg, c->len);
	free(c->msg);
	c->msg = NULL;
	return r;
}

static void serve(struct sconn *c, unsigned events)
{
	int r;

	if (c->dead)
		return;
	r = flush(c);
	if (r < 0) {
		drop(c);
		return;
	}
	if (r == 0)
		return;  /* no reading until the answer is out */
	for (int i = 0; i < READ_BUDGET; i++) {
		bool eor = false;
		ssize_t n = net_recv(c->s, recv_buf, sizeof recv_buf, &eor);

		if (n == -EAGAIN)
			return;
		if (n <= 0) {
			drop(c);  /* the client closed (or aborted) */
			return;
		}
		r = take(c, recv_buf, (size_t)n, eor);
		if (r < 0) {
			warn("dropping an association: %s", strerror(-r));
			drop(c);
			return;
		}
		if (r == 0 && c->out)
			return;  /* an answer waits for room */
	}
	push_again(c);
}

/* Frees the dropped (one still on the again list waits for the next round). */
static void free_dead(void)
{
	struct sconn *c = dead, *keep = NULL;

	while (c) {
		struct sconn *next = c->next_dead;

		if (c->again) {
			c->next_dead = keep;
			keep = c;
		} else {
			free(c->msg);
			free(c->out);
			free(c);
		}
		c = next;
	}
	dead = keep;
}

static void accept_all(struct net_sock *listener)
{
	for (;;) {
		struct net_sock *s;
		struct sconn *c;
		int err = net_accept(listener, &s);

		if (err == -EAGAIN)
			return;
		if (err < 0) {
			/* EMFILE and the like: say so once, keep serving the rest */
			if (!accept_warned)
				warn("accept: %s (%lu associations open)", strerror(-err), live);
			accept_warned = accept_blocked = true;
			return;
		}
		c = calloc(1, sizeof *c);
		if (!c)
			die("out of memory");
		c->s = s;
		c->next_live = live_head;
		if (live_head)
			live_head->prev_live = c;
		live_head = c;
		live++;
		watch(c, NET_IN);
		push_again(c);  /* it may have data already */
	}
}

int run_server(const struct bench_options *o)
{
	struct net_event ev[MAX_EVENTS];
	struct net_sock *listener;
	int err;

	err = net_socket(o->addr.ss_family, &listener);
	if (err < 0)
		die("socket: %s", strerror(-err));
	err = net_set_nodelay(listener, true);
	if (err < 0)
		die("SCTP_NODELAY: %s", strerror(-err));
	err = net_bind(listener, (const struct sockaddr *)&o->addr, o->addr_len);
	if (err < 0)
		die("bind: %s", strerror(-err));
	err = net_listen(listener, BACKLOG);
	if (err < 0)
		die("listen: %s", strerror(-err));
	err = net_watch(listener, NET_IN, &listener_tag);
	if (err < 0)
		die("watching the listener: %s", strerror(-err));
	accept_all(listener);

	while (!stop_requested) {
		int n = net_wait(ev, MAX_EVENTS, again_head ? 0 : 500);

		if (n < 0 && n != -EINTR)
			die("waiting for events: %s", strerror(-n));
		for (int i = 0; i < n; i++) {
			if (ev[i].udata == &listener_tag)
				accept_all(listener);
			else
				serve(ev[i].udata, ev[i].events);
		}
		if (again_head) {
			struct sconn *c = again_head;

			again_head = again_tail = NULL;
			while (c) {
				struct sconn *next = c->next_again;

				c->again = false;
				serve(c, NET_IN);
				c = next;
			}
		}
		/* a new listener event comes only after accept saw EAGAIN */
		if (accept_blocked) {
			accept_blocked = false;
			accept_all(listener);
		}
		free_dead();
	}
	while (live_head)
		drop(live_head);
	free_dead();
	net_close(listener);
	return 0;
}
