/* SPDX-License-Identifier: MIT */
/*
 * The "auth" family of SOL_SCTP options (SCTP-AUTH, RFC 4895 / RFC 6458
 * 8.1.18-8.1.22, 8.2.x, 8.3.x).  Sizes, checks and their order follow
 * Linux's sctp_setsockopt_* / sctp_getsockopt_* and net/sctp/auth.c.
 *
 * Linux answers EACCES before anything else when the endpoint has
 * SCTP-AUTH off (SCTP_AUTH_CHUNK, SCTP_HMAC_IDENT), which only the daemon
 * knows; a value this side finds wrong therefore travels with the errno
 * Linux would give it (AUTH_DEFERRED), and the daemon answers EACCES
 * first when that applies, else that errno.
 */
#include "personality/optdesc.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

#define ANY_ID       (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE | SHIM_SCOPE_CURRENT_ALL)
#define ID_OR_FUTURE (SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE)

/* The f[] slot of the errno the daemon gives after its EACCES check. */
#define AUTH_DEFERRED (SHIM_OPT_NFIELDS - 1)

/* Linux's SCTP_AUTH_NUM_HMACS (include/linux/sctp.h, not exported):
 * identifiers 0..3, of which SHA-1 (1) and SHA-256 (3) are supported. */
#define LINUX_AUTH_NUM_HMACS 4

/* Chunk types RFC 4895 section 3.2 says are never authenticated. */
static int never_authenticated(uint8_t type)
{
	return type == 1 /* INIT */ || type == 2 /* INIT ACK */
	    || type == 14 /* SHUTDOWN COMPLETE */ || type == 15 /* AUTH */;
}

/* ---- SCTP_AUTH_CHUNK ----------------------------------------------------- */

static int chunk_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                        struct pers_opt *o)
{
	uint8_t type = 0;

	if (len >= 1)
		memcpy(&type, val, 1);
	o->val.f[0] = type;
	if (len != (socklen_t)sizeof(struct sctp_authchunk) || never_authenticated(type))
		o->val.f[AUTH_DEFERRED] = EINVAL;
	return 0;
}

/* ---- SCTP_HMAC_IDENT ----------------------------------------------------- */

static int hmac_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                       struct pers_opt *o)
{
	struct sctp_hmacalgo h;
	const uint8_t *ids = (const uint8_t *)val + sizeof h;
	size_t room;
	int sha1 = 0;

	if (len < (socklen_t)sizeof h) {
		o->val.f[AUTH_DEFERRED] = EINVAL;
		return 0;
	}
	memcpy(&h, val, sizeof h);
	room = (size_t)len - sizeof h;
	if (room > LINUX_AUTH_NUM_HMACS * sizeof(uint16_t))
		room = LINUX_AUTH_NUM_HMACS * sizeof(uint16_t);
	o->val.f[0] = h.shmac_num_idents;
	if (h.shmac_num_idents == 0 || h.shmac_num_idents > LINUX_AUTH_NUM_HMACS
	    || h.shmac_num_idents * sizeof(uint16_t) > room) {
		o->val.f[AUTH_DEFERRED] = EINVAL;
		return 0;
	}
	for (uint32_t i = 0; i < h.shmac_num_idents; i++) {
		uint16_t id;

		memcpy(&id, ids + i * sizeof id, sizeof id);
		if (id != SCTP_AUTH_HMAC_ID_SHA1 && id != SCTP_AUTH_HMAC_ID_SHA256) {
			o->val.f[AUTH_DEFERRED] = EOPNOTSUPP;
			return 0;
		}
		sha1 |= id == SCTP_AUTH_HMAC_ID_SHA1;
	}
	if (!sha1) {
		o->val.f[AUTH_DEFERRED] = EINVAL;
		return 0;
	}
	o->tail = ids;
	o->tail_len = h.shmac_num_idents * (uint32_t)sizeof(uint16_t);
	return 0;
}

static int hmac_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                        struct pers_opt *o)
{
	return 0;  /* Linux checks the length against the list it has */
}

static int hmac_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                       const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	uint32_t n = (uint32_t)v->f[0];
	size_t need = sizeof(struct sctp_hmacalgo) + (size_t)n * sizeof(uint16_t);

	if (tail_len < (size_t)n * sizeof(uint16_t))
		return -EPROTO;
	if ((size_t)*len < need)
		return -EINVAL;
	memcpy(val, &n, sizeof n);
	memcpy((uint8_t *)val + sizeof(struct sctp_hmacalgo), tail, (size_t)n * sizeof(uint16_t));
	*len = (socklen_t)need;
	return 0;
}

/* ---- SCTP_AUTH_KEY ------------------------------------------------------- */

/* Largest key the personality carries: what the library copies in
 * (SHIM_CTRL_MAX / 2) less the struct; Linux takes up to 65535 bytes. */
#define AUTH_KEY_MAX (SHIM_CTRL_MAX / 2 - sizeof(struct sctp_authkey))

static int key_encode(const struct pers_optdesc *d, const void *val, socklen_t len,
                      struct pers_opt *o)
{
	struct sctp_authkey k;

	if (len <= (socklen_t)sizeof k)
		return -EINVAL;
	memcpy(&k, val, sizeof k);
	if (k.sca_keylength > (size_t)len - sizeof k || k.sca_keylength > AUTH_KEY_MAX)
		return -EINVAL;
	o->assoc_id = (uint32_t)k.sca_assoc_id;
	o->val.f[0] = k.sca_keynumber;
	o->val.f[1] = k.sca_keylength;
	o->tail = (const uint8_t *)val + sizeof k;
	o->tail_len = k.sca_keylength;
	return 0;
}

/* ---- SCTP_PEER_AUTH_CHUNKS / SCTP_LOCAL_AUTH_CHUNKS ---------------------- */

static int chunks_prepare(const struct pers_optdesc *d, const void *val, socklen_t len,
                          struct pers_opt *o)
{
	struct sctp_authchunks c;

	if (len < (socklen_t)sizeof c)
		return -EINVAL;
	memcpy(&c, val, sizeof c);
	o->assoc_id = (uint32_t)c.gauth_assoc_id;
	return 0;
}

/* Linux's check for the peer's list is len < count, which lets it write
 * past a buffer shorter than the struct plus the list; this refuses that
 * as the local list's check does. */
static int chunks_decode(const struct pers_optdesc *d, const struct shim_optval *v,
                         const void *tail, size_t tail_len, void *val, socklen_t *len)
{
	uint32_t n = (uint32_t)v->f[0];
	size_t need = sizeof(struct sctp_authchunks) + n;

	if (tail_len < n)
		return -EPROTO;
	if ((size_t)*len < need)
		return -EINVAL;
	memcpy((uint8_t *)val + offsetof(struct sctp_authchunks, gauth_number_of_chunks),
	       &n, sizeof n);
	memcpy((uint8_t *)val + sizeof(struct sctp_authchunks), tail, n);
	*len = (socklen_t)need;
	return 0;
}

#define KEYID_OPT(linux_name, shim_name, flags, get_scope) \
	{ linux_name, shim_name, sizeof(struct sctp_authkeyid), (flags), ANY_ID, (get_scope), \
	  offsetof(struct sctp_authkeyid, scact_assoc_id), \
	  { SHIM_UF(struct sctp_authkeyid, scact_keynumber) } }

const struct pers_optdesc pers_opts_auth[] = {
	/* Linux: exactly the struct; the endpoint's switch (an id is checked
	 * but the endpoint changes); get: the association's peer.auth_capable */
	{ SCTP_AUTH_SUPPORTED, SHIM_OPT_AUTH_SUPPORTED, sizeof(struct sctp_assoc_value),
	  PO_SET | PO_GET | PO_BOOL, ID_OR_FUTURE, ID_OR_FUTURE,
	  offsetof(struct sctp_assoc_value, assoc_id),
	  { SHIM_UF(struct sctp_assoc_value, assoc_value) } },
	{ SCTP_AUTH_CHUNK, SHIM_OPT_AUTH_CHUNK, sizeof(struct sctp_authchunk), PO_SET,
	  SHIM_SCOPE_SOCKET, 0, PO_NO_ASSOC, { { 0 } }, .encode = chunk_encode },
	{ SCTP_HMAC_IDENT, SHIM_OPT_HMAC_IDENT, sizeof(struct sctp_hmacalgo), PO_SET | PO_GET,
	  SHIM_SCOPE_SOCKET, SHIM_SCOPE_SOCKET, PO_NO_ASSOC, { { 0 } },
	  .encode = hmac_encode, .prepare = hmac_prepare, .decode = hmac_decode },
	{ SCTP_AUTH_KEY, SHIM_OPT_AUTH_KEY, sizeof(struct sctp_authkey), PO_SET,
	  ANY_ID, 0, offsetof(struct sctp_authkey, sca_assoc_id), { { 0 } },
	  .encode = key_encode },
	KEYID_OPT(SCTP_AUTH_ACTIVE_KEY, SHIM_OPT_AUTH_ACTIVE_KEY, PO_SET | PO_GET, ID_OR_FUTURE),
	KEYID_OPT(SCTP_AUTH_DEACTIVATE_KEY, SHIM_OPT_AUTH_DEACTIVATE_KEY, PO_SET, 0),
	KEYID_OPT(SCTP_AUTH_DELETE_KEY, SHIM_OPT_AUTH_DELETE_KEY, PO_SET, 0),
	{ SCTP_PEER_AUTH_CHUNKS, SHIM_OPT_PEER_AUTH_CHUNKS, sizeof(struct sctp_authchunks),
	  PO_GET, 0, SHIM_SCOPE_ASSOC, offsetof(struct sctp_authchunks, gauth_assoc_id),
	  { { 0 } }, .prepare = chunks_prepare, .decode = chunks_decode },
	{ SCTP_LOCAL_AUTH_CHUNKS, SHIM_OPT_LOCAL_AUTH_CHUNKS, sizeof(struct sctp_authchunks),
	  PO_GET, 0, ID_OR_FUTURE, offsetof(struct sctp_authchunks, gauth_assoc_id),
	  { { 0 } }, .prepare = chunks_prepare, .decode = chunks_decode },
	{ 0 }
};
