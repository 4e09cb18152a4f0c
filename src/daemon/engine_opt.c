/* SPDX-License-Identifier: MIT */
/* Options and addresses: enum shim_opt -> usrsctp or the endpoint's state. */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/wire.h"

static int u32_in(const void *value, size_t len, uint32_t *out)
{
	if (len != sizeof *out)
		return -EINVAL;
	memcpy(out, value, sizeof *out);
	return 0;
}

static int u32_out(void *value, size_t *len, uint32_t v)
{
	memcpy(value, &v, sizeof v);
	*len = sizeof v;
	return 0;
}

static int sctp_int_set(struct endpoint *ep, int name, const void *value, size_t len)
{
	uint32_t v;
	int iv, err = u32_in(value, len, &v);

	if (err)
		return err;
	iv = (int)v;
	return usrsctp_setsockopt(ep->so, IPPROTO_SCTP, name, &iv, sizeof iv) < 0 ? -errno : 0;
}

static int sctp_int_get(struct endpoint *ep, int name, void *value, size_t *len)
{
	int iv = 0;
	socklen_t l = sizeof iv;

	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, name, &iv, &l) < 0)
		return -errno;
	return u32_out(value, len, (uint32_t)iv);
}

/*
 * IPV6_V6ONLY.  Linux answers ENOPROTOOPT on AF_INET sockets (ip_setsockopt
 * knows no IPPROTO_IPV6 level) and EINVAL once the socket is bound.
 * usrsctp 0.9.5 has no IPPROTO_IPV6 level at all (ENOPROTOOPT for every
 * name) and its AF_INET6 sockets are always dual-stack.  So the daemon
 * reports the truth, 0, and accepts 0; turning it on is refused with
 * ENOPROTOOPT, as a kernel without the option would, rather than claimed
 * and not done.
 */
static int set_v6only(struct endpoint *ep, const void *value, size_t len)
{
	uint32_t v;
	int err;

	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	if ((err = u32_in(value, len, &v)))
		return err;
	if (ep->bound)
		return -EINVAL;
	return v ? -ENOPROTOOPT : 0;
}

static int get_v6only(struct endpoint *ep, void *value, size_t *len)
{
	if (ep->family != AF_INET6)
		return -ENOPROTOOPT;
	return u32_out(value, len, 0);
}

static uint32_t neutral_assoc_state(int32_t s)
{
	switch (s & 0x00ff) {
	case SCTP_COOKIE_WAIT:       return SHIM_STATE_COOKIE_WAIT;
	case SCTP_COOKIE_ECHOED:     return SHIM_STATE_COOKIE_ECHOED;
	case SCTP_ESTABLISHED:       return SHIM_STATE_ESTABLISHED;
	case SCTP_SHUTDOWN_PENDING:  return SHIM_STATE_SHUTDOWN_PENDING;
	case SCTP_SHUTDOWN_SENT:     return SHIM_STATE_SHUTDOWN_SENT;
	case SCTP_SHUTDOWN_RECEIVED: return SHIM_STATE_SHUTDOWN_RECEIVED;
	case SCTP_SHUTDOWN_ACK_SENT: return SHIM_STATE_SHUTDOWN_ACK_SENT;
	default:                     return SHIM_STATE_CLOSED;
	}
}

static uint32_t neutral_path_state(int32_t s)
{
	if (s & SCTP_UNCONFIRMED)
		return SHIM_PATH_UNCONFIRMED;
	if (s & SCTP_ACTIVE)
		return SHIM_PATH_ACTIVE;
	if (s & SCTP_INACTIVE)
		return SHIM_PATH_INACTIVE;
	return SHIM_PATH_UNKNOWN;
}

static int get_status(struct endpoint *ep, uint32_t assoc_id, void *value, size_t *len)
{
	struct sctp_status st;
	struct shim_status out;
	socklen_t l = sizeof st;

	memset(&st, 0, sizeof st);
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state != EP_CONNECTED && ep->state != EP_ENDED)
			return -EINVAL;
		assoc_id = ep->assoc_id;
	}
	st.sstat_assoc_id = assoc_id;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0)
		return -EINVAL;
	memset(&out, 0, sizeof out);
	out.assoc_id = st.sstat_assoc_id;
	out.state = neutral_assoc_state(st.sstat_state);
	out.rwnd = st.sstat_rwnd;
	out.unackdata = st.sstat_unackdata;
	out.penddata = st.sstat_penddata;
	out.instrms = st.sstat_instrms;
	out.outstrms = st.sstat_outstrms;
	out.fragmentation_point = st.sstat_fragmentation_point;
	shim_addr_from_sockaddr(&out.primary.addr,
				(struct sockaddr *)&st.sstat_primary.spinfo_address,
				sizeof st.sstat_primary.spinfo_address);
	out.primary.state = neutral_path_state(st.sstat_primary.spinfo_state);
	out.primary.cwnd = st.sstat_primary.spinfo_cwnd;
	out.primary.srtt = st.sstat_primary.spinfo_srtt;
	out.primary.rto = st.sstat_primary.spinfo_rto;
	out.primary.mtu = st.sstat_primary.spinfo_mtu;
	memcpy(value, &out, sizeof out);
	*len = sizeof out;
	return 0;
}

static int set_buf(struct endpoint *ep, int name, uint32_t *stored, const void *value, size_t len)
{
	uint32_t v;
	int err = u32_in(value, len, &v), cur = 0;
	socklen_t l = sizeof cur;

	if (err)
		return err;
	*stored = v;
	/* usrsctp refuses a whole message bigger than its buffer: never let
	 * it be smaller than what the program was promised. */
	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, name, &cur, &l) < 0 || cur < (int)v) {
		int iv = (int)v;

		/* Linux clamps and never fails this: neither do we */
		usrsctp_setsockopt(ep->so, SOL_SOCKET, name, &iv, sizeof iv);
	}
	return 0;
}

static uint32_t current_buf(struct endpoint *ep, int name, uint32_t stored)
{
	int cur = 0;
	socklen_t l = sizeof cur;

	if (stored)
		return stored;
	if (usrsctp_getsockopt(ep->so, SOL_SOCKET, name, &cur, &l) < 0)
		return 0;
	return (uint32_t)cur;
}

int engine_setopt(struct endpoint *ep, uint32_t opt, uint32_t assoc_id,
		  const void *value, size_t len)
{
	uint32_t v;
	int err;

	switch (opt) {
	case SHIM_OPT_INITMSG: {
		struct shim_initmsg in;
		struct sctp_initmsg im;

		if (len != sizeof in)
			return -EINVAL;
		memcpy(&in, value, sizeof in);
		im.sinit_num_ostreams = in.num_ostreams;
		im.sinit_max_instreams = in.max_instreams;
		im.sinit_max_attempts = in.max_attempts;
		im.sinit_max_init_timeo = in.max_init_timeo;
		return usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof im) < 0
		       ? -errno : 0;
	}
	case SHIM_OPT_NODELAY:
		return sctp_int_set(ep, SCTP_NODELAY, value, len);
	case SHIM_OPT_EVENTS:
		if ((err = u32_in(value, len, &v)))
			return err;
		ep->events_mask = v;
		engine_sync_events(ep);
		return 0;
	case SHIM_OPT_EVENT: {
		struct shim_event ev;

		if (len != sizeof ev)
			return -EINVAL;
		memcpy(&ev, value, sizeof ev);
		if (ev.type >= SHIM_NOTIFY_MAX)
			return -EINVAL;
		if (ev.on)
			ep->events_mask |= 1u << ev.type;
		else
			ep->events_mask &= ~(1u << ev.type);
		engine_sync_events(ep);
		return 0;
	}
	case SHIM_OPT_SNDBUF:
		return set_buf(ep, SO_SNDBUF, &ep->sndbuf, value, len);
	case SHIM_OPT_RCVBUF:
		if ((err = u32_in(value, len, &v)))
			return err;
		/* Linux clamps and never fails this: neither do we */
		engine_set_rcvbuf(ep, v ? v : 1u);
		return 0;
	case SHIM_OPT_LINGER:
		if (len != sizeof ep->linger)
			return -EINVAL;
		memcpy(&ep->linger, value, sizeof ep->linger);
		return 0;
	case SHIM_OPT_REUSEADDR:
		if ((err = u32_in(value, len, &v)))
			return err;
		/* kept for getsockopt; usrsctp has no SO_REUSEADDR */
		ep->reuseaddr = v != 0;
		return 0;
	case SHIM_OPT_RECVRCVINFO:
		if ((err = u32_in(value, len, &v)))
			return err;
		ep->recvrcvinfo = v != 0;
		return 0;
	case SHIM_OPT_RECVNXTINFO:
		if ((err = u32_in(value, len, &v)))
			return err;
		ep->recvnxtinfo = v != 0;
		return 0;
	case SHIM_OPT_MAXSEG: {
		struct sctp_assoc_value av = { .assoc_id = assoc_id };

		if ((err = u32_in(value, len, &v)))
			return err;
		av.assoc_value = v;
		return usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_MAXSEG, &av, sizeof av) < 0
		       ? -errno : 0;
	}
	case SHIM_OPT_AUTOCLOSE:
		if (ep->style == SHIM_STYLE_ONE_TO_ONE)
			return -EOPNOTSUPP;
		return sctp_int_set(ep, SCTP_AUTOCLOSE, value, len);
	case SHIM_OPT_DISABLE_FRAGMENTS:
		return sctp_int_set(ep, SCTP_DISABLE_FRAGMENTS, value, len);
	case SHIM_OPT_V6ONLY:
		return set_v6only(ep, value, len);
	case SHIM_OPT_STATUS:
	case SHIM_OPT_SO_ERROR:
	case SHIM_OPT_ACCEPTCONN:
		return -ENOPROTOOPT;  /* read-only, as on Linux */
	default:
		return -ENOPROTOOPT;
	}
}

int engine_getopt(struct endpoint *ep, uint32_t opt, uint32_t assoc_id,
		  void *value, size_t in_len, size_t *len)
{
	switch (opt) {
	case SHIM_OPT_INITMSG: {
		struct sctp_initmsg im;
		struct shim_initmsg out;
		socklen_t l = sizeof im;

		if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_INITMSG, &im, &l) < 0)
			return -errno;
		out.num_ostreams = im.sinit_num_ostreams;
		out.max_instreams = im.sinit_max_instreams;
		out.max_attempts = im.sinit_max_attempts;
		out.max_init_timeo = im.sinit_max_init_timeo;
		memcpy(value, &out, sizeof out);
		*len = sizeof out;
		return 0;
	}
	case SHIM_OPT_NODELAY:
		return sctp_int_get(ep, SCTP_NODELAY, value, len);
	case SHIM_OPT_EVENTS:
		return u32_out(value, len, ep->events_mask);
	case SHIM_OPT_EVENT: {
		struct shim_event ev;

		if (in_len != sizeof ev)
			return -EINVAL;
		memcpy(&ev, value, sizeof ev);
		if (ev.type >= SHIM_NOTIFY_MAX)
			return -EINVAL;
		ev.on = (ep->events_mask >> ev.type) & 1;
		memcpy(value, &ev, sizeof ev);
		*len = sizeof ev;
		return 0;
	}
	case SHIM_OPT_STATUS:
		if (in_len == sizeof(struct shim_status))
			memcpy(&assoc_id, value, sizeof assoc_id);
		return get_status(ep, assoc_id, value, len);
	case SHIM_OPT_SNDBUF:
		return u32_out(value, len, current_buf(ep, SO_SNDBUF, ep->sndbuf));
	case SHIM_OPT_RCVBUF:
		return u32_out(value, len, current_buf(ep, SO_RCVBUF, ep->rcvbuf));
	case SHIM_OPT_SO_ERROR: {
		uint32_t e = (uint32_t)ep->so_error;

		ep->so_error = 0;
		return u32_out(value, len, e);
	}
	case SHIM_OPT_LINGER:
		memcpy(value, &ep->linger, sizeof ep->linger);
		*len = sizeof ep->linger;
		return 0;
	case SHIM_OPT_REUSEADDR:
		return u32_out(value, len, ep->reuseaddr);
	case SHIM_OPT_RECVRCVINFO:
		return u32_out(value, len, ep->recvrcvinfo);
	case SHIM_OPT_RECVNXTINFO:
		return u32_out(value, len, ep->recvnxtinfo);
	case SHIM_OPT_ACCEPTCONN:
		return u32_out(value, len, ep->state == EP_LISTENING);
	case SHIM_OPT_MAXSEG: {
		struct sctp_assoc_value av = { .assoc_id = assoc_id };
		socklen_t l = sizeof av;

		if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_MAXSEG, &av, &l) < 0)
			return -errno;
		return u32_out(value, len, av.assoc_value);
	}
	case SHIM_OPT_AUTOCLOSE:
		if (ep->style == SHIM_STYLE_ONE_TO_ONE)
			return -EOPNOTSUPP;
		return sctp_int_get(ep, SCTP_AUTOCLOSE, value, len);
	case SHIM_OPT_DISABLE_FRAGMENTS:
		return sctp_int_get(ep, SCTP_DISABLE_FRAGMENTS, value, len);
	case SHIM_OPT_V6ONLY:
		return get_v6only(ep, value, len);
	default:
		return -ENOPROTOOPT;
	}
}

/* ---- addresses ------------------------------------------------------------- */

static int addrs_reply(const struct shim_addr *list, uint32_t count,
		       struct shim_addrs_reply **out, size_t *out_len)
{
	size_t len = shim_addrs_size(count);
	struct shim_addrs_reply *r = calloc(1, len);

	if (!r)
		return -ENOMEM;
	r->count = count;
	if (count)
		memcpy(r->addrs, list, count * sizeof *list);
	*out = r;
	*out_len = len;
	return 0;
}

/* usrsctp's packed sockaddr list -> shim_addrs; returns how many. */
static uint32_t unpack(const struct sockaddr *sa, int n, struct shim_addr *list, uint32_t max)
{
	const uint8_t *p = (const uint8_t *)sa;
	uint32_t count = 0;

	for (int i = 0; i < n && count < max; i++) {
		const struct sockaddr *s = (const struct sockaddr *)p;
		size_t size = engine_sockaddr_size(s);

		if (!size)
			break;
		if (shim_addr_from_sockaddr(&list[count], s, (socklen_t)size) == 0)
			count++;
		p += size;
	}
	return count;
}

static int bound_port(struct endpoint *ep)
{
	struct sockaddr *sa = NULL;
	struct shim_addr a;
	int n = usrsctp_getladdrs(ep->so, 0, &sa), port = 0;

	if (n > 0 && unpack(sa, 1, &a, 1) == 1)
		port = a.port;
	if (n > 0)
		usrsctp_freeladdrs(sa);
	return port;
}

static int sockname(struct endpoint *ep, struct shim_addrs_reply **out, size_t *out_len)
{
	struct shim_addr a;

	memset(&a, 0, sizeof a);
	a.family = ep->family;
	if (ep->bound) {
		if (!ep->bound_wildcard)
			a = ep->bound_addr;
		a.port = (uint16_t)bound_port(ep);
		if (!a.port)
			a.port = ep->bound_addr.port;
	}
	return addrs_reply(&a, 1, out, out_len);
}

int engine_getaddrs(struct endpoint *ep, uint32_t which, uint32_t assoc_id,
		    struct shim_addrs_reply **out, size_t *out_len)
{
	struct shim_addr list[SHIM_MAX_ADDRS];
	struct sockaddr *sa = NULL;
	uint32_t count;
	int n;

	if (ep->style == SHIM_STYLE_ONE_TO_ONE)
		assoc_id = (ep->state == EP_CONNECTED || ep->state == EP_ENDED) ? ep->assoc_id : 0;
	switch (which) {
	case SHIM_ADDRS_SOCKNAME:
		return sockname(ep, out, out_len);
	case SHIM_ADDRS_LOCAL:
		if (!ep->bound)
			return addrs_reply(NULL, 0, out, out_len);
		n = usrsctp_getladdrs(ep->so, assoc_id, &sa);
		if (n <= 0)
			return sockname(ep, out, out_len);
		count = unpack(sa, n, list, SHIM_MAX_ADDRS);
		usrsctp_freeladdrs(sa);
		return addrs_reply(list, count, out, out_len);
	case SHIM_ADDRS_PEER:
		if (ep->style == SHIM_STYLE_ONE_TO_ONE && ep->state != EP_CONNECTED
		    && ep->state != EP_ENDED)
			return -ENOTCONN;
		n = usrsctp_getpaddrs(ep->so, assoc_id, &sa);
		if (n <= 0)
			return ep->style == SHIM_STYLE_ONE_TO_ONE ? -ENOTCONN : -EINVAL;
		count = unpack(sa, n, list, SHIM_MAX_ADDRS);
		usrsctp_freepaddrs(sa);
		return addrs_reply(list, count, out, out_len);
	default:
		return -EINVAL;
	}
}

static void format_addr(const struct shim_addr *a, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";

	inet_ntop(a->family, a->addr, host, sizeof host);
	snprintf(buf, len, a->family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, a->port);
}

/* One-to-many: the first association stands for the rest ("+N more"). */
static sctp_assoc_t first_assoc(struct endpoint *ep, unsigned *count)
{
	union {
		struct sctp_assoc_ids ids;
		uint8_t bytes[sizeof(struct sctp_assoc_ids) + 64 * sizeof(sctp_assoc_t)];
	} list;
	socklen_t l = sizeof list;

	*count = 0;
	memset(&list, 0, sizeof list);
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_ASSOC_NUMBER, &list.ids, &l) == 0)
		memcpy(count, &list.ids, sizeof *count);
	l = sizeof list;
	if (!*count || usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST,
					  &list.ids, &l) < 0 || !list.ids.gaids_number_of_ids)
		return 0;
	return list.ids.gaids_assoc_id[0];
}

void engine_describe(struct endpoint *ep, char *local, size_t local_len,
		     char *peer, size_t peer_len, unsigned *in_streams, unsigned *out_streams)
{
	struct shim_addrs_reply *r = NULL;
	struct sctp_status st;
	socklen_t l = sizeof st;
	sctp_assoc_t assoc = 0;
	unsigned count = 0;
	size_t rlen;

	snprintf(local, local_len, "-");
	snprintf(peer, peer_len, "-");
	*in_streams = *out_streams = 0;
	if (!ep->so)
		return;
	if (engine_getaddrs(ep, SHIM_ADDRS_SOCKNAME, 0, &r, &rlen) == 0 && r->count)
		format_addr(&r->addrs[0], local, local_len);
	free(r);
	r = NULL;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state != EP_CONNECTED && ep->state != EP_ENDED)
			return;
		count = 1;
	} else if (!(assoc = first_assoc(ep, &count))) {
		return;
	}
	if (engine_getaddrs(ep, SHIM_ADDRS_PEER, assoc, &r, &rlen) == 0 && r->count) {
		format_addr(&r->addrs[0], peer, peer_len);
		if (count > 1) {
			size_t n = strlen(peer);

			snprintf(peer + n, peer_len - n, " +%u", count - 1);
		}
	}
	free(r);
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = ep->style == SHIM_STYLE_ONE_TO_ONE ? ep->assoc_id : assoc;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) == 0) {
		*in_streams = st.sstat_instrms;
		*out_streams = st.sstat_outstrms;
	}
}
