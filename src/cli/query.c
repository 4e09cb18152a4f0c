/* SPDX-License-Identifier: MIT */
/* sctpshim status / stats: ask the running daemon; never start one. */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "cli/cli.h"
#include "wire/wire.h"

/* A daemon that accepts but never answers must not hang the command. */
#define QUERY_TIMEOUT_SEC 5

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		int saved = errno;

		close(*fd);
		errno = saved;
	}
}

static void free_buf(void *p)
{
	free(*(void **)p);
}

/* Returns a connected control socket, or -errno. */
static int connect_daemon(void)
{
	struct sockaddr_un sun;
	struct timeval tv = { .tv_sec = QUERY_TIMEOUT_SEC };
	int len = shim_daemon_address(shim_daemon_name(), &sun);
	int fd;

	if (len < 0)
		return len;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	if (connect(fd, (struct sockaddr *)&sun, (socklen_t)len) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	return fd;
}

/* Send one request with `body` and receive its reply into buf.  Returns the
 * reply body length after struct shim_reply, or -errno (the daemon's error
 * included); *text points at the reply body. */
static ssize_t request(int fd, uint16_t type, const void *body, size_t body_len,
		       char *buf, size_t cap, const char **text)
{
	struct shim_hdr h;
	struct shim_reply reply;
	struct iovec iov[2] = {
		{ .iov_base = &h, .iov_len = sizeof h },
		{ .iov_base = (void *)body, .iov_len = body_len },
	};
	ssize_t n;
	int r;

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + body_len), 0);
	n = shim_send_record(fd, iov, body_len ? 2 : 1, -1, 0);
	if (n < 0)
		return n;
	n = shim_recv_record(fd, buf, cap, NULL, 0);
	if (n < 0)
		return n;
	if (n == 0)
		return -ECONNRESET;
	r = shim_hdr_check(buf, (size_t)n, cap);
	if (r < 0)
		return r;
	memcpy(&h, buf, sizeof h);
	if (h.type != SHIM_REPLY)
		return -EPROTO;
	r = shim_body_check(h.type, buf + sizeof h, (size_t)n - sizeof h);
	if (r < 0)
		return r;
	memcpy(&reply, buf + sizeof h, sizeof reply);
	*text = buf + sizeof h + sizeof reply;
	n -= (ssize_t)(sizeof h + sizeof reply);
	if (reply.error > 0) {
		/* An EPROTO refusal explains itself in one line of text. */
		if (n > 0)
			fprintf(stderr, "sctpshim: %.*s\n", (int)n, *text);
		return -reply.error;
	}
	return n;
}

static void print_json_string(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* For now the JSON form is the text body as an array of its lines. */
static void print_json_lines(const char *text, size_t len)
{
	bool first = true;

	putchar('[');
	while (len > 0) {
		const char *nl = memchr(text, '\n', len);
		size_t line = nl ? (size_t)(nl - text) : len;

		printf(first ? "\n  " : ",\n  ");
		print_json_string(text, line);
		first = false;
		text += line;
		len -= line;
		if (nl) {
			text++;
			len--;
		}
	}
	puts(first ? "]" : "\n]");
}

static void print_text(const char *text, size_t len)
{
	fwrite(text, 1, len, stdout);
	if (len > 0 && text[len - 1] != '\n')
		putchar('\n');
}

int cli_query(enum cli_query which, bool json)
{
	__attribute__((cleanup(close_fd))) int fd = connect_daemon();
	__attribute__((cleanup(free_buf))) char *buf = malloc(SHIM_CTRL_MAX);
	struct shim_hello hello = { .pid = (uint32_t)getpid() };
	uint16_t type = which == CLI_QUERY_STATUS ? SHIM_REQ_STATUS : SHIM_REQ_STATS;
	const char *text = NULL;
	ssize_t n;

	if (fd == -ECONNREFUSED || fd == -ENOENT) {
		fputs("sctpshim: no sctpshimd running in this network namespace\n", stderr);
		return 1;
	}
	if (fd < 0) {
		fprintf(stderr, "sctpshim: connecting to sctpshimd: %s\n", strerror(-fd));
		return 1;
	}
	if (!buf) {
		fprintf(stderr, "sctpshim: %s\n", strerror(ENOMEM));
		return 1;
	}
	n = request(fd, SHIM_REQ_HELLO, &hello, sizeof hello, buf, SHIM_CTRL_MAX, &text);
	if (n >= 0)
		n = request(fd, type, NULL, 0, buf, SHIM_CTRL_MAX, &text);
	if (n < 0) {
		fprintf(stderr, "sctpshim: %s: %s\n", shim_type_name(type), strerror((int)-n));
		return 1;
	}
	if (json)
		print_json_lines(text, (size_t)n);
	else
		print_text(text, (size_t)n);
	return fflush(stdout) == 0 ? 0 : 1;
}
