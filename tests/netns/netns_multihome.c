/* SPDX-License-Identifier: MIT */
/*
 * Both ends of the multihoming tests (docs/networks.md, "Multihoming"), run
 * under the shim like any unmodified SCTP program.  Each host has two
 * addresses on two links; the tests take links down and bring them back
 * while this program sends, and read which path carried what from nftables
 * counters.  The program prints one line per step, which the test waits
 * for before its next move.
 *
 *   netns_multihome sink PORT
 *       listen on every address, accept one association, check that its
 *       messages arrive in order and intact until the peer shuts down,
 *       confirming every ACK_EVERY-th one to the sender
 *   netns_multihome failover PRIMARY PORT
 *       connect to PRIMARY with path timers of a second or so, send until
 *       PRIMARY becomes unreachable (the test takes its link down), send
 *       more that must be acknowledged over the other path, wait for
 *       PRIMARY to be available again (the test brings the link back), and
 *       send more, which usrsctp sends to the primary again
 *
 *   netns_multihome sink-asconf PORT BOUND NEW PEER_NEW
 *       the sink bound to BOUND only, with ASCONF: after ASCONF_AT messages
 *       it adds NEW with sctp_bindx, makes the sender's PEER_NEW its
 *       primary path, asks the sender to send to NEW
 *       (SCTP_SET_PEER_PRIMARY_ADDR), and once ACK_EVERY messages came
 *       from PEER_NEW removes BOUND
 *   netns_multihome asconf FIRST PORT
 *       connect to FIRST with ASCONF, send until the sink has removed FIRST
 *       (SCTP_ADDR_REMOVED, after SCTP_ADDR_ADDED for its new address),
 *       send PHASE more
 *   netns_multihome primary FIRST SECOND PORT
 *       connect to FIRST, send PHASE messages, make SECOND the primary path
 *       with SCTP_PRIMARY_ADDR, send PHASE more
 *   netns_multihome heartbeat FIRST SECOND PORT
 *       connect to FIRST, set a heartbeat every HB_INTERVAL ms and a
 *       pathmaxrxt of HB_PATHMAXRXT on the path to SECOND only
 *       (SCTP_PEER_ADDR_PARAMS with its address), read them back, and send
 *       nothing until SECOND becomes unreachable (the test drops what
 *       reaches it); print the CLOCK_REALTIME of that
 *
 * Messages are MSG_SIZE bytes on stream 0, ordered: message i starts with
 * i and continues with a pattern of i.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "netns_prog.h"

const char *const netns_prog_name = "netns_multihome";

/* Big enough that nftables tells DATA packets (more than 1000 bytes) from
 * heartbeats and SACKs, small enough for one packet on a 1500-byte link. */
#define MSG_SIZE 1200
/* A step that takes longer than this has failed. */
#define STEP_LIMIT 30.0
/* The sink confirms every ACK_EVERY-th message with its index, so the
 * sender knows what arrived (whatever the stack's own counters say). */
#define ACK_EVERY 50
/* Messages per phase of the primary test. */
#define PHASE 300
/* When the ASCONF sink moves to its new address. */
#define ASCONF_AT 500
/* The heartbeat test's path parameters. */
#define HB_INTERVAL 1000
#define HB_PATHMAXRXT 3

static void fill(uint8_t *buf, uint32_t i)
{
	memcpy(buf, &i, 4);
	for (uint32_t k = 4; k < MSG_SIZE; k++)
		buf[k] = (uint8_t)(i * 31 + k);
}

static struct sockaddr_in addr_of(const char *host, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port)) };

	if (host && inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		errno = 0;
		die("bad IPv4 address %s", host);
	}
	return sin;
}

static const char *addr_str(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

	if (ss->ss_family != AF_INET)
		return "(not IPv4)";
	return inet_ntop(AF_INET, &sin->sin_addr, buf, (socklen_t)len);
}

static const char *spc_state_name(int state)
{
	switch (state) {
	case SCTP_ADDR_AVAILABLE: return "AVAILABLE";
	case SCTP_ADDR_UNREACHABLE: return "UNREACHABLE";
	case SCTP_ADDR_REMOVED: return "REMOVED";
	case SCTP_ADDR_ADDED: return "ADDED";
	case SCTP_ADDR_MADE_PRIM: return "MADE_PRIM";
	case SCTP_ADDR_CONFIRMED: return "CONFIRMED";
	case SCTP_ADDR_POTENTIALLY_FAILED: return "POTENTIALLY_FAILED";
	default: return "UNKNOWN";
	}
}

static void short_timers(int fd);

/* ---- sink ----------------------------------------------------------------- */

/* ASCONF (RFC 5061), which needs AUTH: off by default, as on Linux. */
static void asconf_on(int fd)
{
	struct sctp_assoc_value on = { .assoc_value = 1 };

	if (setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_SUPPORTED, &on, sizeof on) < 0)
		die("SCTP_AUTH_SUPPORTED");
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_ASCONF_SUPPORTED, &on, sizeof on) < 0)
		die("SCTP_ASCONF_SUPPORTED");
}

static int local_count(int fd)
{
	struct sockaddr *addrs;
	int n = sctp_getladdrs(fd, 0, &addrs);

	if (n < 0)
		die("sctp_getladdrs");
	if (n > 0)
		sctp_freeladdrs(addrs);
	return n;
}

/* SCTP_GET_PEER_ADDR_INFO's state of the path to host, or -1 if there is
 * none. */
static int path_state(int fd, const char *host)
{
	struct sctp_paddrinfo pi = { 0 };
	struct sockaddr_in sin = addr_of(host, "0");
	socklen_t len = sizeof pi;

	memcpy(&pi.spinfo_address, &sin, sizeof sin);
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, &len) < 0)
		return -1;
	return pi.spinfo_state;
}

/*
 * The sink's move, in two steps, the graceful renumbering of RFC 5061: add
 * new, wait for the peer to take it (usrsctp lists it as ours once the
 * ASCONF-ACK is back), send to the peer's address on the new link, and ask
 * the peer to send to new (SET_PRIMARY).  Once messages come over the new
 * link, remove bound (move_finish).  Removing the peer's primary address
 * at once, with DATA to it outstanding, once stalled the association and
 * once crashed usrsctp 0.9.5 (docs/networks.md).
 */
static void move_start(int fd, const char *port, const char *new, const char *peer_new)
{
	struct sockaddr_in add = addr_of(new, port);
	struct sctp_prim prim = { 0 };
	struct sctp_setpeerprim peer_prim = { 0 };
	struct sockaddr_in peer = addr_of(peer_new, "0");
	double limit = now() + STEP_LIMIT;

	if (sctp_bindx(fd, (struct sockaddr *)&add, 1, SCTP_BINDX_ADD_ADDR) < 0)
		die("sctp_bindx add %s", new);
	while (local_count(fd) < 2) {
		if (now() > limit) {
			errno = 0;
			die("%s is not an address of the association after %.0f s", new, STEP_LIMIT);
		}
		poll(NULL, 0, 20);
	}
	printf("added %s\n", new);
	/* Its heartbeats could not confirm the path to peer_new before: they
	 * leave from new, which the peer did not know.  usrsctp refuses an
	 * unconfirmed path as primary (EINVAL; Linux would take it). */
	while (path_state(fd, peer_new) != SCTP_ACTIVE) {
		if (now() > limit) {
			errno = 0;
			die("the path to %s is not confirmed after %.0f s", peer_new, STEP_LIMIT);
		}
		poll(NULL, 0, 20);
	}
	printf("path to %s confirmed\n", peer_new);
	memcpy(&prim.ssp_addr, &peer, sizeof peer);
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &prim, sizeof prim) < 0)
		die("SCTP_PRIMARY_ADDR %s", peer_new);
	memcpy(&peer_prim.sspp_addr, &add, sizeof add);
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_SET_PEER_PRIMARY_ADDR, &peer_prim,
		       sizeof peer_prim) < 0)
		die("SCTP_SET_PEER_PRIMARY_ADDR %s", new);
	printf("asked the peer to send to %s\n", new);
}

static void move_finish(int fd, const char *port, const char *bound)
{
	struct sockaddr_in rem = addr_of(bound, port);

	if (sctp_bindx(fd, (struct sockaddr *)&rem, 1, SCTP_BINDX_REM_ADDR) < 0)
		die("sctp_bindx remove %s", bound);
	printf("removed %s\n", bound);
}

/* bound: NULL for every address, else the ASCONF sink's addresses. */
static int do_sink(const char *port, const char *bound, const char *new, const char *peer_new)
{
	struct sockaddr_in at = addr_of(bound, port);
	static uint8_t buf[MSG_SIZE + 1], want[MSG_SIZE];
	int one = 1, lfd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP), fd;
	uint32_t got = 0, from_new = 0;
	bool moving = false;

	if (lfd < 0)
		die("socket");
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
		die("SO_REUSEADDR");
	/* The confirmations need a path to the sender too: the sink must see
	 * a dead path as soon as the sender does. */
	short_timers(lfd);
	if (bound)
		asconf_on(lfd);
	if (bind(lfd, (struct sockaddr *)&at, sizeof at) < 0)
		die("bind");
	if (listen(lfd, 1) < 0)
		die("listen");
	printf("listening\n");
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		die("accept");
	for (;;) {
		int flags = 0;
		struct sockaddr_storage from;
		socklen_t from_len = sizeof from;
		char a[INET6_ADDRSTRLEN];
		ssize_t n = sctp_recvmsg(fd, buf, sizeof buf, (struct sockaddr *)&from, &from_len,
					 NULL, &flags);
		uint32_t i;

		if (n == 0)
			break;
		if (n < 0)
			die("sctp_recvmsg after %u messages", got);
		errno = 0;
		if (flags & MSG_NOTIFICATION)
			die("unexpected notification");
		if (n != MSG_SIZE || !(flags & MSG_EOR))
			die("message %u: %zd bytes, flags 0x%x", got, n, flags);
		memcpy(&i, buf, 4);
		if (i != got)
			die("message %u arrived where %u was due", i, got);
		fill(want, i);
		if (memcmp(buf, want, MSG_SIZE))
			die("message %u is damaged", i);
		got++;
		if (got % ACK_EVERY == 0 && send(fd, &i, sizeof i, 0) != sizeof i)
			die("confirming message %u", i);
		if (bound && got == ASCONF_AT) {
			move_start(fd, port, new, peer_new);
			moving = true;
		} else if (moving && !strcmp(addr_str(&from, a, sizeof a), peer_new)
			   && ++from_new == ACK_EVERY) {
			/* everything before came in order: none of it is
			 * outstanding to bound once the peer has our SACKs */
			move_finish(fd, port, bound);
			moving = false;
		}
	}
	close(fd);
	close(lfd);
	printf("received %u messages, in order and intact\n", got);
	return 0;
}

/* ---- the sending side -------------------------------------------------------- */

struct sender {
	int fd;
	uint32_t next;		/* index of the next message to send */
	uint32_t confirmed;	/* messages the sink confirmed */
	const char *watched;	/* the address whose changes we wait for */
	int last_state;		/* its last spc_state, or -1 */
};

/* Read a confirmation from the sink or a notification, and note what it
 * says about the watched address. */
static void read_incoming(struct sender *s)
{
	union {
		union sctp_notification sn;
		uint8_t raw[4096];
	} u;
	struct sockaddr_storage ss;
	char a[INET6_ADDRSTRLEN];
	int flags = 0;
	ssize_t n = sctp_recvmsg(s->fd, &u, sizeof u, NULL, NULL, NULL, &flags);

	if (n < 0) {
		if (errno == EAGAIN)
			return;
		die("sctp_recvmsg");
	}
	errno = 0;
	if (!(flags & MSG_NOTIFICATION)) {
		uint32_t i;

		if (n != sizeof i)
			die("a confirmation of %zd bytes", n);
		memcpy(&i, &u, sizeof i);
		if (i + 1 != s->confirmed + ACK_EVERY)
			die("confirmation of message %u after %u", i, s->confirmed);
		s->confirmed = i + 1;
		return;
	}
	if (n < (ssize_t)sizeof u.sn.sn_header)
		die("a notification of %zd bytes", n);
	if (u.sn.sn_header.sn_type != SCTP_PEER_ADDR_CHANGE) {
		printf("notification %u\n", u.sn.sn_header.sn_type);
		return;
	}
	if (n < (ssize_t)sizeof u.sn.sn_paddr_change)
		die("SCTP_PEER_ADDR_CHANGE of %zd bytes", n);
	memcpy(&ss, &u.sn.sn_paddr_change.spc_aaddr, sizeof ss);
	addr_str(&ss, a, sizeof a);
	printf("%s %s (error %d) after message %u\n", spc_state_name(u.sn.sn_paddr_change.spc_state), a,
	       u.sn.sn_paddr_change.spc_error, s->next);
	if (!strcmp(a, s->watched))
		s->last_state = u.sn.sn_paddr_change.spc_state;
}

/* What the association looks like (SCTP_STATUS, each path), for a step
 * that does not get done. */
static void show_association(int fd)
{
	struct sctp_status st = { 0 };
	struct sockaddr_storage ss;
	struct sockaddr *paddrs;
	socklen_t len = sizeof st;
	char a[INET6_ADDRSTRLEN];
	int n;

	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0) {
		perror("SCTP_STATUS");
		return;
	}
	memcpy(&ss, &st.sstat_primary.spinfo_address, sizeof ss);
	addr_str(&ss, a, sizeof a);
	printf("association: state %d, rwnd %u, unacked %u, pending %u, primary %s\n",
	       st.sstat_state, st.sstat_rwnd, st.sstat_unackdata, st.sstat_penddata, a);
	n = sctp_getpaddrs(fd, 0, &paddrs);
	for (int k = 0; k < n; k++) {
		struct sctp_paddrinfo pi = { 0 };

		len = sizeof pi;
		memcpy(&pi.spinfo_address, (struct sockaddr_in *)paddrs + k,
		       sizeof(struct sockaddr_in));
		memcpy(&ss, &pi.spinfo_address, sizeof ss);
		addr_str(&ss, a, sizeof a);
		if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_PEER_ADDR_INFO, &pi, &len) < 0)
			printf("path to %s: %s\n", a, strerror(errno));
		else
			printf("path to %s: state %d, cwnd %u, srtt %u, rto %u\n", a,
			       pi.spinfo_state, pi.spinfo_cwnd, pi.spinfo_srtt, pi.spinfo_rto);
	}
	if (n > 0)
		sctp_freepaddrs(paddrs);
}

/* Send messages until `until` have been handed over (if until_state is -1),
 * or until the watched address reaches until_state; take notifications as
 * they come. */
static void pump(struct sender *s, uint32_t until, int until_state)
{
	static uint8_t buf[MSG_SIZE];
	double limit = now() + STEP_LIMIT;

	s->last_state = -1;
	for (;;) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		bool more = s->next < until;

		if (until_state < 0 ? !more : s->last_state == until_state)
			return;
		if (now() > limit) {
			show_association(s->fd);
			errno = 0;
			die("step not done after %.0f s (message %u)", STEP_LIMIT, s->next);
		}
		if (more)
			p.events |= POLLOUT;
		if (poll(&p, 1, 100) < 0)
			die("poll");
		if (p.revents & POLLIN)
			read_incoming(s);
		if ((p.revents & POLLOUT) && more) {
			fill(buf, s->next);
			if (send(s->fd, buf, MSG_SIZE, MSG_DONTWAIT) == MSG_SIZE)
				s->next++;
			else if (errno != EAGAIN)
				die("send of message %u", s->next);
		}
		if (p.revents & (POLLERR | POLLHUP)) {
			errno = 0;
			die("the association failed (poll 0x%x)", p.revents);
		}
	}
}

/* Until the sink has confirmed every message sent (a multiple of
 * ACK_EVERY), taking notifications. */
static void wait_confirmed(struct sender *s)
{
	double limit = now() + STEP_LIMIT;

	while (s->confirmed < s->next) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };

		if (now() > limit) {
			show_association(s->fd);
			errno = 0;
			die("%u of %u messages confirmed after %.0f s", s->confirmed, s->next,
			    STEP_LIMIT);
		}
		if (poll(&p, 1, 100) < 0)
			die("poll");
		if (p.revents & POLLIN)
			read_incoming(s);
	}
}

/* The index ACK_EVERY-aligned at least n messages after the next one. */
static uint32_t after(const struct sender *s, uint32_t n)
{
	return (s->next + n + ACK_EVERY - 1) / ACK_EVERY * ACK_EVERY;
}

/* Timers short enough for a test: retransmissions within 100-500 ms, a
 * heartbeat every 200 ms (plus an RTO), a path unreachable after 3 errors
 * in a row. */
static void short_timers(int fd)
{
	struct sctp_paddrparams pp = {
		.spp_hbinterval = 200,
		.spp_pathmaxrxt = 2,
		.spp_flags = SPP_HB_ENABLE,
	};

	set_rto(fd, 300, 100, 500);
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp) < 0)
		die("SCTP_PEER_ADDR_PARAMS");
}

/* A connected one-to-one socket that reports address changes; with
 * ASCONF, the peer starts with one address, else it must have several. */
static int sender_socket(const struct sockaddr_in *to, bool asconf)
{
	struct sctp_event_subscribe ev = { .sctp_address_event = 1 };
	struct sockaddr *paddrs;
	int fd = socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP), n;

	if (fd < 0)
		die("socket");
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev) < 0)
		die("SCTP_EVENTS");
	short_timers(fd);
	if (asconf)
		asconf_on(fd);
	if (connect(fd, (const struct sockaddr *)to, sizeof *to) < 0)
		die("connect");
	n = sctp_getpaddrs(fd, 0, &paddrs);
	if (n < 0)
		die("sctp_getpaddrs");
	printf("associated, the peer has %d addresses\n", n);
	sctp_freepaddrs(paddrs);
	errno = 0;
	if (n < 2 && !asconf)
		die("the association is not multihomed");
	return fd;
}

/* Shut down and wait for the sink to close: it has checked everything. */
static void sender_close(struct sender *s)
{
	char c;

	if (shutdown(s->fd, SHUT_WR) < 0)
		die("shutdown");
	for (;;) {
		int flags = 0;
		ssize_t n = sctp_recvmsg(s->fd, &c, 1, NULL, NULL, NULL, &flags);

		if (n == 0)
			break;
		if (n < 0)
			die("waiting for the sink to close");
		if (!(flags & MSG_NOTIFICATION)) {
			errno = 0;
			die("the sink sent more than confirmations");
		}
	}
	close(s->fd);
	printf("sent %u messages\n", s->next);
}

static int do_failover(const char *primary, const char *port)
{
	struct sockaddr_in to = addr_of(primary, port);
	struct sender s = { .watched = primary };

	s.fd = sender_socket(&to, false);
	pump(&s, 200, -1);
	printf("sending on the primary\n");
	pump(&s, UINT32_MAX, SCTP_ADDR_UNREACHABLE);
	pump(&s, after(&s, 300), -1);
	wait_confirmed(&s);
	printf("failed over: message %u confirmed\n", s.next - 1);
	printf("waiting for %s\n", primary);
	pump(&s, 0, SCTP_ADDR_AVAILABLE);
	pump(&s, after(&s, 300), -1);
	wait_confirmed(&s);
	printf("back on the primary: message %u confirmed\n", s.next - 1);
	sender_close(&s);
	return 0;
}

static int do_asconf(const char *first, const char *port)
{
	struct sockaddr_in to = addr_of(first, port);
	struct sender s = { .watched = first };

	s.fd = sender_socket(&to, true);
	pump(&s, UINT32_MAX, SCTP_ADDR_REMOVED);
	pump(&s, after(&s, PHASE), -1);
	wait_confirmed(&s);
	printf("after the move: message %u confirmed\n", s.next - 1);
	sender_close(&s);
	return 0;
}

static void set_primary(int fd, const char *host)
{
	struct sctp_prim prim = { 0 };
	struct sockaddr_in sin = addr_of(host, "0");
	struct sockaddr_storage got;
	char a[INET6_ADDRSTRLEN];
	socklen_t len = sizeof prim;

	memcpy(&prim.ssp_addr, &sin, sizeof sin);
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &prim, sizeof prim) < 0)
		die("SCTP_PRIMARY_ADDR %s", host);
	memset(&prim, 0, sizeof prim);
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &prim, &len) < 0)
		die("getsockopt SCTP_PRIMARY_ADDR");
	memcpy(&got, &prim.ssp_addr, sizeof got);
	addr_str(&got, a, sizeof a);
	printf("primary path: %s\n", a);
	errno = 0;
	if (strcmp(a, host))
		die("SCTP_PRIMARY_ADDR reads back %s, set %s", a, host);
}

static int do_primary(const char *first, const char *second, const char *port)
{
	struct sockaddr_in to = addr_of(first, port);
	struct sender s = { .watched = second };

	s.fd = sender_socket(&to, false);
	pump(&s, PHASE, -1);
	wait_confirmed(&s);
	printf("on %s: %u messages confirmed\n", first, s.next);
	set_primary(s.fd, second);
	pump(&s, 2 * PHASE, -1);
	wait_confirmed(&s);
	printf("on %s: %u messages confirmed\n", second, s.next - PHASE);
	sender_close(&s);
	return 0;
}

/* SCTP_PEER_ADDR_PARAMS of the path to host: set interval and pathmaxrxt,
 * or (interval 0) read them. */
static struct sctp_paddrparams path_params(int fd, const char *host, uint32_t interval,
					   uint16_t pathmaxrxt)
{
	struct sctp_paddrparams pp = { .spp_hbinterval = interval, .spp_pathmaxrxt = pathmaxrxt,
				       .spp_flags = interval ? SPP_HB_ENABLE : 0 };
	struct sockaddr_in sin = addr_of(host, "0");
	socklen_t len = sizeof pp;

	memcpy(&pp.spp_address, &sin, sizeof sin);
	if (interval ? setsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof pp)
		     : getsockopt(fd, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, &len) < 0)
		die("SCTP_PEER_ADDR_PARAMS of %s", host);
	return pp;
}

static int do_heartbeat(const char *first, const char *second, const char *port)
{
	struct sockaddr_in to = addr_of(first, port);
	struct sender s = { .watched = second };
	struct sctp_paddrparams pp;
	struct timespec ts;

	s.fd = sender_socket(&to, false);
	path_params(s.fd, second, HB_INTERVAL, HB_PATHMAXRXT);
	clock_gettime(CLOCK_REALTIME, &ts);
	printf("set at %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
	pp = path_params(s.fd, second, 0, 0);
	printf("path to %s: heartbeat every %u ms, pathmaxrxt %u, flags 0x%x\n", second,
	       pp.spp_hbinterval, pp.spp_pathmaxrxt, pp.spp_flags);
	errno = 0;
	if (pp.spp_hbinterval != HB_INTERVAL || pp.spp_pathmaxrxt != HB_PATHMAXRXT ||
	    !(pp.spp_flags & SPP_HB_ENABLE))
		die("SCTP_PEER_ADDR_PARAMS did not read back as set");
	pp = path_params(s.fd, first, 0, 0);
	printf("path to %s: heartbeat every %u ms, pathmaxrxt %u\n", first, pp.spp_hbinterval,
	       pp.spp_pathmaxrxt);
	pump(&s, 0, SCTP_ADDR_UNREACHABLE);
	clock_gettime(CLOCK_REALTIME, &ts);
	printf("unreachable at %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
	sender_close(&s);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && !strcmp(argv[1], "sink"))
		return do_sink(argv[2], NULL, NULL, NULL);
	if (argc == 6 && !strcmp(argv[1], "sink-asconf"))
		return do_sink(argv[2], argv[3], argv[4], argv[5]);
	if (argc == 4 && !strcmp(argv[1], "asconf"))
		return do_asconf(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "failover"))
		return do_failover(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "primary"))
		return do_primary(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "heartbeat"))
		return do_heartbeat(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: %s sink PORT | sink-asconf PORT BOUND NEW PEER_NEW"
		" | failover PRIMARY PORT | asconf FIRST PORT"
		" | primary|heartbeat FIRST SECOND PORT\n", argv[0]);
	return 99;
}
