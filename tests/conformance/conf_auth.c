/* SPDX-License-Identifier: MIT */
/* Conformance: the "auth" family of SCTP options (see conf.h). */
#include "conf.h"

#include <stdlib.h>
#include <unistd.h>

#define SO(fd, name, val) setsockopt((fd), IPPROTO_SCTP, (name), &(val), sizeof(val))

static int get(int fd, int name, void *val, socklen_t len)
{
	return getsockopt(fd, IPPROTO_SCTP, name, val, &len);
}

static int set_auth(int fd, sctp_assoc_t id, int on)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = (uint32_t)on };

	return SO(fd, SCTP_AUTH_SUPPORTED, av);
}

static int get_auth(int fd, sctp_assoc_t id)
{
	struct sctp_assoc_value av = { .assoc_id = id };

	if (get(fd, SCTP_AUTH_SUPPORTED, &av, sizeof av) < 0)
		return -1;
	return (int)av.assoc_value;
}

static int auth_chunk(int fd, uint8_t type)
{
	struct sctp_authchunk c = { .sauth_chunk = type };

	return SO(fd, SCTP_AUTH_CHUNK, c);
}

static int hmacs(int fd, const uint16_t *ids, uint32_t n)
{
	uint8_t buf[sizeof(struct sctp_hmacalgo) + 8 * sizeof(uint16_t)];
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;

	h->shmac_num_idents = n;
	memcpy(h->shmac_idents, ids, n * sizeof *ids);
	return setsockopt(fd, IPPROTO_SCTP, SCTP_HMAC_IDENT, buf,
	                  (socklen_t)(sizeof *h + n * sizeof *ids));
}

static int set_key(int fd, sctp_assoc_t id, uint16_t number, const char *secret)
{
	uint8_t buf[sizeof(struct sctp_authkey) + 64];
	struct sctp_authkey *k = (struct sctp_authkey *)buf;
	size_t len = strlen(secret);

	k->sca_assoc_id = id;
	k->sca_keynumber = number;
	k->sca_keylength = (uint16_t)len;
	memcpy(k->sca_key, secret, len);
	return setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_KEY, buf, (socklen_t)(sizeof *k + len));
}

static int keyid(int fd, int name, sctp_assoc_t id, uint16_t number)
{
	struct sctp_authkeyid k = { .scact_assoc_id = id, .scact_keynumber = number };

	return SO(fd, name, k);
}

/* The chunk list of SCTP_PEER_AUTH_CHUNKS / SCTP_LOCAL_AUTH_CHUNKS: does
 * it hold type?  -1 on error (errno). */
static int chunks_have(int fd, int name, sctp_assoc_t id, uint8_t type)
{
	uint8_t buf[sizeof(struct sctp_authchunks) + 256];
	struct sctp_authchunks *c = (struct sctp_authchunks *)buf;
	socklen_t len = sizeof buf;

	memset(buf, 0, sizeof buf);
	c->gauth_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, name, buf, &len) < 0)
		return -1;
	if (len != sizeof *c + c->gauth_number_of_chunks) {
		conf_note("list of %u chunks in %u bytes", c->gauth_number_of_chunks, len);
		errno = EPROTO;
		return -1;
	}
	return memchr(c->gauth_chunks, type, c->gauth_number_of_chunks) != NULL;
}

static int subscribe(int fd, uint16_t type)
{
	struct sctp_event ev = { .se_type = type, .se_on = 1 };

	return SO(fd, SCTP_EVENT, ev);
}

/* Receive one data message (notifications met are skipped). */
static int recv_data(int fd, void *buf, size_t cap)
{
	for (;;) {
		int flags = 0, n = conf_recv(fd, buf, cap, NULL, &flags);

		if (n < 0 || !(flags & MSG_NOTIFICATION))
			return n;
	}
}

static int comm_up(int fd)
{
	union sctp_notification n;

	for (;;) {
		if (conf_wait_notification(fd, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
			return -1;
		if (n.sn_assoc_change.sac_state == SCTP_COMM_UP)
			return 0;
	}
}

/*
 * A one-to-one association whose ends had SCTP-AUTH set as asked (and
 * setup run on both, if given) before it started; both subscribe to
 * association and authentication events.  cli/srv: the two connected
 * sockets.
 */
struct auth_pair {
	int lsn, srv, cli;
};

static int auth_pair_open(struct auth_pair *p, int cli_auth, int srv_auth, int (*setup)(int fd))
{
	struct sockaddr_storage ss;
	socklen_t len;

	p->srv = -1;
	p->lsn = conf_socket(AF_INET, SOCK_STREAM);
	p->cli = conf_socket(AF_INET, SOCK_STREAM);
	if (p->lsn < 0 || p->cli < 0
	    || set_auth(p->lsn, 0, srv_auth) < 0 || set_auth(p->cli, 0, cli_auth) < 0
	    || (setup && (setup(p->lsn) < 0 || setup(p->cli) < 0))
	    || subscribe(p->lsn, SCTP_ASSOC_CHANGE) < 0 || subscribe(p->cli, SCTP_ASSOC_CHANGE) < 0
	    || subscribe(p->lsn, SCTP_AUTHENTICATION_EVENT) < 0
	    || subscribe(p->cli, SCTP_AUTHENTICATION_EVENT) < 0
	    || conf_bind_loopback(p->lsn, AF_INET, &ss, &len) < 0 || listen(p->lsn, 4) < 0
	    || connect(p->cli, (struct sockaddr *)&ss, len) < 0)
		return -1;
	p->srv = accept(p->lsn, NULL, NULL);
	if (p->srv < 0 || comm_up(p->srv) < 0 || comm_up(p->cli) < 0)
		return -1;
	return 0;
}

/* A message each way arrives whole. */
static int data_flows(struct auth_pair *p)
{
	char buf[64];

	if (send(p->cli, "ping", 4, 0) != 4 || recv_data(p->srv, buf, sizeof buf) != 4
	    || memcmp(buf, "ping", 4))
		return -1;
	if (send(p->srv, "pong", 4, 0) != 4 || recv_data(p->cli, buf, sizeof buf) != 4
	    || memcmp(buf, "pong", 4))
		return -1;
	return 0;
}

static int auth_data(int fd)
{
	return auth_chunk(fd, 0 /* DATA */);
}

static int auth_data_sha256(int fd)
{
	static const uint16_t ids[] = { SCTP_AUTH_HMAC_ID_SHA256, SCTP_AUTH_HMAC_ID_SHA1 };

	return auth_data(fd) < 0 ? -1 : hmacs(fd, ids, 2);
}

/* ---- SCTP_AUTH_SUPPORTED --------------------------------------------------- */

static int supported_default_off(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK(get_auth(fd, 0) == 0);  /* net.sctp.auth_enable's default */
	return 0;
}

static int supported_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 7));
	CHECK(get_auth(fd, 0) == 1);
	CHECK_OK(set_auth(fd, 0, 0));
	CHECK(get_auth(fd, 0) == 0);
	return 0;
}

static int supported_short(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_assoc_value av = { 0, 1 };

	CHECK_OK(fd);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_SUPPORTED, &av, sizeof av - 1), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_AUTH_SUPPORTED, &av, sizeof av - 1), EINVAL);
	return 0;
}

static int supported_unknown_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);

	CHECK_OK(fd);
	CHECK_ERRNO(set_auth(fd, 12345, 1), EINVAL);
	CHECK_ERRNO(get_auth(fd, 12345), EINVAL);
	return 0;
}

/* ---- everything is EACCES while SCTP-AUTH is off --------------------------- */

static int off_gives_eacces(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	static const uint16_t sha1 = SCTP_AUTH_HMAC_ID_SHA1;
	uint8_t buf[64];
	struct sctp_authkeyid k = { 0 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 0));
	CHECK_ERRNO(auth_chunk(fd, 0), EACCES);
	CHECK_ERRNO(auth_chunk(fd, 1 /* INIT: EINVAL, but EACCES comes first */), EACCES);
	CHECK_ERRNO(hmacs(fd, &sha1, 1), EACCES);
	CHECK_ERRNO(get(fd, SCTP_HMAC_IDENT, buf, sizeof buf), EACCES);
	CHECK_ERRNO(set_key(fd, 0, 1, "secret"), EACCES);
	CHECK_ERRNO(set_key(fd, SCTP_ALL_ASSOC, 1, "secret"), EACCES);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_ACTIVE_KEY, 0, 0), EACCES);
	CHECK_ERRNO(get(fd, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k), EACCES);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DEACTIVATE_KEY, 0, 1), EACCES);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DELETE_KEY, 0, 1), EACCES);
	CHECK_ERRNO(chunks_have(fd, SCTP_LOCAL_AUTH_CHUNKS, 0, 0), EACCES);
	return 0;
}

/* ---- SCTP_AUTH_CHUNK / SCTP_LOCAL_AUTH_CHUNKS ------------------------------ */

static int chunk_added_listed(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK(chunks_have(fd, SCTP_LOCAL_AUTH_CHUNKS, 0, 0) == 0);
	CHECK_OK(auth_chunk(fd, 0));
	CHECK_OK(auth_chunk(fd, 0));  /* again: still one */
	CHECK(chunks_have(fd, SCTP_LOCAL_AUTH_CHUNKS, 0, 0) == 1);
	return 0;
}

static int chunk_never_authenticated(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint8_t two[2] = { 0, 0 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(auth_chunk(fd, 1 /* INIT */), EINVAL);
	CHECK_ERRNO(auth_chunk(fd, 2 /* INIT ACK */), EINVAL);
	CHECK_ERRNO(auth_chunk(fd, 14 /* SHUTDOWN COMPLETE */), EINVAL);
	CHECK_ERRNO(auth_chunk(fd, 15 /* AUTH */), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_CHUNK, two, sizeof two), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_CHUNK, two, 0), EINVAL);
	return 0;
}

static int chunk_get_only(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint8_t buf[16];

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(get(fd, SCTP_AUTH_CHUNK, buf, sizeof buf), ENOPROTOOPT);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_LOCAL_AUTH_CHUNKS, buf, 8), ENOPROTOOPT);
	return 0;
}

static int local_chunks_short(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_authchunks c = { 0 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(get(fd, SCTP_LOCAL_AUTH_CHUNKS, &c, sizeof c - 1), EINVAL);
	CHECK_OK(get(fd, SCTP_LOCAL_AUTH_CHUNKS, &c, sizeof c));  /* empty list */
	CHECK(c.gauth_number_of_chunks == 0);
	CHECK_OK(auth_chunk(fd, 0));
	CHECK_ERRNO(get(fd, SCTP_LOCAL_AUTH_CHUNKS, &c, sizeof c), EINVAL);
	return 0;
}

/* ---- SCTP_HMAC_IDENT ------------------------------------------------------- */

static int hmac_default_sha1(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint8_t buf[sizeof(struct sctp_hmacalgo) + 16];
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;
	socklen_t len = sizeof buf;

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_OK(getsockopt(fd, IPPROTO_SCTP, SCTP_HMAC_IDENT, buf, &len));
	CHECK(len == sizeof *h + 2 && h->shmac_num_idents == 1
	      && h->shmac_idents[0] == SCTP_AUTH_HMAC_ID_SHA1);
	return 0;
}

/* SHA-256 is optional (a kernel without CONFIG_CRYPTO_SHA256, a usrsctp
 * without SCTP_SUPPORT_HMAC_SHA256): EOPNOTSUPP then, and the case skips. */
static int hmac_set_get(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	static const uint16_t ids[] = { SCTP_AUTH_HMAC_ID_SHA256, SCTP_AUTH_HMAC_ID_SHA1 };
	uint8_t buf[sizeof(struct sctp_hmacalgo) + 16];
	struct sctp_hmacalgo *h = (struct sctp_hmacalgo *)buf;
	socklen_t len = sizeof buf;

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_OK(hmacs(fd, ids + 1, 1));
	if (hmacs(fd, ids, 2) < 0 && errno == EOPNOTSUPP) {
		conf_note("no SHA-256 here");
		return CONF_SKIP;
	}
	CHECK_OK(hmacs(fd, ids, 2));
	CHECK_OK(getsockopt(fd, IPPROTO_SCTP, SCTP_HMAC_IDENT, buf, &len));
	CHECK(len == sizeof *h + 4 && h->shmac_num_idents == 2);
	CHECK(h->shmac_idents[0] == SCTP_AUTH_HMAC_ID_SHA256
	      && h->shmac_idents[1] == SCTP_AUTH_HMAC_ID_SHA1);
	/* a buffer without room for the list */
	CHECK_ERRNO(get(fd, SCTP_HMAC_IDENT, buf, sizeof *h + 2), EINVAL);
	return 0;
}

static int hmac_invalid(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	static const uint16_t sha256 = SCTP_AUTH_HMAC_ID_SHA256, two[] = { 1, 2 };
	static const uint16_t five[] = { 1, 1, 1, 1, 1 };
	struct sctp_hmacalgo h = { .shmac_num_idents = 1 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(hmacs(fd, &sha256, 1), EINVAL);          /* SHA-1 is mandatory */
	CHECK_ERRNO(hmacs(fd, two, 2), EOPNOTSUPP);          /* 2: no such HMAC */
	CHECK_ERRNO(hmacs(fd, five, 5), EINVAL);             /* over SCTP_AUTH_NUM_HMACS */
	CHECK_ERRNO(hmacs(fd, two, 0), EINVAL);              /* an empty list */
	CHECK_ERRNO(SO(fd, SCTP_HMAC_IDENT, h), EINVAL);     /* the list missing */
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_HMAC_IDENT, &h, 3), EINVAL);
	return 0;
}

/* ---- keys on the endpoint ---------------------------------------------------- */

static int key_short(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	uint8_t buf[sizeof(struct sctp_authkey) + 4] = { 0 };
	struct sctp_authkey *k = (struct sctp_authkey *)buf;

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	/* Linux wants more than the struct, even for an empty key */
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_KEY, buf, sizeof *k), EINVAL);
	k->sca_keylength = 5;
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_KEY, buf, sizeof buf), EINVAL);
	k->sca_keylength = 0;
	CHECK_OK(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_KEY, buf, sizeof buf));
	return 0;
}

static int key_unknown_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_authkeyid k = { .scact_assoc_id = 12345 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(set_key(fd, 12345, 1, "secret"), EINVAL);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_ACTIVE_KEY, 12345, 0), EINVAL);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DELETE_KEY, 12345, 0), EINVAL);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DEACTIVATE_KEY, 12345, 0), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k), EINVAL);
	return 0;
}

static int keyid_short(void)
{
	int fd = conf_socket(AF_INET, SOCK_STREAM);
	struct sctp_authkeyid k = { 0 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k - 1), EINVAL);
	CHECK_ERRNO(setsockopt(fd, IPPROTO_SCTP, SCTP_AUTH_DELETE_KEY, &k, sizeof k + 1), EINVAL);
	CHECK_ERRNO(get(fd, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k - 1), EINVAL);
	return 0;
}

static int keys_endpoint(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET);
	struct sctp_authkeyid k = { 0 };

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_OK(get(fd, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k));
	CHECK(k.scact_keynumber == 0);  /* the null key */
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_ACTIVE_KEY, 0, 1), EINVAL);  /* no key 1 yet */
	CHECK_OK(set_key(fd, 0, 1, "first secret"));
	CHECK_OK(keyid(fd, SCTP_AUTH_ACTIVE_KEY, 0, 1));
	CHECK_OK(get(fd, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k));
	CHECK(k.scact_keynumber == 1);
	/* the active key is neither deactivated nor deleted */
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DEACTIVATE_KEY, 0, 1), EINVAL);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DELETE_KEY, 0, 1), EINVAL);
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_DELETE_KEY, 0, 9), EINVAL);  /* no such key */
	CHECK_OK(set_key(fd, 0, 2, "second"));
	CHECK_OK(keyid(fd, SCTP_AUTH_DEACTIVATE_KEY, 0, 2));
	CHECK_ERRNO(keyid(fd, SCTP_AUTH_ACTIVE_KEY, 0, 2), EINVAL);  /* deactivated */
	CHECK_OK(keyid(fd, SCTP_AUTH_DELETE_KEY, 0, 0));
	return 0;
}

/* ---- on an association --------------------------------------------------- */

/* DATA authenticated both ways: it flows and each side's peer list has it. */
static int data_authenticated(void)
{
	struct auth_pair p;

	CHECK_OK(auth_pair_open(&p, 1, 1, auth_data));
	CHECK(get_auth(p.cli, 0) == 1 && get_auth(p.srv, 0) == 1);
	CHECK_OK(data_flows(&p));
	CHECK(chunks_have(p.cli, SCTP_PEER_AUTH_CHUNKS, 0, 0) == 1);
	CHECK(chunks_have(p.srv, SCTP_PEER_AUTH_CHUNKS, 0, 0) == 1);
	CHECK(chunks_have(p.cli, SCTP_LOCAL_AUTH_CHUNKS, 0, 0) == 1);
	return 0;
}

static int data_not_authenticated(void)
{
	struct auth_pair p;

	CHECK_OK(auth_pair_open(&p, 1, 1, NULL));
	CHECK_OK(data_flows(&p));
	CHECK(chunks_have(p.cli, SCTP_PEER_AUTH_CHUNKS, 0, 0) == 0);
	return 0;
}

static int sha256_chosen(void)
{
	struct auth_pair p;
	int fd = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(set_auth(fd, 0, 1));
	if (auth_data_sha256(fd) < 0 && errno == EOPNOTSUPP) {
		conf_note("no SHA-256 here");
		return CONF_SKIP;
	}
	CHECK_OK(auth_pair_open(&p, 1, 1, auth_data_sha256));
	CHECK_OK(data_flows(&p));
	return 0;
}

static int peer_chunks_short(void)
{
	struct auth_pair p;
	struct sctp_authchunks c = { 0 };

	CHECK_OK(auth_pair_open(&p, 1, 1, auth_data));
	CHECK_ERRNO(get(p.cli, SCTP_PEER_AUTH_CHUNKS, &c, sizeof c - 1), EINVAL);
	return 0;
}

static int peer_chunks_needs_assoc(void)
{
	int fd = conf_socket(AF_INET, SOCK_SEQPACKET), lone = conf_socket(AF_INET, SOCK_STREAM);

	CHECK_OK(fd);
	CHECK_OK(lone);
	CHECK_OK(set_auth(fd, 0, 1));
	CHECK_OK(set_auth(lone, 0, 1));
	CHECK_ERRNO(chunks_have(fd, SCTP_PEER_AUTH_CHUNKS, 0, 0), EINVAL);
	CHECK_ERRNO(chunks_have(lone, SCTP_PEER_AUTH_CHUNKS, 0, 0), EINVAL);
	return 0;
}

/* A new key on both ends, made active by the client: data flows, and the
 * server is told the peer uses a key new to it. */
static int new_key_active(void)
{
	struct auth_pair p;
	struct sctp_authkeyid k = { 0 };
	union sctp_notification n;
	char buf[16];

	CHECK_OK(auth_pair_open(&p, 1, 1, auth_data));
	CHECK_OK(set_key(p.cli, 0, 1, "shared secret"));
	CHECK_OK(set_key(p.srv, 0, 1, "shared secret"));
	CHECK_OK(keyid(p.cli, SCTP_AUTH_ACTIVE_KEY, 0, 1));
	CHECK_OK(get(p.cli, SCTP_AUTH_ACTIVE_KEY, &k, sizeof k));
	CHECK(k.scact_keynumber == 1);
	/* the event comes before the data that brought the key */
	CHECK(send(p.cli, "ping", 4, 0) == 4);
	CHECK(conf_wait_notification(p.srv, SCTP_AUTHENTICATION_EVENT, &n, sizeof n) > 0);
	CHECK(n.sn_authkey_event.auth_indication == SCTP_AUTH_NEW_KEY);
	CHECK(n.sn_authkey_event.auth_keynumber == 1);
	CHECK(n.sn_authkey_event.auth_length == sizeof n.sn_authkey_event);
	CHECK(recv_data(p.srv, buf, sizeof buf) == 4 && !memcmp(buf, "ping", 4));
	CHECK_OK(data_flows(&p));
	/* the association's active key stays */
	CHECK_ERRNO(keyid(p.cli, SCTP_AUTH_DEACTIVATE_KEY, 0, 1), EINVAL);
	CHECK_ERRNO(keyid(p.cli, SCTP_AUTH_DELETE_KEY, 0, 1), EINVAL);
	/* both on key 1: the null key can go */
	CHECK_OK(keyid(p.srv, SCTP_AUTH_ACTIVE_KEY, 0, 1));
	CHECK_OK(keyid(p.cli, SCTP_AUTH_DELETE_KEY, 0, 0));
	CHECK_OK(keyid(p.srv, SCTP_AUTH_DELETE_KEY, 0, 0));
	CHECK_OK(data_flows(&p));
	return 0;
}

/* Deactivating a key no one uses frees it at once: SCTP_AUTH_FREE_KEY. */
static int deactivate_frees(void)
{
	struct auth_pair p;
	union sctp_notification n;

	CHECK_OK(auth_pair_open(&p, 1, 1, auth_data));
	CHECK_OK(set_key(p.cli, 0, 2, "spare"));
	CHECK_OK(keyid(p.cli, SCTP_AUTH_DEACTIVATE_KEY, 0, 2));
	CHECK(conf_wait_notification(p.cli, SCTP_AUTHENTICATION_EVENT, &n, sizeof n) > 0);
	CHECK(n.sn_authkey_event.auth_indication == SCTP_AUTH_FREE_KEY);
	CHECK(n.sn_authkey_event.auth_keynumber == 2);
	return 0;
}

/* The peer has SCTP-AUTH off: the client is told, the association is not
 * auth-capable (EACCES for its keys and lists), data flows unauthenticated. */
static int peer_without_auth(void)
{
	struct auth_pair p;
	union sctp_notification n;

	CHECK_OK(auth_pair_open(&p, 1, 0, NULL));
	CHECK(conf_wait_notification(p.cli, SCTP_AUTHENTICATION_EVENT, &n, sizeof n) > 0);
	CHECK(n.sn_authkey_event.auth_indication == SCTP_AUTH_NO_AUTH);
	CHECK(get_auth(p.cli, 0) == 0);
	CHECK_ERRNO(chunks_have(p.cli, SCTP_PEER_AUTH_CHUNKS, 0, 0), EACCES);
	CHECK_ERRNO(set_key(p.cli, 0, 1, "secret"), EACCES);
	CHECK_OK(data_flows(&p));
	return 0;
}

static const struct conf_case cases[] = {
	{ "auth_supported_default_off", supported_default_off },
	{ "auth_supported_set_get", supported_set_get },
	{ "auth_supported_short", supported_short },
	{ "auth_supported_unknown_assoc", supported_unknown_assoc },
	{ "auth_off_gives_eacces", off_gives_eacces },
	{ "auth_chunk_added_listed", chunk_added_listed },
	{ "auth_chunk_never_authenticated", chunk_never_authenticated },
	{ "auth_chunk_lists_one_way", chunk_get_only },
	{ "local_auth_chunks_short", local_chunks_short },
	{ "hmac_ident_default_sha1", hmac_default_sha1 },
	{ "hmac_ident_set_get", hmac_set_get },
	{ "hmac_ident_invalid", hmac_invalid },
	{ "auth_key_short", key_short },
	{ "auth_key_unknown_assoc", key_unknown_assoc },
	{ "auth_keyid_short", keyid_short },
	{ "auth_keys_endpoint", keys_endpoint },
	{ "auth_data_authenticated", data_authenticated },
	{ "auth_data_not_authenticated", data_not_authenticated },
	{ "auth_hmac_sha256_chosen", sha256_chosen },
	{ "peer_auth_chunks_short", peer_chunks_short },
	{ "peer_auth_chunks_needs_assoc", peer_chunks_needs_assoc },
	{ "auth_new_key_active", new_key_active },
	{ "auth_deactivate_frees_key", deactivate_frees },
	{ "auth_peer_without_auth", peer_without_auth },
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
