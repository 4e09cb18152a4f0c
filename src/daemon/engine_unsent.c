/* SPDX-License-Identifier: MIT */
/*
 * DATA that usrsctp holds with no timer left to send it.
 *
 * When sendmsg on usrsctp's UDP socket fails (EPERM from a host firewall,
 * ENOBUFS, EAGAIN on a full socket buffer, a route gone), usrsctp keeps
 * the packet's DATA chunks to go with the next output, and a
 * retransmission that fails so leaves no T3 timer running behind it.
 * Output then comes only with a SACK or a send by the program: when the
 * program is itself waiting (for a reply, for send space, or for the
 * SHUTDOWN that follows its last data), the association stalls until the
 * next heartbeat (hb_interval, 30 s), or the shutdown guard aborts it
 * after 5 x RTO.max.  Linux counts such a packet as sent and lost: its T3
 * timer runs and retransmits it.
 *
 * A SHUTDOWN sent when the last data is acknowledged was seen refused so,
 * too, the association left in SHUTDOWN-SENT with no T2 timer, until the
 * shutdown guard aborted it.
 *
 * The same stall follows when the association's primary path is marked
 * unreachable and the SACK that then acknowledges everything outstanding
 * is for retransmitted data: usrsctp revives a path only on the
 * acknowledgement of data sent once, sends no new data to an unreachable
 * path, and heartbeats it only after hb_interval.  Linux goes on sending
 * on its inactive path.
 *
 * So while there are sockets, a timer looks for that state after usrsctp's
 * count of failed sends or of retransmission or heartbeat timeouts moved,
 * or a path was reported unreachable (the counters also catch a path lost
 * whose notification is still on its way).  An association holding data,
 * waiting for its SHUTDOWN to be answered, or with its primary path down,
 * is looked at again one RTO later; found unchanged (the same bytes held,
 * the same chunks outstanding, the same RTO: a timeout that fired would
 * have doubled it or sent something), it gets an on-demand HEARTBEAT.
 * usrsctp's handler of that option runs its output, which sends what is
 * queued or marked for retransmission with the heartbeat, and the
 * HEARTBEAT-ACK makes the path reachable again.  It stays watched, so a
 * heartbeat that was lost is repeated one RTO later.  An on-demand
 * heartbeat leaves the heartbeat timer alone, so a peer that is gone still
 * fails the association in the usual time.
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/log.h"

/* an association is looked at again after its RTO, in these bounds */
#define RECHECK_MIN_MS UNSENT_TICK_MS
#define RECHECK_MAX_MS 5000

/* an association holding data, shutting down or with its path down, as
 * last seen */
struct watch {
	uint32_t ep_id, assoc_id;
	uint32_t queued, unacked, rto;
	uint64_t since;   /* monotonic ms: first seen so */
};

struct watch_list {
	struct watch *w;
	size_t n, cap;
	uint32_t recheck_ms;   /* the longest RTO among them */
	uint64_t now;          /* monotonic ms of the look that makes it */
};

/* usrsctp's counts of what can leave data unsent, at the last look */
struct causes {
	uint32_t send_errors, t3_timeouts, hb_timeouts;
};

static struct causes seen;
static bool path_lost;
static struct watch_list watched;   /* from the last look */
static uint64_t recheck_at;         /* monotonic ms; 0: none due */
static unsigned kicks;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bool sending_state(int32_t state)
{
	return state == SCTP_ESTABLISHED || state == SCTP_SHUTDOWN_PENDING
	       || state == SCTP_SHUTDOWN_RECEIVED || state == SCTP_SHUTDOWN_SENT
	       || state == SCTP_SHUTDOWN_ACK_SENT;
}

/* waiting for its SHUTDOWN or SHUTDOWN-ACK to be answered (T2) */
static bool shutting_down(int32_t state)
{
	return state == SCTP_SHUTDOWN_SENT || state == SCTP_SHUTDOWN_ACK_SENT;
}

static int by_ids(const void *pa, const void *pb)
{
	const struct watch *a = pa, *b = pb;

	if (a->ep_id != b->ep_id)
		return a->ep_id < b->ep_id ? -1 : 1;
	return a->assoc_id < b->assoc_id ? -1 : a->assoc_id > b->assoc_id;
}

/* watched is sorted by ids (engine_unsent_tick) */
static const struct watch *last_seen(uint32_t ep_id, uint32_t assoc_id)
{
	struct watch key = { .ep_id = ep_id, .assoc_id = assoc_id };

	return watched.n ? bsearch(&key, watched.w, watched.n, sizeof key, by_ids) : NULL;
}

static bool unchanged(const struct watch *a, const struct watch *b)
{
	return a->queued == b->queued && a->unacked == b->unacked && a->rto == b->rto;
}

static void heartbeat(struct socket *so, const struct sctp_status *st, uint32_t queued,
		      bool path_down)
{
	struct sctp_paddrparams pp;

	memset(&pp, 0, sizeof pp);
	pp.spp_assoc_id = st->sstat_assoc_id;
	memcpy(&pp.spp_address, &st->sstat_primary.spinfo_address, sizeof pp.spp_address);
	pp.spp_flags = SPP_HB_DEMAND;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp) < 0) {
		log_debug("association %u: %u bytes held: heartbeat refused: %s",
			  (unsigned)st->sstat_assoc_id, queued, strerror(errno));
		return;
	}
	kicks++;
	log_debug("association %u: %u bytes held, %u chunks out, no timer for an RTO, path %s: "
		  "heartbeat to send them", (unsigned)st->sstat_assoc_id, queued,
		  st->sstat_unackdata, path_down ? "unreachable" : "active");
}

static void add_watch(struct watch_list *l, const struct watch *w, uint32_t rto)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		struct watch *grown = realloc(l->w, cap * sizeof *grown);

		if (!grown)
			return;  /* looked at again after the next trigger only */
		l->w = grown;
		l->cap = cap;
	}
	l->w[l->n++] = *w;
	if (rto > l->recheck_ms)
		l->recheck_ms = rto;
}

/* One association of endpoint ep_id (id 0: the socket's only one). */
static void look_at(uint32_t ep_id, struct socket *so, sctp_assoc_t id, struct watch_list *next)
{
	struct sctp_status st;
	socklen_t l = sizeof st;
	struct watch w = { .ep_id = ep_id, .since = next->now };
	const struct watch *before;
	bool path_down;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = id;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	    || !sending_state(st.sstat_state))
		return;
	w.assoc_id = (uint32_t)st.sstat_assoc_id;
	w.queued = engine_assoc_queued(so, st.sstat_assoc_id);
	w.unacked = st.sstat_unackdata;
	w.rto = st.sstat_primary.spinfo_rto;
	path_down = st.sstat_primary.spinfo_state != SCTP_ACTIVE;
	if (!w.queued && !path_down && !shutting_down(st.sstat_state))
		return;
	before = last_seen(ep_id, w.assoc_id);
	if ((w.queued || shutting_down(st.sstat_state)) && before && unchanged(before, &w)) {
		if (next->now - before->since >= w.rto)
			heartbeat(so, &st, w.queued, path_down);
		else
			w.since = before->since;  /* not an RTO yet */
	}
	add_watch(next, &w, w.rto);
}

static void look_at_socket(uint32_t ep_id, struct socket *so, void *arg)
{
	uint32_t *ids, n;

	/* a one-to-one socket lists none (usrsctp: EINVAL); its association
	 * is the socket's, id 0 */
	if (engine_list_assocs(so, &ids, &n) < 0)
		return;
	for (uint32_t i = 0; i < (n ? n : 1); i++)
		look_at(ep_id, so, n ? (sctp_assoc_t)ids[i] : 0, arg);
	free(ids);
}

static void look_at_endpoint(struct endpoint *ep, void *arg)
{
	if (ep->so && !(ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_LISTENING))
		look_at_socket(ep->id, ep->so, arg);
}

/* the sockets of the watched associations, each once (sorted: a socket's
 * associations are together) */
static void look_at_watched(struct watch_list *next)
{
	for (size_t i = 0; i < watched.n; i++) {
		uint32_t id = watched.w[i].ep_id;
		struct endpoint *ep;
		struct socket *so;

		if (i && id == watched.w[i - 1].ep_id)
			continue;
		ep = endpoint_lookup(id);
		so = ep ? ep->so : engine_closing_socket(id);
		if (so)
			look_at_socket(id, so, next);
	}
}

void engine_unsent_path_lost(void)
{
	path_lost = true;
}

void engine_unsent_tick(void)
{
	struct sctpstat st;
	uint64_t now = now_ms();
	struct watch_list next = { .now = now };
	struct causes now_causes;
	bool triggered;

	memset(&st, 0, sizeof st);
	usrsctp_get_stat(&st);
	now_causes = (struct causes){ st.sctps_senderrors, st.sctps_timodata, st.sctps_timoheartbeat };
	triggered = memcmp(&now_causes, &seen, sizeof seen) || path_lost;
	if (!triggered && !(recheck_at && now >= recheck_at))
		return;
	seen = now_causes;
	path_lost = false;
	if (triggered) {
		endpoints_foreach(look_at_endpoint, &next);
		engine_closing_sockets(look_at_socket, &next);
	} else {
		look_at_watched(&next);
	}
	if (next.n)
		qsort(next.w, next.n, sizeof *next.w, by_ids);
	free(watched.w);
	watched = next;
	if (!next.n)
		recheck_at = 0;
	else
		recheck_at = now + (next.recheck_ms < RECHECK_MIN_MS ? RECHECK_MIN_MS
				    : next.recheck_ms > RECHECK_MAX_MS ? RECHECK_MAX_MS
				    : next.recheck_ms);
}

void engine_unsent_deinit(void)
{
	free(watched.w);
	memset(&watched, 0, sizeof watched);
}

unsigned engine_unsent_kicks(void)
{
	return kicks;
}
