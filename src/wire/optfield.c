/* SPDX-License-Identifier: MIT */
/* struct shim_optval <-> C structs, driven by field tables (see wire.h). */
#include "wire/wire.h"

#include <string.h>

static uint64_t load(const uint8_t *p, const struct shim_field *f)
{
	switch (f->size) {
	case 1: { uint8_t v; memcpy(&v, p, 1);
		return f->kind == SHIM_FIELD_S ? (uint64_t)(int64_t)(int8_t)v : v; }
	case 2: { uint16_t v; memcpy(&v, p, 2);
		return f->kind == SHIM_FIELD_S ? (uint64_t)(int64_t)(int16_t)v : v; }
	case 4: { uint32_t v; memcpy(&v, p, 4);
		return f->kind == SHIM_FIELD_S ? (uint64_t)(int64_t)(int32_t)v : v; }
	case 8: { uint64_t v; memcpy(&v, p, 8); return v; }
	default: return 0;
	}
}

static void store(uint8_t *p, const struct shim_field *f, uint64_t v)
{
	switch (f->size) {
	case 1: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
	case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
	case 8: memcpy(p, &v, 8); break;
	}
}

void shim_fields_read(const struct shim_field *f, const void *s, struct shim_optval *v)
{
	const uint8_t *base = s;
	unsigned slot = 0;

	for (; f->kind != SHIM_FIELD_END; f++) {
		if (f->kind == SHIM_FIELD_ADDR) {
			struct sockaddr_storage ss;

			memcpy(&ss, base + f->off, sizeof ss);
			if (shim_addr_from_sockaddr(&v->addr, (struct sockaddr *)&ss, sizeof ss) < 0)
				memset(&v->addr, 0, sizeof v->addr);
			continue;
		}
		if (slot == SHIM_OPT_NFIELDS)
			break;
		if (f->kind != SHIM_FIELD_SKIP)
			v->f[slot] = load(base + f->off, f);
		slot++;
	}
}

void shim_fields_write(const struct shim_field *f, const struct shim_optval *v, void *s)
{
	uint8_t *base = s;
	unsigned slot = 0;

	for (; f->kind != SHIM_FIELD_END; f++) {
		if (f->kind == SHIM_FIELD_ADDR) {
			struct sockaddr_storage ss;

			memset(&ss, 0, sizeof ss);
			shim_addr_to_sockaddr(&v->addr, &ss);
			memcpy(base + f->off, &ss, sizeof ss);
			continue;
		}
		if (slot == SHIM_OPT_NFIELDS)
			break;
		if (f->kind != SHIM_FIELD_SKIP)
			store(base + f->off, f, v->f[slot]);
		slot++;
	}
}
