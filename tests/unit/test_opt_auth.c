/* SPDX-License-Identifier: MIT */
/* Unit tests of the "auth" option family of the Linux personality: the
 * Linux ABI of its structs, and Linux values <-> neutral options. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/sctp.h>
#include <CUnit/Basic.h>

#include "personality/personality.h"

/* The slot the personality leaves the value's own errno in (opt_auth.c). */
#define DEFERRED (SHIM_OPT_NFIELDS - 1)

static void test_layouts(void)
{
	CU_ASSERT_EQUAL(sizeof(struct sctp_authchunk), 1);
	CU_ASSERT_EQUAL(sizeof(struct sctp_hmacalgo), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_hmacalgo, shmac_idents), 4);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authkey), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey, sca_keynumber), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey, sca_keylength), 6);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey, sca_key), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authkeyid), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkeyid, scact_keynumber), 4);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authchunks), 8);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authchunks, gauth_number_of_chunks), 4);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authchunks, gauth_chunks), 8);
	CU_ASSERT_EQUAL(sizeof(struct sctp_authkey_event), 20);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey_event, auth_indication), 12);
	CU_ASSERT_EQUAL(offsetof(struct sctp_authkey_event, auth_assoc_id), 16);
}

static void test_names(void)
{
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_SUPPORTED), SHIM_OPT_AUTH_SUPPORTED);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_CHUNK), SHIM_OPT_AUTH_CHUNK);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_HMAC_IDENT), SHIM_OPT_HMAC_IDENT);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_KEY), SHIM_OPT_AUTH_KEY);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_ACTIVE_KEY), SHIM_OPT_AUTH_ACTIVE_KEY);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_DEACTIVATE_KEY), SHIM_OPT_AUTH_DEACTIVATE_KEY);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_AUTH_DELETE_KEY), SHIM_OPT_AUTH_DELETE_KEY);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_PEER_AUTH_CHUNKS), SHIM_OPT_PEER_AUTH_CHUNKS);
	CU_ASSERT_EQUAL(pers_opt_from_linux(SCTP_LOCAL_AUTH_CHUNKS), SHIM_OPT_LOCAL_AUTH_CHUNKS);
}

static void test_supported(void)
{
	struct sctp_assoc_value av = { .assoc_id = 9, .assoc_value = 5 };
	struct pers_opt o;
	socklen_t len = sizeof av;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_SUPPORTED, &av, sizeof av, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 9);
	CU_ASSERT_EQUAL(o.val.f[0], 1);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_SUPPORTED, &av, sizeof av + 1, 1, 0, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_SUPPORTED, &av, sizeof av - 1, 1, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_SUPPORTED, &av, sizeof av, 1, &o), 0);
	o.val.f[0] = 0;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_AUTH_SUPPORTED, &o.val, NULL, 0, &av, &len), 0);
	CU_ASSERT_EQUAL(av.assoc_value, 0);
	CU_ASSERT_EQUAL(len, sizeof av);
}

static void test_chunk(void)
{
	struct sctp_authchunk c = { .sauth_chunk = 0 };
	uint8_t two[2] = { 0 };
	struct pers_opt o;

	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_CHUNK, &c, sizeof c, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], 0);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_SOCKET);
	/* wrong values travel to the daemon, which says EACCES first */
	c.sauth_chunk = 15;  /* AUTH */
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_CHUNK, &c, sizeof c, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_CHUNK, two, sizeof two, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_CHUNK, &c, sizeof c, 0, &o), -ENOPROTOOPT);
}

static void test_hmac(void)
{
	uint8_t buf[sizeof(struct sctp_hmacalgo) + 16] = { 0 };
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;
	uint16_t ids[2] = { SCTP_AUTH_HMAC_ID_SHA256, SCTP_AUTH_HMAC_ID_SHA1 };
	struct pers_opt o;
	socklen_t len;

	h->shmac_num_idents = 2;
	memcpy(h->shmac_idents, ids, sizeof ids);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, sizeof *h + 4, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[0], 2);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], 0);
	CU_ASSERT_EQUAL(o.tail_len, 4);
	CU_ASSERT(o.tail && !memcmp(o.tail, ids, sizeof ids));
	/* the list longer than the value */
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, sizeof *h + 2, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);
	/* no SHA-1 */
	h->shmac_num_idents = 1;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, sizeof *h + 2, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);
	/* an identifier Linux does not have */
	h->shmac_idents[0] = 2;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, sizeof *h + 2, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EOPNOTSUPP);
	h->shmac_num_idents = 5;  /* over SCTP_AUTH_NUM_HMACS */
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, sizeof buf, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_HMAC_IDENT, buf, 2, 0, 0, &o), 0);
	CU_ASSERT_EQUAL(o.val.f[DEFERRED], EINVAL);

	/* get: the answer must fit */
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_HMAC_IDENT, buf, 0, 0, &o), 0);
	o.val.f[0] = 2;
	len = sizeof *h + 2;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_HMAC_IDENT, &o.val, ids, sizeof ids, buf, &len),
	                -EINVAL);
	len = sizeof buf;
	memset(buf, 0, sizeof buf);
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_HMAC_IDENT, &o.val, ids, sizeof ids, buf, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof *h + 4);
	CU_ASSERT_EQUAL(h->shmac_num_idents, 2);
	CU_ASSERT_EQUAL(h->shmac_idents[0], SCTP_AUTH_HMAC_ID_SHA256);
	CU_ASSERT_EQUAL(h->shmac_idents[1], SCTP_AUTH_HMAC_ID_SHA1);
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_HMAC_IDENT, &o.val, ids, 2, buf, &len), -EPROTO);
}

static void test_key(void)
{
	uint8_t buf[sizeof(struct sctp_authkey) + 8] = { 0 };
	struct sctp_authkey *k = (struct sctp_authkey *)buf;
	struct pers_opt o;

	k->sca_assoc_id = 7;
	k->sca_keynumber = 3;
	k->sca_keylength = 6;
	memcpy(k->sca_key, "secret", 6);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_KEY, buf, sizeof *k + 6, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 7);
	CU_ASSERT_EQUAL(o.val.f[0], 3);
	CU_ASSERT_EQUAL(o.val.f[1], 6);
	CU_ASSERT_EQUAL(o.tail_len, 6);
	CU_ASSERT(o.tail && !memcmp(o.tail, "secret", 6));
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE | SHIM_SCOPE_CURRENT_ALL);
	/* longer than what follows; no byte after the struct at all */
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_KEY, buf, sizeof *k + 5, 1, 0, &o), -EINVAL);
	k->sca_keylength = 0;
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_KEY, buf, sizeof *k, 1, 0, &o), -EINVAL);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_AUTH_KEY, buf, sizeof *k + 1, 1, 0, &o), 0);
	CU_ASSERT_EQUAL(o.tail_len, 0);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_KEY, buf, sizeof buf, 1, &o), -ENOPROTOOPT);
}

static void test_keyid(void)
{
	struct sctp_authkeyid k = { .scact_assoc_id = 4, .scact_keynumber = 2 };
	struct pers_opt o;
	socklen_t len = sizeof k;
	static const int names[] = {
		SCTP_AUTH_ACTIVE_KEY, SCTP_AUTH_DEACTIVATE_KEY, SCTP_AUTH_DELETE_KEY,
	};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		CU_ASSERT_EQUAL(pers_setopt_encode(names[i], &k, sizeof k, 1, 0, &o), 0);
		CU_ASSERT_EQUAL(o.assoc_id, 4);
		CU_ASSERT_EQUAL(o.val.f[0], 2);
		CU_ASSERT_EQUAL(pers_setopt_encode(names[i], &k, sizeof k + 1, 1, 0, &o), -EINVAL);
		CU_ASSERT_EQUAL(pers_setopt_encode(names[i], &k, sizeof k - 1, 1, 0, &o), -EINVAL);
	}
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_DELETE_KEY, &k, sizeof k, 1, &o),
	                -ENOPROTOOPT);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_ACTIVE_KEY, &k, sizeof k - 1, 1, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_AUTH_ACTIVE_KEY, &k, sizeof k, 1, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 4);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE);
	o.val.f[0] = 9;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_AUTH_ACTIVE_KEY, &o.val, NULL, 0, &k, &len), 0);
	CU_ASSERT_EQUAL(k.scact_keynumber, 9);
	CU_ASSERT_EQUAL(k.scact_assoc_id, 4);
}

static void test_chunks(void)
{
	uint8_t buf[sizeof(struct sctp_authchunks) + 4] = { 0 };
	struct sctp_authchunks *c = (struct sctp_authchunks *)buf;
	static const uint8_t list[] = { 0, 0x80, 0xc1 };
	struct pers_opt o;
	socklen_t len;

	c->gauth_assoc_id = 6;
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PEER_AUTH_CHUNKS, buf, sizeof *c - 1, 1, &o),
	                -EINVAL);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_PEER_AUTH_CHUNKS, buf, sizeof *c, 1, &o), 0);
	CU_ASSERT_EQUAL(o.assoc_id, 6);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC);
	CU_ASSERT_EQUAL(pers_getopt_prepare(SCTP_LOCAL_AUTH_CHUNKS, buf, sizeof *c, 1, &o), 0);
	CU_ASSERT_EQUAL(o.scope, SHIM_SCOPE_ASSOC | SHIM_SCOPE_FUTURE);
	o.val.f[0] = 3;
	len = sizeof *c + 2;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_LOCAL_AUTH_CHUNKS, &o.val, list, sizeof list,
	                                   buf, &len), -EINVAL);
	len = sizeof buf;
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_LOCAL_AUTH_CHUNKS, &o.val, list, sizeof list,
	                                   buf, &len), 0);
	CU_ASSERT_EQUAL(len, sizeof *c + 3);
	CU_ASSERT_EQUAL(c->gauth_number_of_chunks, 3);
	CU_ASSERT(!memcmp(c->gauth_chunks, list, sizeof list));
	CU_ASSERT_EQUAL(c->gauth_assoc_id, 6);  /* left as the program gave it */
	CU_ASSERT_EQUAL(pers_getopt_decode(SCTP_PEER_AUTH_CHUNKS, &o.val, list, 2, buf, &len),
	                -EPROTO);
	CU_ASSERT_EQUAL(pers_setopt_encode(SCTP_PEER_AUTH_CHUNKS, buf, sizeof *c, 1, 0, &o),
	                -ENOPROTOOPT);
}

static void test_event(void)
{
	static const uint32_t linux_of[] = { SCTP_AUTH_NEW_KEY, SCTP_AUTH_NO_AUTH,
	                                     SCTP_AUTH_FREE_KEY };
	union { struct sctp_authkey_event e; uint8_t buf[64]; } u;

	for (uint32_t i = 0; i < 3; i++) {
		struct shim_notify n = {
			.type = SHIM_NOTIFY_AUTHENTICATION, .assoc_id = 5, .state = i, .value = 4,
		};

		memset(&u, 0xff, sizeof u);
		CU_ASSERT_EQUAL(pers_build_notification(&n, NULL, u.buf, sizeof u.buf),
		                (ssize_t)sizeof u.e);
		CU_ASSERT_EQUAL(u.e.auth_type, SCTP_AUTHENTICATION_EVENT);
		CU_ASSERT_EQUAL(u.e.auth_length, sizeof u.e);
		CU_ASSERT_EQUAL(u.e.auth_keynumber, 4);
		CU_ASSERT_EQUAL(u.e.auth_altkeynumber, 0);
		CU_ASSERT_EQUAL(u.e.auth_indication, linux_of[i]);
		CU_ASSERT_EQUAL(u.e.auth_assoc_id, 5);
	}
}

int main(void)
{
	CU_pSuite s;
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 1;
	s = CU_add_suite("auth options", NULL, NULL);
	CU_add_test(s, "layouts", test_layouts);
	CU_add_test(s, "names", test_names);
	CU_add_test(s, "SCTP_AUTH_SUPPORTED", test_supported);
	CU_add_test(s, "SCTP_AUTH_CHUNK", test_chunk);
	CU_add_test(s, "SCTP_HMAC_IDENT", test_hmac);
	CU_add_test(s, "SCTP_AUTH_KEY", test_key);
	CU_add_test(s, "key ids", test_keyid);
	CU_add_test(s, "chunk lists", test_chunks);
	CU_add_test(s, "SCTP_AUTHENTICATION_EVENT", test_event);
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
