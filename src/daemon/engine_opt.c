/* SPDX-License-Identifier: MIT */
/*
 * Neutral options -> usrsctp or the endpoint's own state: find the
 * family's table entry, check the association against the scope the
 * program's stack gives it (proto.h, enum shim_opt_scope), then copy.
 */
#define _GNU_SOURCE
#include "daemon/engine_optdesc.h"

#include <errno.h>
#include <string.h>

/* Largest usrsctp option value a table describes. */
#define ENGINE_OPT_MAX 512

static const struct engine_optdesc *const families[] = {
	engine_opts_core, engine_opts_path, engine_opts_auth, engine_opts_stream,
};

static const struct engine_optdesc *find(uint32_t opt)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct engine_optdesc *d = families[i]; d->shim; d++)
			if (d->shim == opt)
				return d;
	return NULL;
}

int engine_opt_errno(int err)
{
	/* usrsctp names a missing association ENOENT; Linux says EINVAL */
	return err == ENOENT ? -EINVAL : -err;
}

bool engine_assoc_exists(struct endpoint *ep, uint32_t id)
{
	struct sctp_status st;
	socklen_t l = sizeof st;

	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = id;
	return usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_STATUS, &st, &l) == 0;
}

/* Which association the call is about, as Linux's sctp_id2assoc() and
 * the checks after it decide. */
static int resolve_assoc(struct endpoint *ep, uint32_t scope, uint32_t id, uint32_t *out)
{
	*out = SHIM_FUTURE_ASSOC;
	if (scope == SHIM_SCOPE_SOCKET)
		return 0;
	if (ep->style == SHIM_STYLE_ONE_TO_ONE) {
		if (ep->state == EP_CONNECTED || ep->state == EP_ENDED) {
			*out = ep->assoc_id;
			return 0;
		}
		return scope & SHIM_SCOPE_FUTURE ? 0 : -EINVAL;
	}
	if (id > SHIM_ALL_ASSOC) {
		if (!(scope & SHIM_SCOPE_ASSOC) || !engine_assoc_exists(ep, id))
			return -EINVAL;
		*out = id;
		return 0;
	}
	if (id == SHIM_FUTURE_ASSOC)
		return scope & SHIM_SCOPE_FUTURE ? 0 : -EINVAL;
	*out = id;
	return scope & SHIM_SCOPE_CURRENT_ALL ? 0 : -EINVAL;
}

int engine_opt_set_table(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	uint8_t buf[ENGINE_OPT_MAX] = { 0 };

	if (!d->name || d->size > sizeof buf)
		return -ENOPROTOOPT;
	shim_fields_write(d->f, a->val, buf);
	if (d->assoc_off != EO_NO_ASSOC)
		memcpy(buf + d->assoc_off, &a->assoc_id, sizeof(sctp_assoc_t));
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, d->name, buf, d->size) < 0)
		return engine_opt_errno(errno);
	return 0;
}

int engine_opt_get_table(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	uint8_t buf[ENGINE_OPT_MAX] = { 0 };
	socklen_t l = d->size;

	if (!d->name || d->size > sizeof buf)
		return -ENOPROTOOPT;
	shim_fields_write(d->f, a->val, buf);  /* inputs: an address, a stream, ... */
	if (d->assoc_off != EO_NO_ASSOC)
		memcpy(buf + d->assoc_off, &a->assoc_id, sizeof(sctp_assoc_t));
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, d->name, buf, &l) < 0)
		return engine_opt_errno(errno);
	shim_fields_read(d->f, buf, a->val);
	if (d->assoc_off != EO_NO_ASSOC)
		memcpy(&a->val->assoc_id, buf + d->assoc_off, sizeof(sctp_assoc_t));
	return 0;
}

/* Common part of set and get: the entry, the association, the value. */
static int opt_begin(struct endpoint *ep, const struct shim_opt_req *rq, const uint8_t *value,
		     struct shim_optval *val, struct engine_optarg *a,
		     const struct engine_optdesc **d)
{
	int err;

	*d = find(rq->opt);
	if (!*d)
		return -ENOPROTOOPT;
	if (rq->len < sizeof *val)
		return -EINVAL;
	memcpy(val, value, sizeof *val);
	memset(a, 0, sizeof *a);
	a->val = val;
	a->tail = value + sizeof *val;
	a->tail_len = rq->len - sizeof *val;
	err = resolve_assoc(ep, rq->scope, rq->assoc_id, &a->assoc_id);
	val->assoc_id = a->assoc_id;
	return err;
}

int engine_setopt(struct endpoint *ep, const struct shim_opt_req *rq, const uint8_t *value)
{
	const struct engine_optdesc *d;
	struct engine_optarg a;
	struct shim_optval val;
	int err = opt_begin(ep, rq, value, &val, &a, &d);

	if (err)
		return err;
	return d->set ? d->set(ep, d, &a) : engine_opt_set_table(ep, d, &a);
}

int engine_getopt(struct endpoint *ep, const struct shim_opt_req *rq, const uint8_t *value,
		  uint8_t *out, size_t *out_len)
{
	const struct engine_optdesc *d;
	struct engine_optarg a;
	struct shim_optval val;
	int err = opt_begin(ep, rq, value, &val, &a, &d);

	if (err)
		return err;
	if (*out_len < sizeof val)
		return -EINVAL;
	a.out = out + sizeof val;
	a.out_cap = *out_len - sizeof val;
	err = d->get ? d->get(ep, d, &a) : engine_opt_get_table(ep, d, &a);
	if (err)
		return err;
	memcpy(out, &val, sizeof val);
	*out_len = sizeof val + a.out_len;
	return 0;
}
