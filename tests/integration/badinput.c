/* SPDX-License-Identifier: MIT */
/* Talks to sctpshimd's control socket directly (not under the shim) and
 * sends malformed records: each must make the daemon close that connection
 * (and nothing else); a well-formed HELLO afterwards must still be answered.
 * The socket name comes from $SCTPSHIM_SOCKET. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "wire/wire.h"

#define REPLY_TIMEOUT_MS 10000

static int connect_daemon(void)
{
	struct sockaddr_un sun;
	int len = shim_daemon_address(shim_daemon_name(), &sun);
	int fd;

	if (len < 0)
		return -1;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, (socklen_t)len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Wait for the next record; returns its length, 0 at EOF, -errno. */
static ssize_t next_record(int fd, void *buf, size_t cap)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n = poll(&p, 1, REPLY_TIMEOUT_MS);

	if (n < 0)
		return -errno;
	if (n == 0)
		return -ETIMEDOUT;
	return shim_recv_record(fd, buf, cap, NULL, MSG_DONTWAIT);
}

static bool is_error_reply(const char *rec, size_t len)
{
	struct shim_hdr h;
	struct shim_reply reply;

	if (len < sizeof h + sizeof reply)
		return false;
	memcpy(&h, rec, sizeof h);
	memcpy(&reply, rec + sizeof h, sizeof reply);
	return h.type == SHIM_REPLY && reply.error != 0;
}

/* Send `len` bytes of `rec` as one record; the daemon must close us. */
static int expect_dropped(const char *what, const void *rec, size_t len)
{
	struct iovec iov = { .iov_base = (void *)rec, .iov_len = len };
	static char buf[SHIM_CTRL_MAX];
	int fd = connect_daemon();
	ssize_t n;

	if (fd < 0) {
		printf("FAIL %s: cannot connect to the daemon: %s\n", what, strerror(errno));
		return 1;
	}
	n = shim_send_record(fd, &iov, 1, -1, 0);
	if (n < 0) {
		/* Refused outright is as good as closed, if the daemon then hangs up. */
		printf("note %s: send: %s\n", what, strerror((int)-n));
	}
	/* The daemon may explain itself with an error reply (a version
	 * mismatch is answered EPROTO), but then it must hang up; success
	 * replies or silence are failures. */
	while ((n = next_record(fd, buf, sizeof buf)) > 0 && is_error_reply(buf, (size_t)n))
		printf("note %s: error reply before closing\n", what);
	close(fd);
	if (n == 0 || n == -ECONNRESET) {
		printf("ok %s: daemon closed the connection\n", what);
		return 0;
	}
	if (n > 0)
		printf("FAIL %s: daemon answered with a %zd-byte record instead of closing\n", what, n);
	else
		printf("FAIL %s: %s\n", what, strerror((int)-n));
	return 1;
}

static int expect_hello_answered(void)
{
	struct {
		struct shim_hdr hdr;
		struct shim_hello hello;
	} req;
	static char buf[SHIM_CTRL_MAX];
	struct iovec iov = { .iov_base = &req, .iov_len = sizeof req };
	struct shim_hdr h;
	struct shim_reply reply;
	int fd = connect_daemon();
	ssize_t n;

	if (fd < 0) {
		printf("FAIL hello: cannot connect to the daemon: %s\n", strerror(errno));
		return 1;
	}
	memset(&req, 0, sizeof req);
	shim_hdr_init(&req.hdr, SHIM_REQ_HELLO, sizeof req, 0);
	req.hello.pid = (uint32_t)getpid();
	n = shim_send_record(fd, &iov, 1, -1, 0);
	if (n == (ssize_t)sizeof req)
		n = next_record(fd, buf, sizeof buf);
	close(fd);
	if (n <= 0) {
		printf("FAIL hello: %s\n", n == 0 ? "connection closed" : strerror((int)-n));
		return 1;
	}
	memcpy(&h, buf, sizeof h);
	if (shim_hdr_check(buf, (size_t)n, sizeof buf) < 0 || h.type != SHIM_REPLY ||
	    (size_t)n < sizeof h + sizeof reply) {
		printf("FAIL hello: malformed reply (%zd bytes, type %u)\n", n, h.type);
		return 1;
	}
	memcpy(&reply, buf + sizeof h, sizeof reply);
	if (reply.error != 0) {
		printf("FAIL hello: reply error %d (%s)\n", reply.error, strerror(reply.error));
		return 1;
	}
	printf("ok hello: answered\n");
	return 0;
}

int main(void)
{
	struct shim_hdr h;
	char *big = calloc(1, SHIM_CTRL_MAX + 4096);
	int failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!big)
		return 99;

	shim_hdr_init(&h, SHIM_REQ_STATUS, sizeof h, 0);
	h.magic = 0xdeadbeef;
	failed += expect_dropped("bad magic", &h, sizeof h);

	shim_hdr_init(&h, SHIM_REQ_STATUS, sizeof h, 0);
	h.version = SHIM_VERSION + 7;
	failed += expect_dropped("bad version", &h, sizeof h);

	/* A real record longer than any control record may be. */
	shim_hdr_init((struct shim_hdr *)big, SHIM_REQ_SETOPT, SHIM_CTRL_MAX + 4096, 0);
	failed += expect_dropped("oversized record", big, SHIM_CTRL_MAX + 4096);

	/* A header that claims more than the record holds. */
	shim_hdr_init(&h, SHIM_REQ_STATUS, SHIM_CTRL_MAX * 4, 0);
	failed += expect_dropped("oversized length field", &h, sizeof h);

	shim_hdr_init(&h, SHIM_REQ_HELLO, sizeof h + 1, 0);
	failed += expect_dropped("length mismatch", &h, sizeof h);

	failed += expect_dropped("short record", "SCTM", 4);

	/* A well-formed header with a body of the wrong size. */
	shim_hdr_init(&h, SHIM_REQ_HELLO, sizeof h, 0);
	failed += expect_dropped("hello without body", &h, sizeof h);

	failed += expect_hello_answered();
	free(big);
	return failed ? 1 : 0;
}
