/* SPDX-License-Identifier: MIT */
/*
 * The "auth" family of options (see engine_optdesc.h): SCTP-AUTH on
 * usrsctp's implementation, with Linux's rules on top.  Fields, as the
 * library's table (src/personality/opt_auth.c) fills them:
 *
 *   AUTH_SUPPORTED      f: on
 *   AUTH_CHUNK          f: chunk type
 *   HMAC_IDENT          f: count; variable part: uint16_t identifiers
 *   AUTH_KEY            f: key number, key length; variable part: the key
 *   AUTH_ACTIVE_KEY, AUTH_DEACTIVATE_KEY, AUTH_DELETE_KEY   f: key number
 *   PEER_AUTH_CHUNKS, LOCAL_AUTH_CHUNKS (get)  f: count; variable part:
 *                       uint8_t chunk types
 *
 * and f[SHIM_OPT_NFIELDS - 1], when not 0, is the errno the value itself
 * earns, which Linux gives only after its EACCES for an endpoint with
 * SCTP-AUTH off.
 *
 * Linux refuses every SCTP-AUTH operation with EACCES where it is off: on
 * the endpoint (ep->auth_enable) for the socket's defaults, on the
 * association (asoc->peer.auth_capable: both ends support it) for one
 * association.  usrsctp keeps the same two switches (the endpoint's
 * auth_supported, and the association's, cleared when the peer lacks
 * AUTH), read here with SCTP_AUTH_SUPPORTED, but does not check them.
 */
#define _GNU_SOURCE
#include "daemon/engine_optdesc.h"
#include "daemon/ready.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define AUTH_DEFERRED (SHIM_OPT_NFIELDS - 1)

/* usrsctp knows at most this many HMAC identifiers (SHA-1 and SHA-256). */
#define HMACS_MAX 16
/* Chunk types are one byte. */
#define CHUNK_TYPES 256

/* 0 if SCTP-AUTH is on where the call applies: the association it names,
 * else the endpoint (SCTP_CURRENT_ASSOC and SCTP_ALL_ASSOC included). */
static int auth_on(struct endpoint *ep, uint32_t assoc_id)
{
	struct sctp_assoc_value av;
	socklen_t l = sizeof av;

	memset(&av, 0, sizeof av);
	av.assoc_id = assoc_id > SHIM_ALL_ASSOC ? assoc_id : SCTP_FUTURE_ASSOC;
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_SUPPORTED, &av, &l) < 0)
		return engine_opt_errno(errno);
	return av.assoc_value ? 0 : -EACCES;
}

/* auth_on, then the value's own errno (see the top of the file). */
static int auth_check(struct endpoint *ep, struct engine_optarg *a)
{
	int err = auth_on(ep, a->assoc_id);

	if (err)
		return err;
	return a->val->f[AUTH_DEFERRED] ? -(int)a->val->f[AUTH_DEFERRED] : 0;
}

static int set_hmacs(struct endpoint *ep, const uint16_t *ids, uint32_t n)
{
	uint8_t buf[sizeof(struct sctp_hmacalgo) + HMACS_MAX * sizeof(uint16_t)];
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;
	uint32_t kept = 0;

	/* Linux keeps a repeated identifier; usrsctp refuses the list */
	for (uint32_t i = 0; i < n; i++) {
		uint32_t j;

		for (j = 0; j < kept && h->shmac_idents[j] != ids[i]; j++)
			;
		if (j == kept && kept < HMACS_MAX)
			h->shmac_idents[kept++] = ids[i];
	}
	h->shmac_number_of_idents = kept;
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_HMAC_IDENT, buf,
			       (socklen_t)(sizeof *h + kept * sizeof(uint16_t))) == 0)
		return 0;
	/* usrsctp built without SCTP_SUPPORT_HMAC_SHA256 (Debian's 0.9.5)
	 * refuses it as a Linux kernel without SHA-256 would: EOPNOTSUPP */
	for (uint32_t i = 0; i < kept; i++)
		if (h->shmac_idents[i] == SCTP_AUTH_HMAC_ID_SHA256)
			return -EOPNOTSUPP;
	return engine_opt_errno(errno);
}

/* ---- SCTP_AUTH_SUPPORTED ----------------------------------------------- */

/* The endpoint's switch, as ASCONF_SUPPORTED.  An endpoint turning
 * SCTP-AUTH on starts from Linux's list of HMACs, SHA-1 alone (usrsctp's
 * would offer SHA-256 first). */
static int supported_set(struct endpoint *ep, const struct engine_optdesc *d,
			 struct engine_optarg *a)
{
	static const uint16_t sha1 = SCTP_AUTH_HMAC_ID_SHA1;
	bool was_on = auth_on(ep, SHIM_FUTURE_ASSOC) == 0;
	int err = engine_opt_set_endpoint(ep, d, a);

	if (err || was_on || !a->val->f[0])
		return err;
	return set_hmacs(ep, &sha1, 1);
}

/* ---- SCTP_AUTH_CHUNK, SCTP_HMAC_IDENT ------------------------------------ */

static int chunk_set(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	struct sctp_authchunk c;
	int err = auth_check(ep, a);

	if (err)
		return err;
	c.sauth_chunk = (uint8_t)a->val->f[0];
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_CHUNK, &c, sizeof c) < 0)
		return engine_opt_errno(errno);
	return 0;
}

static int hmac_set(struct endpoint *ep, const struct engine_optdesc *d,
		    struct engine_optarg *a)
{
	uint16_t ids[HMACS_MAX];
	uint64_t n = a->val->f[0];
	int err = auth_check(ep, a);

	if (err)
		return err;
	if (n == 0 || n > HMACS_MAX || a->tail_len < n * sizeof(uint16_t))
		return -EINVAL;
	memcpy(ids, a->tail, n * sizeof(uint16_t));
	return set_hmacs(ep, ids, (uint32_t)n);
}

static int hmac_get(struct endpoint *ep, const struct engine_optdesc *d,
		    struct engine_optarg *a)
{
	uint8_t buf[sizeof(struct sctp_hmacalgo) + HMACS_MAX * sizeof(uint16_t)];
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;
	socklen_t l = sizeof buf;
	int err = auth_on(ep, SHIM_FUTURE_ASSOC);
	size_t bytes;

	if (err)
		return err;
	memset(buf, 0, sizeof buf);
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, SCTP_HMAC_IDENT, buf, &l) < 0)
		return engine_opt_errno(errno);
	if (h->shmac_number_of_idents > HMACS_MAX)
		return -EPROTO;
	bytes = h->shmac_number_of_idents * sizeof(uint16_t);
	if (bytes > a->out_cap)
		return -ENOMEM;
	memcpy(a->out, h->shmac_idents, bytes);
	a->out_len = bytes;
	a->val->f[0] = h->shmac_number_of_idents;
	return 0;
}

/* ---- keys ---------------------------------------------------------------- */

static int key_set(struct endpoint *ep, const struct engine_optdesc *d,
		   struct engine_optarg *a)
{
	uint64_t len = a->val->f[1];
	struct sctp_authkey *k;
	socklen_t size;
	int err = auth_on(ep, a->assoc_id);

	if (err)
		return err;
	if (len > UINT16_MAX || a->tail_len != len)
		return -EINVAL;
	size = (socklen_t)(sizeof *k + len);
	k = calloc(1, size);
	if (!k)
		return -ENOMEM;
	k->sca_assoc_id = a->assoc_id;
	k->sca_keynumber = (uint16_t)a->val->f[0];
	/* usrsctp reads a length of 0 as "the rest of the buffer": there is
	 * none, so a 0-length key stays one, as on Linux */
	k->sca_keylength = (uint16_t)len;
	memcpy(k->sca_key, a->tail, len);
	if (usrsctp_setsockopt(ep->so, IPPROTO_SCTP, SCTP_AUTH_KEY, k, size) < 0)
		err = engine_opt_errno(errno);
	explicit_bzero(k, size);
	free(k);
	return err;
}

/* ACTIVE_KEY, DEACTIVATE_KEY, DELETE_KEY: usrsctp refuses (EINVAL) a key
 * it does not have, a deactivated one made active and the active one
 * deactivated or deleted, as Linux does. */
static int keyid_set(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	int err = auth_on(ep, a->assoc_id);

	return err ? err : engine_opt_set_table(ep, d, a);
}

/* A key no one uses any more is freed at once, and usrsctp queues
 * SCTP_AUTH_FREE_KEY without its upcall: look for it now. */
static int deactivate_set(struct endpoint *ep, const struct engine_optdesc *d,
			  struct engine_optarg *a)
{
	int err = keyid_set(ep, d, a);

	if (!err && a->assoc_id != SHIM_FUTURE_ASSOC)
		ready_mark(ep->id);
	return err;
}

static int keyid_get(struct endpoint *ep, const struct engine_optdesc *d,
		     struct engine_optarg *a)
{
	int err = auth_on(ep, a->assoc_id);

	return err ? err : engine_opt_get_table(ep, d, a);
}

/* ---- SCTP_PEER_AUTH_CHUNKS, SCTP_LOCAL_AUTH_CHUNKS ------------------------ */

/*
 * usrsctp 0.9.5's installed header leaves gauth_number_of_chunks out of
 * struct sctp_authchunks (the list at offset 4) while its code may have it
 * (the list at offset 8).  The answer tells which: with the count, the
 * bytes at 4 hold the list's length, which a list of distinct, ascending
 * chunk types there cannot spell.
 */
static int chunks_get(struct endpoint *ep, const struct engine_optdesc *d,
		      struct engine_optarg *a)
{
	uint8_t buf[8 + CHUNK_TYPES];
	sctp_assoc_t id = a->assoc_id;
	socklen_t l = sizeof buf;
	uint32_t count;
	size_t off = 4, n;
	int err = auth_on(ep, a->assoc_id);

	if (err)
		return err;
	memset(buf, 0, sizeof buf);
	memcpy(buf, &id, sizeof id);
	if (usrsctp_getsockopt(ep->so, IPPROTO_SCTP, d->name, buf, &l) < 0)
		return engine_opt_errno(errno);
	if (l < 4 || l > sizeof buf)
		return -EPROTO;
	memcpy(&count, buf + 4, sizeof count);
	if (l >= 8 && count == l - 8)
		off = 8;
	n = l - off;
	if (n > a->out_cap)
		return -ENOMEM;
	memcpy(a->out, buf + off, n);
	a->out_len = n;
	a->val->f[0] = n;
	return 0;
}

#define KEYID(shim_name, usr_name, setter, getter) \
	{ shim_name, usr_name, sizeof(struct sctp_authkeyid), \
	  offsetof(struct sctp_authkeyid, scact_assoc_id), \
	  { SHIM_UF(struct sctp_authkeyid, scact_keynumber) }, setter, getter }
#define HOOKS(shim_name, usr_name, setter, getter) \
	{ shim_name, usr_name, 0, EO_NO_ASSOC, { { 0 } }, setter, getter }

const struct engine_optdesc engine_opts_auth[] = {
	{ SHIM_OPT_AUTH_SUPPORTED, SCTP_AUTH_SUPPORTED, sizeof(struct sctp_assoc_value),
	  offsetof(struct sctp_assoc_value, assoc_id),
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) }, supported_set, NULL },
	HOOKS(SHIM_OPT_AUTH_CHUNK, 0, chunk_set, NULL),
	HOOKS(SHIM_OPT_HMAC_IDENT, 0, hmac_set, hmac_get),
	HOOKS(SHIM_OPT_AUTH_KEY, 0, key_set, NULL),
	KEYID(SHIM_OPT_AUTH_ACTIVE_KEY, SCTP_AUTH_ACTIVE_KEY, keyid_set, keyid_get),
	KEYID(SHIM_OPT_AUTH_DEACTIVATE_KEY, SCTP_AUTH_DEACTIVATE_KEY, deactivate_set, NULL),
	KEYID(SHIM_OPT_AUTH_DELETE_KEY, SCTP_AUTH_DELETE_KEY, keyid_set, NULL),
	HOOKS(SHIM_OPT_PEER_AUTH_CHUNKS, SCTP_PEER_AUTH_CHUNKS, NULL, chunks_get),
	HOOKS(SHIM_OPT_LOCAL_AUTH_CHUNKS, SCTP_LOCAL_AUTH_CHUNKS, NULL, chunks_get),
	{ 0 }
};
