/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "daemon/client.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "daemon/access.h"
#include "daemon/daemon.h"
#include "daemon/ended.h"
#include "daemon/endpoint.h"
#include "daemon/engine.h"
#include "daemon/log.h"
#include "daemon/report.h"
#include "wire/wire.h"

struct client {
	uint32_t id;
	struct loop_source src;
	struct ucred cred;
	int pidfd;              /* the process that connected, or -1 */
	bool deferred;          /* a reply is pending: read nothing more */
	/* SHIM_REQ_LINGER_WAIT: this connection waits for that endpoint's
	 * close; linger_timer (fd -1 when unarmed) ends the wait */
	uint32_t linger_ep;
	uint32_t linger_secs;   /* 0: its close does not wait */
	bool lingering;         /* LINGER_CLOSED is waiting for its answer */
	struct loop_source linger_timer;
	struct client *next;
};

static struct client *clients;
static size_t n_clients;
static uint32_t last_client_id;

/* A request being handled; replies go through here. */
struct request {
	struct client *c;
	uint16_t type;
	const uint8_t *body;
	size_t len;
	int fd;                 /* passed descriptor or -1 */
};

size_t clients_count(void)
{
	return n_clients;
}

static struct client *client_find(uint32_t id)
{
	for (struct client *c = clients; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

static void client_drop(struct client *c, const char *why)
{
	struct client **pp;

	if (why)
		log_info("client pid %d dropped: %s", (int)c->cred.pid, why);
	for (pp = &clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	loop_remove(&shimd.loop, &c->src);
	close(c->src.fd);
	if (c->linger_timer.fd >= 0) {
		loop_remove(&shimd.loop, &c->linger_timer);
		close(c->linger_timer.fd);
	}
	if (c->pidfd >= 0)
		close(c->pidfd);
	n_clients--;
	free(c);
}

static void refused_close_all(void);

void clients_deinit(void)
{
	while (clients)
		client_drop(clients, NULL);
	refused_close_all();
}

/* The protocol version this daemon speaks: SHIM_VERSION, unless
 * SCTPSHIM_TEST_PROTO_VERSION makes it pretend to be another build (only
 * for the test of the version refusal, tests/integration/version_*.sh). */
static uint16_t our_version(void)
{
	static int version = -1;

	if (version < 0) {
		const char *fake = getenv("SCTPSHIM_TEST_PROTO_VERSION");

		version = fake && *fake ? (uint16_t)strtoul(fake, NULL, 10) : SHIM_VERSION;
	}
	return (uint16_t)version;
}

static int send_reply(struct client *c, int error, const void *body, size_t len, int pass_fd)
{
	struct shim_hdr h;
	struct shim_reply r = { .error = error };
	struct iovec iov[3] = {
		{ .iov_base = &h, .iov_len = sizeof h },
		{ .iov_base = &r, .iov_len = sizeof r },
		{ .iov_base = (void *)body, .iov_len = len },
	};
	ssize_t n;

	shim_hdr_init(&h, SHIM_REPLY, (uint32_t)(sizeof h + sizeof r + len), 0);
	h.version = our_version();
	n = shim_send_record(c->src.fd, iov, len ? 3 : 2, pass_fd, MSG_DONTWAIT);
	return n < 0 ? (int)n : 0;
}

/* ---- requests ------------------------------------------------------------ */

static int req_endpoint(struct request *rq, struct endpoint **ep)
{
	if (rq->fd < 0)
		return -EBADF;
	return endpoint_from_fd(rq->fd, ep);
}

static int do_socket(struct request *rq, int *pass_fd, struct shim_socket_reply *reply)
{
	struct shim_socket_req s;
	struct endpoint *ep;
	int err;

	memcpy(&s, rq->body, sizeof s);
	if (s.family != AF_INET && s.family != AF_INET6)
		return -EAFNOSUPPORT;
	if (s.style != SHIM_STYLE_ONE_TO_ONE && s.style != SHIM_STYLE_ONE_TO_MANY)
		return -ESOCKTNOSUPPORT;
	err = endpoint_create((uint16_t)s.family, (uint16_t)s.style, rq->c->cred.pid,
			      NULL, &ep, pass_fd);
	if (err < 0)
		return err;
	ep->owner_uid = rq->c->cred.uid;
	reply->endpoint_id = ep->id;
	log_debug("endpoint %u created for pid %d", ep->id, (int)rq->c->cred.pid);
	return 0;
}

/* sctp_peeloff(): the request's descriptor is the one-to-many parent; the
 * reply passes the new socket's end, as SHIM_REQ_SOCKET does. */
static int do_peeloff(struct request *rq, int *pass_fd, struct shim_socket_reply *reply)
{
	struct shim_peeloff_req p;
	struct endpoint *parent, *ep;
	int err = req_endpoint(rq, &parent);

	if (err < 0)
		return err;
	memcpy(&p, rq->body, sizeof p);
	err = engine_peeloff(parent, rq->fd, p.assoc_id, rq->c->cred.pid, &ep, pass_fd);
	if (err < 0)
		return err;
	reply->endpoint_id = ep->id;
	return 0;
}

static int do_bind(struct request *rq, struct endpoint *ep)
{
	const struct shim_addrs_req *a = (const void *)rq->body;

	return engine_bind(ep, a->flags, a->addrs, a->count,
			   access_can_bind_low_port(rq->c->cred.pid, rq->c->pidfd));
}

/* The reply body is the association's id (usrsctp assigns it at connectx,
 * so even a non-blocking connect knows it). */
static int do_connect(struct request *rq, struct endpoint *ep, bool *defer, uint32_t *assoc_id)
{
	const struct shim_addrs_req *a = (const void *)rq->body;
	bool nonblock = a->flags & SHIM_CONNECT_NONBLOCK;
	int err;

	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state == EP_CONNECTED || ep->state == EP_ENDED)
			return -EISCONN;
		if (ep->state == EP_CONNECTING)
			return -EALREADY;
		if (ep->state == EP_LISTENING)
			return -EISCONN;  /* __sctp_connect() */
		err = engine_renew_socket(ep);
		if (err < 0)
			return err;
	} else if (!nonblock && ep->waiting_client) {
		return -EALREADY;
	}
	err = engine_connect(ep, a->addrs, a->count, assoc_id);
	if (err < 0)
		return err;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		ep->state = EP_CONNECTING;
		ep->assoc_id = *assoc_id;
		ep->so_error = 0;
		if (nonblock) {
			ep->nb_connecting = true;
			ep->fence_pending = true;
		} else {
			ep->blocking_connect = true;
		}
		endpoint_update_events(ep);
		return 0;
	}
	if (!nonblock) {
		ep->waiting_client = rq->c->id;
		ep->waiting_assoc = *assoc_id;
		*defer = true;
	}
	return 0;
}

static int do_opt(struct request *rq, struct endpoint *ep, uint8_t *out, size_t *out_len)
{
	struct shim_opt_req o;
	const uint8_t *value = rq->body + sizeof o;

	memcpy(&o, rq->body, sizeof o);
	if (rq->type == SHIM_REQ_SETOPT)
		return engine_setopt(ep, &o, value);
	return engine_getopt(ep, &o, value, out, out_len);
}

static int do_shutdown(struct request *rq, struct endpoint *ep)
{
	struct shim_shutdown_req s;

	memcpy(&s, rq->body, sizeof s);
	return engine_shutdown(ep, s.how);
}

/* ---- lingering close ------------------------------------------------------ */

/*
 * Linux's close() of a one-to-one socket with SO_LINGER {1, t > 0} waits,
 * on the last close only, until the socket's associations are gone or t
 * has passed (inet_release -> sctp_close -> sctp_wait_for_close).  Here
 * the library closes the socket between LINGER_WAIT and LINGER_CLOSED;
 * whether that was the last close shows on our end of the channel: the
 * kernel hangs it up at once.
 */
static int do_linger_wait(struct request *rq, struct endpoint *ep)
{
	struct client *c = rq->c;

	if (c->linger_ep)
		return -EALREADY;
	c->linger_ep = ep->id;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->linger.onoff && ep->linger.linger != 0)
		c->linger_secs = (uint32_t)ep->linger.linger; /* as Linux: unsigned */
	log_debug("endpoint %u: close waits up to %u s (client pid %d)", ep->id,
		  c->linger_secs, (int)c->cred.pid);
	return 0;  /* our copy of the descriptor is closed after this reply */
}

static bool program_end_closed(struct endpoint *ep)
{
	struct pollfd p = { .fd = ep->chan.fd, .events = POLLRDHUP };

	if (ep->program_eof || ep->program_hup)
		return true;
	/* after shutdown(SHUT_WR) our end is shut for receiving by our own
	 * doing (engine_shutdown): only a hang-up says the program closed */
	return poll(&p, 1, 0) == 1
	       && (p.revents & (ep->shut_wr ? POLLHUP : POLLRDHUP | POLLHUP));
}

/* Is anything of the endpoint left: the endpoint, or its closed socket
 * still ending associations? */
static bool endpoint_remains(uint32_t id)
{
	struct endpoint *ep = endpoint_lookup(id);

	return (ep && !ep->dead) || engine_closing_holds(id);
}

static void linger_timer_event(struct loop_source *src, uint32_t events);

/* LINGER_CLOSED: true when the answer must wait. */
static bool linger_must_wait(struct client *c)
{
	struct endpoint *ep = endpoint_lookup(c->linger_ep);
	struct itimerspec its = { .it_value.tv_sec = c->linger_secs };
	int fd;

	if (!c->linger_secs)
		return false;
	if (ep && !ep->dead && !program_end_closed(ep))
		return false;  /* not the last close: another copy holds it */
	if (!endpoint_remains(c->linger_ep))
		return false;
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (fd < 0)
		return false;
	loop_source_init(&c->linger_timer, fd, linger_timer_event, c);
	if (timerfd_settime(fd, 0, &its, NULL) < 0
	    || loop_set_events(&shimd.loop, &c->linger_timer, EPOLLIN) < 0) {
		close(fd);
		c->linger_timer.fd = -1;
		return false;
	}
	c->lingering = true;
	return true;
}

/* The wait is over (the endpoint is gone, or the linger time passed). */
static void linger_finish(struct client *c, const char *why)
{
	log_debug("endpoint %u: lingering close returns: %s", c->linger_ep, why);
	c->lingering = false;
	loop_remove(&shimd.loop, &c->linger_timer);
	close(c->linger_timer.fd);
	c->linger_timer.fd = -1;
	client_deferred_reply(c->id, 0, NULL, 0);
}

static void linger_timer_event(struct loop_source *src, uint32_t events)
{
	linger_finish(src->userdata, "linger time passed");
}

void clients_linger_check(uint32_t endpoint_id)
{
	struct client *c, *next;

	for (c = clients; c; c = next) {
		next = c->next;  /* the reply may drop c */
		if (c->lingering && c->linger_ep == endpoint_id && !endpoint_remains(endpoint_id))
			linger_finish(c, "associations gone");
	}
}

/* Handles one request; returns false when the client must be dropped. */
static bool handle_request(struct request *rq)
{
	static uint8_t out[SHIM_CTRL_MAX];
	struct client *c = rq->c;
	struct shim_socket_reply sock_reply = { 0 };
	struct shim_addrs_reply *addrs = NULL;
	struct endpoint *ep = NULL;
	const void *body = NULL;
	size_t body_len = 0, out_len;
	int pass_fd = -1, err = 0, sent;
	uint32_t assoc_id = 0;
	bool defer = false;
	char *text = NULL;

	switch (rq->type) {
	case SHIM_REQ_HELLO:
		break;
	case SHIM_REQ_SOCKET:
		err = do_socket(rq, &pass_fd, &sock_reply);
		body = &sock_reply;
		body_len = err ? 0 : sizeof sock_reply;
		break;
	case SHIM_REQ_PEELOFF:
		err = do_peeloff(rq, &pass_fd, &sock_reply);
		body = &sock_reply;
		body_len = err ? 0 : sizeof sock_reply;
		break;
	case SHIM_REQ_LINGER_WAIT:
		err = req_endpoint(rq, &ep);
		if (!err)
			err = do_linger_wait(rq, ep);
		break;
	case SHIM_REQ_LINGER_CLOSED:
		if (!c->linger_ep)
			err = -EINVAL;
		else
			defer = linger_must_wait(c);
		break;
	case SHIM_REQ_STATUS:
	case SHIM_REQ_STATS:
		text = rq->type == SHIM_REQ_STATUS ? report_status() : report_stats();
		if (!text)
			err = -ENOMEM;
		body = text;
		body_len = text ? strlen(text) : 0;
		break;
	case SHIM_REQ_BIND:
	case SHIM_REQ_LISTEN:
	case SHIM_REQ_CONNECT:
	case SHIM_REQ_SETOPT:
	case SHIM_REQ_GETOPT:
	case SHIM_REQ_SHUTDOWN:
	case SHIM_REQ_GETADDRS:
		err = req_endpoint(rq, &ep);
		if (err == -ENOTCONN && rq->type == SHIM_REQ_GETOPT) {
			/* an ended one-to-one socket's pending error */
			out_len = sizeof out - sizeof(struct shim_hdr) - sizeof(struct shim_reply);
			err = ended_getopt(rq->fd, rq->body, rq->len, out, &out_len);
			if (!err) {
				body = out;
				body_len = out_len;
			}
			break;
		}
		if (err < 0)
			break;
		switch (rq->type) {
		case SHIM_REQ_BIND:
			err = do_bind(rq, ep);
			if (!err)
				engine_renew_note(ep, rq->type, rq->body, rq->len);
			break;
		case SHIM_REQ_LISTEN: {
			struct shim_listen_req l;

			memcpy(&l, rq->body, sizeof l);
			err = engine_listen(ep, l.backlog);
			break;
		}
		case SHIM_REQ_CONNECT:
			err = do_connect(rq, ep, &defer, &assoc_id);
			if (!err && assoc_id) {
				body = &assoc_id;
				body_len = sizeof assoc_id;
			}
			break;
		case SHIM_REQ_SETOPT:
		case SHIM_REQ_GETOPT:
			out_len = sizeof out - sizeof(struct shim_hdr) - sizeof(struct shim_reply);
			err = do_opt(rq, ep, out, &out_len);
			if (!err && rq->type == SHIM_REQ_SETOPT)
				engine_renew_note(ep, rq->type, rq->body, rq->len);
			if (!err && rq->type == SHIM_REQ_GETOPT) {
				body = out;
				body_len = out_len;
			}
			break;
		case SHIM_REQ_SHUTDOWN:
			err = do_shutdown(rq, ep);
			break;
		case SHIM_REQ_GETADDRS: {
			struct shim_getaddrs_req g;

			memcpy(&g, rq->body, sizeof g);
			err = engine_getaddrs(ep, g.which, g.assoc_id, &addrs, &body_len);
			body = addrs;
			if (err)
				body_len = 0;
			break;
		}
		}
		break;
	default:
		log_info("client pid %d: unexpected %s request", (int)c->cred.pid,
			 shim_type_name(rq->type));
		return false;
	}
	if (defer) {
		c->deferred = true;
		loop_set_events(&shimd.loop, &c->src, 0);
		return true;
	}
	sent = send_reply(c, -err, body, body_len, pass_fd);
	if (pass_fd >= 0)
		close(pass_fd);
	free(addrs);
	free(text);
	if (sent < 0) {
		log_info("client pid %d: reply not sent: %s", (int)c->cred.pid, strerror(-sent));
		return false;
	}
	return true;
}

void client_deferred_reply(uint32_t client_id, int error, const void *body, size_t len)
{
	struct client *c = client_find(client_id);

	if (!c || !c->deferred)
		return;
	c->deferred = false;
	if (send_reply(c, error, body, len, -1) < 0) {
		client_drop(c, "reply not sent");
		return;
	}
	loop_set_events(&shimd.loop, &c->src, EPOLLIN);
}

/* ---- reading ------------------------------------------------------------- */

static void refuse_version(struct client *c, const struct shim_hdr *h)
{
	char line[160];

	snprintf(line, sizeof line,
		 "sctpshimd speaks protocol version %d, this library speaks %u: "
		 "restart the daemon or use matching builds\n", our_version(), h->version);
	send_reply(c, EPROTO, line, strlen(line), -1);
}

static void client_event(struct loop_source *src, uint32_t events)
{
	static uint8_t buf[SHIM_CTRL_MAX];
	struct client *c = src->userdata;

	while (!c->deferred) {
		struct request rq = { .c = c };
		struct shim_hdr h;
		ssize_t n = shim_recv_record(src->fd, buf, sizeof buf, &rq.fd,
					     MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		int err;
		bool keep;

		if (n == -EAGAIN)
			return;
		if (n <= 0) {
			client_drop(c, n == 0 || n == -ECONNRESET ? NULL : strerror((int)-n));
			return;
		}
		err = shim_hdr_check(buf, (size_t)n, SHIM_CTRL_MAX);
		memcpy(&h, buf, (size_t)n < sizeof h ? (size_t)n : sizeof h);
		if (!err && h.version != our_version())
			err = -EPROTO;
		if (err < 0) {
			if (err == -EPROTO && (size_t)n >= sizeof h && h.magic == SHIM_MAGIC)
				refuse_version(c, &h);
			if (rq.fd >= 0)
				close(rq.fd);
			client_drop(c, err == -EPROTO ? "bad magic or protocol version"
				    : "malformed record");
			return;
		}
		memcpy(&h, buf, sizeof h);
		rq.type = h.type;
		rq.body = buf + sizeof h;
		rq.len = (size_t)n - sizeof h;
		if (h.type >= SHIM_REPLY || shim_body_check(h.type, rq.body, rq.len) < 0) {
			if (rq.fd >= 0)
				close(rq.fd);
			client_drop(c, "malformed request");
			return;
		}
		keep = handle_request(&rq);
		if (rq.fd >= 0)
			close(rq.fd);
		if (!keep) {
			client_drop(c, "protocol misuse");
			return;
		}
	}
}

/*
 * A refused peer is answered when its first request (HELLO) arrives: the
 * program's socket() then fails with EACCES, and the reply's line says
 * why.  Closing at once would only make that request fail with EPIPE.  A
 * few refused connections wait at most; beyond that they are closed.
 */
#define REFUSED_MAX 8

struct refused {
	struct loop_source src;
	struct refused *next;
};

static struct refused *refused_list;
static unsigned n_refused;

static void refused_close(struct refused *r)
{
	for (struct refused **pp = &refused_list; *pp; pp = &(*pp)->next)
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	loop_remove(&shimd.loop, &r->src);
	close(r->src.fd);
	n_refused--;
	free(r);
}

static void refused_close_all(void)
{
	while (refused_list)
		refused_close(refused_list);
}

static void refused_event(struct loop_source *src, uint32_t events)
{
	static uint8_t buf[SHIM_CTRL_MAX];
	struct refused *r = src->userdata;
	int passed = -1;
	ssize_t n = shim_recv_record(src->fd, buf, sizeof buf, &passed,
				     MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	if (n == -EAGAIN)
		return;
	if (passed >= 0)
		close(passed);
	if (n > 0) {
		char line[160];
		struct shim_hdr h;
		struct shim_reply reply = { .error = EACCES };
		struct iovec iov[3] = {
			{ .iov_base = &h, .iov_len = sizeof h },
			{ .iov_base = &reply, .iov_len = sizeof reply },
			{ .iov_base = line, .iov_len = 0 },
		};

		snprintf(line, sizeof line,
			 "sctpshimd (uid %d) serves only its own uid and root; "
			 "SCTPSHIM_ALLOW can allow others\n", (int)shimd.uid);
		iov[2].iov_len = strlen(line);
		shim_hdr_init(&h, SHIM_REPLY,
			      (uint32_t)(sizeof h + sizeof reply + iov[2].iov_len), 0);
		shim_send_record(src->fd, iov, 3, -1, MSG_DONTWAIT);
	}
	refused_close(r);
}

static void refuse(int fd)
{
	struct refused *r = n_refused < REFUSED_MAX ? calloc(1, sizeof *r) : NULL;

	if (!r) {
		close(fd);
		return;
	}
	loop_source_init(&r->src, fd, refused_event, r);
	if (loop_set_events(&shimd.loop, &r->src, EPOLLIN) < 0) {
		close(fd);
		free(r);
		return;
	}
	r->next = refused_list;
	refused_list = r;
	n_refused++;
}

void clients_accept(int listen_fd)
{
	for (;;) {
		int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		socklen_t len = sizeof(struct ucred);
		struct client *c;

		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_warn("accept: %s", strerror(errno));
			return;
		}
		c = calloc(1, sizeof *c);
		if (!c) {
			close(fd);
			continue;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c->cred, &len) < 0
		    || !access_client_allowed(fd, &c->cred)) {
			log_warn("refused a client of uid %d (pid %d): not our uid, "
				 "root or in SCTPSHIM_ALLOW",
				 (int)c->cred.uid, (int)c->cred.pid);
			refuse(fd);
			free(c);
			continue;
		}
		c->id = ++last_client_id;
		c->linger_timer.fd = -1;
		c->pidfd = access_pidfd(c->cred.pid);
		loop_source_init(&c->src, fd, client_event, c);
		if (loop_set_events(&shimd.loop, &c->src, EPOLLIN) < 0) {
			close(fd);
			if (c->pidfd >= 0)
				close(c->pidfd);
			free(c);
			continue;
		}
		c->next = clients;
		clients = c;
		n_clients++;
	}
}
