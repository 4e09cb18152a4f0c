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

SHIM_EXPORT int dup2(int fd, int fd2)
{
	int r = REAL(dup2)(fd, fd2);

	if (r >= 0 && fd != fd2)
		shim_fd_copy(fd, fd2);
	return r;
}

SHIM_EXPORT int dup3(int fd, int fd2, int flags)
{
	int r = REAL(dup3)(fd, fd2, flags);

	if (r >= 0)
		shim_fd_copy(fd, fd2);
	return r;
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

/* SIOCINQ on SCTP: the length of the next piece waiting (sctp_ioctl). */
static int pending_bytes(int fd, int *out)
{
	struct {
		struct shim_hdr hdr;
		struct shim_msginfo info;
	} head;
	long n = syscall(SYS_recvfrom, fd, &head, sizeof head,
	                 MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC, NULL, NULL);

	if (n < 0)
		n = errno == EAGAIN ? 0 : -1;
	if (n < 0)
		return -errno;
	*out = (n >= (long)sizeof head && head.hdr.type == SHIM_DATA) ? (int)(n - sizeof head) : 0;
	return 0;
}

SHIM_EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct shim_sock s;
	va_list ap;
	long arg;

	va_start(ap, req);
	arg = va_arg(ap, long);
	va_end(ap);
	if (req == FIONREAD && shim_fd_get(fd, &s)) {
		int v, r;

		if (s.listening)
			return shim_fail(EINVAL);
		/* a remainder held here is what the next read returns */
		v = shim_rest_bytes(fd);
		r = v >= 0 ? 0 : pending_bytes(fd, &v);
		if (r < 0)
			return shim_fail(-r);
		*(int *)arg = v;
		return 0;
	}
	return shim_ffi_forward(REAL(ioctl), fd, req, arg, 1);
}
