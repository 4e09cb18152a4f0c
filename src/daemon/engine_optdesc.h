/* SPDX-License-Identifier: MIT */
/*
 * How the daemon carries out one neutral option: a table entry per option
 * (usrsctp's option and struct, where its assoc id and integers are), with
 * hooks for options that live in the daemon's own state or need more than
 * a copy.  Each family keeps its table in its own engine_opt_<family>.c.
 */
#ifndef SCTPSHIMD_ENGINE_OPTDESC_H
#define SCTPSHIMD_ENGINE_OPTDESC_H

#include <stddef.h>
#include "daemon/engine_int.h"
#include "wire/wire.h"

/* One option call, its association already checked against the scope. */
struct engine_optarg {
	uint32_t assoc_id;        /* an association, or SHIM_FUTURE/CURRENT/ALL_ASSOC */
	struct shim_optval *val;  /* set: the value; get: the inputs, then the answer */
	const uint8_t *tail;      /* the request's variable part */
	size_t tail_len;
	uint8_t *out;             /* get: room for the answer's variable part */
	size_t out_cap, out_len;
};

struct engine_optdesc;
typedef int engine_opt_fn(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a);

struct engine_optdesc {
	uint16_t shim;            /* enum shim_opt; 0 ends a table */
	int name;                 /* usrsctp's option (level IPPROTO_SCTP); 0: hooks only */
	uint16_t size;            /* bytes of usrsctp's value */
	int16_t assoc_off;        /* offset of its sctp_assoc_t; -1: none */
	struct shim_field f[SHIM_OPT_NFIELDS + 1];
	engine_opt_fn *set;       /* NULL: the table's conversion */
	engine_opt_fn *get;
};

#define EO_NO_ASSOC (-1)

extern const struct engine_optdesc engine_opts_core[];
extern const struct engine_optdesc engine_opts_path[];
extern const struct engine_optdesc engine_opts_auth[];
extern const struct engine_optdesc engine_opts_stream[];

/* The table's conversion: usrsctp_setsockopt/getsockopt of d->name. */
int engine_opt_set_table(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a);
int engine_opt_get_table(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a);
/* usrsctp's errno for an option call, as Linux would give it. */
int engine_opt_errno(int err);
/* A set that applies to the endpoint even when an association is named
 * (Linux's *_SUPPORTED switches). */
int engine_opt_set_endpoint(struct endpoint *ep, const struct engine_optdesc *d,
			    struct engine_optarg *a);
/* usrsctp's path state bits -> enum shim_path_state */
uint32_t engine_path_state(int32_t sctp_state);
/* Does the one-to-many endpoint have association id? */
bool engine_assoc_exists(struct endpoint *ep, uint32_t id);

#endif
