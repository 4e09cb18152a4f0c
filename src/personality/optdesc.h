/* SPDX-License-Identifier: MIT */
/*
 * How the personality describes one Linux SOL_SCTP option: a table entry
 * per option (the Linux struct's size, where its assoc id and integers
 * are, what Linux checks), with hooks for what a table cannot say.  Each
 * family of options keeps its table in its own opt_<family>.c.
 */
#ifndef SCTPSHIM_PERSONALITY_OPTDESC_H
#define SCTPSHIM_PERSONALITY_OPTDESC_H

#include <stddef.h>
#include "personality/personality.h"
#include "wire/wire.h"

enum pers_opt_flags {
	PO_SET         = 1u << 0,
	PO_GET         = 1u << 1,
	PO_SET_ATLEAST = 1u << 2,  /* setsockopt takes a longer value (Linux: optlen < size) */
	PO_BOOL        = 1u << 3,  /* set: the first field becomes 0 or 1 */
	PO_INT_OR_AV   = 1u << 4,  /* also a bare int (the deprecated form) for
	                              a struct sctp_assoc_value option */
	PO_ONE_TO_MANY = 1u << 5,  /* EOPNOTSUPP on one-to-one sockets */
	PO_ID_OUT      = 1u << 6,  /* get writes the answered association's id */
};

struct pers_optdesc;

/* Hooks; each returns 0 or a negative errno. */
typedef int pers_opt_check_fn(const struct pers_optdesc *d, struct pers_opt *o);
typedef int pers_opt_encode_fn(const struct pers_optdesc *d, const void *val,
                               socklen_t len, struct pers_opt *o);
typedef int pers_opt_decode_fn(const struct pers_optdesc *d, const struct shim_optval *v,
                               const void *tail, size_t tail_len, void *val, socklen_t *len);

struct pers_optdesc {
	int name;                 /* Linux SCTP_* */
	uint16_t shim;            /* enum shim_opt; 0 ends a table */
	uint16_t size;            /* bytes of the Linux value */
	uint16_t flags;           /* enum pers_opt_flags */
	uint8_t set_scope;        /* enum shim_opt_scope for setsockopt */
	uint8_t get_scope;        /* and for getsockopt */
	int16_t assoc_off;        /* offset of the sctp_assoc_t; -1: none */
	struct shim_field f[SHIM_OPT_NFIELDS + 1];  /* END-terminated */
	pers_opt_check_fn *check;     /* set: values Linux refuses (after the table's checks) */
	pers_opt_encode_fn *encode;   /* set: replaces the table's conversion */
	pers_opt_encode_fn *prepare;  /* get: replaces the table's conversion of the input */
	pers_opt_decode_fn *decode;   /* get: replaces the table's conversion of the answer */
};

#define PO_NO_ASSOC (-1)

/* The families' tables, each ended by an entry with shim == 0. */
extern const struct pers_optdesc pers_opts_core[];
extern const struct pers_optdesc pers_opts_path[];
extern const struct pers_optdesc pers_opts_auth[];
extern const struct pers_optdesc pers_opts_stream[];

const struct pers_optdesc *pers_optdesc_find(int name);

/* The generic conversions, for hooks that only add to them. */
int pers_opt_encode_table(const struct pers_optdesc *d, const void *val, socklen_t len,
                          struct pers_opt *o);
int pers_opt_decode_table(const struct pers_optdesc *d, const struct shim_optval *v,
                          void *val, socklen_t *len);

#endif
