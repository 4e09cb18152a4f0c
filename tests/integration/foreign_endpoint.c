/* SPDX-License-Identifier: MIT */
/* Speaks to sctpshimd's control socket directly (not under the shim) and
 * tries to act on an endpoint without holding its descriptor: a request
 * without one, with a descriptor that is not a shim socket, with a socket
 * bound to a forged endpoint name (the right daemon instance and the id
 * of a live endpoint another client holds), and with the name of an
 * endpoint that does not exist.  Each must be refused, and the real
 * endpoint must be untouched (its holder then binds the port the forged
 * requests asked for).  argv[1]: the port.  $SCTPSHIM_SOCKET names the
 * daemon. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "wire/wire.h"

#define REPLY_TIMEOUT_MS 10000

static int failed;

static int connect_daemon(void)
{
	struct sockaddr_un sun;
	int len = shim_daemon_address(shim_daemon_name(), &sun);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (len < 0 || fd < 0 || connect(fd, (struct sockaddr *)&sun, (socklen_t)len) < 0) {
		printf("FAIL: cannot connect to the daemon: %s\n", strerror(errno));
		exit(1);
	}
	return fd;
}

/* One request; returns the reply's error (positive errno, 0) or -1 when
 * the daemon closed or did not answer.  *recv_fd gets a passed fd. */
static int request(int s, uint16_t type, const void *body, size_t len, int pass_fd, int *recv_fd)
{
	static char buf[SHIM_CTRL_MAX];
	struct shim_hdr h;
	struct shim_reply r;
	struct iovec iov[2] = { { &h, sizeof h }, { (void *)body, len } };
	struct pollfd p = { .fd = s, .events = POLLIN };
	ssize_t n;

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + len), 0);
	if (shim_send_record(s, iov, len ? 2 : 1, pass_fd, 0) < 0)
		return -1;
	if (poll(&p, 1, REPLY_TIMEOUT_MS) != 1)
		return -1;
	n = shim_recv_record(s, buf, sizeof buf, recv_fd, MSG_DONTWAIT);
	if (n < (ssize_t)(sizeof h + sizeof r) || shim_hdr_check(buf, (size_t)n, sizeof buf) < 0)
		return -1;
	memcpy(&r, buf + sizeof h, sizeof r);
	return r.error;
}

static int hello(int s)
{
	struct shim_hello hi = { .pid = (uint32_t)getpid() };

	return request(s, SHIM_REQ_HELLO, &hi, sizeof hi, -1, NULL);
}

static int bind_req(int s, int fd, uint16_t port)
{
	union {
		struct shim_addrs_req r;
		uint8_t bytes[sizeof(struct shim_addrs_req) + sizeof(struct shim_addr)];
	} b;

	memset(&b, 0, sizeof b);
	b.r.count = 1;
	b.r.addrs[0].family = AF_INET;
	b.r.addrs[0].port = port;
	b.r.addrs[0].addr[0] = 127;
	b.r.addrs[0].addr[3] = 1;
	return request(s, SHIM_REQ_BIND, &b, sizeof b, fd, NULL);
}

/* An AF_UNIX socket bound to the abstract name given. */
static int named_socket(const char *name)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	memcpy(sun.sun_path + 1, name, len);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sun,
			   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len)) < 0) {
		printf("FAIL: cannot bind @%s: %s\n", name, strerror(errno));
		exit(1);
	}
	return fd;
}

static void expect_refused(const char *what, int err, int want)
{
	if (err == want) {
		printf("ok %s: refused with %s\n", what, strerrorname_np(want));
	} else {
		printf("FAIL %s: got %d (%s), want %s\n", what, err,
		       err > 0 ? strerror(err) : "no reply", strerrorname_np(want));
		failed = 1;
	}
}

int main(int argc, char **argv)
{
	struct shim_socket_req sreq = { .family = AF_INET, .style = SHIM_STYLE_ONE_TO_ONE };
	uint16_t port = (uint16_t)atoi(argc > 1 ? argv[1] : "0");
	struct sockaddr_un sun;
	socklen_t sl = sizeof sun;
	char name[sizeof sun.sun_path], inst[16], forged[sizeof sun.sun_path];
	unsigned id, family, style;
	int holder, other, victim = -1, fd, pipefd[2], err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	holder = connect_daemon();
	other = connect_daemon();
	if (hello(holder) != 0 || hello(other) != 0) {
		printf("FAIL: HELLO not answered\n");
		return 1;
	}
	/* the endpoint under attack: its descriptor stays with "holder" */
	err = request(holder, SHIM_REQ_SOCKET, &sreq, sizeof sreq, -1, &victim);
	if (err != 0 || victim < 0) {
		printf("FAIL: SOCKET failed: %d\n", err);
		return 1;
	}
	memset(&sun, 0, sizeof sun);
	if (getsockname(victim, (struct sockaddr *)&sun, &sl) < 0 || sun.sun_path[0]) {
		printf("FAIL: the endpoint has no abstract name\n");
		return 1;
	}
	memcpy(name, sun.sun_path + 1, sl - offsetof(struct sockaddr_un, sun_path) - 1);
	name[sl - offsetof(struct sockaddr_un, sun_path) - 1] = '\0';
	if (sscanf(name, SHIM_EP_PREFIX "%8[0-9a-f]/%u/%u/%u", inst, &id, &family, &style) != 4) {
		printf("FAIL: unexpected endpoint name %s\n", name);
		return 1;
	}
	printf("endpoint @%s\n", name);

	expect_refused("no descriptor", bind_req(other, -1, port), EBADF);

	if (pipe(pipefd) < 0)
		return 99;
	expect_refused("a pipe", bind_req(other, pipefd[0], port), ENOTSOCK);

	/* Same instance and id, another family/style suffix: a name nobody
	 * holds, so anyone can bind it; the daemon's inode check refuses it. */
	snprintf(forged, sizeof forged, SHIM_EP_PREFIX "%s/%u/%u/%u", inst, id,
		 family == AF_INET ? AF_INET6 : AF_INET, style);
	fd = named_socket(forged);
	expect_refused("forged name of a live endpoint", bind_req(other, fd, port), ENOTSOCK);
	close(fd);

	snprintf(forged, sizeof forged, SHIM_EP_PREFIX "%s/%u/%u/%u", inst, id + 1000000,
		 family, style);
	fd = named_socket(forged);
	expect_refused("name of no endpoint", bind_req(other, fd, port), ENOTCONN);
	close(fd);

	/* nothing was bound by the refused requests: the holder gets the port */
	err = bind_req(holder, victim, port);
	if (err != 0) {
		printf("FAIL: the holder's own bind failed: %s\n", err > 0 ? strerror(err) : "no reply");
		failed = 1;
	} else {
		printf("ok the holder binds port %u\n", port);
	}
	close(victim);
	return failed;
}
