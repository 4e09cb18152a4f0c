/* SPDX-License-Identifier: MIT */
/*
 * sctp_peeloff(): one association of a one-to-many socket moves to a new
 * socket of its own, as Linux's sctp_do_peeloff does.
 *
 * usrsctp_peeloff moves the association with what usrsctp still holds
 * for it (data and notifications not read yet, messages not yet sent).
 * What the daemon already wrote to the parent's channel for it cannot
 * follow: those records stay on the parent, where the program reads them
 * as it would have before the peeloff.  Linux moves even those (its
 * receive queue is one), so a program that peels an association off
 * while data for it is already waiting on the parent sees that data on
 * the parent here.
 *
 * The new endpoint is a one-to-one endpoint in the connected state, so
 * the library and daemon treat it as an accepted socket; Linux's peeled
 * socket (style "UDP high bandwidth") behaves the same for sending,
 * receiving, names and options, but reports SO_TYPE SOCK_SEQPACKET.
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "daemon/log.h"

/* Socket-level options Linux's sctp_copy_sock copies that live on the
 * program's end of the socketpair here (the kernel applies them there). */
static const int end_options[] = {
	SO_RCVTIMEO, SO_SNDTIMEO, SO_LINGER, SO_KEEPALIVE, SO_REUSEADDR, SO_RCVBUF,
	SO_SNDBUF,
};

static void copy_end_option(int from, int to, int name)
{
	union {
		struct timeval tv;
		struct linger l;
		int i;
	} v;
	socklen_t len = sizeof v;

	memset(&v, 0, sizeof v);
	if (getsockopt(from, SOL_SOCKET, name, &v, &len) < 0)
		return;
	/* the kernel reports buffers doubled and doubles what it is given */
	if (name == SO_RCVBUF || name == SO_SNDBUF)
		v.i /= 2;
	if (setsockopt(to, SOL_SOCKET, name, &v, len) < 0)
		log_debug("peeloff: socket option %d not copied: %s", name, strerror(errno));
}

/* The new end gets the parent end's options; the daemon's idea of the
 * send buffer follows the new end (a message is refused beyond it). */
static void copy_end_options(struct endpoint *ep, int parent_fd, int program_fd)
{
	int sndbuf = 0, cur = 0;
	socklen_t len = sizeof sndbuf;

	for (size_t i = 0; i < sizeof end_options / sizeof *end_options; i++)
		copy_end_option(parent_fd, program_fd, end_options[i]);
	if (getsockopt(program_fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) < 0 || sndbuf <= 0)
		return;
	ep->sndbuf = (uint32_t)sndbuf;
	/* whole messages up to it must fit usrsctp's buffer (as configure) */
	len = sizeof cur;
	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, SO_SNDBUF, &cur, &len) < 0 || cur < sndbuf)
		usrsctp_setsockopt(ep->so, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
}

/* Linux peels off associations that are still being set up too; the
 * state decides whether COMM_UP is still to come. */
static bool established(struct socket *so)
{
	struct sctp_status st;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return true;  /* gone already: the first receive ends it */
	return st.sstat_state != SCTP_COOKIE_WAIT && st.sstat_state != SCTP_COOKIE_ECHOED;
}

int engine_peeloff(struct endpoint *parent, int parent_fd, uint32_t assoc_id, pid_t owner,
		   struct endpoint **out, int *program_fd)
{
	struct endpoint *ep;
	struct socket *so;
	int err;

	/* sctp_do_peeloff: EINVAL for a one-to-one (or peeled-off) socket
	 * and for an id that names no association of this socket */
	if (parent->style != SHIM_STYLE_ONE_TO_MANY || !parent->so)
		return -EINVAL;
	if (assoc_id <= SCTP_ALL_ASSOC)
		return -EINVAL;
	so = usrsctp_peeloff(parent->so, (sctp_assoc_t)assoc_id);
	if (!so) {
		err = errno;
		log_debug("endpoint %u: peeloff of association %u: %s", parent->id, assoc_id,
			  strerror(err));
		/* ENOENT: no such association; ENOTCONN: one not started yet */
		if (err == ENOENT || err == ENOTCONN || err == EOPNOTSUPP || err == EINVAL || !err)
			return -EINVAL;
		return -err;
	}
	err = endpoint_create(parent->family, SHIM_STYLE_ONE_TO_ONE, owner, so, &ep, program_fd);
	if (err < 0) {
		/* endpoint_create has ended the association, as Linux's
		 * sock_release of a new socket it could not install would */
		log_warn("endpoint %u: association %u peeled off and lost: %s", parent->id,
			 assoc_id, strerror(-err));
		return err;
	}
	ep->assoc_id = assoc_id;
	ep->state = established(so) ? EP_CONNECTED : EP_CONNECTING;
	engine_inherit(ep, parent);
	ep->reuseaddr = parent->reuseaddr;
	/* the association keeps its own subscriptions (sctp_sock_migrate) */
	if (endpoint_events_pinned(parent, assoc_id)) {
		if (endpoint_events_set(ep, assoc_id, endpoint_events_of(parent, assoc_id)) == 0)
			endpoint_events_forget(parent, assoc_id);
		engine_sync_events(ep);
	}
	copy_end_options(ep, parent_fd, *program_fd);
	/* A blocking connect on the parent waiting for this association now
	 * waits on the new socket, where its COMM_UP will come. */
	if (parent->waiting_client && parent->waiting_assoc == assoc_id) {
		ep->waiting_client = parent->waiting_client;
		ep->waiting_assoc = assoc_id;
		parent->waiting_client = 0;
		if (ep->state == EP_CONNECTED)
			endpoint_connect_resolved(ep, assoc_id, 0);
	}
	log_debug("endpoint %u: association %u peeled off as endpoint %u (%s)", parent->id,
		  assoc_id, ep->id, endpoint_state_name(ep));
	*out = ep;
	return 0;
}
