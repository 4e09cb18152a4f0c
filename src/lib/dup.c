/* SPDX-License-Identifier: MIT */
/*
 * dup, dup2, dup3, fcntl, ioctl: the kernel does the work; the table
 * follows.  fcntl and ioctl are variadic, so they are forwarded through
 * libffi with the variadic calling convention.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

SHIM_EXPORT int dup(int fd)
{
	int r = REAL(dup)(fd);

	if (r >= 0)
		shim_fd_copy(fd, r);
	return r;
}

struct dup_onto {
	int from;
	int flags;
	int is_dup3;
};

static int do_dup_onto(int fd2, void *ctx)
{
	const struct dup_onto *d = ctx;
	int r = d->is_dup3 ? REAL(dup3)(d->from, fd2, d->flags) : REAL(dup2)(d->from, fd2);

	if (r >= 0 && d->from != fd2)
		shim_fd_copy(d->from, fd2);
	return r;
}

/* dup2/dup3 onto fd2 closes what fd2 was: when that was the last reference
 * of a lingering socket, the call waits as close() would (Linux releases
 * the file there and sctp_close waits); a bad source leaves fd2 open. */
static int dup_onto(int fd, int fd2, int flags, int is_dup3)
{
	struct dup_onto d = { .from = fd, .flags = flags, .is_dup3 = is_dup3 };
	unsigned int linger_s = 0;
	int saved = errno;

	if (fd != fd2 && syscall(SYS_fcntl, fd, F_GETFD) >= 0)
		linger_s = shim_close_lingers(fd2);
	errno = saved;
	if (linger_s)
		return shim_linger_drop(fd2, linger_s, do_dup_onto, &d);
	return do_dup_onto(fd2, &d);
}

SHIM_EXPORT int dup2(int fd, int fd2)
{
	return dup_onto(fd, fd2, 0, 0);
}

SHIM_EXPORT int dup3(int fd, int fd2, int flags)
{
	return dup_onto(fd, fd2, flags, 1);
}

static int do_fcntl(void *fn, int fd, int cmd, long arg)
{
	int r = shim_ffi_forward(fn, fd, (unsigned long)cmd, arg, 0);

	if (r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		shim_fd_copy(fd, r);
	return r;
}

SHIM_EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);  /* every fcntl argument fits a register word */
	va_end(ap);
	return do_fcntl(REAL(fcntl), fd, cmd, arg);
}

SHIM_EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return do_fcntl(REAL(fcntl64), fd, cmd, arg);
}

/* io_recv.c: what ioctl(SIOCINQ) says, >= 0 or -errno. */

/* sctp_ioctl(): a one-to-one socket that listens has no receive queue
 * (ENOTCONN); a one-to-many one does.  A descriptor inherited across exec
 * does not know whether it listens: the daemon does. */
static int listening_one_to_one(int fd, const struct shim_sock *s)
{
	uint32_t on = 0;

	if (s->style != SHIM_STYLE_ONE_TO_ONE || s->connected)
		return 0;
	if (s->listening)
		return 1;
	return shim_getopt_u32(fd, SHIM_OPT_ACCEPTCONN, &on) == 0 && on;
}

SHIM_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct shim_sock s;
	va_list ap;
	long arg;

	va_start(ap, req);
	arg = va_arg(ap, long);
	va_end(ap);
	if ((req == FIONREAD || req == TIOCOUTQ) && shim_fd_get(fd, &s)) {
		int saved = errno, v;

		/* sctp_ioctl() knows SIOCINQ only; SIOCOUTQ (TIOCOUTQ) is not a
		 * socket-level ioctl either, so sock_do_ioctl() says ENOTTY */
		if (req == TIOCOUTQ)
			return shim_fail(ENOTTY);
		if (listening_one_to_one(fd, &s))
			return shim_fail(ENOTCONN);
		v = shim_next_length(fd);
		if (v < 0)
			return shim_fail(-v);
		if (shim_copy_user((void *)arg, &v, sizeof v, 1) < 0)
			return shim_fail(EFAULT);
		errno = saved;
		return 0;
	}
	return shim_ffi_forward(REAL(ioctl), fd, req, arg, 1);
}
