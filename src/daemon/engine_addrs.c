/* SPDX-License-Identifier: MIT */
/* Addresses (getsockname, sctp_getladdrs/getpaddrs) and the one-line
 * description `sctpshim status` prints, from usrsctp. */
#define _GNU_SOURCE
#include "daemon/engine_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire/wire.h"

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
	uint32_t *ids, n;
	sctp_assoc_t first;

	*count = 0;
	if (engine_list_assocs(ep->so, &ids, &n) < 0 || !n)
		return 0;
	first = (sctp_assoc_t)ids[0];
	*count = n;
	free(ids);
	return first;
}

static void view_status(const struct sctp_status *st, struct engine_view *v)
{
	const struct sctp_paddrinfo *pi = &st->sstat_primary;
	struct shim_addr a;

	v->has_assoc = true;
	v->assoc_id = (uint32_t)st->sstat_assoc_id;
	v->in_streams = st->sstat_instrms;
	v->out_streams = st->sstat_outstrms;
	v->state = (uint32_t)st->sstat_state;
	v->peer_rwnd = st->sstat_rwnd;
	v->unacked = st->sstat_unackdata;
	v->pending = st->sstat_penddata;
	v->cwnd = pi->spinfo_cwnd;
	v->srtt_ms = pi->spinfo_srtt;
	v->rto_ms = pi->spinfo_rto;
	v->mtu = pi->spinfo_mtu;
	v->path_active = pi->spinfo_state == SCTP_ACTIVE;
	if (shim_addr_from_sockaddr(&a, (const struct sockaddr *)&pi->spinfo_address,
				    sizeof pi->spinfo_address) == 0)
		format_addr(&a, v->primary, sizeof v->primary);
}

void engine_describe(struct endpoint *ep, struct engine_view *v)
{
	struct shim_addrs_reply *r = NULL;
	struct sctp_status st;
	socklen_t l = sizeof st;
	sctp_assoc_t assoc = 0;
	unsigned count = 0;
	size_t rlen;

	memset(v, 0, sizeof *v);
	strcpy(v->local, "-");
	strcpy(v->peer, "-");
	strcpy(v->primary, "-");
	if (!ep->so)
		return;
	if (engine_getaddrs(ep, SHIM_ADDRS_SOCKNAME, 0, &r, &rlen) == 0 && r->count)
		format_addr(&r->addrs[0], v->local, sizeof v->local);
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
		format_addr(&r->addrs[0], v->peer, sizeof v->peer);
		if (count > 1) {
			size_t n = strlen(v->peer);

			snprintf(v->peer + n, sizeof v->peer - n, " +%u", count - 1);
		}
	}
	free(r);
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = ep->style == SHIM_STYLE_ONE_TO_ONE ? ep->assoc_id : assoc;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) == 0) {
		view_status(&st, v);
		v->queued = engine_assoc_queued(ep->so, st.sstat_assoc_id);
	}
}
