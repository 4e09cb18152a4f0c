/* SPDX-License-Identifier: MIT */
/*
 * close() of a one-to-one socket with SO_LINGER {1, t > 0}.  Linux
 * (inet_release -> sctp_close -> sctp_wait_for_close) blocks the last
 * close until the socket's associations are gone or t has passed, then
 * returns 0 either way; a signal ends the wait early.
 *
 * Only the daemon knows when the associations are gone, and only the
 * kernel knows whether this close is the last one.  So the wait runs on a
 * connection of its own (the shared control channel is serialised: other
 * threads must not wait behind a closing one): LINGER_WAIT passes the
 * socket, the daemon remembers its endpoint for this connection and closes
 * its copy; we close ours; LINGER_CLOSED is answered at once when a copy
 * is left elsewhere (the daemon's end has not hung up), else when the
 * shutdown is over or the linger time has passed.  Whatever fails in here,
 * the descriptor is closed and close() says so.  Only raw syscalls.
 *
 * Linux waits wherever the last reference goes, not only in close(): dup2
 * and dup3 onto the socket's number, close_range and closefrom drop it the
 * same way (shim_linger_drop with their own call).  Close-on-exec is the
 * exception we cannot follow: the kernel closes those descriptors during
 * execve, with no call of ours around it, so such a close never waits
 * (Linux's would, in the execve).
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <limits.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

/* The daemon answers LINGER_WAIT at once; margin over the
 * linger time for a daemon busy with others. */
enum { PROMPT_MS = 10 * 1000, MARGIN_S = 5 };

/* Send a request with an empty or small body and wait at most timeout_ms
 * (-1: no limit) for its reply.  Returns the reply's -errno, -ETIMEDOUT,
 * -EINTR (a signal: Linux's wait ends there too) or the channel's -errno. */
static int exchange(int s, uint16_t type, const void *body, size_t len, int pass_fd,
                    int timeout_ms)
{
	union {
		struct shim_hdr h;
		char bytes[512];
	} buf;
	struct shim_hdr h;
	struct shim_reply r;
	struct iovec iov[2] = { { &h, sizeof h }, { (void *)body, len } };
	struct pollfd p = { .fd = s, .events = POLLIN };
	ssize_t n;
	int ready;

	shim_hdr_init(&h, type, (uint32_t)(sizeof h + len), 0);
	n = shim_send_record(s, iov, len ? 2 : 1, pass_fd, MSG_NOSIGNAL);
	if (n < 0)
		return (int)n;
	ready = (int)syscall(SYS_poll, &p, 1, timeout_ms);
	if (ready < 0)
		return -errno;
	if (ready == 0)
		return -ETIMEDOUT;
	n = shim_recv_record(s, buf.bytes, sizeof buf, NULL, MSG_DONTWAIT);
	if (n == 0)
		return -ECONNRESET;
	if (n < 0)
		return (int)n;
	if (shim_hdr_check(buf.bytes, (size_t)n, sizeof buf) < 0 || buf.h.type != SHIM_REPLY
	    || buf.h.version != SHIM_VERSION
	    || shim_body_check(SHIM_REPLY, buf.bytes + sizeof h, (size_t)n - sizeof h) < 0)
		return -EPROTO;
	memcpy(&r, buf.bytes + sizeof h, sizeof r);
	return r.error > 0 ? -r.error : 0;
}

int shim_linger_drop(int fd, unsigned int linger_s, int (*drop)(int fd, void *ctx), void *ctx)
{
	int saved = errno, s, r, wait_ms;

	s = shim_private_channel();
	if (s >= 0 && exchange(s, SHIM_REQ_LINGER_WAIT, NULL, 0, fd, PROMPT_MS) < 0) {
		syscall(SYS_close, s);
		s = -1;
	}
	r = drop(fd, ctx);
	if (r < 0)
		saved = errno;
	/* a failed drop left fd open: closing s ends the daemon's wait */
	if (s >= 0 && r >= 0) {
		wait_ms = linger_s > INT_MAX / 1000 - MARGIN_S ? -1
		                                               : (int)(linger_s + MARGIN_S) * 1000;
		exchange(s, SHIM_REQ_LINGER_CLOSED, NULL, 0, -1, wait_ms);
	}
	if (s >= 0)
		syscall(SYS_close, s);
	errno = saved;
	return r;
}

static int close_now(int fd, void *ctx)
{
	(void)ctx;
	return REAL(close)(fd);
}

int shim_linger_close(int fd, unsigned int linger_s)
{
	return shim_linger_drop(fd, linger_s, close_now, NULL);
}
