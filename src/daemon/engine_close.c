/* SPDX-License-Identifier: MIT */
/*
 * Closing usrsctp sockets without racing usrsctp's own threads.
 *
 * usrsctp_close() drops the socket's last reference and then, unlocked,
 * tears the endpoint down.  Meanwhile usrsctp's input and timer threads,
 * whenever they handle something for one of the socket's associations,
 * take a reference of their own (to call the upcall) and drop it after;
 * if they take it in that window, from zero, both threads free the socket
 * (Debian's usrsctp 0.9.5: a double free in sofree(), seen under ASan, and
 * crashes in the daemon under stress).  Those threads only touch a socket
 * through its associations, so a socket without any is safe to close.
 *
 * Hence the daemon never closes a socket that still has associations: it
 * ends them (SHUTDOWN after the queued data, or ABORT), keeps the socket
 * here, and closes it once usrsctp reports none left, which is also what
 * Linux does with a closed socket whose association still shuts down.
 * The upcall keeps its argument (the endpoint's id, never reused), so the
 * wake-ups of these sockets come here (engine_closing_service).
 *
 * That wake-up is not enough on its own: usrsctp queues the last
 * notification (and calls the upcall) before it frees the association, so
 * the daemon can look too early and then hear nothing more.  The socket
 * kept its port for good (a long-lived daemon serving many test runs).
 * The main loop therefore looks again every little while as long as any
 * are here (engine_closing_recheck), and a socket whose shutdown has gone
 * on for CLOSING_ABORT_S is aborted: a peer that keeps its window shut
 * would otherwise hold the port as long as the daemon lives.
 *
 * Once a socket has no association left, one more thing can keep it:
 * usrsctp may still count references to it.  Those of a thread at work
 * go within moments; a stray one (engine_refs.c) never does.  A socket
 * with more than the daemon's own waits here "releasing" until the count
 * has held still for STRAY_QUIET_MS with no association, and the stray
 * ones are then dropped with it.  Until usrsctp_close() the daemon's own
 * reference keeps the socket alive, so reading the count is safe.
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/client.h"
#include "daemon/log.h"
#include "wire/wire.h"

struct closing {
	uint32_t id;
	bool one_to_many;
	bool accepting;         /* a one-to-one listener: new setups may still arrive */
	bool aborted;           /* ended abortively, or gave up on shutting down */
	bool releasing;         /* no association left; usrsctp counts refs more */
	int refs;               /* that count, when it last changed */
	uint16_t port;          /* the port it was bound to, 0 if unknown */
	time_t since;           /* monotonic seconds, when it was closed */
	long quiet_since;       /* monotonic ms, since refs held still */
	struct socket *so;
};

/* Linux's T5 shutdown guard at its defaults (5 * rto_max). */
enum { CLOSING_ABORT_S = 300 };
/* Far longer than a thread takes over one packet or timer, and shorter
 * than a bind waits for a port held here (engine.c, BIND_WAIT_STEPS). */
enum { STRAY_QUIET_MS = 250 };

/* Sorted by id, so a wake-up finds its socket by binary search. */
static struct closing *closing;
static size_t n_closing, cap_closing;

static bool has_associations(struct socket *so, bool one_to_many)
{
	if (one_to_many) {
		uint32_t n = 0;
		socklen_t len = sizeof n;

		return usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &n, &len) == 0
		       && n > 0;
	} else {
		/* SCTP_GET_ASSOC_NUMBER is for one-to-many sockets only;
		 * SCTP_STATUS fails once a one-to-one socket has none. */
		struct sctp_status st;
		socklen_t len = sizeof st;

		memset(&st, 0, sizeof st);
		return usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == 0;
	}
}

/* Take what usrsctp holds for a socket nobody reads any more. */
static bool discard_input(struct socket *so)
{
	static uint8_t scratch[SHIM_DATA_CHUNK];
	bool data = false;

	for (int i = 0; i < 100000; i++) {
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from, info_len = 0;
		unsigned infotype = 0;
		int flags = 0;
		ssize_t n = usrsctp_recvv(so, scratch, sizeof scratch, (struct sockaddr *)&from,
					  &from_len, NULL, &info_len, &infotype, &flags);

		if (n <= 0)
			break;
		if (!(flags & MSG_NOTIFICATION))
			data = true;
	}
	return data;
}

static void send_flag(struct socket *so, sctp_assoc_t id, uint16_t flag)
{
	static const char empty[1];
	struct sctp_sndinfo snd;

	memset(&snd, 0, sizeof snd);
	snd.snd_flags = flag;
	snd.snd_assoc_id = id;
	usrsctp_sendv(so, empty, 0, NULL, 0, &snd, sizeof snd, SCTP_SENDV_SNDINFO, 0);
}

/*
 * An association still being set up (COOKIE-WAIT, COOKIE-ECHOED) when its
 * socket is closed: Linux deletes it at once (sctp_sf_cookie_wait_prm_shutdown,
 * ..._prm_abort).  usrsctp refuses SCTP_ABORT there (EINVAL), takes SHUTDOWN
 * as "pending", and goes on retrying INIT for minutes; usrsctp_close() would
 * free it, but that is the racy close this file exists to avoid.  So its
 * retransmission timeout is cut to the least: the timer already running
 * fires once more (at most the initial RTO, 3 s by default), the remaining
 * attempts take milliseconds, and the association fails, which closes the
 * socket here as for any other.
 */
enum { HURRY_RTO_MS = 10 };

static void hurry_setup(struct socket *so, sctp_assoc_t id)
{
	struct sctp_status st;
	struct sctp_rtoinfo rto;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = id;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return;
	if (!(st.sstat_state & (SCTP_COOKIE_WAIT | SCTP_COOKIE_ECHOED)))
		return;
	memset(&rto, 0, sizeof rto);
	rto.srto_assoc_id = id;
	rto.srto_initial = rto.srto_max = rto.srto_min = HURRY_RTO_MS;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof rto) == 0)
		log_debug("association %u closed while being set up: its INIT attempts run out now",
			  (unsigned)id);
}

void engine_cancel_setup(struct endpoint *ep)
{
	struct sctp_status st;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == 0
	    && !(st.sstat_state & (SCTP_COOKIE_WAIT | SCTP_COOKIE_ECHOED)))
		send_flag(ep->so, 0, SCTP_ABORT);  /* it came up meanwhile */
	else
		hurry_setup(ep->so, 0);
}

static bool set_up_by_send(const struct send_setups *sent, uint32_t assoc_id)
{
	for (unsigned i = 0; sent && i < EP_SEND_SETUPS; i++)
		if (sent->ids[i] && sent->ids[i] == assoc_id)
			return true;
	return false;
}

/*
 * SHUTDOWN (after what is queued) or ABORT every association.  One still
 * being set up is deleted at once, as Linux does, unless a send set it up:
 * Linux's sendmsg would have waited for it (sctp_wait_for_connect), so the
 * program closes it established and its data goes out first.  Here it
 * finishes its set-up, delivers, then shuts down (usrsctp keeps SHUTDOWN
 * pending until then); a peer that never answers fails it after the INIT
 * attempts, as the sendmsg would have.
 */
static void end_associations(struct socket *so, bool one_to_many, bool listening, bool abortive,
			     const struct send_setups *sent, uint32_t one_to_one_id)
{
	uint32_t n, *ids;

	/* (SCTP_STATUS tells the setup states only before a shutdown is
	 * pending: it then says SHUTDOWN_PENDING) */
	if (!one_to_many) {
		if (abortive || !set_up_by_send(sent, one_to_one_id))
			hurry_setup(so, 0);
		if (abortive)
			send_flag(so, 0, SCTP_ABORT);
		else
			usrsctp_shutdown(so, SHUT_WR);
		return;
	}
	/* no new associations from now on */
	if (listening)
		usrsctp_listen(so, 0);
	if (engine_list_assocs(so, &ids, &n) < 0)
		return;
	for (uint32_t i = 0; i < n; i++) {
		if (abortive || !set_up_by_send(sent, ids[i]))
			hurry_setup(so, (sctp_assoc_t)ids[i]);
		send_flag(so, (sctp_assoc_t)ids[i], abortive ? SCTP_ABORT : SCTP_EOF);
	}
	free(ids);
}

static size_t find_slot(uint32_t id)
{
	size_t lo = 0, hi = n_closing;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (closing[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static time_t monotonic_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

static long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

static bool keep(uint32_t id, struct socket *so, bool one_to_many, bool accepting,
		 uint16_t port, bool aborted)
{
	size_t i = find_slot(id);

	if (n_closing == cap_closing) {
		size_t cap = cap_closing ? cap_closing * 2 : 16;
		struct closing *c = realloc(closing, cap * sizeof *c);

		if (!c)
			return false;
		closing = c;
		cap_closing = cap;
	}
	memmove(&closing[i + 1], &closing[i], (n_closing - i) * sizeof *closing);
	closing[i] = (struct closing){ .id = id, .one_to_many = one_to_many,
				       .accepting = accepting, .aborted = aborted, .port = port,
				       .since = monotonic_seconds(), .so = so };
	n_closing++;
	return true;
}

/*
 * With the upcall set to NULL before the close, usrsctp's receive thread
 * was seen jumping to address 0 ("SCTP/UDP/IP4 rc ... segfault at 0 ip 0"
 * in the kernel log; the daemon gone in procs_crash_cycles now and then):
 * a packet for the socket being closed still calls its upcall.  So the
 * upcall becomes one that does nothing, never NULL.
 */
static void ignore_upcall(struct socket *so, void *arg, int flags)
{
}

static void close_socket(struct socket *so, int refs)
{
	usrsctp_set_upcall(so, ignore_upcall, NULL);
	while (refs-- > 0)
		usrsctp_close(so);
}

/*
 * With no association left: how many references to drop, or 0 to wait.
 * A listener may get new setups any moment (their threads reference it
 * too), so its count is never taken as stray.
 */
static int refs_to_drop(struct closing *c)
{
	int refs = c->accepting ? 1 : engine_socket_refs(c->so);
	long now = monotonic_ms();

	if (refs <= 1)
		return 1;
	if (!c->releasing || refs != c->refs) {
		c->releasing = true;
		c->refs = refs;
		c->quiet_since = now;
		return 0;
	}
	if (now - c->quiet_since < STRAY_QUIET_MS)
		return 0;
	log_debug("endpoint %u: usrsctp still counts %d references to the socket, "
		  "%d of them stray: dropped", c->id, refs, refs - 1);
	return refs;
}

/* Close the one at index i if it is done with; true if it was.  notify:
 * tell a lingering close() (not while the endpoint itself is closing). */
static bool try_close(size_t i, bool notify)
{
	struct closing *c = &closing[i];
	uint32_t id = c->id;
	int refs;

	discard_input(c->so);
	if (has_associations(c->so, c->one_to_many))
		return false;
	refs = refs_to_drop(c);
	if (!refs) {
		if (notify)
			clients_linger_check(id);  /* its associations are gone */
		return false;
	}
	log_debug("endpoint %u: last association gone, socket closed", id);
	close_socket(c->so, refs);
	memmove(&closing[i], &closing[i + 1], (n_closing - i - 1) * sizeof *closing);
	n_closing--;
	if (notify)
		clients_linger_check(id);  /* a lingering close() returns now */
	return true;
}

/* Hand a socket over: ended and closed here, now or later.  id is the
 * upcall's argument (0 for a socket that has no upcall).  An association
 * that goes from now on marks id: engine_closing_service takes it. */
static void close_later(uint32_t id, struct socket *so, bool one_to_many, bool listening,
			bool abortive, uint16_t port, const struct endpoint *ep)
{
	end_associations(so, one_to_many, listening, abortive, ep ? &ep->send_setups : NULL,
			 ep ? ep->assoc_id : 0);
	if (id && keep(id, so, one_to_many, listening && !one_to_many, port, abortive)) {
		if (!try_close(find_slot(id), false))
			log_debug("endpoint %u: closed; usrsctp keeps it until its associations %s",
				  id, abortive ? "abort" : "shut down");
		return;
	}
	if (has_associations(so, one_to_many))
		log_warn("endpoint %u: closed with an association still there%s", id,
			 id ? " (out of memory)" : "");
	close_socket(so, 1);
}

void engine_socket_discard(struct socket *so)
{
	close_later(0, so, false, false, true, 0, NULL);
}

void engine_socket_close(struct endpoint *ep, bool abortive)
{
	bool one_to_many = ep->style == SHIM_STYLE_ONE_TO_MANY;

	if (!ep->so)
		return;
	if (log_debug_enabled()) {
		struct sctp_status st;
		socklen_t l = sizeof st;

		memset(&st, 0, sizeof st);
		st.sstat_assoc_id = ep->assoc_id;
		usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l);
		log_debug("endpoint %u (%s, %s): closing, state 0x%x, %u unacked, %u pending",
			  ep->id, one_to_many ? "one-to-many" : "one-to-one",
			  endpoint_state_name(ep), (unsigned)st.sstat_state, st.sstat_unackdata,
			  st.sstat_penddata);
	}
	/* usrsctp aborts instead of shutting down when anything is left
	 * unread, notifications included, and we subscribe to all of them.
	 * Linux aborts only for unread data. */
	if (!(!one_to_many && ep->state == EP_LISTENING) && discard_input(ep->so)) {
		log_debug("endpoint %u: closed with data unread: abort, as Linux", ep->id);
		abortive = true;
	}
	close_later(ep->id, ep->so, one_to_many, ep->state == EP_LISTENING, abortive,
		    ep->bound ? ep->bound_addr.port : 0, ep);
	ep->so = NULL;
}

void engine_closing_service(uint32_t id)
{
	size_t i = find_slot(id);

	if (i < n_closing && closing[i].id == id)
		try_close(i, true);
}

void engine_closing_service_all(void)
{
	for (size_t i = n_closing; i-- > 0;)
		try_close(i, true);
}

void engine_closing_recheck(void)
{
	time_t now = monotonic_seconds();

	for (size_t i = n_closing; i-- > 0;) {
		struct closing *c = &closing[i];

		if (try_close(i, true) || c->releasing || c->aborted || now - c->since < CLOSING_ABORT_S)
			continue;
		log_warn("endpoint %u: its associations did not finish shutting down in %d s: aborted",
			 c->id, CLOSING_ABORT_S);
		c->aborted = true;
		end_associations(c->so, c->one_to_many, false, true, NULL, 0);
		try_close(i, true);
	}
}

void engine_closing_foreach(void (*fn)(const struct engine_closing_info *, void *), void *arg)
{
	time_t now = monotonic_seconds();

	for (size_t i = 0; i < n_closing; i++) {
		const struct closing *c = &closing[i];
		struct engine_closing_info info = {
			.id = c->id, .one_to_many = c->one_to_many, .aborted = c->aborted,
			.releasing = c->releasing,
			.port = c->port, .seconds = (unsigned)(now - c->since),
		};

		if (c->one_to_many) {
			socklen_t len = sizeof info.associations;

			usrsctp_getsockopt(c->so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER,
					   &info.associations, &len);
		} else {
			info.associations = has_associations(c->so, false);
		}
		fn(&info, arg);
	}
}

void engine_closing_sockets(void (*fn)(uint32_t id, struct socket *so, void *arg), void *arg)
{
	for (size_t i = 0; i < n_closing; i++)
		if (!closing[i].releasing)
			fn(closing[i].id, closing[i].so, arg);
}

struct socket *engine_closing_socket(uint32_t id)
{
	size_t i = find_slot(id);

	return i < n_closing && closing[i].id == id && !closing[i].releasing ? closing[i].so : NULL;
}

size_t engine_closing_count(void)
{
	return n_closing;
}

bool engine_closing_holds(uint32_t id)
{
	size_t i = find_slot(id);

	/* a releasing one has no association left: a lingering close is over */
	return i < n_closing && closing[i].id == id && !closing[i].releasing;
}

bool engine_closing_holds_port(uint16_t port)
{
	for (size_t i = 0; port && i < n_closing; i++)
		if (closing[i].port == port)
			return true;
	return false;
}

void engine_closing_abort_all(void)
{
	for (size_t i = 0; i < n_closing; i++)
		end_associations(closing[i].so, closing[i].one_to_many, false, true, NULL, 0);
	engine_closing_service_all();
	/* usrsctp could not free an association at once (another of its
	 * threads held it): the racy close is all that is left. */
	while (n_closing) {
		struct closing *c = &closing[--n_closing];

		if (!c->releasing)
			log_warn("endpoint %u: closed with an association still there", c->id);
		close_socket(c->so, 1);
	}
	free(closing);
	closing = NULL;
	cap_closing = 0;
}
