/* SPDX-License-Identifier: MIT */
/* Port sharing as Linux's sctp_get_port_local() rules it: SO_REUSEADDR or
 * SCTP_REUSE_PORT on both sockets and the holder not listening, or
 * SO_REUSEPORT on both under one uid.  Usage: reuse CASE PORT (the hold
 * and take cases run as two users, see security_reuseport_other_uid.sh). */
#define _GNU_SOURCE
#include "e2e.h"

#include <errno.h>
#include <netinet/sctp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define port e2e_port

enum reuse_kind { NONE, REUSEADDR, REUSEPORT };

/* A one-to-one socket with the given reuse option, bound to 127.0.0.1:p;
 * returns the socket, or -errno of the bind. */
static int bound(enum reuse_kind kind, uint16_t p, int *fd_out)
{
	struct e2e_addr a = e2e_loopback(AF_INET, p);
	int one = 1, fd = MUST(socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP));

	if (kind != NONE)
		MUST(setsockopt(fd, SOL_SOCKET, kind == REUSEADDR ? SO_REUSEADDR : SO_REUSEPORT,
				&one, sizeof one));
	*fd_out = fd;
	return bind(fd, (struct sockaddr *)&a.ss, a.len) == 0 ? 0 : -errno;
}

/* Each pair on a port of its own: the daemon may not have seen the last
 * pair's close yet when the next binds. */
static void expect_taken(enum reuse_kind first, enum reuse_kind second, uint16_t p,
			 const char *what)
{
	int a, b, r;

	CHECK(bound(first, p, &a) == 0, "%s: first bind", what);
	r = bound(second, p, &b);
	CHECK(r == -EADDRINUSE, "%s: second bind gave %s, want EADDRINUSE", what, strerror(-r));
	close(a);
	close(b);
}

static void echo_once(int client, int listener, const char *text)
{
	char buf[32];
	int server = MUST(accept(listener, NULL, NULL));
	ssize_t n;

	CHECK(send(client, text, strlen(text), 0) == (ssize_t)strlen(text), "send '%s'", text);
	n = recv(server, buf, sizeof buf, 0);
	CHECK(n == (ssize_t)strlen(text) && !memcmp(buf, text, (size_t)n), "'%s' arrived as %zd",
	      text, n);
	close(server);
}

/* Two sockets with the option bound to one address and port, neither
 * listening, each connecting to its own peer: both associations work. */
static void share_and_connect(enum reuse_kind kind)
{
	struct e2e_addr to1 = e2e_loopback(AF_INET, port + 1), to2 = e2e_loopback(AF_INET, port + 2);
	int l1 = e2e_socket(AF_INET, SOCK_STREAM, port + 1, 4);
	int l2 = e2e_socket(AF_INET, SOCK_STREAM, port + 2, 4);
	struct sockaddr_in name;
	socklen_t len = sizeof name;
	int a, b;

	CHECK(bound(kind, port, &a) == 0, "first bind");
	CHECK(bound(kind, port, &b) == 0, "second bind to the same port");
	MUST(connect(a, (struct sockaddr *)&to1.ss, to1.len));
	MUST(connect(b, (struct sockaddr *)&to2.ss, to2.len));
	echo_once(a, l1, "through a");
	echo_once(b, l2, "through b");
	MUST(getsockname(b, (struct sockaddr *)&name, &len));
	CHECK(ntohs(name.sin_port) == port, "b is bound to port %u", ntohs(name.sin_port));
	close(a);
	close(b);
	close(l1);
	close(l2);
}

static void case_reuseaddr_shared(void)
{
	share_and_connect(REUSEADDR);
}

static void case_reuseport_shared(void)
{
	share_and_connect(REUSEPORT);
}

/* Both sockets must ask: one without the option is refused either way. */
static void case_reuse_needs_both(void)
{
	expect_taken(REUSEADDR, NONE, port, "reuse on the first only");
	expect_taken(NONE, REUSEADDR, port + 1, "reuse on the second only");
	expect_taken(REUSEPORT, REUSEADDR, port + 2, "SO_REUSEPORT then SO_REUSEADDR");
}

/* A listening socket's port is not shared through SO_REUSEADDR. */
static void case_reuseaddr_listener(void)
{
	int l = e2e_socket(AF_INET, SOCK_STREAM, port, 4), b, r;

	r = bound(REUSEADDR, port, &b);
	CHECK(r == -EADDRINUSE, "bind beside a listener gave %s, want EADDRINUSE", strerror(-r));
	close(b);
	close(l);
}

/* SO_REUSEADDR is not SCTP_REUSE_PORT to getsockopt. */
static void case_reuse_port_option_apart(void)
{
	int fd, v = -1;
	socklen_t len = sizeof v;

	CHECK(bound(REUSEADDR, port, &fd) == 0, "bind");
	MUST(getsockopt(fd, IPPROTO_SCTP, SCTP_REUSE_PORT, &v, &len));
	CHECK(v == 0, "SCTP_REUSE_PORT reads %d after SO_REUSEADDR", v);
	close(fd);
}

/* hold: bind with SO_REUSEPORT, say so on stdout, wait for stdin to close.
 * take (another uid): the same bind fails with EADDRINUSE. */
static void case_reuseport_hold(void)
{
	int fd;
	char c;

	CHECK(bound(REUSEPORT, port, &fd) == 0, "bind");
	printf("bound\n");
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	close(fd);
}

static void case_reuseport_take(void)
{
	int fd, r = bound(REUSEPORT, port, &fd);

	CHECK(r == -EADDRINUSE, "another uid's SO_REUSEPORT bind gave %s, want EADDRINUSE",
	      r ? strerror(-r) : "success");
	close(fd);
}

int main(int argc, char **argv)
{
	static const struct e2e_case cases[] = {
		{ "reuseaddr-shared", case_reuseaddr_shared },
		{ "reuseport-shared", case_reuseport_shared },
		{ "reuse-needs-both", case_reuse_needs_both },
		{ "reuseaddr-listener", case_reuseaddr_listener },
		{ "reuse-port-option-apart", case_reuse_port_option_apart },
		{ "reuseport-hold", case_reuseport_hold },
		{ "reuseport-take", case_reuseport_take },
	};

	return e2e_main("e2e", argc, argv, cases, sizeof cases / sizeof *cases, NULL);
}
