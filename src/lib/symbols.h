/* SPDX-License-Identifier: MIT */
/*
 * Every libc function the interposer wraps, once: SYM(return type, name,
 * parameter list).  Expanded into the real_* pointer
 * declarations (shim.h) and the dlsym(RTLD_NEXT) binding (real.c).
 * Variadic functions (fcntl, fcntl64, ioctl) are listed with their fixed
 * parameters and a trailing long; they are forwarded through libffi.
 * SYM_OPTIONAL: a function not every libc has (a glibc extension, a
 * newer call): a missing one is simply NULL, and its wrapper says ENOSYS.
 */
#ifndef SHIM_SYMBOLS
#error "define SHIM_SYMBOLS's SYM before including symbols.h"
#endif
#ifndef SYM_OPTIONAL
#define SYM_OPTIONAL SYM
#define SHIM_SYM_OPTIONAL_IS_SYM
#endif

SYM(int, socket, (int domain, int type, int protocol))
SYM(int, socketpair, (int domain, int type, int protocol, int sv[2]))
SYM(int, bind, (int fd, const struct sockaddr *addr, socklen_t len))
SYM(int, listen, (int fd, int backlog))
SYM(int, accept, (int fd, struct sockaddr *addr, socklen_t *len))
SYM(int, accept4, (int fd, struct sockaddr *addr, socklen_t *len, int flags))
SYM(int, connect, (int fd, const struct sockaddr *addr, socklen_t len))
SYM(int, close, (int fd))
SYM(int, close_range, (unsigned int first, unsigned int last, int flags))
SYM(void, closefrom, (int lowfd))
SYM(int, shutdown, (int fd, int how))
SYM(ssize_t, send, (int fd, const void *buf, size_t len, int flags))
SYM(ssize_t, sendto, (int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t alen))
SYM(ssize_t, sendmsg, (int fd, const struct msghdr *msg, int flags))
SYM(int, sendmmsg, (int fd, struct mmsghdr *vec, unsigned int vlen, int flags))
SYM(ssize_t, recv, (int fd, void *buf, size_t len, int flags))
SYM(ssize_t, recvfrom, (int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *alen))
SYM(ssize_t, recvmsg, (int fd, struct msghdr *msg, int flags))
SYM(int, recvmmsg, (int fd, struct mmsghdr *vec, unsigned int vlen, int flags, struct timespec *timeout))
SYM(ssize_t, read, (int fd, void *buf, size_t len))
SYM(ssize_t, write, (int fd, const void *buf, size_t len))
SYM(ssize_t, readv, (int fd, const struct iovec *iov, int iovcnt))
SYM(ssize_t, writev, (int fd, const struct iovec *iov, int iovcnt))
SYM(ssize_t, __read_chk, (int fd, void *buf, size_t len, size_t buflen))
SYM(ssize_t, __recv_chk, (int fd, void *buf, size_t len, size_t buflen, int flags))
SYM(ssize_t, __recvfrom_chk, (int fd, void *buf, size_t len, size_t buflen, int flags, struct sockaddr *addr, socklen_t *alen))
SYM(int, getsockname, (int fd, struct sockaddr *addr, socklen_t *len))
SYM(int, getpeername, (int fd, struct sockaddr *addr, socklen_t *len))
SYM(int, setsockopt, (int fd, int level, int name, const void *val, socklen_t len))
SYM(int, getsockopt, (int fd, int level, int name, void *val, socklen_t *len))
SYM(int, dup, (int fd))
SYM(int, dup2, (int fd, int fd2))
SYM(int, dup3, (int fd, int fd2, int flags))
SYM(int, fcntl, (int fd, int cmd, long arg))
SYM(int, fcntl64, (int fd, int cmd, long arg))
SYM(int, ioctl, (int fd, unsigned long req, long arg))
SYM(int, poll, (struct pollfd *fds, nfds_t nfds, int timeout))
SYM(int, ppoll, (struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask))
SYM_OPTIONAL(int, __poll_chk, (struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen))
SYM_OPTIONAL(int, __ppoll_chk, (struct pollfd *fds, nfds_t nfds, const struct timespec *timeout, const sigset_t *mask, size_t fdslen))
SYM(int, select, (int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout))
SYM(int, pselect, (int nfds, fd_set *rd, fd_set *wr, fd_set *ex, const struct timespec *timeout, const sigset_t *mask))
SYM(int, epoll_ctl, (int epfd, int op, int fd, struct epoll_event *event))
SYM(int, epoll_wait, (int epfd, struct epoll_event *events, int maxevents, int timeout))
SYM(int, epoll_pwait, (int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *mask))
SYM_OPTIONAL(int, epoll_pwait2, (int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout, const sigset_t *mask))
#ifdef SHIM_SYM_OPTIONAL_IS_SYM
#undef SYM_OPTIONAL
#undef SHIM_SYM_OPTIONAL_IS_SYM
#endif
