/* SPDX-License-Identifier: MIT */
/*
 * connect() again on a one-to-one socket whose connect failed.
 *
 * Linux allows it: the failed association is gone, the socket is CLOSED
 * but keeps its port and options, and __sctp_connect() starts a new
 * association.  usrsctp refuses any second connect on a one-to-one
 * socket (EINVAL).  So the endpoint gets a new usrsctp socket: the old
 * one, whose association is dead, is discarded; the new one is set up
 * from what the endpoint keeps (configure), then the program's bind and
 * setsockopt requests are replayed in their order, as recorded here, and
 * a port the failed connect chose is bound again.  A record that grew
 * past RENEW_MAX leaves the endpoint as before: EINVAL.
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "daemon/log.h"

enum { RENEW_MAX = 64 * 1024 };

struct renew_entry {
	struct renew_entry *next;
	uint16_t type;   /* SHIM_REQ_BIND or SHIM_REQ_SETOPT */
	size_t len;
	uint8_t body[];
};

struct renew_log {
	struct renew_entry *head, **tail;
	size_t bytes;
	bool overflow;
};

void engine_renew_note(struct endpoint *ep, uint16_t type, const void *body, size_t len)
{
	struct renew_log *log = ep->renew;
	struct renew_entry *e;

	/* only a socket that may still connect (never listening, never
	 * connected) can need it: accepted sockets keep nothing */
	if (ep->style != SHIM_STYLE_ONE_TO_ONE || (type != SHIM_REQ_BIND && type != SHIM_REQ_SETOPT)
	    || (ep->state != EP_IDLE && ep->state != EP_CONNECTING))
		return;
	if (!log) {
		log = calloc(1, sizeof *log);
		if (!log)
			return;  /* nothing recorded: a renewal is refused (overflow) */
		log->tail = &log->head;
		ep->renew = log;
	}
	if (log->overflow)
		return;
	if (log->bytes + len > RENEW_MAX || !(e = malloc(sizeof *e + len))) {
		log->overflow = true;
		return;
	}
	e->next = NULL;
	e->type = type;
	e->len = len;
	memcpy(e->body, body, len);
	*log->tail = e;
	log->tail = &e->next;
	log->bytes += len;
}

void engine_renew_free(struct endpoint *ep)
{
	struct renew_log *log = ep->renew;

	if (!log)
		return;
	while (log->head) {
		struct renew_entry *e = log->head;

		log->head = e->next;
		free(e);
	}
	free(log);
	ep->renew = NULL;
}

/* The port usrsctp chose (or was given) for so, 0 if none. */
static uint16_t local_port(struct socket *so)
{
	struct sockaddr *addrs = NULL;
	uint16_t port = 0;
	int n = usrsctp_getladdrs(so, 0, &addrs);

	if (n > 0 && addrs) {
		if (addrs->sa_family == AF_INET)
			port = ntohs(((struct sockaddr_in *)addrs)->sin_port);
		else if (addrs->sa_family == AF_INET6)
			port = ntohs(((struct sockaddr_in6 *)addrs)->sin6_port);
	}
	if (addrs)
		usrsctp_freeladdrs(addrs);
	return port;
}

static void replay(struct endpoint *ep, bool *bound_by_program)
{
	for (struct renew_entry *e = ep->renew ? ep->renew->head : NULL; e; e = e->next) {
		int err;

		if (e->type == SHIM_REQ_BIND) {
			const struct shim_addrs_req *a = (const void *)e->body;

			/* authorised when it was made */
			err = engine_bind(ep, a->flags, a->addrs, a->count, true);
			*bound_by_program = true;
		} else {
			const struct shim_opt_req *o = (const void *)e->body;

			err = engine_setopt(ep, o, e->body + sizeof *o);
		}
		if (err < 0)
			log_debug("endpoint %u: renewing its socket: a %s again: %s", ep->id,
				  e->type == SHIM_REQ_BIND ? "bind" : "setsockopt", strerror(-err));
	}
}

int engine_renew_socket(struct endpoint *ep)
{
	struct socket *old = ep->so;
	bool bound_by_program = false;
	uint16_t port;
	int err;

	if (!ep->connect_failed)
		return 0;
	if (ep->renew && ep->renew->overflow)
		return -EINVAL;  /* usrsctp's answer, as before */
	port = local_port(old);
	ep->so = NULL;
	err = engine_socket_open(ep, NULL);
	if (err < 0) {
		ep->so = old;
		return err;
	}
	engine_socket_discard(old);
	ep->connect_failed = false;
	ep->setup_cancelled = false;
	ep->bound = false;
	ep->bound_wildcard = false;
	replay(ep, &bound_by_program);
	if (!bound_by_program && port) {
		/* the port the failed connect chose stays the socket's */
		struct shim_addr any = { .family = ep->family, .port = port };

		err = engine_bind(ep, SHIM_BIND_ADD, &any, 1, true);
		if (err < 0)
			log_debug("endpoint %u: renewing its socket: port %u: %s", ep->id,
				  (unsigned)port, strerror(-err));
	}
	log_debug("endpoint %u: a new usrsctp socket for a connect after a failed one", ep->id);
	return 0;
}
