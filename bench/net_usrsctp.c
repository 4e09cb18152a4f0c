/* SPDX-License-Identifier: MIT */
/*
 * net.h straight on usrsctp: the reference sctpshim is measured against,
 * "the fastest a usrsctp-based stack gets".  One process, usrsctp's own
 * threads (UDP receive, timers), UDP encapsulation to the peer's port.
 *
 * Readiness.  usrsctp calls a socket's upcall on its own threads whenever
 * the socket's receive or send buffer changes (data in, SACKed data out,
 * a connection up or gone, one waiting to be accepted).  The upcall only
 * queues the socket (once: a flag says it is queued) and, if the program
 * sleeps in net_wait(), signals a condition variable; net_wait() takes the
 * whole queue at once and asks usrsctp_get_events() what each socket can
 * do now.  So a busy transfer costs one lock round per upcall and one
 * wake-up per batch, not per packet, and an idle socket costs nothing.
 * (The workload could run inside the upcall, on usrsctp's thread, but it
 * would then share locks and re-enter usrsctp from its callbacks; a
 * condition variable is the way usrsctp's blocking calls wait too.
 * Spinning a little before sleeping was tried and made round trips
 * slower on a 2-CPU machine: the spinner takes the CPU that usrsctp's
 * receive thread needs.)  What remains is usrsctp's: a sender refused
 * for want of room is woken by every SACK (about three times per 16 KiB
 * message when the buffer is full), as usrsctp has no send low-water
 * mark outside its callback API; SCTPBENCH_STATS=1 prints the counts.
 *
 * Closing.  usrsctp_close() on a socket that still has an association
 * races usrsctp's threads (Debian's 0.9.5 frees the socket twice now and
 * then: see docs/design.md, "Living with usrsctp 0.9.5"); sctpshimd
 * avoids it, and so does this program, the same way: SHUTDOWN first, and
 * usrsctp_close() once the association is gone (checked when the socket's
 * upcall fires and every CLOSING_RECHECK_MS).  The cost is the daemon's
 * too, so the comparison stays fair.
 */
#define _GNU_SOURCE
#include "net.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <usrsctp.h>

#include "daemon/engine_linux.h"

const char net_name[] = "usrsctp";

struct net_sock {
	struct socket *so;
	void *udata;
	unsigned interest;
	bool queued;             /* on the ready queue (under lock) */
	bool closing;
	struct net_sock *next;   /* ready queue (under lock) */
	struct net_sock *cnext;  /* closing list (program thread only) */
};

static struct net_options options;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static bool sleeping;
static struct net_sock *ready_head, *ready_tail;
/* for SCTPBENCH_STATS: upcalls, wake-ups they caused, and the sockets
 * net_wait() looked at that had nothing of interest */
static unsigned long n_upcalls, n_signals, n_idle_looks;

static struct net_sock *closing;
static struct timespec closing_checked;

enum { CLOSING_RECHECK_MS = 200, FINISH_WAIT_MS = 3000 };

static int64_t ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* ---- settings ---------------------------------------------------------- */

static unsigned read_sysctl(const char *path, unsigned fallback)
{
	FILE *f = fopen(path, "re");
	unsigned v = fallback;

	if (f) {
		if (fscanf(f, "%u", &v) != 1 || !v)
			v = fallback;
		fclose(f);
	}
	return v;
}

/* What Linux makes of setsockopt(SO_SNDBUF / SO_RCVBUF, v): v capped by
 * the sysctl maximum, doubled (sock_setsockopt). */
static int linux_effective(int v, const char *max_path)
{
	unsigned max = read_sysctl(max_path, 212992);

	if ((unsigned)v > max)
		v = (int)max;
	return 2 * v;
}

/*
 * The stack's settings are sctpshimd's, so both programs run the same
 * protocol and only the shim's hop differs: its protocol switches
 * (engine_linux_protocol(), shared with src/daemon/engine.c: among them a
 * CRC32c on every packet, loopback too, which usrsctp's default would
 * skip on 127.0.0.1 and which is part of what the daemon does per
 * packet), and the timers, burst, PR-SCTP and ECN that sctpshimd hands
 * usrsctp from the defaults of src/config/keys.c: Linux's net.sctp ones.
 */
static void set_stack_defaults(void)
{
	engine_linux_protocol();
	usrsctp_sysctl_set_sctp_rto_initial_default(3000);
	usrsctp_sysctl_set_sctp_rto_min_default(1000);
	usrsctp_sysctl_set_sctp_rto_max_default(60000);
	usrsctp_sysctl_set_sctp_init_rto_max_default(60000);
	usrsctp_sysctl_set_sctp_heartbeat_interval_default(30000);
	usrsctp_sysctl_set_sctp_path_rtx_max_default(5);
	usrsctp_sysctl_set_sctp_assoc_rtx_max_default(10);
	usrsctp_sysctl_set_sctp_init_rtx_max_default(8);
	usrsctp_sysctl_set_sctp_delayed_sack_time_default(200);
	usrsctp_sysctl_set_sctp_valid_cookie_life_default(60000);
	usrsctp_sysctl_set_sctp_max_burst_default(4);
	usrsctp_sysctl_set_sctp_pr_enable(1);
	usrsctp_sysctl_set_sctp_ecn_enable(1);
}

static int set_int(struct socket *so, int level, int name, int v)
{
	return usrsctp_setsockopt(so, level, name, &v, sizeof v) < 0 ? -errno : 0;
}

/*
 * Buffers: what sctpshimd gives the usrsctp socket behind a Linux
 * program's socket that set options.sndbuf / rcvbuf (or nothing), so
 * that both stacks hold the same amount in flight (docs/design.md,
 * "Sending" and "The daemon"):
 *  - send: at least what the program's SO_SNDBUF comes to (Linux doubles
 *    it; untouched it is net.core.wmem_default), never below usrsctp's
 *    own default (256 KiB), which the daemon leaves when it is larger;
 *  - receive: for the program's receive buffer R (SO_RCVBUF doubled, or
 *    net.core.rmem_default) usrsctp gets 2R, and a partial delivery point
 *    of R, so messages up to R arrive whole, as on Linux.
 * With the defaults here (212992) that is 256 KiB to send and 416 KiB to
 * receive with whole messages up to 208 KiB.
 */
static void set_buffers(struct socket *so)
{
	int snd = options.sndbuf > 0
		  ? linux_effective(options.sndbuf, "/proc/sys/net/core/wmem_max")
		  : (int)read_sysctl("/proc/sys/net/core/wmem_default", 212992);
	int rcv = options.rcvbuf > 0
		  ? linux_effective(options.rcvbuf, "/proc/sys/net/core/rmem_max")
		  : (int)read_sysctl("/proc/sys/net/core/rmem_default", 212992);
	int cur = 0;
	socklen_t len = sizeof cur;

	if (rcv < 4096)
		rcv = 4096;
	if (rcv > 64 << 20)
		rcv = 64 << 20;
	if (usrsctp_getsockopt(so, SOL_SOCKET, SO_SNDBUF, &cur, &len) < 0 || cur < snd)
		set_int(so, SOL_SOCKET, SO_SNDBUF, snd);
	/* the buffer first: usrsctp refuses a point beyond it */
	set_int(so, SOL_SOCKET, SO_RCVBUF, 2 * rcv);
	set_int(so, IPPROTO_SCTP, SCTP_PARTIAL_DELIVERY_POINT, rcv);
}

/* ---- readiness --------------------------------------------------------- */

static void enqueue_locked(struct net_sock *s)
{
	if (s->queued)
		return;
	s->queued = true;
	s->next = NULL;
	if (ready_tail)
		ready_tail->next = s;
	else
		ready_head = s;
	ready_tail = s;
}

/* On usrsctp's threads: queue the socket, wake the program if it sleeps. */
static void upcall(struct socket *so, void *arg, int flags)
{
	struct net_sock *s = arg;

	pthread_mutex_lock(&lock);
	n_upcalls++;
	enqueue_locked(s);
	if (sleeping) {
		sleeping = false;  /* one signal per sleep is enough */
		n_signals++;
		pthread_cond_signal(&wake);
	}
	pthread_mutex_unlock(&lock);
}

static void quiet_upcall(struct socket *so, void *arg, int flags)
{
}

static void dequeue(struct net_sock *s)
{
	struct net_sock **p;

	pthread_mutex_lock(&lock);
	if (s->queued) {
		for (p = &ready_head; *p && *p != s; p = &(*p)->next)
			;
		if (*p) {
			*p = s->next;
			if (ready_tail == s) {
				ready_tail = ready_head;
				while (ready_tail && ready_tail->next)
					ready_tail = ready_tail->next;
			}
		}
		s->queued = false;
	}
	pthread_mutex_unlock(&lock);
}

static unsigned events_of(struct net_sock *s)
{
	int e = usrsctp_get_events(s->so);
	unsigned out = 0;

	if (e < 0)
		return NET_ERR;
	if (e & SCTP_EVENT_READ)
		out |= NET_IN;
	if (e & SCTP_EVENT_WRITE)
		out |= NET_OUT;
	if (e & SCTP_EVENT_ERROR)
		out |= NET_ERR;
	return out;
}

/* ---- closing ----------------------------------------------------------- */

static bool has_association(struct socket *so)
{
	struct sctp_status st;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	return usrsctp_getsockopt(so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) == 0;
}

static void release(struct net_sock *s)
{
	usrsctp_set_upcall(s->so, quiet_upcall, NULL);
	dequeue(s);
	usrsctp_close(s->so);
	free(s);
}

/* Close what has no association left; all of them, or just s. */
static void closing_check(struct net_sock *only)
{
	struct net_sock **p = &closing;

	if (!only)
		clock_gettime(CLOCK_MONOTONIC, &closing_checked);
	while (*p) {
		struct net_sock *s = *p;

		if ((!only || s == only) && !has_association(s->so)) {
			*p = s->cnext;
			release(s);
			continue;
		}
		p = &s->cnext;
	}
}

static void abort_association(struct socket *so)
{
	static const char empty[1];
	struct sctp_sndinfo snd;

	memset(&snd, 0, sizeof snd);
	snd.snd_flags = SCTP_ABORT;
	usrsctp_sendv(so, empty, 0, NULL, 0, &snd, sizeof snd, SCTP_SENDV_SNDINFO, 0);
}

/* ---- the interface ----------------------------------------------------- */

int net_init(const struct net_options *opt)
{
	pthread_condattr_t ca;

	options = *opt;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&wake, &ca);
	pthread_condattr_destroy(&ca);
	usrsctp_init(opt->udp_port, NULL, NULL);
	set_stack_defaults();
	return 0;
}

/* SCTPBENCH_STATS=1: what the stack did, on stderr, to tell a slow run's
 * retransmission timeouts (packet loss) from a slow program. */
static void print_stats(void)
{
	struct sctpstat st;

	memset(&st, 0, sizeof st);
	usrsctp_get_stat(&st);
	fprintf(stderr, "usrsctp: packets out %u in %u, retransmitted DATA %u (fast %u), "
		"T3 timeouts %u, SACK timeouts %u, duplicate DATA in %u; upcalls %lu, "
		"wake-ups %lu, looks without an event %lu\n",
		st.sctps_sendpackets, st.sctps_recvpackets, st.sctps_sendretransdata,
		st.sctps_sendfastretrans, st.sctps_timodata, st.sctps_timosack,
		st.sctps_recvdupdata, n_upcalls, n_signals, n_idle_looks);
}

void net_finish(void)
{
	struct timespec start, pause = { .tv_nsec = 10 * 1000 * 1000 };

	if (getenv("SCTPBENCH_STATS"))
		print_stats();
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (closing && ms_since(&start) < FINISH_WAIT_MS) {
		closing_check(NULL);
		if (closing)
			nanosleep(&pause, NULL);
	}
	for (struct net_sock *s = closing; s; s = s->cnext)
		abort_association(s->so);
	while (closing) {
		struct net_sock *s = closing;

		closing = s->cnext;
		release(s);
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (usrsctp_finish() != 0 && ms_since(&start) < FINISH_WAIT_MS)
		nanosleep(&pause, NULL);
}

static int configure(struct net_sock *s)
{
	struct sctp_udpencaps encaps;

	if (usrsctp_set_non_blocking(s->so, 1) < 0)
		return -errno;
	/* as sctpshimd: never interleave pieces of two messages */
	set_int(s->so, IPPROTO_SCTP, SCTP_FRAGMENT_INTERLEAVE, 0);
	memset(&encaps, 0, sizeof encaps);
	encaps.sue_address.ss_family = AF_INET;
	encaps.sue_port = htons(options.peer_udp_port);
	if (usrsctp_setsockopt(s->so, IPPROTO_SCTP, SCTP_REMOTE_UDP_ENCAPS_PORT,
			       &encaps, sizeof encaps) < 0)
		return -errno;
	set_buffers(s->so);
	usrsctp_set_upcall(s->so, upcall, s);
	return 0;
}

static int wrap(struct socket *so, struct net_sock **out)
{
	struct net_sock *s = calloc(1, sizeof *s);
	int err;

	if (!s) {
		usrsctp_close(so);
		return -ENOMEM;
	}
	s->so = so;
	err = configure(s);
	if (err < 0) {
		usrsctp_set_upcall(so, quiet_upcall, NULL);
		usrsctp_close(so);
		free(s);
		return err;
	}
	*out = s;
	return 0;
}

int net_socket(int family, struct net_sock **out)
{
	struct socket *so = usrsctp_socket(family, SOCK_STREAM, IPPROTO_SCTP, NULL, NULL, 0, NULL);

	if (!so)
		return errno ? -errno : -ENOBUFS;
	return wrap(so, out);
}

int net_bind(struct net_sock *s, const struct sockaddr *sa, socklen_t len)
{
	set_int(s->so, SOL_SOCKET, SO_REUSEADDR, 1);  /* as net_linux.c */
	return usrsctp_bind(s->so, (struct sockaddr *)sa, (int)len) < 0 ? -errno : 0;
}

int net_listen(struct net_sock *s, int backlog)
{
	return usrsctp_listen(s->so, backlog) < 0 ? -errno : 0;
}

int net_accept(struct net_sock *l, struct net_sock **out)
{
	struct socket *so = usrsctp_accept(l->so, NULL, NULL);
	int err;

	if (!so)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	/* The upcall is per socket (not inherited); set it, then look once:
	 * data may have come before. */
	err = wrap(so, out);
	if (err == 0) {
		pthread_mutex_lock(&lock);
		enqueue_locked(*out);
		pthread_mutex_unlock(&lock);
	}
	return err;
}

int net_connect(struct net_sock *s, const struct sockaddr *sa, socklen_t len)
{
	if (usrsctp_connect(s->so, (struct sockaddr *)sa, (int)len) == 0)
		return 0;
	return -errno;
}

int net_connected(struct net_sock *s, unsigned events)
{
	struct sctp_status st;
	socklen_t len = sizeof st;

	memset(&st, 0, sizeof st);
	if (usrsctp_getsockopt(s->so, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return -ECONNREFUSED;  /* the association failed and is gone */
	if (st.sstat_state == SCTP_COOKIE_WAIT || st.sstat_state == SCTP_COOKIE_ECHOED)
		return -EINPROGRESS;
	return st.sstat_state == SCTP_ESTABLISHED ? 0 : -ECONNRESET;
}

int net_set_nodelay(struct net_sock *s, bool on)
{
	return set_int(s->so, IPPROTO_SCTP, SCTP_NODELAY, on);
}

ssize_t net_send(struct net_sock *s, const void *buf, size_t len)
{
	ssize_t n = usrsctp_sendv(s->so, buf, len, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0);

	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	return n;
}

ssize_t net_recv(struct net_sock *s, void *buf, size_t cap, bool *eor)
{
	for (;;) {
		socklen_t infolen = 0;
		unsigned infotype = 0;
		int flags = 0;
		ssize_t n = usrsctp_recvv(s->so, buf, cap, NULL, NULL, NULL, &infolen,
					  &infotype, &flags);

		if (n < 0)
			return errno == EWOULDBLOCK ? -EAGAIN : -errno;
		if (n > 0 && (flags & MSG_NOTIFICATION))
			continue;  /* none is subscribed; skip any all the same */
		*eor = (flags & MSG_EOR) != 0;
		return n;
	}
}

void net_close(struct net_sock *s)
{
	if (!s)
		return;
	s->interest = 0;
	s->closing = true;
	if (!has_association(s->so)) {
		release(s);  /* a listener, or never connected, or already gone */
		return;
	}
	usrsctp_shutdown(s->so, SHUT_WR);
	s->cnext = closing;
	closing = s;
}

int net_watch(struct net_sock *s, unsigned interest, void *udata)
{
	bool look = interest & ~s->interest;

	s->interest = interest;
	s->udata = udata;
	/* as EPOLL_CTL_MOD does: a new interest is checked at once */
	if (look) {
		pthread_mutex_lock(&lock);
		enqueue_locked(s);
		pthread_mutex_unlock(&lock);
	}
	return 0;
}

int net_wait(struct net_event *ev, int max, int timeout_ms)
{
	struct net_sock *picked[256];
	struct timespec until;
	int n = 0, count = 0;

	if (max > (int)(sizeof picked / sizeof *picked))
		max = (int)(sizeof picked / sizeof *picked);
	if (closing && ms_since(&closing_checked) >= CLOSING_RECHECK_MS)
		closing_check(NULL);
	if (closing && (timeout_ms < 0 || timeout_ms > CLOSING_RECHECK_MS))
		timeout_ms = CLOSING_RECHECK_MS;

	pthread_mutex_lock(&lock);
	if (!ready_head && timeout_ms != 0) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		if (timeout_ms > 0) {
			until.tv_sec += timeout_ms / 1000;
			until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
			if (until.tv_nsec >= 1000000000) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000;
			}
		}
		while (!ready_head) {
			int r;

			sleeping = true;
			r = timeout_ms > 0 ? pthread_cond_timedwait(&wake, &lock, &until)
					   : pthread_cond_wait(&wake, &lock);
			sleeping = false;
			if (r == ETIMEDOUT)
				break;
		}
	}
	/* Take up to max off the queue while the lock is held: once a
	 * socket's flag is clear, an upcall may queue it again. */
	while (ready_head && count < max) {
		struct net_sock *s = ready_head;

		ready_head = s->next;
		s->queued = false;
		picked[count++] = s;
	}
	if (!ready_head)
		ready_tail = NULL;
	pthread_mutex_unlock(&lock);

	for (int i = 0; i < count; i++) {
		struct net_sock *s = picked[i];
		unsigned e;

		if (s->closing) {
			closing_check(s);
			continue;
		}
		if (!s->interest)
			continue;
		e = events_of(s) & (s->interest | NET_ERR);
		if (e) {
			ev[n].udata = s->udata;
			ev[n].events = e;
			n++;
		} else {
			n_idle_looks++;
		}
	}
	return n;
}
