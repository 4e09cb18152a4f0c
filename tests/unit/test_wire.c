/* SPDX-License-Identifier: MIT */
/* Unit tests of the protocol codec (src/wire). */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "wire/wire.h"

/* ---- helpers ----------------------------------------------------------- */

/* A record: header followed by `body_len` bytes of body, all zero. */
struct record {
	struct shim_hdr hdr;
	uint8_t body[256];
};

static struct record make_record(uint16_t type, size_t body_len)
{
	struct record r;

	memset(&r, 0, sizeof r);
	shim_hdr_init(&r.hdr, type, (uint32_t)(sizeof r.hdr + body_len), 0);
	return r;
}

static int body_check_zeroed(uint16_t type, size_t len)
{
	void *body = calloc(1, len ? len : 1);
	int r = shim_body_check(type, body, len);

	free(body);
	return r;
}

/* An addrs body with `count` in the header and room for `present` addresses. */
static int addrs_check(uint16_t type, uint32_t count, uint32_t present)
{
	size_t len = shim_addrs_size(present);
	struct shim_addrs_req *req = calloc(1, len);
	int r;

	req->count = count;
	r = shim_body_check(type, req, len);
	free(req);
	return r;
}

static int opt_check(uint32_t declared, size_t value_len)
{
	size_t len = sizeof(struct shim_opt_req) + value_len;
	struct shim_opt_req *req = calloc(1, len);
	int r;

	req->len = declared;
	r = shim_body_check(SHIM_REQ_SETOPT, req, len);
	free(req);
	return r;
}

static int notify_check(uint32_t declared, size_t extra_len)
{
	size_t len = sizeof(struct shim_notify) + extra_len;
	struct shim_notify *n = calloc(1, len);
	int r;

	n->len = declared;
	r = shim_body_check(SHIM_NOTIFY, n, len);
	free(n);
	return r;
}

static void make_pair(int sv[2])
{
	CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0);
}

static void close_pair(int sv[2])
{
	close(sv[0]);
	close(sv[1]);
}

static ssize_t send_bytes(int fd, const void *buf, size_t len, int pass_fd)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

	return shim_send_record(fd, &iov, 1, pass_fd, 0);
}

/* ---- header ------------------------------------------------------------ */

static void test_hdr_init_sets_fields(void)
{
	struct shim_hdr h;

	memset(&h, 0xff, sizeof h);
	shim_hdr_init(&h, SHIM_DATA, 1234, 7);
	CU_ASSERT_EQUAL(h.magic, SHIM_MAGIC);
	CU_ASSERT_EQUAL(h.version, SHIM_VERSION);
	CU_ASSERT_EQUAL(h.type, SHIM_DATA);
	CU_ASSERT_EQUAL(h.len, 1234);
	CU_ASSERT_EQUAL(h.flags, 7);
}

static void test_hdr_round_trip(void)
{
	struct record r = make_record(SHIM_REQ_HELLO, sizeof(struct shim_hello));

	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len, SHIM_CTRL_MAX), 0);
}

static void test_hdr_round_trip_at_max(void)
{
	struct record r = make_record(SHIM_FENCE, 16);

	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len, r.hdr.len), 0);
}

static void test_hdr_short(void)
{
	struct record r = make_record(SHIM_REQ_STATUS, 0);

	CU_ASSERT_EQUAL(shim_hdr_check(&r, sizeof r.hdr - 1, SHIM_CTRL_MAX), -EBADMSG);
	CU_ASSERT_EQUAL(shim_hdr_check(&r, 0, SHIM_CTRL_MAX), -EBADMSG);
}

static void test_hdr_oversized(void)
{
	struct record r = make_record(SHIM_FENCE, 16);

	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len, r.hdr.len - 1), -EMSGSIZE);
}

static void test_hdr_oversized_len_field(void)
{
	struct record r = make_record(SHIM_FENCE, 0);

	r.hdr.len = SHIM_CTRL_MAX + 1;
	CU_ASSERT_EQUAL(shim_hdr_check(&r, sizeof r.hdr, SHIM_CTRL_MAX), -EMSGSIZE);
}

static void test_hdr_wrong_magic(void)
{
	struct record r = make_record(SHIM_REQ_STATUS, 0);

	r.hdr.magic ^= 1;
	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len, SHIM_CTRL_MAX), -EPROTO);
}

static void test_hdr_wrong_version(void)
{
	struct record r = make_record(SHIM_REQ_STATUS, 0);

	r.hdr.version = SHIM_VERSION + 1;
	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len, SHIM_CTRL_MAX), -EPROTO);
}

static void test_hdr_len_mismatch(void)
{
	struct record r = make_record(SHIM_FENCE, 8);

	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len - 1, SHIM_CTRL_MAX), -EBADMSG);
	CU_ASSERT_EQUAL(shim_hdr_check(&r, r.hdr.len + 1, SHIM_CTRL_MAX), -EBADMSG);
}

/* ---- fixed-size bodies ------------------------------------------------- */

struct fixed_body {
	uint16_t type;
	size_t size;
};

static const struct fixed_body fixed_bodies[] = {
	{ SHIM_REQ_HELLO, sizeof(struct shim_hello) },
	{ SHIM_REQ_SOCKET, sizeof(struct shim_socket_req) },
	{ SHIM_REQ_LISTEN, sizeof(struct shim_listen_req) },
	{ SHIM_REQ_SHUTDOWN, sizeof(struct shim_shutdown_req) },
	{ SHIM_REQ_GETADDRS, sizeof(struct shim_getaddrs_req) },
	{ SHIM_REQ_PEELOFF, sizeof(struct shim_peeloff_req) },
	{ SHIM_ACCEPT, sizeof(struct shim_accept) },
	{ SHIM_CONNECTED, sizeof(struct shim_connected) },
	{ SHIM_ERROR, sizeof(struct shim_error) },
};

static void test_fixed_bodies_exact_size(void)
{
	for (size_t i = 0; i < sizeof fixed_bodies / sizeof *fixed_bodies; i++)
		CU_ASSERT_EQUAL(body_check_zeroed(fixed_bodies[i].type, fixed_bodies[i].size), 0);
}

static void test_fixed_bodies_short(void)
{
	for (size_t i = 0; i < sizeof fixed_bodies / sizeof *fixed_bodies; i++)
		CU_ASSERT_EQUAL(body_check_zeroed(fixed_bodies[i].type, fixed_bodies[i].size - 1), -EBADMSG);
}

static void test_fixed_bodies_long(void)
{
	for (size_t i = 0; i < sizeof fixed_bodies / sizeof *fixed_bodies; i++)
		CU_ASSERT_EQUAL(body_check_zeroed(fixed_bodies[i].type, fixed_bodies[i].size + 1), -EBADMSG);
}

static void test_status_stats_empty_body(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_STATUS, 0), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_STATS, 0), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_STATUS, 1), -EBADMSG);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_STATS, 4), -EBADMSG);
	/* a lingering close's requests: the socket travels as a descriptor */
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_LINGER_WAIT, 0), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_LINGER_CLOSED, 0), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_LINGER_WAIT, 4), -EBADMSG);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_LINGER_CLOSED, 1), -EBADMSG);
}

static void test_reply_minimum(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REPLY, sizeof(struct shim_reply)), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REPLY, sizeof(struct shim_reply) + 100), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REPLY, sizeof(struct shim_reply) - 1), -EBADMSG);
}

static void test_fence_any_size(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_FENCE, 0), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_FENCE, 4096), 0);
}

static void test_unknown_type(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(0, 0), -EBADMSG);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REPLY + 1, 8), -EBADMSG);
	CU_ASSERT_EQUAL(body_check_zeroed(0xffff, 8), -EBADMSG);
	CU_ASSERT_STRING_EQUAL(shim_type_name(0xffff), "UNKNOWN");
}

static void test_type_names(void)
{
	CU_ASSERT_STRING_EQUAL(shim_type_name(SHIM_REQ_HELLO), "HELLO");
	CU_ASSERT_STRING_EQUAL(shim_type_name(SHIM_REQ_STATS), "STATS");
	CU_ASSERT_STRING_EQUAL(shim_type_name(SHIM_DATA), "DATA");
	CU_ASSERT_STRING_EQUAL(shim_type_name(SHIM_FENCE), "FENCE");
}

/* ---- address lists ----------------------------------------------------- */

static void test_addrs_size(void)
{
	CU_ASSERT_EQUAL(shim_addrs_size(0), sizeof(struct shim_addrs_req));
	CU_ASSERT_EQUAL(shim_addrs_size(3), sizeof(struct shim_addrs_req) + 3 * sizeof(struct shim_addr));
}

static void test_addrs_valid_counts(void)
{
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_BIND, 1, 1), 0);
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_CONNECT, 2, 2), 0);
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_BIND, SHIM_MAX_ADDRS, SHIM_MAX_ADDRS), 0);
}

static void test_addrs_count_zero(void)
{
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_BIND, 0, 0), -EBADMSG);
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_CONNECT, 0, 0), -EBADMSG);
}

static void test_addrs_count_over_max(void)
{
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_BIND, SHIM_MAX_ADDRS + 1, SHIM_MAX_ADDRS + 1), -EBADMSG);
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_CONNECT, UINT32_MAX, 1), -EBADMSG);
}

static void test_addrs_count_mismatch(void)
{
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_BIND, 2, 1), -EBADMSG);
	CU_ASSERT_EQUAL(addrs_check(SHIM_REQ_CONNECT, 1, 2), -EBADMSG);
}

static void test_addrs_short_body(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_BIND, sizeof(struct shim_addrs_req) - 1), -EBADMSG);
}

/* ---- options and notifications ----------------------------------------- */

static void test_opt_len_matches(void)
{
	CU_ASSERT_EQUAL(opt_check(0, 0), 0);
	CU_ASSERT_EQUAL(opt_check(sizeof(struct shim_initmsg), sizeof(struct shim_initmsg)), 0);
	CU_ASSERT_EQUAL(shim_body_check(SHIM_REQ_GETOPT, &(struct shim_opt_req){ .len = 0 },
					sizeof(struct shim_opt_req)), 0);
}

static void test_opt_len_mismatch(void)
{
	CU_ASSERT_EQUAL(opt_check(4, 8), -EBADMSG);
	CU_ASSERT_EQUAL(opt_check(8, 4), -EBADMSG);
	CU_ASSERT_EQUAL(opt_check(UINT32_MAX, 4), -EBADMSG);
}

static void test_opt_short_body(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_REQ_SETOPT, sizeof(struct shim_opt_req) - 1), -EBADMSG);
}

static void test_notify_len_matches(void)
{
	CU_ASSERT_EQUAL(notify_check(0, 0), 0);
	CU_ASSERT_EQUAL(notify_check(12, 12), 0);
}

static void test_notify_len_mismatch(void)
{
	CU_ASSERT_EQUAL(notify_check(1, 0), -EBADMSG);
	CU_ASSERT_EQUAL(notify_check(0, 1), -EBADMSG);
	CU_ASSERT_EQUAL(notify_check(UINT32_MAX, 8), -EBADMSG);
}

static void test_notify_short_body(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_NOTIFY, sizeof(struct shim_notify) - 1), -EBADMSG);
}

/* ---- data -------------------------------------------------------------- */

static void test_data_payload_limits(void)
{
	size_t info = sizeof(struct shim_msginfo);

	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_DATA, info), 0);
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_DATA, info + SHIM_DATA_CHUNK), 0);
}

static void test_data_payload_over_chunk(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_DATA, sizeof(struct shim_msginfo) + SHIM_DATA_CHUNK + 1),
			-EBADMSG);
}

static void test_data_short_msginfo(void)
{
	CU_ASSERT_EQUAL(body_check_zeroed(SHIM_DATA, sizeof(struct shim_msginfo) - 1), -EBADMSG);
}

static void test_data_record_fits_data_max(void)
{
	CU_ASSERT(sizeof(struct shim_hdr) + sizeof(struct shim_msginfo) + SHIM_DATA_CHUNK <= SHIM_DATA_MAX);
}

/* ---- addresses --------------------------------------------------------- */

static void test_addr_v4_round_trip(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(5000) };
	struct sockaddr_storage out;
	struct shim_addr a;

	inet_pton(AF_INET, "192.0.2.7", &in.sin_addr);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&in, sizeof in), 0);
	CU_ASSERT_EQUAL(a.family, AF_INET);
	CU_ASSERT_EQUAL(a.port, 5000);
	CU_ASSERT_EQUAL(memcmp(a.addr, &in.sin_addr, 4), 0);
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, &out), sizeof in);
	CU_ASSERT_EQUAL(memcmp(&out, &in, sizeof in), 0);
}

static void test_addr_v6_round_trip(void)
{
	struct sockaddr_in6 in6 = {
		.sin6_family = AF_INET6, .sin6_port = htons(36412),
		.sin6_scope_id = 3, .sin6_flowinfo = htonl(0x12345),
	};
	struct sockaddr_storage out;
	struct shim_addr a;

	inet_pton(AF_INET6, "2001:db8::1", &in6.sin6_addr);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&in6, sizeof in6), 0);
	CU_ASSERT_EQUAL(a.family, AF_INET6);
	CU_ASSERT_EQUAL(a.port, 36412);
	CU_ASSERT_EQUAL(a.scope_id, 3);
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, &out), sizeof in6);
	CU_ASSERT_EQUAL(memcmp(&out, &in6, sizeof in6), 0);
}

static void test_addr_short_length(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	struct shim_addr a;

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&in, sizeof in - 1), -EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&in6, sizeof in6 - 1), -EINVAL);
	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&in, 1), -EINVAL);
}

static void test_addr_unknown_family(void)
{
	struct sockaddr_storage ss = { .ss_family = AF_UNIX };
	struct shim_addr a = { .family = AF_UNIX };
	struct sockaddr_storage out;

	CU_ASSERT_EQUAL(shim_addr_from_sockaddr(&a, (struct sockaddr *)&ss, sizeof ss), -EAFNOSUPPORT);
	a.family = AF_UNIX;
	CU_ASSERT_EQUAL(shim_addr_to_sockaddr(&a, &out), 0);
}

/* ---- records over a socketpair ---------------------------------------- */

static void test_send_recv_record(void)
{
	struct record r = make_record(SHIM_REQ_HELLO, sizeof(struct shim_hello));
	struct shim_hello hello = { .pid = 4242 };
	struct iovec iov[2] = {
		{ .iov_base = &r.hdr, .iov_len = sizeof r.hdr },
		{ .iov_base = &hello, .iov_len = sizeof hello },
	};
	char buf[256];
	int sv[2], fd = 7;

	make_pair(sv);
	CU_ASSERT_EQUAL(shim_send_record(sv[0], iov, 2, -1, 0), (ssize_t)r.hdr.len);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, &fd, 0), (ssize_t)r.hdr.len);
	CU_ASSERT_EQUAL(fd, -1);
	CU_ASSERT_EQUAL(shim_hdr_check(buf, r.hdr.len, sizeof buf), 0);
	CU_ASSERT_EQUAL(memcmp(buf + sizeof r.hdr, &hello, sizeof hello), 0);
	close_pair(sv);
}

static void test_pass_fd(void)
{
	int sv[2], pipefd[2], got = -1;
	char buf[64], byte = 0;

	make_pair(sv);
	CU_ASSERT_FATAL(pipe(pipefd) == 0);
	CU_ASSERT_EQUAL(send_bytes(sv[0], "rec", 3, pipefd[1]), 3);
	close(pipefd[1]);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, &got, 0), 3);
	CU_ASSERT_FATAL(got >= 0);
	/* The passed descriptor is the pipe's write end. */
	CU_ASSERT_EQUAL(write(got, "x", 1), 1);
	CU_ASSERT_EQUAL(read(pipefd[0], &byte, 1), 1);
	CU_ASSERT_EQUAL(byte, 'x');
	close(got);
	close(pipefd[0]);
	close_pair(sv);
}

static void test_unwanted_fd_is_closed(void)
{
	int sv[2], pipefd[2];
	char buf[64], byte;

	make_pair(sv);
	CU_ASSERT_FATAL(pipe(pipefd) == 0);
	CU_ASSERT_EQUAL(send_bytes(sv[0], "rec", 3, pipefd[1]), 3);
	close(pipefd[1]);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, NULL, 0), 3);
	/* No write end is left anywhere, so the pipe reads EOF. */
	CU_ASSERT_EQUAL(read(pipefd[0], &byte, 1), 0);
	close(pipefd[0]);
	close_pair(sv);
}

static void test_recv_oversized_record(void)
{
	char big[200], buf[64];
	int sv[2];

	memset(big, 'a', sizeof big);
	make_pair(sv);
	CU_ASSERT_EQUAL(send_bytes(sv[0], big, sizeof big, -1), (ssize_t)sizeof big);
	CU_ASSERT_EQUAL(send_bytes(sv[0], "next", 4, -1), 4);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, NULL, 0), -EMSGSIZE);
	/* The oversized record is gone; the next one is intact. */
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, NULL, 0), 4);
	CU_ASSERT_EQUAL(memcmp(buf, "next", 4), 0);
	close_pair(sv);
}

static void test_recv_oversized_record_closes_fd(void)
{
	char big[200], buf[64], byte;
	int sv[2], pipefd[2], got = 0;

	memset(big, 'b', sizeof big);
	make_pair(sv);
	CU_ASSERT_FATAL(pipe(pipefd) == 0);
	CU_ASSERT_EQUAL(send_bytes(sv[0], big, sizeof big, pipefd[1]), (ssize_t)sizeof big);
	close(pipefd[1]);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, &got, 0), -EMSGSIZE);
	CU_ASSERT_EQUAL(got, -1);
	CU_ASSERT_EQUAL(read(pipefd[0], &byte, 1), 0);
	close(pipefd[0]);
	close_pair(sv);
}

static void test_send_larger_than_sndbuf(void)
{
	int sv[2], small = 4096;
	size_t len = 1024 * 1024;
	char *big = calloc(1, len);

	make_pair(sv);
	CU_ASSERT_EQUAL(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
	CU_ASSERT_EQUAL(send_bytes(sv[0], big, len, -1), -EMSGSIZE);
	free(big);
	close_pair(sv);
}

static void test_recv_eof(void)
{
	char buf[16];
	int sv[2];

	make_pair(sv);
	close(sv[0]);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, NULL, 0), 0);
	close(sv[1]);
}

static void test_recv_dontwait_empty(void)
{
	char buf[16];
	int sv[2];

	make_pair(sv);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, NULL, MSG_DONTWAIT), -EAGAIN);
	close_pair(sv);
}

static void test_send_to_closed_peer(void)
{
	int sv[2];

	make_pair(sv);
	close(sv[1]);
	/* MSG_NOSIGNAL: an error, not SIGPIPE. */
	CU_ASSERT_EQUAL(send_bytes(sv[0], "x", 1, -1), -EPIPE);
	close(sv[0]);
}

static void test_recv_cloexec(void)
{
	int sv[2], pipefd[2], got = -1;
	char buf[16];

	make_pair(sv);
	CU_ASSERT_FATAL(pipe(pipefd) == 0);
	CU_ASSERT_EQUAL(send_bytes(sv[0], "r", 1, pipefd[0]), 1);
	CU_ASSERT_EQUAL(shim_recv_record(sv[1], buf, sizeof buf, &got, MSG_CMSG_CLOEXEC), 1);
	CU_ASSERT_FATAL(got >= 0);
	CU_ASSERT(fcntl(got, F_GETFD) & FD_CLOEXEC);
	close(got);
	close(pipefd[0]);
	close(pipefd[1]);
	close_pair(sv);
}

/* ---- runner ------------------------------------------------------------ */

struct test {
	const char *name;
	CU_TestFunc fn;
};

#define T(fn) { #fn, fn }

static void test_daemon_name_default(void)
{
	unsetenv("SCTPSHIM_SOCKET");
	CU_ASSERT_STRING_EQUAL(shim_daemon_name(), SHIM_DEFAULT_SOCKET);
	setenv("SCTPSHIM_SOCKET", "", 1);
	CU_ASSERT_STRING_EQUAL(shim_daemon_name(), SHIM_DEFAULT_SOCKET);
	unsetenv("SCTPSHIM_SOCKET");
}

static void test_daemon_name_from_env(void)
{
	setenv("SCTPSHIM_SOCKET", "other", 1);
	CU_ASSERT_STRING_EQUAL(shim_daemon_name(), "other");
	unsetenv("SCTPSHIM_SOCKET");
}

static void test_daemon_address(void)
{
	struct sockaddr_un sun;
	int len = shim_daemon_address("abc", &sun);

	CU_ASSERT_EQUAL(len, (int)(offsetof(struct sockaddr_un, sun_path) + 4));
	CU_ASSERT_EQUAL(sun.sun_family, AF_UNIX);
	CU_ASSERT_EQUAL(sun.sun_path[0], 0);
	CU_ASSERT_EQUAL(memcmp(sun.sun_path + 1, "abc", 3), 0);
}

static void test_daemon_address_bounds(void)
{
	char name[SHIM_DAEMON_NAME_MAX + 2];
	struct sockaddr_un sun;

	CU_ASSERT_EQUAL(shim_daemon_address("", &sun), -EINVAL);
	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = 0;
	CU_ASSERT_EQUAL(shim_daemon_address(name, &sun), -ENAMETOOLONG);
	name[SHIM_DAEMON_NAME_MAX] = 0;
	CU_ASSERT_EQUAL(shim_daemon_address(name, &sun),
			(int)(offsetof(struct sockaddr_un, sun_path) + 1 + SHIM_DAEMON_NAME_MAX));
}

static const struct test tests[] = {
	T(test_hdr_init_sets_fields),
	T(test_hdr_round_trip),
	T(test_hdr_round_trip_at_max),
	T(test_hdr_short),
	T(test_hdr_oversized),
	T(test_hdr_oversized_len_field),
	T(test_hdr_wrong_magic),
	T(test_hdr_wrong_version),
	T(test_hdr_len_mismatch),
	T(test_fixed_bodies_exact_size),
	T(test_fixed_bodies_short),
	T(test_fixed_bodies_long),
	T(test_status_stats_empty_body),
	T(test_reply_minimum),
	T(test_fence_any_size),
	T(test_unknown_type),
	T(test_type_names),
	T(test_addrs_size),
	T(test_addrs_valid_counts),
	T(test_addrs_count_zero),
	T(test_addrs_count_over_max),
	T(test_addrs_count_mismatch),
	T(test_addrs_short_body),
	T(test_opt_len_matches),
	T(test_opt_len_mismatch),
	T(test_opt_short_body),
	T(test_notify_len_matches),
	T(test_notify_len_mismatch),
	T(test_notify_short_body),
	T(test_data_payload_limits),
	T(test_data_payload_over_chunk),
	T(test_data_short_msginfo),
	T(test_data_record_fits_data_max),
	T(test_addr_v4_round_trip),
	T(test_addr_v6_round_trip),
	T(test_addr_short_length),
	T(test_addr_unknown_family),
	T(test_send_recv_record),
	T(test_pass_fd),
	T(test_unwanted_fd_is_closed),
	T(test_recv_oversized_record),
	T(test_recv_oversized_record_closes_fd),
	T(test_send_larger_than_sndbuf),
	T(test_recv_eof),
	T(test_recv_dontwait_empty),
	T(test_send_to_closed_peer),
	T(test_recv_cloexec),
	T(test_daemon_name_default),
	T(test_daemon_name_from_env),
	T(test_daemon_address),
	T(test_daemon_address_bounds),
};

int main(void)
{
	unsigned failures;
	CU_pSuite suite;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	suite = CU_add_suite("wire", NULL, NULL);
	if (!suite)
		return 99;
	for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
		if (!CU_add_test(suite, tests[i].name, tests[i].fn))
			return 99;
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (CU_basic_run_tests() != CUE_SUCCESS)
		return 99;
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
