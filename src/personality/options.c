/* SPDX-License-Identifier: MIT */
/* SOL_SCTP socket options: Linux values <-> neutral, driven by the tables
 * of the option families (optdesc.h). */
#include "personality/optdesc.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

/* Largest Linux option value a table describes (struct sctp_assoc_stats). */
#define PERS_OPT_MAX 512

static const struct pers_optdesc *const families[] = {
	pers_opts_core, pers_opts_path, pers_opts_auth, pers_opts_stream,
};

const struct pers_optdesc *pers_optdesc_find(int name)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct pers_optdesc *d = families[i]; d->shim; d++)
			if (d->name == name)
				return d;
	return NULL;
}

int pers_opt_from_linux(int optname)
{
	const struct pers_optdesc *d = pers_optdesc_find(optname);

	return d ? d->shim : -ENOPROTOOPT;
}

int pers_setopt_needs_events(int optname)
{
	return optname == SCTP_EVENTS;
}

static void read_assoc(const struct pers_optdesc *d, const void *val, struct pers_opt *o)
{
	sctp_assoc_t id;

	if (d->assoc_off == PO_NO_ASSOC)
		return;
	memcpy(&id, (const uint8_t *)val + d->assoc_off, sizeof id);
	o->assoc_id = (uint32_t)id;
}

int pers_opt_encode_table(const struct pers_optdesc *d, const void *val, socklen_t len,
                          struct pers_opt *o)
{
	uint8_t local[PERS_OPT_MAX] = { 0 };

	if ((d->flags & PO_INT_OR_AV) && len == (socklen_t)sizeof(int)) {
		int i;

		memcpy(&i, val, sizeof i);
		o->assoc_id = SHIM_FUTURE_ASSOC;
		o->val.f[0] = (uint64_t)(int64_t)i;
		return 0;
	}
	if (len < d->size || (len != d->size && !(d->flags & PO_SET_ATLEAST)))
		return -EINVAL;
	if (d->size > sizeof local)
		return -EINVAL;
	memcpy(local, val, d->size);
	read_assoc(d, local, o);
	shim_fields_read(d->f, local, &o->val);
	if (d->flags & PO_BOOL)
		o->val.f[0] = o->val.f[0] != 0;
	return 0;
}

static void opt_start(const struct pers_optdesc *d, uint32_t scope, struct pers_opt *o)
{
	memset(o, 0, sizeof *o);
	o->opt = d->shim;
	o->scope = scope;
}

int pers_setopt_encode(int optname, const void *optval, socklen_t optlen,
                       int one_to_many, uint32_t cur_events, struct pers_opt *out)
{
	const struct pers_optdesc *d = pers_optdesc_find(optname);
	int r;

	if (!d || !(d->flags & PO_SET))
		return -ENOPROTOOPT;  /* what Linux says to a get-only option too */
	if ((d->flags & PO_ONE_TO_MANY) && !one_to_many)
		return -EOPNOTSUPP;
	opt_start(d, d->set_scope, out);
	out->val.f[0] = cur_events;  /* SCTP_EVENTS' hook merges into it */
	r = d->encode ? d->encode(d, optval, optlen, out)
	              : pers_opt_encode_table(d, optval, optlen, out);
	if (r == 0 && d->check)
		r = d->check(d, out);
	return r;
}

int pers_getopt_prepare(int optname, const void *optval, socklen_t optlen,
                        int one_to_many, struct pers_opt *out)
{
	const struct pers_optdesc *d = pers_optdesc_find(optname);
	uint8_t local[PERS_OPT_MAX] = { 0 };

	if (!d || !(d->flags & PO_GET))
		return -ENOPROTOOPT;
	if ((d->flags & PO_ONE_TO_MANY) && !one_to_many)
		return -EOPNOTSUPP;
	opt_start(d, d->get_scope, out);
	if (d->prepare)
		return d->prepare(d, optval, optlen, out);
	if ((d->flags & PO_INT_OR_AV) && optlen == (socklen_t)sizeof(int)) {
		out->assoc_id = SHIM_FUTURE_ASSOC;
		return 0;
	}
	if (optlen < d->size || d->size > sizeof local)
		return -EINVAL;
	memcpy(local, optval, d->size);
	read_assoc(d, local, out);
	shim_fields_read(d->f, local, &out->val);  /* inputs: address, stream, ... */
	return 0;
}

int pers_opt_decode_table(const struct pers_optdesc *d, const struct shim_optval *v,
                          void *val, socklen_t *len)
{
	if ((d->flags & PO_INT_OR_AV) && *len == (socklen_t)sizeof(int)) {
		int i = (int)v->f[0];

		memcpy(val, &i, sizeof i);
		return 0;
	}
	shim_fields_write(d->f, v, val);
	if ((d->flags & PO_ID_OUT) && d->assoc_off != PO_NO_ASSOC) {
		sctp_assoc_t id = (sctp_assoc_t)v->assoc_id;

		memcpy((uint8_t *)val + d->assoc_off, &id, sizeof id);
	}
	*len = d->size;
	return 0;
}

int pers_getopt_decode(int optname, const struct shim_optval *val, const void *tail,
                       size_t tail_len, void *optval, socklen_t *optlen)
{
	const struct pers_optdesc *d = pers_optdesc_find(optname);

	if (!d)
		return -ENOPROTOOPT;
	if (d->decode)
		return d->decode(d, val, tail, tail_len, optval, optlen);
	return pers_opt_decode_table(d, val, optval, optlen);
}
