/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "daemon/endpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/client.h"
#include "daemon/daemon.h"
#include "daemon/ended.h"
#include "daemon/engine.h"
#include "daemon/log.h"
#include "daemon/ready.h"
#include "wire/wire.h"

/* Sorted by id (ids only grow), so lookups are a binary search. */
static struct endpoint **table;
static size_t n_table, cap_table;
static uint32_t last_id;
static struct endpoint *graveyard;

static void chan_event(struct loop_source *src, uint32_t events);
static void ended_progress(struct endpoint *ep);

int endpoints_init(void)
{
	return 0;
}

size_t endpoints_count(void)
{
	return n_table;
}

static size_t find_slot(uint32_t id)
{
	size_t lo = 0, hi = n_table;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (table[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct endpoint *endpoint_lookup(uint32_t id)
{
	size_t i = find_slot(id);

	return i < n_table && table[i]->id == id ? table[i] : NULL;
}

void endpoints_foreach(void (*fn)(struct endpoint *ep, void *arg), void *arg)
{
	/* fn may close endpoints: walk a snapshot of the ids. */
	size_t n = n_table;
	uint32_t *ids = malloc((n ? n : 1) * sizeof *ids);

	if (!ids)
		return;
	for (size_t i = 0; i < n; i++)
		ids[i] = table[i]->id;
	for (size_t i = 0; i < n; i++) {
		struct endpoint *ep = endpoint_lookup(ids[i]);

		if (ep)
			fn(ep, arg);
	}
	free(ids);
}

static int table_insert(struct endpoint *ep)
{
	if (n_table == cap_table) {
		size_t cap = cap_table ? cap_table * 2 : 16;
		struct endpoint **t = realloc(table, cap * sizeof *t);

		if (!t)
			return -ENOMEM;
		table = t;
		cap_table = cap;
	}
	table[n_table++] = ep; /* ids grow, so the end is the right place */
	return 0;
}

static void table_remove(struct endpoint *ep)
{
	size_t i = find_slot(ep->id);

	if (i < n_table && table[i] == ep) {
		memmove(&table[i], &table[i + 1], (n_table - i - 1) * sizeof *table);
		n_table--;
	}
}

static void partial_free(struct partial *p)
{
	free(p->buf);
	p->buf = NULL;
	p->len = p->cap = 0;
}

/* Take the first record off the output queue and free it. */
static void outq_drop_first(struct endpoint *ep)
{
	struct out_rec *r = ep->outq;

	ep->outq = r->next;
	if (!ep->outq)
		ep->outq_tail = &ep->outq;
	ep->outq_len--;
	if (r->pass_fd >= 0)
		close(r->pass_fd);
	free(r);
}

static void outq_clear(struct endpoint *ep)
{
	while (ep->outq)
		outq_drop_first(ep);
}

static void endpoint_free(struct endpoint *ep)
{
	outq_clear(ep);
	for (unsigned i = 0; i < ep->n_partials; i++)
		partial_free(&ep->partials[i]);
	free(ep->partials);
	partial_free(&ep->held);
	free(ep->notif_buf);
	free(ep->assoc_events);
	engine_renew_free(ep);
	free(ep);
}

void endpoints_reap(void)
{
	while (graveyard) {
		struct endpoint *ep = graveyard;

		graveyard = ep->next_dead;
		endpoint_free(ep);
	}
}

void endpoint_close(struct endpoint *ep, bool abortive)
{
	if (ep->dead)
		return;
	ep->dead = true;
	log_debug("endpoint %u closed%s", ep->id, abortive ? " (abort)" : "");
	if (!ep->program_eof && !ep->program_gone)
		ended_error_keep(ep->id, ep->inode, ep->so_error);  /* still held */
	if (ep->refused > 1)
		log_info("endpoint %u (pid %d): %u more message(s) were refused", ep->id,
			 (int)ep->owner_pid, ep->refused - 1);
	loop_remove(&shimd.loop, &ep->chan);
	if (ep->chan.fd >= 0)
		close(ep->chan.fd);
	ep->chan.fd = -1;
	engine_socket_close(ep, abortive);
	if (ep->waiting_client)
		client_deferred_reply(ep->waiting_client, ECONNABORTED, NULL, 0);
	ep->waiting_client = 0;
	table_remove(ep);
	ep->next_dead = graveyard;
	graveyard = ep;
	clients_linger_check(ep->id);  /* gone, unless its associations still end */
}

void endpoints_deinit(void)
{
	while (n_table)
		endpoint_close(table[n_table - 1], false);
	endpoints_reap();
	free(table);
	table = NULL;
	cap_table = 0;
}

static int bind_program_end(int fd, uint32_t id, uint16_t family, uint16_t style)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int n = snprintf(sun.sun_path + 1, sizeof sun.sun_path - 1, "%s%s/%u/%u/%u",
			 SHIM_EP_PREFIX, shimd.instance, id, family, style);
	socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + n;

	return bind(fd, (struct sockaddr *)&sun, len) < 0 ? -errno : 0;
}

int endpoint_create(uint16_t family, uint16_t style, pid_t owner,
		    struct socket *so, struct endpoint **out, int *program_fd)
{
	struct endpoint *ep;
	struct stat st;
	int sv[2], err, sndbuf = 0;
	socklen_t optlen = sizeof sndbuf;

	if (family != AF_INET && family != AF_INET6)
		err = -EAFNOSUPPORT;
	else if (style != SHIM_STYLE_ONE_TO_ONE && style != SHIM_STYLE_ONE_TO_MANY)
		err = -ESOCKTNOSUPPORT;
	else if (!(ep = calloc(1, sizeof *ep)))
		err = -ENOMEM;
	else if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		err = -errno;
		free(ep);
	} else
		err = 0;
	if (err < 0) {
		if (so)
			engine_socket_discard(so);
		return err;
	}
	ep->id = ++last_id;
	ep->family = family;
	ep->style = style;
	ep->owner_pid = owner;
	ep->outq_tail = &ep->outq;
	ep->events_mask = 0;
	loop_source_init(&ep->chan, sv[0], chan_event, ep);
	if (fcntl(sv[0], F_SETFL, O_NONBLOCK) < 0
	    || (err = bind_program_end(sv[1], ep->id, family, style)) < 0
	    || fstat(sv[1], &st) < 0) {
		err = err < 0 ? err : -errno;
		if (so)
			engine_socket_discard(so);
		goto fail_fds;
	}
	ep->inode = st.st_ino;
	/* The program's end decides how big a message may be (design.md). */
	if (getsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sndbuf, &optlen) < 0 || sndbuf <= 0)
		sndbuf = 212992;
	ep->sndbuf = (uint32_t)sndbuf;
	err = engine_socket_open(ep, so);
	if (err < 0)
		goto fail_fds;
	err = table_insert(ep);
	if (err < 0) {
		engine_socket_close(ep, true);
		goto fail_fds;
	}
	endpoint_update_events(ep);
	shimd.stats.endpoints++;
	*out = ep;
	*program_fd = sv[1];
	return 0;

fail_fds:
	close(sv[0]);
	close(sv[1]);
	free(ep);
	return err;
}

/* "sctpshim-ep/<instance>/<id>/<family>/<style>" */
int endpoint_from_fd(int fd, struct endpoint **out)
{
	struct sockaddr_un sun;
	socklen_t len = sizeof sun;
	char name[sizeof sun.sun_path + 1], inst[16];
	unsigned id, family, style;
	size_t prefix = strlen(SHIM_EP_PREFIX), name_len;
	struct endpoint *ep;
	struct stat st;

	memset(&sun, 0, sizeof sun);
	if (getsockname(fd, (struct sockaddr *)&sun, &len) < 0)
		return -ENOTSOCK;
	if (sun.sun_family != AF_UNIX || len <= offsetof(struct sockaddr_un, sun_path) + 1
	    || sun.sun_path[0] != '\0')
		return -ENOTSOCK;
	name_len = len - offsetof(struct sockaddr_un, sun_path) - 1;
	memcpy(name, sun.sun_path + 1, name_len);
	name[name_len] = '\0';
	if (strncmp(name, SHIM_EP_PREFIX, prefix) != 0
	    || sscanf(name + prefix, "%8[0-9a-f]/%u/%u/%u", inst, &id, &family, &style) != 4)
		return -ENOTSOCK;
	/* A socket from an earlier daemon run is ours, but long gone. */
	if (strcmp(inst, shimd.instance) != 0)
		return -ENOTCONN;
	ep = endpoint_lookup(id);
	if (!ep || ep->dead)
		return -ENOTCONN;
	if (fstat(fd, &st) < 0 || st.st_ino != ep->inode)
		return -ENOTSOCK;
	*out = ep;
	return 0;
}

/* ---- towards the program ------------------------------------------------ */

/*
 * A blocking one-to-one connect waits for SHIM_CONNECTED and drops every
 * other record it reads meanwhile, so until the outcome is known records
 * are held in the queue (not written), and SHIM_CONNECTED goes in front of
 * them.  usrsctp must still be read then, or COMM_UP would never be seen;
 * what precedes it in usrsctp's queue is a few notifications at most (the
 * peer cannot send data before the association is up).
 */
static bool holding_output(const struct endpoint *ep)
{
	return ep->blocking_connect && !ep->program_gone;
}

bool endpoint_can_deliver(const struct endpoint *ep)
{
	/* One queued record is enough to stop: the channel is full, and the
	 * receive window should close rather than our memory grow. */
	return !ep->dead && (ep->outq_len == 0 || holding_output(ep));
}

static int queue_record(struct endpoint *ep, const struct iovec *iov, int iovcnt, int pass_fd,
			bool in_front)
{
	size_t len = 0, off = 0;
	struct out_rec *r;

	for (int i = 0; i < iovcnt; i++)
		len += iov[i].iov_len;
	r = malloc(sizeof *r + len);
	if (!r)
		return -ENOMEM;
	for (int i = 0; i < iovcnt; i++) {
		memcpy(r->data + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	r->len = len;
	r->pass_fd = pass_fd;
	if (in_front) {
		r->next = ep->outq;
		ep->outq = r;
		if (!r->next)
			ep->outq_tail = &r->next;
	} else {
		r->next = NULL;
		*ep->outq_tail = r;
		ep->outq_tail = &r->next;
	}
	ep->outq_len++;
	return 0;
}

static void program_gone(struct endpoint *ep)
{
	/* after shutdown(SHUT_RD) writes fail on purpose (the channel's
	 * write side is shut, see engine_shutdown): what we would have
	 * written is dropped, as Linux drops it; a close still shows as EOF */
	if (ep->shut_rd)
		return;
	if (!ep->program_gone)
		log_debug("endpoint %u: program end closed", ep->id);
	ep->program_gone = true;
}

/* The kernel could not take a record this large now: its skb needs memory
 * in one piece (high-order pages, which fragmentation can deny). */
static bool record_too_big_now(ssize_t err)
{
	return err == -ENOBUFS || err == -ENOMEM || err == -EMSGSIZE;
}

/*
 * Replace the first queued record, a large SHIM_DATA one the kernel would
 * not take, by pieces of at most SHIM_DATA_CHUNK payload bytes, as records
 * were before they carried whole messages: one reader still joins them,
 * only several processes reading at once may each get a part.  Returns
 * false when it cannot be split.
 */
static bool split_first(struct endpoint *ep)
{
	const size_t head = sizeof(struct shim_hdr) + sizeof(struct shim_msginfo);
	struct out_rec *big = ep->outq, *first = NULL, **tail = &first;
	struct shim_msginfo mi;
	struct shim_hdr h;
	size_t off, count = 0;

	memcpy(&h, big->data, sizeof h);
	if (h.type != SHIM_DATA || big->len <= SHIM_DATA_MAX || big->pass_fd >= 0)
		return false;
	memcpy(&mi, big->data + sizeof h, sizeof mi);
	for (off = head; off < big->len; off += SHIM_DATA_CHUNK) {
		size_t take = big->len - off < SHIM_DATA_CHUNK ? big->len - off : SHIM_DATA_CHUNK;
		bool last = off + take == big->len;
		struct shim_msginfo piece = mi;
		struct out_rec *r = malloc(sizeof *r + head + take);

		if (!r) {
			while (first) {
				r = first->next;
				free(first);
				first = r;
			}
			return false;
		}
		if (!last) {
			piece.flags &= (uint16_t)~(SHIM_MSG_EOR | SHIM_MSG_HAS_NEXT);
			piece.flags |= SHIM_MSG_MORE;
		}
		shim_hdr_init(&h, SHIM_DATA, (uint32_t)(head + take), 0);
		memcpy(r->data, &h, sizeof h);
		memcpy(r->data + sizeof h, &piece, sizeof piece);
		memcpy(r->data + head, big->data + off, take);
		r->len = head + take;
		r->pass_fd = -1;
		r->next = NULL;
		*tail = r;
		tail = &r->next;
		count++;
	}
	*tail = big->next;
	if (!big->next)
		ep->outq_tail = tail;
	ep->outq = first;
	ep->outq_len += count - 1;
	free(big);
	return true;
}

static bool flush_outq(struct endpoint *ep);

int endpoint_emit(struct endpoint *ep, const struct iovec *iov, int iovcnt, int pass_fd)
{
	ssize_t r = 0;
	int err;

	if (ep->dead || ep->program_gone) {
		if (pass_fd >= 0)
			close(pass_fd);
		return ep->dead ? -EBADF : -EPIPE;
	}
	if (ep->outq_len == 0 && !holding_output(ep)) {
		r = shim_send_record(ep->chan.fd, iov, iovcnt, pass_fd, MSG_DONTWAIT);
		if (r >= 0) {
			if (pass_fd >= 0)
				close(pass_fd);
			return 0;
		}
		if (r != -EAGAIN && !record_too_big_now(r)) {
			program_gone(ep);
			if (pass_fd >= 0)
				close(pass_fd);
			return (int)r;
		}
	}
	err = queue_record(ep, iov, iovcnt, pass_fd, false);
	if (err < 0) {
		if (pass_fd >= 0)
			close(pass_fd);
		return err;
	}
	if (record_too_big_now(r))
		flush_outq(ep);  /* it is first: its pieces go now (split_first) */
	endpoint_update_events(ep);
	return 0;
}

int endpoint_emit_simple(struct endpoint *ep, uint16_t type, const void *body, size_t len)
{
	struct shim_hdr h;
	struct iovec iov[2] = {
		{ .iov_base = &h, .iov_len = sizeof h },
		{ .iov_base = (void *)body, .iov_len = len },
	};

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + len), 0);
	return endpoint_emit(ep, iov, 2, -1);
}

/* Returns true when the queue is empty. */
static bool flush_outq(struct endpoint *ep)
{
	if (holding_output(ep))
		return !ep->outq;
	while (ep->outq && !ep->program_gone) {
		struct out_rec *r = ep->outq;
		struct iovec iov = { .iov_base = r->data, .iov_len = r->len };
		ssize_t n = shim_send_record(ep->chan.fd, &iov, 1, r->pass_fd, MSG_DONTWAIT);

		if (n == -EAGAIN)
			return false;
		if (record_too_big_now(n) && split_first(ep))
			continue;
		if (n < 0)
			program_gone(ep);
		outq_drop_first(ep);
	}
	if (ep->program_gone)
		outq_clear(ep);
	else if (ep->shut_rd)
		shutdown(ep->chan.fd, SHUT_WR);  /* what was queued is read first */
	return true;
}

/* ---- from the program --------------------------------------------------- */

/* After a one-to-one association failed the channel is still read, to
 * report what the program sent before (endpoint_assoc_failing shut it for
 * reading: that much and no more). */
static bool want_channel_input(const struct endpoint *ep)
{
	return !ep->has_held && !ep->nb_connecting && !ep->program_eof && !ep->input_finished
	       && (ep->state != EP_ENDED || ep->draining_unsent);
}

/* The events that say the program closed its end.  After its
 * shutdown(SHUT_WR) our end is shut for receiving (EPOLLRDHUP) by our own
 * doing: only the hang-up counts then. */
static uint32_t closed_events(const struct endpoint *ep)
{
	return ep->shut_wr ? EPOLLHUP : EPOLLRDHUP | EPOLLHUP;
}

static bool program_hung_up_now(const struct endpoint *ep)
{
	struct pollfd p = { .fd = ep->chan.fd, .events = POLLRDHUP };

	return poll(&p, 1, 0) == 1 && (p.revents & closed_events(ep));
}

void endpoint_update_events(struct endpoint *ep)
{
	uint32_t events = 0;
	int err;

	if (ep->dead)
		return;
	if (want_channel_input(ep))
		events |= EPOLLIN;
	else if ((ep->has_held || ep->nb_connecting) && !ep->program_hup && !ep->program_eof
		 && !ep->shut_wr)
		events |= EPOLLRDHUP;  /* see program_hung_up, chan_event */
	if (ep->outq_len && !ep->program_gone && !holding_output(ep))
		events |= EPOLLOUT;
	err = loop_set_events(&shimd.loop, &ep->chan, events);
	if (err < 0)
		log_warn("endpoint %u: epoll: %s", ep->id, strerror(-err));
}

static void protocol_error(struct endpoint *ep, const char *why)
{
	log_warn("endpoint %u (pid %d): %s on the data channel; closing it abortively",
		 ep->id, (int)ep->owner_pid, why);
	endpoint_close(ep, true);
}

static struct partial *find_partial(struct endpoint *ep, uint64_t token)
{
	for (unsigned i = 0; i < ep->n_partials; i++)
		if (ep->partials[i].token == token)
			return &ep->partials[i];
	return NULL;
}

static void drop_partial(struct endpoint *ep, struct partial *p)
{
	unsigned i = (unsigned)(p - ep->partials);

	partial_free(p);
	ep->partials[i] = ep->partials[--ep->n_partials];
}

static int append(struct partial *p, const uint8_t *data, size_t len, size_t limit)
{
	if (p->len + len > limit)
		return -EMSGSIZE;
	if (p->len + len > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		uint8_t *b;

		while (cap < p->len + len)
			cap *= 2;
		if (cap > limit)
			cap = limit;
		b = realloc(p->buf, cap);
		if (!b)
			return -ENOMEM;
		p->buf = b;
		p->cap = cap;
	}
	if (len)
		memcpy(p->buf + p->len, data, len);
	p->len += len;
	return 0;
}

/* A one-to-many association that failed lately, or NULL. */
static const struct unsent_report *failed_assoc(const struct endpoint *ep, uint32_t assoc_id)
{
	if (ep->style != SHIM_STYLE_ONE_TO_MANY || !assoc_id)
		return NULL;
	for (unsigned i = 0; i < EP_FAILED_KEPT; i++)
		if (ep->failed[i].assoc_id == assoc_id)
			return &ep->failed[i];
	return NULL;
}

/* usrsctp refused it for good (a stream out of range, the association
 * gone): Linux would have failed the sendmsg, but the program has moved on.
 * The closest we can do is the SEND_FAILED notification; for an
 * association that failed, the one Linux makes of its queue. */
static void count_sent(struct endpoint *ep, const struct shim_msginfo *info,
		       const void *data, size_t len, int err)
{
	const struct unsent_report *u;

	if (err < 0 && (u = failed_assoc(ep, info->assoc_id))) {
		engine_report_unsent(ep, u, info, data, len);
		return;
	}
	if (err < 0) {
		engine_send_refused(ep, info, data, len, -err);
		return;
	}
	shimd.stats.msgs_out++;
	shimd.stats.bytes_out += len;
}

/*
 * usrsctp refuses a message because its association is gone (freed:
 * ENOENT; aborted: ECONNRESET) before the daemon has read why: the
 * COMM_LOST is still in usrsctp's queue.  Linux would have queued the
 * message and reported it after COMM_LOST, so the message is kept and the
 * channel left unread until usrsctp's news is read (endpoint_fail_unsent
 * reports it then; endpoint_service refuses it if nothing says the
 * association failed).
 */
static bool assoc_going(const struct endpoint *ep, const struct shim_msginfo *info, int err)
{
	if (err != -ENOENT && err != -ECONNRESET)
		return false;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE)
		return ep->state == EP_CONNECTED;
	return info->assoc_id && !failed_assoc(ep, info->assoc_id);
}

/* Hand a whole message to usrsctp; keep it if there is no room.  Once
 * the one-to-one association failed nothing is sent (a message with an
 * address would start a new one): it is reported instead. */
static int deliver_message(struct endpoint *ep, struct partial *msg)
{
	int err;

	if (ep->draining_unsent) {
		engine_report_unsent(ep, &ep->unsent, &msg->info, msg->buf, msg->len);
		partial_free(msg);
		return 0;
	}
	err = engine_send(ep, &msg->info, msg->buf, msg->len);

	if (err == -EAGAIN || assoc_going(ep, &msg->info, err)) {
		ep->held = *msg;
		ep->has_held = true;
		ep->held_gone = err != -EAGAIN;
		memset(msg, 0, sizeof *msg);
		return err;
	}
	count_sent(ep, &msg->info, msg->buf, msg->len, err);
	partial_free(msg);
	return err;
}

static int take_data(struct endpoint *ep, const uint8_t *body, size_t len)
{
	struct shim_msginfo info;
	const uint8_t *payload = body + sizeof info;
	size_t n = len - sizeof info;
	struct partial *p, fresh = { 0 };
	int err;

	memcpy(&info, body, sizeof info);
	p = find_partial(ep, info.token);
	if (p && p->info.tsn != info.tsn) {
		/* the thread's previous message, whose cancel never came */
		drop_partial(ep, p);
		p = NULL;
	}
	if (info.flags & SHIM_MSG_CANCEL) {
		if (p)
			drop_partial(ep, p);
		return 0;
	}
	if (!p) {
		if (n > ep->sndbuf)
			return -EMSGSIZE;
		fresh.token = info.token;
		fresh.info = info;
		if (info.flags & SHIM_MSG_EOR) {
			/* the common case, one record one message: copied only
			 * when usrsctp has no room for it yet */
			if (ep->draining_unsent) {
				engine_report_unsent(ep, &ep->unsent, &info, payload, n);
				return 0;
			}
			err = engine_send(ep, &info, payload, n);
			if (err == -EAGAIN || assoc_going(ep, &info, err)) {
				bool gone = err != -EAGAIN;

				if ((err = append(&fresh, payload, n, ep->sndbuf)) < 0)
					return err;
				ep->held = fresh;
				ep->has_held = true;
				ep->held_gone = gone;
				if (gone)
					ready_mark(ep->id);  /* read usrsctp's news */
				return 0;
			}
			count_sent(ep, &info, payload, n, err);
			return 0;
		}
		if (ep->n_partials == EP_MAX_PARTIALS)
			return -ENOBUFS;
		if (!ep->partials) {
			ep->partials = calloc(EP_MAX_PARTIALS, sizeof *ep->partials);
			if (!ep->partials)
				return -ENOMEM;
		}
		p = &ep->partials[ep->n_partials++];
		*p = fresh;
	}
	err = append(p, payload, n, ep->sndbuf);
	if (err < 0)
		return err;
	if (info.flags & SHIM_MSG_EOR) {
		struct partial whole = *p;

		memset(p, 0, sizeof *p);
		drop_partial(ep, p);
		if (deliver_message(ep, &whole) != -EAGAIN && ep->has_held)
			ready_mark(ep->id);  /* read usrsctp's news */
	}
	return 0;
}

static void program_eof(struct endpoint *ep)
{
	ep->program_eof = true;
	log_debug("endpoint %u: program closed its socket", ep->id);
	if (ep->has_held)
		return; /* sent first: see endpoint_service */
	endpoint_close(ep, ep->linger.onoff && ep->linger.linger == 0);
}

/* The library keeps part of a record in process memory and asks, with a
 * NUDGE, for a record that makes its descriptor poll readable.  The answer
 * goes through the normal output path, behind what is queued.  When records
 * are queued already the channel is full, so the descriptor is readable
 * anyway: no answer is needed, and a program that nudges without reading
 * cannot make the queue grow. */
static void answer_nudge(struct endpoint *ep)
{
	if (ep->outq_len == 0)
		endpoint_emit_simple(ep, SHIM_NUDGE, NULL, 0);
}

/*
 * A blocking connect the program stopped waiting for (a signal: EINTR;
 * SO_SNDTIMEO: EINPROGRESS) goes on as a non-blocking one, as on Linux:
 * the library writes the fence then, and finding it first in line turns
 * the connect into one that resolves by POLLOUT and SO_ERROR.  The fence
 * stays unread until then (the channel is not read meanwhile).
 */
static bool blocking_connect_abandoned(struct endpoint *ep)
{
	struct shim_hdr h;
	ssize_t n;

	if (!ep->blocking_connect || ep->state != EP_CONNECTING)
		return false;
	n = recv(ep->chan.fd, &h, sizeof h, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC);
	if (n < (ssize_t)sizeof h || h.magic != SHIM_MAGIC || h.type != SHIM_FENCE)
		return false;
	ep->blocking_connect = false;
	ep->nb_connecting = true;
	ep->fence_pending = true;
	log_debug("endpoint %u: blocking connect abandoned, goes on non-blocking", ep->id);
	return true;
}

/* Records are taken in order: a NUDGE behind a message usrsctp has no room
 * for yet (or written during a non-blocking connect) is answered when
 * reading resumes, not before.  Kept simple on purpose; the remainder it is
 * about stays safe in the library meanwhile. */
static void read_channel(struct endpoint *ep)
{
	static uint8_t buf[SHIM_DATA_MAX];

	while (!ep->dead && want_channel_input(ep)) {
		ssize_t n;
		struct shim_hdr h;
		int err;

		if (blocking_connect_abandoned(ep))
			break;
		n = shim_recv_record(ep->chan.fd, buf, sizeof buf, NULL, MSG_DONTWAIT);

		if (n == -EAGAIN || (n == 0 && ep->rd_shut)) {
			/* all read (0: our end is shut for reading, see
			 * endpoint_assoc_failing, not the program's close); a
			 * message whose rest never came was still being
			 * written: Linux fails such a sendmsg, it reports
			 * nothing of it */
			if (ep->state == EP_ENDED)
				ep->draining_unsent = false;
			break;
		}
		if (n == -ECONNRESET) {
			/* The program closed its end with records unread: the
			 * kernel says so once, then hands over what it still
			 * holds for us, then EOF. */
			program_gone(ep);
			continue;
		}
		if (n == 0 || n == -EPIPE) {
			if (ep->shut_wr && !program_hung_up_now(ep)) {
				/* not a close: the end of what the program sent
				 * before its shutdown(SHUT_WR) */
				ep->input_finished = true;
				engine_send_shutdown(ep);
				break;
			}
			program_eof(ep);
			return;
		}
		if (n == -EMSGSIZE && ep->fence_pending) {
			ep->fence_pending = false; /* a big fence: dropped by the kernel */
			continue;
		}
		if (n < 0) {
			protocol_error(ep, n == -EMSGSIZE ? "oversized record" : strerror((int)-n));
			return;
		}
		if (shim_hdr_check(buf, (size_t)n, SHIM_DATA_MAX) < 0) {
			protocol_error(ep, "malformed record header");
			return;
		}
		memcpy(&h, buf, sizeof h);
		if (h.type == SHIM_FENCE) {
			ep->fence_pending = false;
			continue;
		}
		if (h.type == SHIM_NUDGE && shim_body_check(h.type, buf + sizeof h,
							    (size_t)n - sizeof h) == 0) {
			answer_nudge(ep);
			continue;
		}
		if (h.type != SHIM_DATA
		    || shim_body_check(h.type, buf + sizeof h, (size_t)n - sizeof h) < 0) {
			protocol_error(ep, "unexpected record");
			return;
		}
		err = take_data(ep, buf + sizeof h, (size_t)n - sizeof h);
		if (err < 0) {
			protocol_error(ep, err == -EMSGSIZE ? "message larger than SO_SNDBUF"
				       : err == -ENOBUFS ? "too many partial messages"
				       : strerror(-err));
			return;
		}
	}
	endpoint_update_events(ep);
}

/*
 * The program closed its end while we were not reading the channel
 * (holding a message usrsctp had no room for).  Its close must not wait on
 * the peer: a peer that never reads would keep the endpoint, and its
 * association, forever, with no socket left to close.  On Linux what the
 * program sent sits in the kernel and close() hands it to the association,
 * whose shutdown guard (T5) bounds the wait.  Do the same: usrsctp takes
 * everything now (engine_send grows its buffer for a program that is gone),
 * then the channel is read to its end and the usrsctp socket closed, where
 * usrsctp's own shutdown guard takes over.
 */
static void program_hung_up(struct endpoint *ep)
{
	ep->program_hup = true;
	log_debug("endpoint %u: program closed its socket with data still to send", ep->id);
	endpoint_service(ep);
}

static void chan_event(struct loop_source *src, uint32_t events)
{
	struct endpoint *ep = src->userdata;

	/* after shutdown(SHUT_WR) with everything read, a hang-up is the
	 * close (with SHUT_RD too our end hangs up with nothing more to pass
	 * either way: taken as the close, its association already ending) */
	if ((events & EPOLLHUP) && ep->input_finished && !ep->program_eof) {
		program_eof(ep);
		return;
	}
	if ((events & closed_events(ep)) && !ep->program_hup && ep->has_held) {
		program_hung_up(ep);
		if (ep->dead)
			return;
	}
	/* The channel is not read during a non-blocking connect: a program
	 * that closes meanwhile is seen by its hang-up, not by an EOF. */
	if ((events & (EPOLLRDHUP | EPOLLHUP)) && ep->nb_connecting && !ep->has_held
	    && !ep->program_eof) {
		program_eof(ep);
		return;
	}
	if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
		if (flush_outq(ep))
			endpoint_service(ep);
		if (ep->dead)
			return;
	}
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
		read_channel(ep);
	if (!ep->dead && ep->state == EP_ENDED)
		ended_progress(ep);
	if (!ep->dead)
		endpoint_update_events(ep);
}

/*
 * A bind that finds its port taken may have come before the close that
 * freed it: the program closed the holder, then bound again, and the close
 * (the hang-up of the holder's channel) still waits in the loop behind
 * the bind (on the control channel).  On Linux the close came first.  So
 * take such hang-ups now; true if one was taken.
 */
struct pending_close_probe {
	uint16_t port;
	const struct endpoint *except;
	bool took;
};

static void take_pending_close(struct endpoint *ep, void *arg)
{
	struct pending_close_probe *p = arg;
	struct pollfd pfd = { .fd = ep->chan.fd, .events = POLLIN | POLLRDHUP };
	uint32_t events = 0;

	if (ep == p->except || ep->dead || !ep->bound || ep->bound_addr.port != p->port
	    || ep->program_eof || !ep->chan.events)
		return;
	if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & (POLLHUP | POLLRDHUP)))
		return;
	events |= (pfd.revents & POLLIN) ? EPOLLIN : 0;
	events |= (pfd.revents & POLLRDHUP) ? EPOLLRDHUP : 0;
	events |= (pfd.revents & POLLHUP) ? EPOLLHUP : 0;
	events |= (pfd.revents & POLLERR) ? EPOLLERR : 0;
	chan_event(&ep->chan, events);
	p->took = true;
}

bool endpoints_take_pending_closes(uint16_t port, const struct endpoint *except)
{
	struct pending_close_probe probe = { .port = port, .except = except };

	if (port)
		endpoints_foreach(take_pending_close, &probe);
	return probe.took;
}

/* ---- state changes -------------------------------------------------------- */

/* The held message went (or was reported): the program's close waited
 * for it, or reading resumes. */
static void held_done(struct endpoint *ep)
{
	if (ep->program_eof) {
		endpoint_close(ep, ep->linger.onoff && ep->linger.linger == 0);
		return;
	}
	read_channel(ep);
}

/* A message kept because usrsctp said its association was gone: once
 * usrsctp's news is all read, a failure reported it (endpoint_fail_unsent);
 * if none did, it is refused as any other. */
static void held_gone_settle(struct endpoint *ep)
{
	struct partial msg = ep->held;

	ep->has_held = false;
	ep->held_gone = false;
	memset(&ep->held, 0, sizeof ep->held);
	count_sent(ep, &msg.info, msg.buf, msg.len, -ENOENT);
	partial_free(&msg);
	held_done(ep);
}

void endpoint_service(struct endpoint *ep)
{
	if (ep->dead)
		return;
	if (ep->has_held && !ep->held_gone) {
		struct partial msg = ep->held;

		ep->has_held = false;
		memset(&ep->held, 0, sizeof ep->held);
		deliver_message(ep, &msg);
		if (!ep->has_held) {
			held_done(ep);
			if (ep->dead)
				return;
		}
	}
	if (endpoint_can_deliver(ep))
		engine_service(ep);
	if (ep->dead)
		return;
	if (ep->program_eof && !ep->has_held) {
		/* a failure reported the message its close waited for */
		endpoint_close(ep, ep->linger.onoff && ep->linger.linger == 0);
		return;
	}
	/* usrsctp read to the end (nothing stopped the reading)? */
	if (ep->has_held && ep->held_gone && endpoint_can_deliver(ep)) {
		held_gone_settle(ep);
		if (ep->dead)
			return;
	}
	if (ep->state == EP_ENDED) {
		if (want_channel_input(ep))
			read_channel(ep);  /* reports what the program sent */
		if (!ep->dead)
			ended_progress(ep);
		if (ep->dead)
			return;
	}
	endpoint_update_events(ep);
}

void endpoint_input_shut(struct endpoint *ep)
{
	read_channel(ep);
}

/* The one-to-one association is over.  Once what the program sent is
 * reported, the error goes behind it (Linux's recvmsg returns sk_err when
 * its queue is empty); once everything is handed over the program reads
 * it, then EOF. */
static void ended_progress(struct endpoint *ep)
{
	if (ep->draining_unsent)
		return;
	if (ep->end_error) {
		struct shim_error e = { .error = ep->end_error };

		ep->end_error = 0;
		endpoint_emit_simple(ep, SHIM_ERROR, &e, sizeof e);
	}
	if (ep->outq_len == 0)
		endpoint_close(ep, false);
}

void endpoint_connect_resolved(struct endpoint *ep, uint32_t assoc_id, int error)
{
	/* the program shut the socket down while this was being set up
	 * (engine_shutdown): it was resolved then; one that comes up after
	 * all is not the program's */
	if (ep->setup_cancelled && ep->state != EP_CONNECTING && assoc_id == ep->assoc_id) {
		if (!error)
			engine_cancel_setup(ep);  /* came up after all: aborted */
		else if (ep->state == EP_CONNECTED)
			endpoint_assoc_ended(ep, 0);  /* SHUT_RDWR: the socket ends with it */
		return;
	}
	/* a one-to-many blocking connect, or one whose association was
	 * peeled off while it waited (engine_peeloff.c) */
	if (ep->waiting_client && ep->waiting_assoc == assoc_id) {
		client_deferred_reply(ep->waiting_client, error, &assoc_id,
				      error ? 0 : sizeof assoc_id);
		ep->waiting_client = 0;
	}
	if (ep->style == SHIM_STYLE_ONE_TO_MANY)
		return;
	if (ep->state == EP_IDLE && !error) {
		/* set up implicitly, by a send with an address (Linux allows
		 * that on an unconnected one-to-one socket too) */
		ep->state = EP_CONNECTED;
		ep->assoc_id = assoc_id;
		return;
	}
	if (ep->state != EP_CONNECTING)
		return;
	ep->state = error ? EP_IDLE : EP_CONNECTED;
	if (!error) {
		ep->assoc_id = assoc_id;
		engine_renew_free(ep);  /* connected: it never connects again */
	} else {
		ep->connect_failed = true;  /* Linux may connect again (engine_renew.c) */
	}
	if (ep->blocking_connect) {
		struct shim_connected c = { .error = error, .assoc_id = assoc_id };
		struct shim_hdr h;
		struct iovec iov[2] = {
			{ .iov_base = &h, .iov_len = sizeof h },
			{ .iov_base = &c, .iov_len = sizeof c },
		};

		ep->blocking_connect = false;
		shim_hdr_init(&h, SHIM_CONNECTED, sizeof h + sizeof c, 0);
		if (!ep->outq || ep->program_gone)
			endpoint_emit(ep, iov, 2, -1);
		else if (queue_record(ep, iov, 2, -1, true) == 0)
			flush_outq(ep);
		else
			endpoint_emit(ep, iov, 2, -1); /* out of memory: late beats never */
		endpoint_update_events(ep);
	}
	if (ep->nb_connecting) {
		ep->nb_connecting = false;
		if (error)
			ep->so_error = error;
		/* reading resumes, which drops the fence and gives POLLOUT */
		read_channel(ep);
	}
}

void endpoint_assoc_ended(struct endpoint *ep, int error)
{
	if (ep->style != SHIM_STYLE_ONE_TO_ONE || ep->state == EP_ENDED)
		return;
	if (ep->setup_cancelled && ep->state == EP_IDLE)
		return;  /* the setup shutdown() cancelled (engine_shutdown) */
	if (ep->state == EP_CONNECTING) {
		endpoint_connect_resolved(ep, ep->assoc_id, error ? error : ECONNREFUSED);
		return;
	}
	/* no COMM_LOST came first (usrsctp's recv failed): report all the same */
	if (error && !ep->draining_unsent)
		endpoint_fail_unsent(ep, ep->assoc_id, 0, &(struct shim_addr){ 0 });
	ep->state = EP_ENDED;
	if (error) {
		/* Linux's sk_err (SCTP_CMD_SET_SK_ERR): SO_ERROR reads it */
		ep->so_error = error;
		ep->end_error = error;
	}
	/* endpoint_service reports, then closes once the queue has drained */
}

void endpoint_assoc_failing(struct endpoint *ep)
{
	if (ep->style != SHIM_STYLE_ONE_TO_ONE || ep->state != EP_CONNECTED || ep->rd_shut
	    || ep->dead || ep->program_gone)
		return;
	/* what it wrote before is still read (and reported), then recv
	 * says 0; our end still writes */
	if (shutdown(ep->chan.fd, SHUT_RD) == 0)
		ep->rd_shut = true;
}

static bool held_for(const struct endpoint *ep, uint32_t assoc_id, const struct shim_addr *addr)
{
	const struct shim_msginfo *i = &ep->held.info;

	if (!ep->has_held)
		return false;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE)
		return true;
	if (i->assoc_id)
		return i->assoc_id == assoc_id;
	/* sent by address: to the association that peer had then */
	return (i->flags & SHIM_MSG_HAS_ADDR) && memcmp(&i->addr, addr, sizeof *addr) == 0;
}

void endpoint_fail_unsent(struct endpoint *ep, uint32_t assoc_id, uint32_t error,
			  const struct shim_addr *addr)
{
	struct unsent_report u = {
		.assoc_id = assoc_id,
		.error = error,
		.events = endpoint_events_of(ep, assoc_id),
		.addr = *addr,
	};

	if (ep->dead)
		return;
	log_debug("endpoint %u: association %u failed (state %d%s)", ep->id, assoc_id, ep->state,
		  ep->has_held ? ", a message held" : "");
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state != EP_CONNECTED || ep->draining_unsent)
			return;  /* a failed setup: the program has sent nothing yet */
		endpoint_assoc_failing(ep);
		ep->unsent = u;
		/* after shutdown(SHUT_WR) everything may be read already */
		ep->draining_unsent = !ep->input_finished;
	} else {
		/* its records still in the channel come back as they are read */
		ep->failed[ep->failed_next] = u;
		ep->failed_next = (ep->failed_next + 1) % EP_FAILED_KEPT;
	}
	if (held_for(ep, assoc_id, addr)) {
		struct partial msg = ep->held;

		ep->has_held = false;
		ep->held_gone = false;
		memset(&ep->held, 0, sizeof ep->held);
		engine_report_unsent(ep, &u, &msg.info, msg.buf, msg.len);
		partial_free(&msg);
		/* the channel is read again (one-to-one: to report the rest;
		 * one-to-many: for the other associations) in endpoint_service */
		endpoint_update_events(ep);
		ready_mark(ep->id);
	}
}

const char *endpoint_state_name(const struct endpoint *ep)
{
	switch (ep->state) {
	case EP_IDLE:       return ep->bound ? "bound" : "idle";
	case EP_LISTENING:  return "listening";
	case EP_CONNECTING: return "connecting";
	case EP_CONNECTED:  return "established";
	case EP_ENDED:      return "closing";
	}
	return "?";
}

/* ---- per-association subscriptions ---------------------------------------- */

/* Index of the first entry whose id is >= assoc_id (the table is sorted). */
static unsigned events_find(const struct endpoint *ep, uint32_t assoc_id)
{
	unsigned lo = 0, hi = ep->n_assoc_events;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (ep->assoc_events[mid].assoc_id < assoc_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool endpoint_events_pinned(const struct endpoint *ep, uint32_t assoc_id)
{
	unsigned i = events_find(ep, assoc_id);

	return i < ep->n_assoc_events && ep->assoc_events[i].assoc_id == assoc_id;
}

uint32_t endpoint_events_of(const struct endpoint *ep, uint32_t assoc_id)
{
	unsigned i = events_find(ep, assoc_id);

	if (i < ep->n_assoc_events && ep->assoc_events[i].assoc_id == assoc_id)
		return ep->assoc_events[i].mask;
	return ep->events_mask;
}

int endpoint_events_reserve(struct endpoint *ep, unsigned n)
{
	struct assoc_events *t;
	size_t want = (size_t)ep->n_assoc_events + n;

	if (want <= ep->cap_assoc_events)
		return 0;
	if (want < 2u * ep->cap_assoc_events)
		want = 2u * ep->cap_assoc_events;
	if (want > UINT_MAX || !(t = realloc(ep->assoc_events, want * sizeof *t)))
		return -ENOMEM;
	ep->assoc_events = t;
	ep->cap_assoc_events = (unsigned)want;
	return 0;
}

static void events_drop(struct endpoint *ep, unsigned i)
{
	memmove(&ep->assoc_events[i], &ep->assoc_events[i + 1],
		(ep->n_assoc_events - i - 1) * sizeof *ep->assoc_events);
	ep->n_assoc_events--;
}

int endpoint_events_set(struct endpoint *ep, uint32_t assoc_id, uint32_t mask)
{
	unsigned i = events_find(ep, assoc_id);
	bool have = i < ep->n_assoc_events && ep->assoc_events[i].assoc_id == assoc_id;

	if (mask == ep->events_mask) {
		if (have)
			events_drop(ep, i);
		return 0;
	}
	if (have) {
		ep->assoc_events[i].mask = mask;
		return 0;
	}
	if (endpoint_events_reserve(ep, 1) < 0)
		return -ENOMEM;
	memmove(&ep->assoc_events[i + 1], &ep->assoc_events[i],
		(ep->n_assoc_events - i) * sizeof *ep->assoc_events);
	ep->assoc_events[i].assoc_id = assoc_id;
	ep->assoc_events[i].mask = mask;
	ep->n_assoc_events++;
	return 0;
}

void endpoint_events_compact(struct endpoint *ep)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < ep->n_assoc_events; i++)
		if (ep->assoc_events[i].mask != ep->events_mask)
			ep->assoc_events[kept++] = ep->assoc_events[i];
	ep->n_assoc_events = kept;
}

void endpoint_events_forget(struct endpoint *ep, uint32_t assoc_id)
{
	unsigned i = events_find(ep, assoc_id);

	if (i < ep->n_assoc_events && ep->assoc_events[i].assoc_id == assoc_id)
		events_drop(ep, i);
}

uint32_t endpoint_events_union(const struct endpoint *ep)
{
	uint32_t all = ep->events_mask;

	for (unsigned i = 0; i < ep->n_assoc_events; i++)
		all |= ep->assoc_events[i].mask;
	return all;
}
