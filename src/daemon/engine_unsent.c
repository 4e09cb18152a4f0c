/* SPDX-License-Identifier: MIT */
/*
 * DATA that usrsctp holds unsent with nothing left to send it.
 *
 * When sendmsg on usrsctp's UDP socket fails (EPERM from a host firewall,
 * ENOBUFS, EAGAIN on a full socket buffer, a route gone), usrsctp leaves
 * the packet's DATA chunks on its send queue, TSNs assigned, for the next
 * output.  Output comes with a SACK, a retransmission timeout or a send
 * by the program.  With nothing of the association in flight there is no
 * SACK to wait for and no T3 timer, so when the program is itself waiting
 * (for a reply, for send space, or for the SHUTDOWN that follows its last
 * data) the association stalls until the next heartbeat (hb_interval,
 * 30 s), or the shutdown guard aborts it after 5 x RTO.max.  Linux counts
 * such a packet as sent and lost: its T3 timer runs and retransmits it.
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
 * whose notification is still on its way).  An
 * association with bytes queued and none outstanding gets an on-demand
 * HEARTBEAT: usrsctp's handler of that option runs its output, which
 * sends the queue with the heartbeat, and the HEARTBEAT-ACK makes the path
 * reachable again.  Sockets with such an association, or with one whose
 * primary path is down, are looked at again one RTO later, so a kick whose
 * own packet was lost is repeated.  An on-demand heartbeat leaves the
 * heartbeat timer alone, so a peer that is gone still fails the
 * association in the usual time.
 */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/log.h"

/* a socket is looked at again after its RTO, in these bounds */
#define RECHECK_MIN_MS UNSENT_TICK_MS
#define RECHECK_MAX_MS 5000

struct sweep {
	uint32_t recheck_ms;   /* the longest RTO of those to look at again */
	uint32_t *ids;         /* the sockets (endpoint ids) to look at again */
	size_t n, cap;
};

/* usrsctp's counts of what can leave data unsent, at the last look */
struct causes {
	uint32_t send_errors, t3_timeouts, hb_timeouts;
};

static struct causes seen;
static bool path_lost;
static struct sweep watched;   /* from the last sweep */
static uint64_t recheck_at;    /* monotonic ms; 0: none due */
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
	       || state == SCTP_SHUTDOWN_RECEIVED;
}

/* Bytes queued and nothing outstanding: a heartbeat, to send them.
 * Returns whether to look at the association again, with its RTO. */
static bool look_at(struct socket *so, sctp_assoc_t id, uint32_t *rto)
{
	struct sctp_status st;
	struct sctp_paddrparams pp;
	socklen_t l = sizeof st;
	uint32_t queued;
	bool path_down;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = id;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0
	    || !sending_state(st.sstat_state))
		return false;
	*rto = st.sstat_primary.spinfo_rto;
	path_down = st.sstat_primary.spinfo_state != SCTP_ACTIVE;
	if (st.sstat_unackdata || !(queued = engine_assoc_queued(so, id)))
		return path_down;  /* it may stall once what is out is acknowledged */
	memset(&pp, 0, sizeof pp);
	pp.spp_assoc_id = id;
	memcpy(&pp.spp_address, &st.sstat_primary.spinfo_address, sizeof pp.spp_address);
	pp.spp_flags = SPP_HB_DEMAND;
	if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp) < 0) {
		log_debug("association %u: %u bytes queued, none in flight: heartbeat refused: %s",
			  (unsigned)st.sstat_assoc_id, queued, strerror(errno));
		return path_down;
	}
	kicks++;
	log_debug("association %u: %u bytes queued, none in flight, path %s: heartbeat to send them",
		  (unsigned)st.sstat_assoc_id, queued, path_down ? "unreachable" : "active");
	return true;
}

static void sweep_socket(uint32_t ep_id, struct socket *so, void *arg)
{
	struct sweep *sw = arg;
	uint32_t *ids, n, rto = 0;
	bool again = false;

	/* a one-to-one socket lists none (usrsctp: EINVAL); its association
	 * is the socket's, id 0 */
	if (engine_list_assocs(so, &ids, &n) < 0)
		return;
	for (uint32_t i = 0; i < (n ? n : 1); i++)
		if (look_at(so, n ? (sctp_assoc_t)ids[i] : 0, &rto)) {
			again = true;
			if (rto > sw->recheck_ms)
				sw->recheck_ms = rto;
		}
	free(ids);
	if (!again)
		return;
	if (sw->n == sw->cap) {
		size_t cap = sw->cap ? 2 * sw->cap : 8;
		uint32_t *grown = realloc(sw->ids, cap * sizeof *grown);

		if (!grown)
			return;  /* looked at again after the next trigger only */
		sw->ids = grown;
		sw->cap = cap;
	}
	sw->ids[sw->n++] = ep_id;
}

static void sweep_endpoint(struct endpoint *ep, void *arg)
{
	if (ep->so && !(ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_LISTENING))
		sweep_socket(ep->id, ep->so, arg);
}

static void sweep_watched(struct sweep *sw)
{
	for (size_t i = 0; i < watched.n; i++) {
		struct endpoint *ep = endpoint_lookup(watched.ids[i]);
		struct socket *so = ep ? ep->so : engine_closing_socket(watched.ids[i]);

		if (so)
			sweep_socket(watched.ids[i], so, sw);
	}
}

void engine_unsent_path_lost(void)
{
	path_lost = true;
}

void engine_unsent_tick(void)
{
	struct sctpstat st;
	struct sweep sw = { 0 };
	struct causes now_causes;
	uint64_t now = now_ms();
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
		endpoints_foreach(sweep_endpoint, &sw);
		engine_closing_sockets(sweep_socket, &sw);
	} else {
		sweep_watched(&sw);
	}
	free(watched.ids);
	watched = sw;
	if (!sw.n)
		recheck_at = 0;
	else
		recheck_at = now + (sw.recheck_ms < RECHECK_MIN_MS ? RECHECK_MIN_MS
				    : sw.recheck_ms > RECHECK_MAX_MS ? RECHECK_MAX_MS : sw.recheck_ms);
}

void engine_unsent_deinit(void)
{
	free(watched.ids);
	memset(&watched, 0, sizeof watched);
}

unsigned engine_unsent_kicks(void)
{
	return kicks;
}
