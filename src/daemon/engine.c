/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/daemon.h"
#include "daemon/engine_linux.h"
#include "daemon/log.h"
#include "daemon/ready.h"
#include "wire/wire.h"

static uint16_t encap_port;
static bool (*native_peer)(const struct sockaddr *peer);

static void debug_printf(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n)
		log_msg(LOG_LVL_DEBUG, "usrsctp: %s", line);
}

/*
 * Known usrsctp 0.9.5 (Debian) problems, found by stress (programs killed
 * with SIGKILL mid-transfer, peers closing with unread data), and what the
 * daemon does about them:
 *  - usrsctp_close() races usrsctp's own threads, which can free the
 *    socket too (a double free): sockets are closed only once their
 *    associations are gone (engine_close.c).
 *  - Reporting queued data of an aborted association as SEND_FAILED
 *    corrupts the heap under load: usrsctp is asked for those
 *    notifications only while the program wants them (engine_sync_events).
 *  - A closed socket whose data the peer never reads keeps its
 *    association in SHUTDOWN-PENDING (still counted as established) until
 *    usrsctp's shutdown guard gives up, as Linux keeps it until T5 expires.
 */
int engine_init(uint16_t udp_port, uint16_t peer_encap_port, bool debug)
{
	encap_port = peer_encap_port;
	usrsctp_init(udp_port, NULL, debug ? debug_printf : NULL);
	engine_linux_protocol();
#ifdef SCTP_DEBUG
	if (debug)
		usrsctp_sysctl_set_sctp_debug_on(SCTP_DEBUG_ALL);
#endif
	return 0;
}

void engine_set_native(bool (*native_for)(const struct sockaddr *peer))
{
	native_peer = native_for;
}

uint16_t engine_encap_port_for(const struct sockaddr *peer)
{
	return native_peer && native_peer(peer) ? 0 : htons(encap_port);
}

/* The socket's remote UDP port (network order, 0: native), which new
 * associations start with; ep->path.encap_socket follows usrsctp's. */
static void set_socket_encap(struct endpoint *ep, uint16_t port)
{
	struct sctp_udpencaps encaps;

	memset(&encaps, 0, sizeof encaps);
	encaps.sue_assoc_id = SCTP_FUTURE_ASSOC;
	encaps.sue_address.ss_family = ep->family;
	encaps.sue_port = port;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT,
			       &encaps, sizeof encaps) < 0) {
		log_warn("endpoint %u: UDP encapsulation port not set: %s", ep->id,
			 strerror(errno));
		return;
	}
	ep->path.encap_socket = port;
}

/*
 * usrsctp gives a new association the socket's remote UDP port (0:
 * native), whether it starts with connect or with a message to a new
 * peer: set it for this peer just before, unless the program chose one
 * with SCTP_REMOTE_UDP_ENCAPS_PORT.  Only on a socket without an
 * association of its own (one-to-many, or one-to-one still idle), where
 * the socket's port reaches no live association.
 */
static void encap_for_peer(struct endpoint *ep, const struct sockaddr *peer)
{
	uint16_t port = engine_encap_port_for(peer);

	if (!ep->path.encap_chosen && port != ep->path.encap_socket)
		set_socket_encap(ep, port);
}

int engine_finish(void)
{
	struct timespec pause = { .tv_nsec = 100 * 1000 * 1000 };

	/* Closed sockets still finish their SHUTDOWN; give them a moment,
	 * but not long: the listening socket is already closed and a new
	 * daemon may be waiting for our UDP port (it retries for 3 s).  The
	 * loop has stopped, so nothing wakes us: look every 100 ms. */
	for (int i = 0; i < 10 && engine_closing_count(); i++) {
		nanosleep(&pause, NULL);
		engine_closing_service_all();
	}
	engine_closing_abort_all();
	for (int i = 0; i < 15; i++) {
		if (usrsctp_finish() == 0) {
			if (i)
				log_debug("usrsctp finished after %d ms", i * 100);
			return 0;
		}
		nanosleep(&pause, NULL);
	}
	return -EBUSY;
}

void engine_counters(struct engine_counters *out)
{
	struct sctpstat st;

	memset(&st, 0, sizeof st);
	usrsctp_get_stat(&st);
	out->current = st.sctps_currestab;
	out->active = st.sctps_activeestab;
	out->passive = st.sctps_passiveestab;
	out->aborted = st.sctps_aborted;
	out->shutdowns = st.sctps_shutdown;
	out->packets_in = st.sctps_inpackets;
	out->packets_out = st.sctps_sendpackets;
	out->data_in = st.sctps_recvdata;
	out->data_out = st.sctps_senddata;
	out->dup_data_in = st.sctps_recvdupdata;
	out->retransmitted = st.sctps_sendretransdata;
	out->fast_retransmitted = st.sctps_sendfastretrans;
	out->t3_expired = st.sctps_timodata;
	out->window_probes = st.sctps_windowprobed;
	out->dropped_rwnd = st.sctps_datadroprwnd;
	out->out_of_the_blue = st.sctps_outoftheblue;
	out->checksum_errors = st.sctps_checksumerrors;
	out->send_errors = st.sctps_senderrors;
	out->unsent_kicks = engine_unsent_kicks();
}

int engine_list_assocs(struct socket *so, uint32_t **ids, uint32_t *n)
{
	struct sctp_assoc_ids *list;
	uint32_t count = 0;
	socklen_t l = sizeof count;

	*ids = NULL;
	*n = 0;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &count, &l) < 0
	    || !count)
		return 0;
	/* room for associations that come up meanwhile: usrsctp is threaded */
	l = (socklen_t)(sizeof *list + ((size_t)count + 16) * sizeof(sctp_assoc_t));
	if (!(list = calloc(1, l)))
		return -ENOMEM;
	if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, list, &l) < 0
	    || !list->gaids_number_of_ids) {
		free(list);
		return 0;
	}
	*n = list->gaids_number_of_ids;
	*ids = (uint32_t *)list;  /* reuse the block: ids move to its start */
	memmove(*ids, list->gaids_assoc_id, (size_t)*n * sizeof(uint32_t));
	return 0;
}

/* usrsctp has SCTP_GET_SNDBUF_USE (FreeBSD's sctp.h) without declaring it
 * in usrsctp.h. */
#define USRSCTP_GET_SNDBUF_USE 0x00001101
struct usrsctp_sockstat {
	sctp_assoc_t ss_assoc_id;
	uint32_t ss_total_sndbuf;
	uint32_t ss_total_recv_buf;
};

uint32_t engine_assoc_queued(struct socket *so, sctp_assoc_t id)
{
	struct usrsctp_sockstat use = { .ss_assoc_id = id };
	socklen_t l = sizeof use;

	if (usrsctp_getsockopt(so, IPPROTO_SCTP, USRSCTP_GET_SNDBUF_USE, &use, &l) < 0)
		return 0;
	return use.ss_total_sndbuf;
}

size_t engine_sockaddr_size(const struct sockaddr *sa)
{
	switch (sa->sa_family) {
	case AF_INET:  return sizeof(struct sockaddr_in);
	case AF_INET6: return sizeof(struct sockaddr_in6);
	case AF_CONN:  return sizeof(struct sockaddr_conn);
	default:       return 0;
	}
}

/* Runs on usrsctp's threads with its locks held: only note the id. */
static void upcall(struct socket *so, void *arg, int flags)
{
	ready_mark((uint32_t)(uintptr_t)arg);
}

static int set_int(struct socket *so, int level, int name, int value)
{
	return usrsctp_setsockopt(so, level, name, &value, sizeof value);
}

/*
 * Whole messages.  Linux hands a message to the reader only once it is
 * complete, unless the receive buffer runs short (partial delivery under
 * pressure; its SCTP_PARTIAL_DELIVERY_POINT is off by default).  usrsctp
 * starts partial delivery once a message reaches
 * min(receive buffer / 2, partial delivery point), the point defaulting to
 * half its buffer, and then hands out each piece as it arrives: a 150 KB
 * message came as dozens of small records, some of them a delayed SACK
 * apart.  So for a program receive buffer of R bytes the usrsctp socket gets
 * a buffer of 2R and a partial delivery point of R: a message up to R is
 * delivered whole (and handed on as one record: size_channel), while the window (2R less what waits) still leaves room for it to
 * complete.  Larger messages are delivered in pieces from R on, as Linux
 * does when its buffer fills.  R defaults to what a Linux socket starts
 * with, net.core.rmem_default.
 */
#define RCVBUF_MIN 4096u       /* about Linux's floor (SOCK_MIN_RCVBUF) */
#define RCVBUF_MAX (64u << 20) /* 2R must fit an int; Linux caps at rmem_max too */

static uint32_t default_rcvbuf(void)
{
	static uint32_t value;
	FILE *f;

	if (value)
		return value;
	value = 212992;
	f = fopen("/proc/sys/net/core/rmem_default", "re");
	if (f) {
		if (fscanf(f, "%u", &value) != 1 || !value)
			value = 212992;
		fclose(f);
	}
	return value;
}

/*
 * A message usrsctp delivers whole (up to the partial delivery point) goes
 * to the program as one record, so that of several processes reading the
 * socket one gets it whole, as from Linux's receive queue.  An AF_UNIX
 * SEQPACKET record may be at most the sender's sk_sndbuf less 32 bytes,
 * so our end of the channel grows to hold one; SO_SNDBUF doubles what it
 * is given and is capped by net.core.wmem_max, SO_SNDBUFFORCE (root) is
 * not.  The buffer never shrinks: a record already queued must still fit.
 */
#define RECORD_HEAD ((uint32_t)(sizeof(struct shim_hdr) + sizeof(struct shim_msginfo)))
#define UNIX_SNDBUF_RESERVE 32u

/* SCTPSHIM_TEST_RECORD_MAX makes the daemon believe its records may be
 * that large without growing the channel, so that the kernel refuses them
 * (only for the test of the fallback to pieces, e2e_wait_record_pieces.sh). */
static uint32_t test_record_max(void)
{
	static long value = -1;

	if (value < 0) {
		const char *v = getenv("SCTPSHIM_TEST_RECORD_MAX");

		value = v && *v ? strtol(v, NULL, 10) : 0;
		if (value < 0 || value > (long)SHIM_RECORD_MAX)
			value = 0;
	}
	return (uint32_t)value;
}

static void size_channel(struct endpoint *ep, uint32_t message)
{
	uint32_t want = message + RECORD_HEAD + UNIX_SNDBUF_RESERVE;
	int have = 0, half;
	socklen_t len = sizeof have;

	if (test_record_max()) {
		ep->record_max = test_record_max();
		return;
	}

	if (want > SHIM_RECORD_MAX + UNIX_SNDBUF_RESERVE)
		want = SHIM_RECORD_MAX + UNIX_SNDBUF_RESERVE;
	half = (int)(want / 2 + 1);
	if (getsockopt(ep->chan.fd, SOL_SOCKET, SO_SNDBUF, &have, &len) == 0
	    && have < (int)want
	    && setsockopt(ep->chan.fd, SOL_SOCKET, SO_SNDBUFFORCE, &half, sizeof half) < 0)
		setsockopt(ep->chan.fd, SOL_SOCKET, SO_SNDBUF, &half, sizeof half);
	len = sizeof have;
	if (getsockopt(ep->chan.fd, SOL_SOCKET, SO_SNDBUF, &have, &len) < 0
	    || have < (int)(SHIM_DATA_MAX + UNIX_SNDBUF_RESERVE))
		have = (int)(SHIM_DATA_MAX + UNIX_SNDBUF_RESERVE);
	ep->record_max = (uint32_t)have - UNIX_SNDBUF_RESERVE;
	if (ep->record_max > SHIM_RECORD_MAX)
		ep->record_max = SHIM_RECORD_MAX;
}

void engine_set_rcvbuf(struct endpoint *ep, uint32_t rcvbuf)
{
	int point;

	if (!rcvbuf)
		rcvbuf = default_rcvbuf();
	if (rcvbuf < RCVBUF_MIN)
		rcvbuf = RCVBUF_MIN;
	if (rcvbuf > RCVBUF_MAX)
		rcvbuf = RCVBUF_MAX;
	ep->rcvbuf = rcvbuf;
	point = (int)rcvbuf;
	if (ep->pd_point && ep->pd_point < rcvbuf)
		point = (int)ep->pd_point;  /* the program asked for pieces sooner */
	/* the buffer first: usrsctp refuses a point beyond it */
	if (set_int(ep->so, SOL_SOCKET, SO_RCVBUF, 2 * (int)rcvbuf) < 0
	    || usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT,
				  &point, sizeof point) < 0)
		log_debug("endpoint %u: receive buffer %u: %s", ep->id, rcvbuf, strerror(errno));
	size_channel(ep, (uint32_t)point);
}

/* SCTP_SEND_FAILED_EVENT is not among them: see engine_sync_events. */
static const uint16_t internal_events[] = {
	SCTP_ASSOC_CHANGE, SCTP_PEER_ADDR_CHANGE, SCTP_REMOTE_ERROR,
	SCTP_SHUTDOWN_EVENT, SCTP_ADAPTATION_INDICATION, SCTP_PARTIAL_DELIVERY_EVENT,
	SCTP_AUTHENTICATION_EVENT, SCTP_SENDER_DRY_EVENT, SCTP_STREAM_RESET_EVENT,
	SCTP_ASSOC_RESET_EVENT, SCTP_STREAM_CHANGE_EVENT,
};

/*
 * usrsctp 0.9.5 reports the data an aborted association still held one
 * SEND_FAILED notification per message (sctp_report_all_outbound), and
 * under load that path corrupts its heap or crashes in sctp_add_to_readq
 * (one-to-many peers killed while data flows to them; cf. upstream issue
 * 133).  Without the subscription usrsctp just frees that data.  So ask
 * for it only while the program subscribes to SCTP_SEND_FAILED(_EVENT):
 * a program that never does (nearly all) never meets the bug.
 */
void engine_sync_events(struct endpoint *ep)
{
	/* the socket's subscriptions or any association's */
	bool want = endpoint_events_union(ep) & (1u << SHIM_NOTIFY_SEND_FAILED
						 | 1u << SHIM_NOTIFY_SEND_FAILED_EVENT);
	struct sctp_event ev = {
		/* one-to-one: the association if there is one, else the socket */
		.se_assoc_id = ep->style == SHIM_STYLE_ONE_TO_MANY ? SCTP_ALL_ASSOC : 0,
		.se_type = SCTP_SEND_FAILED_EVENT,
		.se_on = want,
	};

	if (want == ep->send_failed_on)
		return;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev) < 0) {
		log_debug("endpoint %u: SEND_FAILED_EVENT %s: %s", ep->id, want ? "on" : "off",
			  strerror(errno));
		return;
	}
	ep->send_failed_on = want;
}

static int configure(struct endpoint *ep)
{
	struct socket *so = ep->so;

	if (usrsctp_set_non_blocking(so, 1) < 0)
		return -errno;
	if (set_int(so, IPPROTO_SCTP, SCTP_RECVRCVINFO, 1) < 0
	    || set_int(so, IPPROTO_SCTP, SCTP_RECVNXTINFO, 1) < 0)
		return -errno;
	set_int(so, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, 0);
	/* All notifications, always: association state is tracked here;
	 * what the program subscribed to is filtered on the way out. */
	for (size_t i = 0; i < sizeof internal_events / sizeof *internal_events; i++) {
		struct sctp_event ev = {
			.se_assoc_id = SCTP_FUTURE_ASSOC,
			.se_type = internal_events[i],
			.se_on = 1,
		};

		if (usrsctp_setsockopt(so, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev) < 0)
			log_debug("endpoint %u: event %u not available: %s", ep->id,
				  internal_events[i], strerror(errno));
	}
	set_socket_encap(ep, engine_encap_port_for(NULL));
	if ((int)ep->sndbuf > 0) {
		int cur = 0;
		socklen_t len = sizeof cur;

		/* whole messages up to the program's SO_SNDBUF must fit */
		if (usrsctp_getsockopt(so, SOL_SOCKET, SO_SNDBUF, &cur, &len) < 0
		    || cur < (int)ep->sndbuf)
			set_int(so, SOL_SOCKET, SO_SNDBUF, (int)ep->sndbuf);
	}
	engine_set_rcvbuf(ep, ep->rcvbuf);
	usrsctp_set_upcall(so, upcall, (void *)(uintptr_t)ep->id);
	return 0;
}

int engine_socket_open(struct endpoint *ep, struct socket *so)
{
	int err;

	if (!so) {
		int type = ep->style == SHIM_STYLE_ONE_TO_ONE ? SOCK_STREAM : SOCK_SEQPACKET;

		so = usrsctp_socket(ep->family, type, IPPROTO_SCTP, NULL, NULL, 0, NULL);
		if (!so)
			return errno ? -errno : -ENOBUFS;
		engine_refs_check(so);
	}
	ep->so = so;
	err = configure(ep);
	if (err < 0) {
		engine_socket_discard(so);
		ep->so = NULL;
		return err;
	}
	/* usrsctp may already hold data or notifications (accepted sockets) */
	ready_mark(ep->id);
	return 0;
}

/* ---- addresses ------------------------------------------------------------- */

static bool addr_is_wildcard(const struct shim_addr *a)
{
	static const uint8_t zero[16];

	return memcmp(a->addr, zero, a->family == AF_INET ? 4 : 16) == 0;
}

static int unprivileged_port_start(void)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "re");
	int v = 1024;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 1024;
		fclose(f);
	}
	return v;
}

/*
 * A closed socket keeps its port until its associations have shut down
 * (engine_close.c), as on Linux.  The kernel finishes that within a round
 * trip, before a restarted program binds again; here it takes a few
 * wake-ups of the loop, which a program restarting at once can beat.  So
 * a bind that finds its port held by a closed socket still finishing
 * waits for it, briefly (usrsctp's threads do the work; the loop only
 * closes).
 */
#define BIND_WAIT_STEPS 50      /* of 10 ms */

static int bind_first(struct endpoint *ep, struct sockaddr *sa, socklen_t len, uint16_t port)
{
	struct timespec step = { .tv_nsec = 10 * 1000 * 1000 };
	struct socket *so = ep->so;
	int r = usrsctp_bind(so, sa, len);

	if (r < 0 && errno == EADDRINUSE && endpoints_take_pending_closes(port, ep))
		r = usrsctp_bind(so, sa, len);

	for (int i = 0; r < 0 && errno == EADDRINUSE && engine_closing_holds_port(port)
			&& i < BIND_WAIT_STEPS; i++) {
		nanosleep(&step, NULL);
		engine_closing_service_all();
		r = usrsctp_bind(so, sa, len);
	}
	return r;
}

/* The addresses the endpoint is bound to, as usrsctp lists them (at most
 * max); -errno on failure.  *port gets the bound port. */
static int bound_list(struct endpoint *ep, struct shim_addr *list, int max, uint16_t *port)
{
	struct sockaddr *sa = NULL;
	const uint8_t *p;
	int n = usrsctp_getladdrs(ep->so, 0, &sa), count = 0;

	*port = 0;
	if (n <= 0)
		return 0;
	p = (const uint8_t *)sa;
	for (int i = 0; i < n && count < max; i++) {
		size_t size = engine_sockaddr_size((const struct sockaddr *)p);

		if (!size)
			break;
		if (shim_addr_from_sockaddr(&list[count], (const struct sockaddr *)p,
		                            (socklen_t)size) == 0)
			*port = list[count++].port;
		p += size;
	}
	usrsctp_freeladdrs(sa);
	return count;
}

static bool same_host(const struct shim_addr *a, const struct shim_addr *b)
{
	return a->family == b->family && !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

/* The checks of Linux's sctp_do_bind() (adding to a bound endpoint) and
 * sctp_bindx_rem() that usrsctp does not make the same way. */
static int bindx_check(struct endpoint *ep, uint32_t flags, const struct shim_addr *a)
{
	struct shim_addr list[SHIM_MAX_ADDRS];
	uint16_t port;
	int n;

	if (!ep->bound)
		return flags & SHIM_BIND_REM ? -EBUSY : 0;
	/* the wildcard is one address that matches every other: it stays,
	 * and nothing can be added beside it */
	if (ep->bound_wildcard)
		return flags & SHIM_BIND_REM ? -EBUSY : -EINVAL;
	n = bound_list(ep, list, SHIM_MAX_ADDRS, &port);
	if (flags & SHIM_BIND_REM) {
		/* the last address stays */
		if (n <= 1)
			return -EBUSY;
		if (a->port && a->port != port)
			return -EINVAL;
		for (int i = 0; i < n; i++)
			if (same_host(&list[i], a))
				return 0;
		return -EINVAL;  /* sctp_del_bind_addr(): not bound */
	}
	if (a->port && port && a->port != port)
		return -EINVAL;  /* one port per endpoint */
	for (int i = 0; i < n; i++)
		if (same_host(&list[i], a))
			return -EINVAL;  /* sctp_bind_addr_match() */
	return 0;
}

/*
 * Linux's sctp_get_port_local(): a port another socket holds is shared when
 * both asked for reuse (SO_REUSEADDR or SCTP_REUSE_PORT alike) and the other
 * does not listen, or when both set SO_REUSEPORT under one uid; otherwise
 * their addresses must not overlap.  usrsctp shares a port only among
 * one-to-one sockets that all have its port reuse on (engine_bind gives it
 * to those asking for any kind of reuse) and would also let one bind beside
 * a listener: the rule is ours to keep, or a program of any user the daemon
 * serves could bind beside another's listener.  What usrsctp cannot share
 * it refuses (one-to-many sockets; a second listener, which Linux's
 * SO_REUSEPORT groups allow).
 */
static bool wants_reuse(const struct endpoint *ep)
{
	return ep->reuseaddr || ep->sctp_reuse;
}

static bool wants_sharing(const struct endpoint *ep)
{
	return wants_reuse(ep) || ep->so_reuseport;
}

struct port_probe {
	const struct endpoint *self;
	const struct shim_addr *addr;
	bool conflict;
};

static void find_conflict(struct endpoint *other, void *arg)
{
	struct port_probe *p = arg;
	const struct endpoint *ep = p->self;
	struct shim_addr list[SHIM_MAX_ADDRS];
	uint16_t port;
	int n;

	if (p->conflict || other == ep || other->dead || !other->so || !other->bound)
		return;
	if (wants_reuse(ep) && wants_reuse(other) && other->state != EP_LISTENING)
		return;
	if (ep->so_reuseport && other->so_reuseport && ep->owner_uid == other->owner_uid)
		return;
	n = bound_list(other, list, SHIM_MAX_ADDRS, &port);
	if (port != p->addr->port)
		return;
	for (int i = 0; i < n && !p->conflict; i++)
		p->conflict = addr_is_wildcard(p->addr) || addr_is_wildcard(&list[i])
			      || same_host(&list[i], p->addr);
}

static int port_sharing_check(struct endpoint *ep, const struct shim_addr *a)
{
	struct port_probe probe = { .self = ep, .addr = a };

	if (!a->port || !wants_sharing(ep))
		return 0;  /* usrsctp shares nothing then */
	endpoints_foreach(find_conflict, &probe);
	return probe.conflict ? -EADDRINUSE : 0;
}

int engine_bind(struct endpoint *ep, uint32_t flags, const struct shim_addr *addrs,
		uint32_t count, bool privileged)
{
	/* sctp_bind(): "Disallow binding twice", before anything else; a
	 * port is set once bind, sctp_bindx, listen or connect bound it */
	if ((flags & SHIM_BIND_ONCE) && ep->bound)
		return -EINVAL;
	for (uint32_t i = 0; i < count; i++) {
		if (addrs[i].family != AF_INET && addrs[i].family != AF_INET6)
			return -EAFNOSUPPORT;
		if (addrs[i].family == AF_INET6 && ep->family == AF_INET)
			return -EINVAL;
		/* as Linux: low ports need CAP_NET_BIND_SERVICE */
		if (addrs[i].port && addrs[i].port < unprivileged_port_start() && !privileged)
			return -EACCES;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct sockaddr_storage ss;
		socklen_t len = shim_addr_to_sockaddr(&addrs[i], &ss);
		int r;

		r = bindx_check(ep, flags, &addrs[i]);
		if (r < 0)
			return r;
		if (!(flags & SHIM_BIND_REM)) {
			r = port_sharing_check(ep, &addrs[i]);
			if (r == -EADDRINUSE && endpoints_take_pending_closes(addrs[i].port, ep))
				r = port_sharing_check(ep, &addrs[i]);
			if (r < 0)
				return r;
		}
		if (flags & SHIM_BIND_REM)
			r = usrsctp_bindx(ep->so, (struct sockaddr *)&ss, 1, SCTP_BINDX_REM_ADDR);
		else if (!ep->bound && i == 0) {
			if (ep->style == SHIM_STYLE_ONE_TO_ONE && wants_sharing(ep))
				set_int(ep->so, IPPROTO_SCTP, SCTP_REUSE_PORT, 1);
			r = bind_first(ep, (struct sockaddr *)&ss, len, addrs[i].port);
		}
		else
			r = usrsctp_bindx(ep->so, (struct sockaddr *)&ss, 1, SCTP_BINDX_ADD_ADDR);
		if (r < 0) {
			r = -errno;
			log_debug("endpoint %u: bind to port %u: %s", ep->id, addrs[i].port,
				  strerror(-r));
			return r;
		}
		if (!ep->bound && !(flags & SHIM_BIND_REM)) {
			log_debug("endpoint %u: bound to port %u", ep->id, addrs[i].port);
			ep->bound = true;
			ep->bound_addr = addrs[i];
			ep->bound_wildcard = addr_is_wildcard(&addrs[i]);
		}
	}
	return 0;
}

static void note_implicit_bind(struct endpoint *ep)
{
	if (ep->bound)
		return;
	ep->bound = true;
	ep->bound_wildcard = true;
	memset(&ep->bound_addr, 0, sizeof ep->bound_addr);
	ep->bound_addr.family = ep->family;
}

int engine_listen(struct endpoint *ep, int backlog)
{
	if (ep->state == EP_CONNECTING || ep->state == EP_CONNECTED || ep->state == EP_ENDED)
		return -EINVAL;
	if (backlog == 0) {
		/* sctp_inet_listen(): 0 stops listening, which a socket not
		 * listening refuses */
		if (ep->state != EP_LISTENING)
			return -EINVAL;
		/* Linux: listen(fd, 0) stops a one-to-many socket accepting */
		if (ep->state == EP_LISTENING && ep->style == SHIM_STYLE_ONE_TO_MANY) {
			if (usrsctp_listen(ep->so, 0) < 0)
				return -errno;
			ep->state = EP_IDLE;
		}
		if (ep->style == SHIM_STYLE_ONE_TO_MANY || ep->state == EP_LISTENING)
			return 0;
	}
	if (ep->style == SHIM_STYLE_ONE_TO_MANY)
		backlog = 1;
	else if (backlog <= 0 || backlog > 4096)
		backlog = 4096;
	if (usrsctp_listen(ep->so, backlog) < 0)
		return -errno;
	note_implicit_bind(ep);
	ep->state = EP_LISTENING;
	return 0;
}

/* usrsctp answers EALREADY for any association to the peer; Linux's
 * __sctp_connect() says EISCONN once it is established. */
static int connect_again(struct endpoint *ep, const struct sockaddr *peer)
{
	struct sctp_paddrinfo pi;
	struct sctp_status st;
	socklen_t l = sizeof pi;

	memset(&pi, 0, sizeof pi);
	memcpy(&pi.spinfo_address, peer, engine_sockaddr_size(peer));
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, &l) < 0)
		return -EALREADY;
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = pi.spinfo_assoc_id;
	l = sizeof st;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0)
		return -EALREADY;
	return st.sstat_state == SCTP_COOKIE_WAIT || st.sstat_state == SCTP_COOKIE_ECHOED
	       ? -EALREADY : -EISCONN;
}

int engine_connect(struct endpoint *ep, const struct shim_addr *addrs, uint32_t count,
		   uint32_t *assoc_id)
{
	uint8_t packed[SHIM_MAX_ADDRS * sizeof(struct sockaddr_in6)];
	size_t off = 0;
	sctp_assoc_t id = 0;

	/* __sctp_connect(): a one-to-one socket listening is "connected" */
	if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_LISTENING)
		return -EISCONN;
	for (uint32_t i = 0; i < count; i++) {
		struct sockaddr_storage ss;
		socklen_t len = shim_addr_to_sockaddr(&addrs[i], &ss);

		if (!len)
			return -EAFNOSUPPORT;
		if (addrs[i].family == AF_INET6 && ep->family == AF_INET)
			return -EINVAL;
		if (addrs[i].port == 0)
			return -EINVAL;
		memcpy(packed + off, &ss, len);
		off += len;
	}
	/* the first address decides for the association's paths */
	if (ep->style == SHIM_STYLE_ONE_TO_MANY || ep->state == EP_IDLE)
		encap_for_peer(ep, (struct sockaddr *)packed);
	if (usrsctp_connectx(ep->so, (struct sockaddr *)packed, (int)count, &id) < 0
	    && errno != EINPROGRESS) {
		if (errno == EALREADY && ep->style == SHIM_STYLE_ONE_TO_MANY)
			return connect_again(ep, (struct sockaddr *)packed);
		return -errno;
	}
	note_implicit_bind(ep);
	*assoc_id = id;
	return 0;
}

int engine_shutdown(struct endpoint *ep, uint32_t how)
{
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	/* inet_shutdown(): a listener takes SHUT_WR as nothing, and SHUT_RD
	 * would disconnect it, which sctp_disconnect() refuses; every other
	 * state but ESTABLISHED is CLOSED to it (a one-to-many socket always) */
	if (ep->state == EP_LISTENING)
		return how == SHUT_WR ? 0 : -EOPNOTSUPP;
	/* inet_shutdown() on a one-to-one socket still CLOSED to it (its
	 * association being set up) says ENOTCONN, yet sctp_shutdown() runs:
	 * SHUT_WR deletes that association (sctp_sf_cookie_wait_prm_shutdown)
	 * and a waiting connect wakes with ECONNREFUSED, or 0 when SHUT_RD
	 * came too (sctp_wait_for_connect() looks at RCV_SHUTDOWN first) */
	if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_CONNECTING && how != SHUT_RD) {
		ep->setup_cancelled = true;
		engine_cancel_setup(ep);
		if (how == SHUT_RDWR)
			ep->shut_rd = true;
		endpoint_connect_resolved(ep, ep->assoc_id, how == SHUT_RDWR ? 0 : ECONNREFUSED);
		if (how == SHUT_RDWR && !ep->outq_len)
			shutdown(ep->chan.fd, SHUT_WR);
		return -ENOTCONN;
	}
	if (ep->style == SHIM_STYLE_ONE_TO_MANY || ep->state != EP_CONNECTED)
		return -ENOTCONN;
	/* RCV_SHUTDOWN: the program's end reads what is queued, then EOF,
	 * which also wakes a reader blocked in another thread and polls
	 * EPOLLIN|EPOLLRDHUP, as sctp_poll() does (the rest of the output
	 * queue goes first: endpoint.c shuts the channel when it is empty) */
	if (how == SHUT_RD || how == SHUT_RDWR) {
		ep->shut_rd = true;
		if (!ep->outq_len)
			shutdown(ep->chan.fd, SHUT_WR);
	}
	/* SEND_SHUTDOWN on the program's end: a sender blocked on the full
	 * channel, in any thread or process, wakes with EPIPE, as from
	 * sctp_wait_for_sndbuf() once the association is shutting down, and
	 * later sends fail at once.  What was sent before stays readable on
	 * our end and goes first; then the SHUTDOWN (endpoint_input_shut). */
	if ((how == SHUT_WR || how == SHUT_RDWR) && !ep->shut_wr) {
		ep->shut_wr = true;
		shutdown(ep->chan.fd, SHUT_RD);
		endpoint_input_shut(ep);
	}
	return 0;
}

void engine_send_shutdown(struct endpoint *ep)
{
	if (usrsctp_shutdown(ep->so, SHUT_WR) < 0)
		log_debug("endpoint %u: SHUTDOWN: %s", ep->id, strerror(errno));
}

/* ---- data ---------------------------------------------------------------- */

static const struct {
	uint16_t shim, sctp;
} send_flag_map[] = {
	{ SHIM_MSG_UNORDERED, SCTP_UNORDERED },
	{ SHIM_MSG_ADDR_OVER, SCTP_ADDR_OVER },
	{ SHIM_MSG_ABORT, SCTP_ABORT },
	{ SHIM_MSG_EOF, SCTP_EOF },
	{ SHIM_MSG_SENDALL, SCTP_SENDALL },
	{ SHIM_MSG_SACK_IMMEDIATELY, SCTP_SACK_IMMEDIATELY },
};

uint16_t engine_send_flags_to_sctp(uint16_t shim_flags)
{
	uint16_t out = 0;

	for (size_t i = 0; i < sizeof send_flag_map / sizeof *send_flag_map; i++)
		if (shim_flags & send_flag_map[i].shim)
			out |= send_flag_map[i].sctp;
	return out;
}

uint16_t engine_send_flags_from_sctp(uint16_t sctp_flags)
{
	uint16_t out = 0;

	for (size_t i = 0; i < sizeof send_flag_map / sizeof *send_flag_map; i++)
		if (sctp_flags & send_flag_map[i].sctp)
			out |= send_flag_map[i].shim;
	return out;
}

/* Linux sets an association up when a one-to-one socket that is not
 * connected sends to an address; usrsctp refuses (ENOENT).  Connect first,
 * then the message queues behind the handshake.  1 if it connected. */
static int one_to_one_implicit(struct endpoint *ep, const struct shim_msginfo *info)
{
	uint32_t assoc_id = 0;
	int err;

	if (ep->state != EP_IDLE)
		return ep->state == EP_LISTENING ? -EPIPE : 0;
	err = engine_connect(ep, &info->addr, 1, &assoc_id);
	if (err < 0)
		return err;
	ep->state = EP_CONNECTING;
	ep->assoc_id = assoc_id;
	return 1;
}

static void note_send_setup(struct endpoint *ep, uint32_t assoc_id)
{
	struct send_setups *s = &ep->send_setups;

	if (!assoc_id)
		return;
	s->ids[s->next] = assoc_id;
	s->next = (s->next + 1) % EP_SEND_SETUPS;
}

/* The program is gone (endpoint.c, program_hung_up): what it sent goes to
 * usrsctp at once, as it would have gone into a kernel's send buffer. */
static bool grow_sndbuf(struct endpoint *ep, size_t len)
{
	int cur = 0;
	socklen_t l = sizeof cur;

	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, SO_SNDBUF, &cur, &l) < 0 || cur <= 0
	    || len > (size_t)(INT32_MAX / 2) - (size_t)cur)
		return false;
	return set_int(ep->so, SOL_SOCKET, SO_SNDBUF, cur + (int)len) == 0;
}

/* usrsctp's value of a default for the association (or, for one still
 * to be set up, the socket's): 0, or -1 with *out zeroed. */
static int get_default(struct endpoint *ep, int name, void *out, socklen_t len,
		       sctp_assoc_t *id_field, sctp_assoc_t id)
{
	socklen_t l = len;

	*id_field = id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, name, out, &l) == 0)
		return 0;
	memset(out, 0, len);
	*id_field = SCTP_FUTURE_ASSOC;
	l = len;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, name, out, &l) == 0)
		return 0;
	memset(out, 0, len);
	return -1;
}

/*
 * A message without SNDRCV/SNDINFO takes the socket's defaults
 * (SCTP_DEFAULT_SNDINFO / SEND_PARAM), and without PRINFO either its
 * SCTP_DEFAULT_PRINFO, as Linux's sctp_sendmsg_update_sinfo does.  usrsctp
 * would apply them itself only to a send without any info, and a send here
 * always has some (the flags the call adds).
 */
static void send_defaults(struct endpoint *ep, const struct shim_msginfo *info,
			  struct sctp_sendv_spa *spa)
{
	struct sctp_sndinfo *out = &spa->sendv_sndinfo;
	struct sctp_default_prinfo pr;
	uint16_t call_flags = engine_send_flags_to_sctp(info->flags);

	if (!ep->send_defaults)
		return;  /* never set: all zero, no need to ask usrsctp per message */
	get_default(ep, SCTP_DEFAULT_SNDINFO, out, sizeof *out, &out->snd_assoc_id,
		    info->assoc_id);
	out->snd_flags |= call_flags;
	out->snd_assoc_id = info->assoc_id;
	if (spa->sendv_flags & SCTP_SEND_PRINFO_VALID)
		return;
	if (get_default(ep, SCTP_DEFAULT_PRINFO, &pr, sizeof pr, &pr.pr_assoc_id,
			info->assoc_id) == 0 && pr.pr_policy != SCTP_PR_SCTP_NONE) {
		spa->sendv_flags |= SCTP_SEND_PRINFO_VALID;
		spa->sendv_prinfo.pr_policy = pr.pr_policy;
		spa->sendv_prinfo.pr_value = pr.pr_value;
	}
}

void engine_msginfo_to_spa(const struct shim_msginfo *info, struct sctp_sendv_spa *spa)
{
	memset(spa, 0, sizeof *spa);
	spa->sendv_flags = SCTP_SEND_SNDINFO_VALID;
	if (!(info->flags & SHIM_MSG_DEFAULTS)) {
		spa->sendv_sndinfo.snd_sid = info->stream;
		spa->sendv_sndinfo.snd_ppid = info->ppid;
		spa->sendv_sndinfo.snd_context = info->context;
	}
	spa->sendv_sndinfo.snd_flags = engine_send_flags_to_sctp(info->flags);
	spa->sendv_sndinfo.snd_assoc_id = info->assoc_id;
	if (info->pr_policy != SHIM_PR_NONE) {
		spa->sendv_flags |= SCTP_SEND_PRINFO_VALID;
		/* Linux's PRIO is usrsctp's BUF: the lower priority goes
		 * first when the buffer is short */
		spa->sendv_prinfo.pr_policy = info->pr_policy == SHIM_PR_TTL ? SCTP_PR_SCTP_TTL
					      : info->pr_policy == SHIM_PR_RTX ? SCTP_PR_SCTP_RTX
					      : SCTP_PR_SCTP_BUF;
		spa->sendv_prinfo.pr_value = info->pr_value;
	}
	/* SHIM_MSG_AUTHKEY: usrsctp_sendv refuses SCTP_SEND_AUTHINFO_VALID
	 * (EINVAL), see with_auth_key() */
}

/*
 * SCTP_AUTHINFO: usrsctp takes a message's key from the association's
 * active key when the message is queued (and keeps it with the message,
 * retransmissions included), so the key asked for is made active around
 * the send and the previous one restored after (*restore, when
 * restore->scact_keynumber was changed: returns 1).  A key the association
 * does not have is EINVAL, as Linux's sctp_datamsg_from_user() says; an
 * association without SCTP-AUTH uses no key, which is right for the
 * active key 0 only.
 */
static int with_auth_key(struct endpoint *ep, const struct shim_msginfo *info,
			 const struct sockaddr *to, struct sctp_authkeyid *restore)
{
	struct sctp_authkeyid k;
	socklen_t l = sizeof k;

	if (!(info->flags & SHIM_MSG_AUTHKEY))
		return 0;
	memset(&k, 0, sizeof k);
	if (ep->style == SHIM_STYLE_ONE_TO_MANY)
		k.scact_assoc_id = to ? usrsctp_getassocid(ep->so, (struct sockaddr *)to)
				      : (sctp_assoc_t)info->assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &k, &l) < 0)
		return info->auth_keynumber == 0 ? 0 : -EINVAL;
	if (k.scact_keynumber == info->auth_keynumber)
		return 0;
	*restore = k;
	k.scact_keynumber = info->auth_keynumber;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k) < 0)
		return -EINVAL;
	return 1;
}

void engine_message_spa(struct endpoint *ep, const struct shim_msginfo *info,
			struct sctp_sendv_spa *spa)
{
	engine_msginfo_to_spa(info, spa);
	if (info->flags & SHIM_MSG_DEFAULTS)
		send_defaults(ep, info, spa);
}

int engine_send(struct endpoint *ep, const struct shim_msginfo *info,
		const void *data, size_t len)
{
	static const char empty[1];
	struct sctp_sendv_spa spa;
	struct sctp_authkeyid restore;
	struct sockaddr_storage to;
	socklen_t to_len = 0;
	int swapped, saved_errno;
	bool sets_up = false;
	ssize_t n;

	engine_message_spa(ep, info, &spa);
	if (info->flags & SHIM_MSG_HAS_ADDR) {
		to_len = shim_addr_to_sockaddr(&info->addr, &to);
		if (!to_len)
			return -EAFNOSUPPORT;
	}
	if (ep->style == SHIM_STYLE_ONE_TO_ONE && to_len) {
		int err = one_to_one_implicit(ep, info);

		if (err < 0)
			return err;
		sets_up = err == 1;
	}
	if (ep->style == SHIM_STYLE_ONE_TO_MANY && to_len) {
		encap_for_peer(ep, (struct sockaddr *)&to);
		sets_up = usrsctp_getassocid(ep->so, (struct sockaddr *)&to) == 0;
	}
	swapped = with_auth_key(ep, info, to_len ? (struct sockaddr *)&to : NULL, &restore);
	if (swapped < 0)
		return swapped;
	n = usrsctp_sendv(ep->so, len ? data : empty, len, to_len ? (struct sockaddr *)&to : NULL,
			  to_len ? 1 : 0, &spa, sizeof spa, SCTP_SENDV_SPA, 0);
	if (n < 0 && errno == EWOULDBLOCK && ep->program_hup && grow_sndbuf(ep, len))
		n = usrsctp_sendv(ep->so, len ? data : empty, len,
				  to_len ? (struct sockaddr *)&to : NULL, to_len ? 1 : 0, &spa,
				  sizeof spa, SCTP_SENDV_SPA, 0);
	saved_errno = errno;
	if (swapped)
		usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &restore,
				   sizeof restore);
	if (n < 0)
		return saved_errno == EWOULDBLOCK ? -EAGAIN : -saved_errno;
	if (sets_up)
		note_send_setup(ep, ep->style == SHIM_STYLE_ONE_TO_ONE ? ep->assoc_id
				    : (uint32_t)usrsctp_getassocid(ep->so, (struct sockaddr *)&to));
	if (to_len)
		note_implicit_bind(ep);
	/* An ABORT ends the association inside usrsctp_sendv, whose
	 * notifications (COMM_LOST, SEND_FAILED) it queues without calling
	 * the upcall: look for them now, as Linux has them readable at once. */
	if (info->flags & SHIM_MSG_ABORT)
		ready_mark(ep->id);
	return 0;
}

void engine_inherit(struct endpoint *ep, const struct endpoint *from)
{
	ep->events_mask = from->events_mask;
	engine_sync_events(ep);
	ep->recvrcvinfo = from->recvrcvinfo;
	ep->recvnxtinfo = from->recvnxtinfo;
	ep->linger = from->linger;
	ep->owner_uid = from->owner_uid;
	ep->bound = from->bound;
	ep->bound_wildcard = from->bound_wildcard;
	ep->bound_addr = from->bound_addr;
	ep->v4mapped_off = from->v4mapped_off;
	ep->pd_point = from->pd_point;
	ep->send_defaults = from->send_defaults;  /* usrsctp copies the values */
	ep->last_sndinfo = from->last_sndinfo;
	/* Linux copies the listener's SCTP options and IP TOS/TCLASS whole */
	ep->frag_interleave = from->frag_interleave;
	engine_stream_inherit(ep, from);
	ep->path.ip_tos = from->path.ip_tos;
	ep->path.ipv6_tclass = from->path.ipv6_tclass;
	ep->path.pf_expose = from->path.pf_expose;
	engine_set_rcvbuf(ep, from->rcvbuf);
}

static void accept_pending(struct endpoint *l)
{
	while (endpoint_can_deliver(l)) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof peer;
		struct socket *so;
		struct endpoint *ep;
		struct shim_accept acc;
		struct sctp_status st;
		socklen_t st_len = sizeof st;
		int fd, err;

		memset(&peer, 0, sizeof peer);
		so = usrsctp_accept(l->so, (struct sockaddr *)&peer, &len);
		if (!so)
			return;
		err = endpoint_create(l->family, l->style, l->owner_pid, so, &ep, &fd);
		if (err < 0) {
			/* endpoint_create has aborted it */
			log_warn("endpoint %u: accepted association dropped: %s", l->id,
				 strerror(-err));
			continue;
		}
		ep->state = EP_CONNECTED;
		engine_inherit(ep, l);
		memset(&st, 0, sizeof st);
		if (usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &st_len) == 0)
			ep->assoc_id = st.sstat_assoc_id;
		memset(&acc, 0, sizeof acc);
		acc.assoc_id = ep->assoc_id;
		acc.endpoint_id = ep->id;
		shim_addr_from_sockaddr(&acc.peer, (struct sockaddr *)&peer, len);
		{
			struct shim_hdr h;
			struct iovec iov[2] = {
				{ .iov_base = &h, .iov_len = sizeof h },
				{ .iov_base = &acc, .iov_len = sizeof acc },
			};

			shim_hdr_init(&h, SHIM_ACCEPT, sizeof h + sizeof acc, 0);
			endpoint_emit(l, iov, 2, fd);
		}
		log_debug("endpoint %u: accepted association %u as endpoint %u",
			  l->id, ep->assoc_id, ep->id);
	}
}

static void deliver_data(struct endpoint *ep, uint8_t *rec, size_t n, bool cut, int flags,
			 const struct sctp_recvv_rn *rn, unsigned infotype,
			 const struct sockaddr *from, socklen_t from_len)
{
	struct shim_hdr *h = (struct shim_hdr *)rec;
	struct shim_msginfo mi;
	const struct sctp_rcvinfo *ri = &rn->recvv_rcvinfo;
	const struct sctp_nxtinfo *ni = &rn->recvv_nxtinfo;
	struct iovec iov = { .iov_base = rec, .iov_len = sizeof *h + sizeof mi + n };

	memset(&mi, 0, sizeof mi);
	if (infotype == SCTP_RECVV_RCVINFO || infotype == SCTP_RECVV_RN) {
		mi.assoc_id = ri->rcv_assoc_id;
		mi.stream = ri->rcv_sid;
		mi.ssn = ri->rcv_ssn;
		mi.ppid = ri->rcv_ppid;
		mi.context = ri->rcv_context;
		mi.tsn = ri->rcv_tsn;
		mi.cumtsn = ri->rcv_cumtsn;
		if (ri->rcv_flags & SCTP_UNORDERED)
			mi.flags |= SHIM_MSG_UNORDERED;
	}
	if ((infotype == SCTP_RECVV_RN || infotype == SCTP_RECVV_NXTINFO)
	    && (ni->nxt_flags & SCTP_NEXT_MSG_AVAIL)
	    && !(ni->nxt_flags & SCTP_NEXT_MSG_IS_NOTIFICATION)) {
		mi.flags |= SHIM_MSG_HAS_NEXT;
		mi.next_assoc_id = ni->nxt_assoc_id;
		mi.next_ppid = ni->nxt_ppid;
		mi.next_length = ni->nxt_length;
		mi.next_stream = ni->nxt_sid;
		mi.next_flags = (ni->nxt_flags & SCTP_NEXT_MSG_IS_UNORDERED ? SHIM_MSG_UNORDERED : 0)
				| (ni->nxt_flags & SCTP_NEXT_MSG_ISCOMPLETE ? SHIM_MSG_EOR : 0);
	}
	if (flags & MSG_EOR)
		mi.flags |= SHIM_MSG_EOR;
	else if (cut)
		mi.flags |= SHIM_MSG_MORE;
	if (from_len && shim_addr_from_sockaddr(&mi.addr, from, from_len) == 0)
		mi.flags |= SHIM_MSG_HAS_ADDR;
	/* the socket's data_io, not the association's: sctp_recvmsg reads
	 * sp->subscribe */
	if (ep->events_mask & (1u << SHIM_NOTIFY_DATA_IO))
		mi.cmsgs |= SHIM_CMSG_SNDRCV;
	if (ep->recvrcvinfo)
		mi.cmsgs |= SHIM_CMSG_RCVINFO;
	if (ep->recvnxtinfo)
		mi.cmsgs |= SHIM_CMSG_NXTINFO;
	shim_hdr_init(h, SHIM_DATA, (uint32_t)iov.iov_len, 0);
	memcpy(rec + sizeof *h, &mi, sizeof mi);
	shimd.stats.bytes_in += n;
	if (flags & MSG_EOR)
		shimd.stats.msgs_in++;
	endpoint_emit(ep, &iov, 1, -1);
}

/* usrsctp hands notifications in pieces when they exceed the buffer; every
 * piece comes with the same from. */
static void take_notification(struct endpoint *ep, const uint8_t *buf, size_t n, int flags,
			      const struct sockaddr *from, socklen_t from_len)
{
	if (ep->notif_len || !(flags & MSG_EOR)) {
		uint8_t *b = realloc(ep->notif_buf, ep->notif_len + n);

		if (!b)
			return;
		memcpy(b + ep->notif_len, buf, n);
		ep->notif_buf = b;
		ep->notif_len += n;
		if (!(flags & MSG_EOR))
			return;
		engine_notification(ep, ep->notif_buf, ep->notif_len, from, from_len);
		free(ep->notif_buf);
		ep->notif_buf = NULL;
		ep->notif_len = 0;
		return;
	}
	engine_notification(ep, buf, n, from, from_len);
}

static void receive_pending(struct endpoint *ep)
{
	/* one record's worth, touched only as far as messages reach */
	static uint8_t rec[SHIM_RECORD_MAX];
	uint8_t *payload = rec + RECORD_HEAD;

	while (ep->so && endpoint_can_deliver(ep) && ep->state != EP_ENDED) {
		struct sctp_recvv_rn rn;
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from, info_len = sizeof rn;
		unsigned infotype = 0;
		int flags = 0;
		size_t room = (ep->record_max > RECORD_HEAD ? ep->record_max : SHIM_DATA_MAX)
			      - RECORD_HEAD;
		ssize_t n;

		memset(&rn, 0, sizeof rn);
		n = usrsctp_recvv(ep->so, payload, room, (struct sockaddr *)&from,
				  &from_len, &rn, &info_len, &infotype, &flags);
		if (n < 0) {
			if (errno != EWOULDBLOCK && errno != EAGAIN) {
				log_debug("endpoint %u: recv: %s", ep->id, strerror(errno));
				if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_CONNECTED)
					endpoint_assoc_ended(ep, errno == ECONNRESET ? ECONNRESET : 0);
			}
			return;
		}
		if (flags & MSG_NOTIFICATION) {
			take_notification(ep, payload, (size_t)n, flags, (struct sockaddr *)&from,
					  from_len);
			continue;
		}
		if (n == 0) {
			/* the peer shut the association down */
			if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_CONNECTED)
				endpoint_assoc_ended(ep, 0);
			return;
		}
		if (ep->shut_rd)
			continue;
		deliver_data(ep, rec, (size_t)n, (size_t)n == room, flags, &rn, infotype,
			     (struct sockaddr *)&from, from_len);
	}
}

void engine_service(struct endpoint *ep)
{
	if (!ep->so)
		return;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state == EP_LISTENING)
		accept_pending(ep);
	else
		receive_pending(ep);
}
