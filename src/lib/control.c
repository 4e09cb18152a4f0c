/* SPDX-License-Identifier: MIT */
/*
 * The per-process control channel to sctpshimd: one SEQPACKET connection,
 * strict request/reply under a mutex.  It lives on a high descriptor with
 * close-on-exec; it is re-opened in a fork child (pid check) and whenever
 * the program closed or replaced that descriptor (inode check) -- we never
 * close a descriptor that is not ours.  Only raw syscalls in here.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

static pthread_mutex_t ctl_lock = PTHREAD_MUTEX_INITIALIZER;
static int ctl_fd = -1;
static pid_t ctl_pid;
static dev_t ctl_dev;
static ino_t ctl_ino;
static int atfork_registered;
/* Under ctl_lock: the reply buffer (too big for small thread stacks). */
static union {
	struct shim_hdr hdr;
	char bytes[SHIM_CTRL_MAX];
} reply_buf;

static void child_after_fork(void)
{
	/* The inherited connection belongs to the parent; the pid check in
	 * channel_ready() closes it.  A lock held by another parent thread
	 * at fork time must not stay held here. */
	pthread_mutex_init(&ctl_lock, NULL);
}

static int same_inode(int fd)
{
	struct stat st;

	if (syscall(SYS_fstat, fd, &st) < 0)
		return 0;
	return st.st_dev == ctl_dev && st.st_ino == ctl_ino;
}

static int high_fd_base(void)
{
	struct rlimit rl;

	if (syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur >= 2048)
		return 1000;
	return rl.rlim_cur > 64 ? (int)(rl.rlim_cur * 3 / 4) : 3;
}

static int connect_daemon(int s)
{
	struct sockaddr_un un;
	int len = shim_daemon_address(shim_daemon_name(), &un);

	if (len < 0)
		return len;
	if (syscall(SYS_connect, s, &un, (socklen_t)len) == 0)
		return 0;
	return -errno;
}

/* The protocol version this library speaks: SHIM_VERSION, unless
 * SCTPSHIM_TEST_PROTO_VERSION makes it pretend to be another build (only
 * for the test of the version refusal, tests/integration/version_*.sh). */
static uint16_t our_version(void)
{
	const char *fake = getenv("SCTPSHIM_TEST_PROTO_VERSION");

	return fake && *fake ? (uint16_t)strtoul(fake, NULL, 10) : SHIM_VERSION;
}

/* A reply in another protocol version: its header is all we may read. */
static int other_version(const char *buf, size_t n)
{
	struct shim_hdr h;
	char line[160];

	if (n < sizeof h)
		return 0;
	memcpy(&h, buf, sizeof h);
	if (h.magic != SHIM_MAGIC || h.version == our_version())
		return 0;
	snprintf(line, sizeof line,
	         "sctpshimd speaks protocol version %u, this library speaks %u: "
	         "restart the daemon or use matching builds", h.version, our_version());
	shim_warn_once(line);
	return 1;
}

static void report_eproto(const char *text, size_t len)
{
	char line[256];

	if (len >= sizeof line)
		len = sizeof line - 1;
	memcpy(line, text, len);
	line[len] = 0;
	line[strcspn(line, "\n")] = 0;
	shim_warn_once(line[0] ? line : "sctpshimd speaks another protocol version");
}

/* Send one request and take its reply into reply_buf; returns the reply
 * length or -errno of the channel. */
static ssize_t exchange(int fd, char *buf, uint16_t type, const void *body, size_t body_len,
                        int pass_fd, int *recv_fd, int recv_flags)
{
	struct shim_hdr rh;
	struct shim_hdr h;
	struct iovec iov[2] = {
		{ &h, sizeof h },
		{ (void *)body, body_len },
	};
	ssize_t n;

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + body_len), 0);
	h.version = our_version();
	n = shim_send_record(fd, iov, body_len ? 2 : 1, pass_fd, 0);
	if (n < 0)
		return n;
	n = shim_recv_record(fd, buf, SHIM_CTRL_MAX, recv_fd, recv_flags);
	if (n == 0)
		return -ECONNRESET;
	if (n < 0)
		return n;
	if (other_version(buf, (size_t)n)) {
		if (recv_fd && *recv_fd >= 0) {
			syscall(SYS_close, *recv_fd);
			*recv_fd = -1;
		}
		return -EPROTO;
	}
	if (shim_hdr_check(buf, (size_t)n, SHIM_CTRL_MAX) == 0)
		memcpy(&rh, buf, sizeof rh);
	if (shim_hdr_check(buf, (size_t)n, SHIM_CTRL_MAX) < 0 || rh.type != SHIM_REPLY
	    || shim_body_check(SHIM_REPLY, buf + sizeof h, (size_t)n - sizeof h) < 0) {
		if (recv_fd && *recv_fd >= 0) {
			syscall(SYS_close, *recv_fd);
			*recv_fd = -1;
		}
		return -EPROTO;
	}
	return n;
}

static int reply_error(const char *buf, size_t n)
{
	struct shim_reply r;

	memcpy(&r, buf + sizeof(struct shim_hdr), sizeof r);
	if (r.error == EPROTO)
		report_eproto(buf + sizeof(struct shim_hdr) + sizeof r,
		              n - sizeof(struct shim_hdr) - sizeof r);
	return r.error > 0 ? -r.error : 0;
}

static int greeted_channel(char *buf, int may_spawn);

/* A fresh, greeted connection to the daemon (starting it if need be);
 * returns its descriptor or -errno.  A daemon exiting when idle closes its
 * listener after our connect may have queued us: the greeting then fails
 * with ECONNRESET, and we start over, with a fresh daemon. */
static int new_channel(char *buf, int may_spawn)
{
	int s = -ECONNRESET;

	for (int attempt = 0; attempt < 5 && (s == -ECONNRESET || s == -EPIPE); attempt++)
		s = greeted_channel(buf, may_spawn);
	return s == -ECONNRESET || s == -EPIPE ? -EPROTONOSUPPORT : s;
}

static int greeted_channel(char *buf, int may_spawn)
{
	struct shim_hello hello = { .pid = (uint32_t)getpid() };
	int s, high, r, attempt;
	ssize_t n;

	s = (int)syscall(SYS_socket, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -errno;
	r = connect_daemon(s);
	for (attempt = 0; may_spawn && attempt < 3 && (r == -ECONNREFUSED || r == -ENOENT);
	     attempt++) {
		int tries;

		r = shim_spawn_daemon();
		if (r < 0)
			break;
		/* "ok" may come from a daemon that lost the race to one still
		 * starting: its name is bound but not yet listening, which also
		 * refuses.  Give the winner a bounded moment. */
		for (tries = 0; tries < 50; tries++) {
			struct timespec pause = { .tv_nsec = 100 * 1000 * 1000 };

			r = connect_daemon(s);
			if (r != -ECONNREFUSED)
				break;
			nanosleep(&pause, NULL);
		}
	}
	if (r < 0) {
		syscall(SYS_close, s);
		return r == -ECONNREFUSED || r == -ENOENT ? -EPROTONOSUPPORT : r;
	}
	high = (int)syscall(SYS_fcntl, s, F_DUPFD_CLOEXEC, high_fd_base());
	if (high >= 0) {
		syscall(SYS_close, s);
		s = high;
	}
	n = exchange(s, buf, SHIM_REQ_HELLO, &hello, sizeof hello, -1, NULL, 0);
	r = n < 0 ? (int)n : reply_error(buf, (size_t)n);
	if (r < 0) {
		syscall(SYS_close, s);
		/* a daemon of another version: as if SCTP were not there */
		return r == -EPROTO ? -EPROTONOSUPPORT : r;
	}
	return s;
}

static int open_channel(void)
{
	struct stat st;
	int s = new_channel(reply_buf.bytes, 1);

	if (s < 0)
		return s;
	if (syscall(SYS_fstat, s, &st) < 0) {
		syscall(SYS_close, s);
		return -EPROTO;
	}
	ctl_fd = s;
	ctl_pid = getpid();
	ctl_dev = st.st_dev;
	ctl_ino = st.st_ino;
	return 0;
}

static int channel_ready(void)
{
	if (!atfork_registered) {
		atfork_registered = 1;
		pthread_atfork(NULL, NULL, child_after_fork);
	}
	if (ctl_fd >= 0 && ctl_pid != getpid()) {
		if (same_inode(ctl_fd))
			syscall(SYS_close, ctl_fd);
		ctl_fd = -1;
	}
	if (ctl_fd >= 0 && !same_inode(ctl_fd))
		ctl_fd = -1;  /* the program closed or reused it: not ours to close */
	return ctl_fd >= 0 ? 0 : open_channel();
}

static int take_reply(const char *buf, size_t n, void *reply, size_t *reply_len)
{
	int r = reply_error(buf, n);

	if (reply && reply_len) {
		size_t body = n - sizeof(struct shim_hdr) - sizeof(struct shim_reply);

		if (body > *reply_len)
			body = *reply_len;
		memcpy(reply, buf + sizeof(struct shim_hdr) + sizeof(struct shim_reply), body);
		*reply_len = body;
	}
	return r;
}

static int request_locked(uint16_t type, const void *body, size_t body_len, int pass_fd,
                          void *reply, size_t *reply_len, int *recv_fd, int recv_flags)
{
	ssize_t n = -ECONNRESET;
	int r, attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		r = channel_ready();
		if (r < 0)
			return r;
		n = exchange(ctl_fd, reply_buf.bytes, type, body, body_len, pass_fd, recv_fd,
		             recv_flags);
		if (n != -EPIPE && n != -ECONNRESET && n != -ENOTCONN)
			break;
		/* the daemon went away: one fresh connection, then give up */
		syscall(SYS_close, ctl_fd);
		ctl_fd = -1;
	}
	if (n < 0)
		return n == -EPIPE || n == -ECONNRESET ? -EPROTONOSUPPORT : (int)n;
	return take_reply(reply_buf.bytes, (size_t)n, reply, reply_len);
}

int shim_request(uint16_t type, const void *body, size_t body_len, int pass_fd,
                 void *reply, size_t *reply_len, int *recv_fd, int recv_flags)
{
	int saved = errno, r;

	if (recv_fd)
		*recv_fd = -1;
	pthread_mutex_lock(&ctl_lock);
	r = request_locked(type, body, body_len, pass_fd, reply, reply_len, recv_fd, recv_flags);
	pthread_mutex_unlock(&ctl_lock);
	errno = saved;
	return r;
}

int shim_private_channel(void)
{
	char *buf = malloc(SHIM_CTRL_MAX);
	int s;

	if (!buf)
		return -ENOMEM;
	s = new_channel(buf, 0);
	free(buf);
	return s;
}

int shim_request_private(uint16_t type, const void *body, size_t body_len, int pass_fd,
                         void *reply, size_t *reply_len)
{
	int saved = errno, fd, r;
	char *buf = malloc(SHIM_CTRL_MAX);
	ssize_t n;

	if (!buf)
		return shim_request(type, body, body_len, pass_fd, reply, reply_len, NULL, 0);
	fd = new_channel(buf, 0);
	if (fd < 0) {
		free(buf);
		return shim_request(type, body, body_len, pass_fd, reply, reply_len, NULL, 0);
	}
	n = exchange(fd, buf, type, body, body_len, pass_fd, NULL, 0);
	r = n < 0 ? (n == -ECONNRESET || n == -EPIPE ? -EPROTONOSUPPORT : (int)n)
	          : take_reply(buf, (size_t)n, reply, reply_len);
	syscall(SYS_close, fd);
	free(buf);
	errno = saved;
	return r;
}

/* Is the daemon that made this socket gone (killed, crashed)?  The daemon
 * makes every socketpair, so the pair's peer credentials name it; an
 * orderly end closes the daemon's end too, but then the daemon still
 * listens.  A dying process closes its descriptors in order, the listener
 * (made at start) before any socket's end: when our end sees EOF, a dead
 * daemon's name refuses, or is served by another pid (a new daemon).
 * 0 when unsure (a daemon in another pid namespace shows as pid 0). */
int shim_daemon_gone(int fd)
{
	struct ucred made, serving;
	socklen_t len = sizeof made;
	int saved = errno, gone = 0, s, r;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_PEERCRED, &made, &len) < 0
	    || made.pid <= 0)
		goto out;
	s = (int)syscall(SYS_socket, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s < 0)
		goto out;
	r = connect_daemon(s);
	len = sizeof serving;
	if (r == -ECONNREFUSED || r == -ENOENT)
		gone = 1;
	else if (r == 0 && syscall(SYS_getsockopt, s, SOL_SOCKET, SO_PEERCRED, &serving, &len) == 0)
		gone = serving.pid != made.pid;
	if (r == 0 && !gone) {
		/* still listening, or dying and not there yet: only a living
		 * daemon answers */
		struct shim_hello hello = { .pid = (uint32_t)getpid() };
		char *buf = malloc(SHIM_CTRL_MAX);
		ssize_t n;

		if (buf) {
			n = exchange(s, buf, SHIM_REQ_HELLO, &hello, sizeof hello, -1, NULL, 0);
			gone = n == -ECONNRESET || n == -EPIPE;
			free(buf);
		}
	}
	syscall(SYS_close, s);
out:
	errno = saved;
	return gone;
}

void shim_warn_once(const char *text)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static unsigned long seen[16];
	static unsigned int nseen;
	unsigned long h = 5381;
	const char *p;
	unsigned int i;
	char line[320];
	int len;

	for (p = text; *p; p++)
		h = h * 33 + (unsigned char)*p;
	pthread_mutex_lock(&lock);
	for (i = 0; i < nseen; i++)
		if (seen[i] == h)
			break;
	if (i < nseen) {
		pthread_mutex_unlock(&lock);
		return;
	}
	if (nseen < sizeof seen / sizeof seen[0])
		seen[nseen++] = h;
	pthread_mutex_unlock(&lock);
	len = snprintf(line, sizeof line, "sctpshim: %s\n", text);
	if (len > (int)sizeof line - 1)
		len = sizeof line - 1;
	if (len > 0 && syscall(SYS_write, 2, line, (size_t)len) < 0)
		return;
}
