/* SPDX-License-Identifier: MIT */
/* The send and receive families: every call funnels into shim_send() or
 * shim_recv(); other descriptors go straight to libc. */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <string.h>
#include <time.h>
#include <sys/syscall.h>

extern void __chk_fail(void) __attribute__((noreturn));

/* Descriptors that arrive with SCM_RIGHTS on other sockets may reuse
 * numbers whose cached class is stale. */
static void forget_passed_fd(int fd, void *arg)
{
	shim_fd_forget(fd);
}

static void forget_passed(const struct msghdr *m)
{
	shim_for_each_passed_fd(m, forget_passed_fd, NULL);
}

/* A descriptor cached as ours that the kernel says is not a socket was
 * closed behind our back (fclose() of an fdopen()ed socket closes inside
 * libc) and its number reused: forget it and let libc have the call. */
#define OR_LIBC(call, libc_call) ({ \
	ssize_t r_ = (call); \
	if (r_ < 0 && (errno == ENOTSOCK || errno == EBADF)) { \
		shim_fd_forget(fd); \
		r_ = (libc_call); \
	} \
	r_; })

/* io_send.c: the send path behind shim_send() for a message header the
 * library built itself (nothing in it to copy in; the bytes its iovecs
 * point at are the caller's and are checked as they go). */
ssize_t shim_send_kernel(int fd, const struct shim_sock *s, const struct msghdr *msg, int flags,
                         int name_given);

/* send, sendto, write: one buffer; sendto's address is copied in as
 * move_addr_to_kernel() does (EINVAL beyond a sockaddr_storage, EFAULT). */
static ssize_t send_buf(int fd, const struct shim_sock *s, const void *buf, size_t len,
                        int flags, const struct sockaddr *addr, socklen_t alen)
{
	struct sockaddr_storage to;
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (addr) {
		if ((int)alen < 0 || alen > sizeof to)
			return shim_fail(EINVAL);
		if (shim_copy_user(&to, addr, alen, 0) < 0)
			return shim_fail(EFAULT);
		m.msg_name = &to;
		m.msg_namelen = alen;
	}
	return shim_send_kernel(fd, s, &m, flags, addr != NULL);
}

static ssize_t recv_buf(int fd, const struct shim_sock *s, void *buf, size_t len, int flags,
                        struct sockaddr *addr, socklen_t *alen)
{
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_name = addr, .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t r;

	/* __sys_recvfrom() reads the length with the address (EFAULT); read
	 * before receiving, a bad one leaves the message queued, not lost */
	if (addr && shim_copy_user(&m.msg_namelen, alen, sizeof m.msg_namelen, 0) < 0)
		return shim_fail(EFAULT);
	r = shim_recv(fd, s, &m, flags);
	if (r >= 0 && addr && shim_copy_user(alen, &m.msg_namelen, sizeof m.msg_namelen, 1) < 0)
		return shim_fail(EFAULT);
	return r;
}

SHIM_EXPORT ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(send)(fd, buf, len, flags);
	return OR_LIBC(send_buf(fd, &s, buf, len, flags, NULL, 0), REAL(send)(fd, buf, len, flags));
}

SHIM_EXPORT ssize_t sendto(int fd, const void *buf, size_t len, int flags,
                           const struct sockaddr *addr, socklen_t alen)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(sendto)(fd, buf, len, flags, addr, alen);
	return OR_LIBC(send_buf(fd, &s, buf, len, flags, addr, alen),
	               REAL(sendto)(fd, buf, len, flags, addr, alen));
}

SHIM_EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(sendmsg)(fd, msg, flags);
	return OR_LIBC(shim_send(fd, &s, msg, flags), REAL(sendmsg)(fd, msg, flags));
}

SHIM_EXPORT int sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
{
	struct shim_sock s;
	unsigned int i;

	if (!shim_fd_get(fd, &s))
		return REAL(sendmmsg)(fd, vec, vlen, flags);
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;  /* as __sys_sendmmsg() */
	for (i = 0; i < vlen; i++) {
		ssize_t r = shim_send(fd, &s, &vec[i].msg_hdr, flags);
		unsigned int sent = (unsigned int)r;

		if (r >= 0 && shim_copy_user(&vec[i].msg_len, &sent, sizeof sent, 1) < 0)
			r = shim_fail(EFAULT);
		if (r < 0)
			return i ? (int)i : -1;
	}
	return (int)i;
}

SHIM_EXPORT ssize_t write(int fd, const void *buf, size_t len)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(write)(fd, buf, len);
	return OR_LIBC(send_buf(fd, &s, buf, len, 0, NULL, 0), REAL(write)(fd, buf, len));
}

SHIM_EXPORT ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	struct shim_sock s;
	struct msghdr m = { .msg_iov = (struct iovec *)iov };

	if (!shim_fd_get(fd, &s))
		return REAL(writev)(fd, iov, iovcnt);
	if (iovcnt < 0)
		return shim_fail(EINVAL);
	m.msg_iovlen = (size_t)iovcnt;
	return OR_LIBC(shim_send(fd, &s, &m, 0), REAL(writev)(fd, iov, iovcnt));
}

SHIM_EXPORT ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(recv)(fd, buf, len, flags);
	return OR_LIBC(recv_buf(fd, &s, buf, len, flags, NULL, NULL), REAL(recv)(fd, buf, len, flags));
}

SHIM_EXPORT ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
                             struct sockaddr *addr, socklen_t *alen)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(recvfrom)(fd, buf, len, flags, addr, alen);
	return OR_LIBC(recv_buf(fd, &s, buf, len, flags, addr, alen),
	               REAL(recvfrom)(fd, buf, len, flags, addr, alen));
}

SHIM_EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct shim_sock s;
	ssize_t r;

	if (!shim_fd_get(fd, &s)) {
		r = REAL(recvmsg)(fd, msg, flags);
		if (r >= 0)
			forget_passed(msg);
		return r;
	}
	return OR_LIBC(shim_recv(fd, &s, msg, flags), REAL(recvmsg)(fd, msg, flags));
}

static long elapsed_ns(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000000000L + (now.tv_nsec - since->tv_nsec);
}

SHIM_EXPORT int recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags,
                         struct timespec *timeout)
{
	struct shim_sock s;
	struct timespec start;
	unsigned int i;

	if (!shim_fd_get(fd, &s)) {
		int r = REAL(recvmmsg)(fd, vec, vlen, flags, timeout);

		for (i = 0; r > 0 && i < (unsigned int)r; i++)
			forget_passed(&vec[i].msg_hdr);
		return r;
	}
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;  /* as __sys_recvmmsg() */
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < vlen; i++) {
		int f = flags & ~MSG_WAITFORONE;
		ssize_t r;

		if (i && (flags & MSG_WAITFORONE))
			f |= MSG_DONTWAIT;
		r = shim_recv(fd, &s, &vec[i].msg_hdr, f);
		if (r < 0)
			return i ? (int)i : -1;
		vec[i].msg_len = (unsigned int)r;
		if (timeout && elapsed_ns(&start) >= timeout->tv_sec * 1000000000L + timeout->tv_nsec)
			return (int)i + 1;
	}
	return (int)i;
}

SHIM_EXPORT ssize_t read(int fd, void *buf, size_t len)
{
	struct shim_sock s;

	if (!shim_fd_get(fd, &s))
		return REAL(read)(fd, buf, len);
	return OR_LIBC(recv_buf(fd, &s, buf, len, 0, NULL, NULL), REAL(read)(fd, buf, len));
}

SHIM_EXPORT ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	struct shim_sock s;
	struct msghdr m = { .msg_iov = (struct iovec *)iov };

	if (!shim_fd_get(fd, &s))
		return REAL(readv)(fd, iov, iovcnt);
	if (iovcnt < 0)
		return shim_fail(EINVAL);
	m.msg_iovlen = (size_t)iovcnt;
	return OR_LIBC(shim_recv(fd, &s, &m, 0), REAL(readv)(fd, iov, iovcnt));
}

SHIM_EXPORT ssize_t __read_chk(int fd, void *buf, size_t len, size_t buflen)
{
	struct shim_sock s;

	if (len > buflen)
		__chk_fail();
	if (!shim_fd_get(fd, &s))
		return REAL(__read_chk)(fd, buf, len, buflen);
	return OR_LIBC(recv_buf(fd, &s, buf, len, 0, NULL, NULL), REAL(__read_chk)(fd, buf, len, buflen));
}

SHIM_EXPORT ssize_t __recv_chk(int fd, void *buf, size_t len, size_t buflen, int flags)
{
	struct shim_sock s;

	if (len > buflen)
		__chk_fail();
	if (!shim_fd_get(fd, &s))
		return REAL(__recv_chk)(fd, buf, len, buflen, flags);
	return OR_LIBC(recv_buf(fd, &s, buf, len, flags, NULL, NULL),
	               REAL(__recv_chk)(fd, buf, len, buflen, flags));
}

SHIM_EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t len, size_t buflen, int flags,
                                   struct sockaddr *addr, socklen_t *alen)
{
	struct shim_sock s;

	if (len > buflen)
		__chk_fail();
	if (!shim_fd_get(fd, &s))
		return REAL(__recvfrom_chk)(fd, buf, len, buflen, flags, addr, alen);
	return OR_LIBC(recv_buf(fd, &s, buf, len, flags, addr, alen),
	               REAL(__recvfrom_chk)(fd, buf, len, buflen, flags, addr, alen));
}
