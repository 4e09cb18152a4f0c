/* SPDX-License-Identifier: MIT */
/* The usrsctp half of test_opt_roundtrip (see test_opt_roundtrip.h): the
 * daemon's field tables and usrsctp's layouts, by member name. */
#include <string.h>

#include "daemon/engine_optdesc.h"
#include "test_opt_roundtrip.h"

RT_DEFINE_LAYOUTS(rt_usr_layouts)

static const struct engine_optdesc *const families[] = {
	engine_opts_core, engine_opts_path, engine_opts_auth, engine_opts_stream,
};

static const struct engine_optdesc *find(uint16_t shim)
{
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		for (const struct engine_optdesc *d = families[i]; d->shim; d++)
			if (d->shim == shim)
				return d;
	return NULL;
}

int rt_usr_has_table(uint16_t shim)
{
	const struct engine_optdesc *d = find(shim);

	return d && d->name && d->size && d->f[0].kind != SHIM_FIELD_END;
}

size_t rt_usr_size(uint16_t shim)
{
	return find(shim)->size;
}

unsigned rt_usr_nfields(uint16_t shim)
{
	const struct engine_optdesc *d = find(shim);
	unsigned n = 0;

	for (const struct shim_field *f = d->f; f->kind != SHIM_FIELD_END; f++)
		n += f->kind != SHIM_FIELD_SKIP;
	return n;
}

long rt_usr_assoc_off(uint16_t shim)
{
	return find(shim)->assoc_off;
}

void rt_usr_from_neutral(uint16_t shim, const struct shim_optval *v, uint32_t assoc_id, void *buf)
{
	const struct engine_optdesc *d = find(shim);
	sctp_assoc_t id = (sctp_assoc_t)assoc_id;

	shim_fields_write(d->f, v, buf);
	if (d->assoc_off != EO_NO_ASSOC)
		memcpy((uint8_t *)buf + d->assoc_off, &id, sizeof id);
}

void rt_usr_to_neutral(uint16_t shim, const void *buf, struct shim_optval *v, uint32_t *assoc_id)
{
	const struct engine_optdesc *d = find(shim);
	sctp_assoc_t id = 0;

	shim_fields_read(d->f, buf, v);
	if (d->assoc_off != EO_NO_ASSOC)
		memcpy(&id, (const uint8_t *)buf + d->assoc_off, sizeof id);
	*assoc_id = (uint32_t)id;
}
