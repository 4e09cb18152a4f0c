/* SPDX-License-Identifier: MIT */
/* Internal interfaces of libsctpshim.so. */
#ifndef SCTPSHIM_LIB_SHIM_H
#define SCTPSHIM_LIB_SHIM_H

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include "sctpshim/proto.h"

#define SHIM_EXPORT __attribute__((visibility("default")))



/* ---- real.c: libc's own functions ---------------------------------------- */

#define SYM(ret, name, params) extern ret (*real_##name) params;
#define SHIM_SYMBOLS
#include "lib/symbols.h"
#undef SYM
#undef SHIM_SYMBOLS

/* Bind every real_* pointer (idempotent, thread-safe, callable anywhere). */
void shim_real_init(void);
/* Set inside sctpshimd itself: every call goes straight to libc. */
extern int shim_inactive;
#define REAL(name) (shim_real_init(), real_##name)

/* Forward a variadic fcntl/ioctl-style call (fd, int-or-ulong, one word). */
int shim_ffi_forward(void *fn, int fd, unsigned long cmd, long arg, int cmd_is_ulong);

/* ---- fdtable.c ----------------------------------------------------------- */

enum shim_fd_class {
	SHIM_FD_UNKNOWN = 0,
	SHIM_FD_NOT_OURS = 1,
	SHIM_FD_OURS = 2,
};

/* What the table caches about one of our descriptors. */
struct shim_sock {
	int family;          /* AF_INET / AF_INET6 */
	int style;           /* enum shim_style */
	uint32_t endpoint_id;
	int listening;       /* cached "listen() succeeded" */
	int connected;       /* cached "an association was set up" (connect, accept,
	                        sendto): 0 means unknown, ask the daemon */
};

/* Per-socket state of this process, shared by every descriptor of the same
 * socket (dup, dup2, F_DUPFD, inherited copies): keyed by inode, so a
 * remainder follows the socket, as the kernel's receive queue would. */
struct shim_rest;
struct shim_fd_rx {
	pthread_mutex_t lock;
	struct shim_rest *rest;  /* in-process remainder (io_recv.c) */
	unsigned int nudges_out; /* SHIM_NUDGEs sent whose answer we have not read */
	int v4mapped_known;      /* v4mapped_off is the daemon's answer */
	int v4mapped_off;        /* SCTP_I_WANT_MAPPED_V4_ADDR 0 */
	int have_name;           /* name: last address getsockname() reported */
	struct shim_addr name;
	int err_word;            /* pending-error cache (poll.c), atomic */
	/* registry (fdtable.c) */
	dev_t dev;
	ino_t ino;
	unsigned int refs;
	struct shim_fd_rx *next;
};

/* Classify fd: returns 1 and fills *s if it is one of ours, 0 if not. */
int shim_fd_get(int fd, struct shim_sock *s);
/* The same from what this process already knows, without asking the
 * kernel: for close(), which every descriptor passes through. */
int shim_fd_cached(int fd, struct shim_sock *s);
void shim_fd_set_ours(int fd, const struct shim_sock *s);
void shim_fd_set_listening(int fd);
void shim_fd_set_connected(int fd);
void shim_fd_copy(int from, int to);
void shim_fd_forget(int fd);
void shim_fd_forget_range(unsigned int first, unsigned int last);
/* In a fork child: no receive lock stays held by a thread left behind. */
void shim_fd_after_fork(void);
/* The state of fd's socket, with a reference the caller drops with
 * shim_rx_put() (NULL: out of memory or fd not open). */
struct shim_fd_rx *shim_rx_get(int fd);
void shim_rx_put(struct shim_fd_rx *rx);
/* Parse an abstract name of ours; 1 if it is one. */
int shim_parse_ep_name(const char *name, size_t len, struct shim_sock *s);
/* Linux's FIONREAD: the length of the next message (io_recv.c). */
int shim_next_length(int fd);
/* A descriptor of our own for the socket of fd, held by a blocking call
 * so that another thread's close() does not end it (io_recv.c). */
int shim_hold_fd(int fd);
void shim_release_fd(int held);
/* Free a remainder (io_recv.c). */
void shim_rest_free(struct shim_rest *r);

/* ---- control.c ----------------------------------------------------------- */
/* Did the daemon that made fd die (killed, crashed)? */
int shim_daemon_gone(int fd);

/* One request/reply on the control channel.  body may be NULL.  pass_fd:
 * the socket the request is about (-1: none).  reply: buffer for the reply
 * body after struct shim_reply (may be NULL); *reply_len in/out.  recv_fd:
 * receives a passed descriptor (may be NULL).  Returns 0, or -errno from the
 * daemon's reply or from the channel (then EPROTONOSUPPORT-ish failures). */
int shim_request(uint16_t type, const void *body, size_t body_len, int pass_fd,
                 void *reply, size_t *reply_len, int *recv_fd, int recv_flags);
/* The same on a connection of its own, for requests whose reply may take
 * long (a blocking one-to-many connect): other threads keep the shared one. */
/* A greeted connection of the caller's own, never starting a daemon:
 * its descriptor or -errno. */
int shim_private_channel(void);
int shim_request_private(uint16_t type, const void *body, size_t body_len, int pass_fd,
                         void *reply, size_t *reply_len);
/* close() of a one-to-one socket with SO_LINGER {1, linger_s > 0}: waits
 * as Linux's last close does (linger.c).  Returns close()'s result. */
int shim_linger_close(int fd, unsigned int linger_s);
/* The same wait around another call that drops fd's reference (dup2 onto
 * it, close_range): drop(fd, ctx) returns that call's result (< 0 with
 * errno set: fd is still open, nothing is waited for). */
int shim_linger_drop(int fd, unsigned int linger_s, int (*drop)(int fd, void *ctx), void *ctx);
/* socket.c: the linger time the last close of fd waits for, 0: none. */
unsigned int shim_close_lingers(int fd);
/* fdtable.c: the lowest descriptor in [first, last] this process knows as
 * one of ours, or -1. */
int shim_fd_next_cached(unsigned int first, unsigned int last);
/* Print "sctpshim: <text>" to stderr, once per distinct text start. */
void shim_warn_once(const char *text);

/* ---- poll.c ------------------------------------------------------------- */

/* POLLERR when a one-to-one socket whose kernel readiness was revents has
 * a pending error (SO_ERROR), else 0. */
unsigned int shim_error_events(int fd, unsigned int revents);
/* This process read fd's pending error with SO_ERROR. */
void shim_error_cleared(int fd);
/* After a read on fd that ends with r (io_recv.c): a connection error it
 * returns was the pending error, which is now cleared, as sock_error(). */
void shim_error_after_recv(int fd, struct shim_fd_rx *rx, int r);

/* ---- spawn.c ------------------------------------------------------------- */

/* Start the daemon and wait for its ready line.  Returns 0 when it is up,
 * or -errno for socket() to fail with (message already printed). */
int shim_spawn_daemon(void);

/* ---- sockopt.c ------------------------------------------------------------ */

/* SOL_SCTP options about addresses (sockopt_addrs.c); -ENOPROTOOPT if
 * optname is not one of them. */
int shim_set_sctp_addrs(int fd, const struct shim_sock *s, int name, const void *val,
                        socklen_t len);
int shim_get_sctp_addrs(int fd, const struct shim_sock *s, int name, void *val,
                        socklen_t *lenp);
/* sctp_peeloff(_flags): SCTP_SOCKOPT_PEELOFF(_FLAGS) (peeloff.c); returns the
 * new descriptor (as Linux's getsockopt) or -errno */
int shim_peeloff(int fd, const struct shim_sock *s, int name, void *val, socklen_t *lenp);
/* copy from/to the caller's memory, EFAULT instead of a crash */
int shim_copy_user(void *dst, const void *src, size_t len, int to_user);
int shim_connect_addrs(int fd, const struct shim_sock *s, const struct shim_addr *addrs,
                       uint32_t count, uint32_t *assoc_id);
/* BIND/CONNECT with count addresses */
int shim_addrs_request(uint16_t type, int fd, uint32_t flags, const struct shim_addr *a,
                       uint32_t count);
/* One-to-one sockets: 1 if an association is or was there, as far as we
 * know (asks the daemon only when the cache does not know), 0 if none was
 * ever set up or one is still being set up, or the socket is listening. */
int shim_assoc_seen(int fd, const struct shim_sock *s);
/* SHIM_REQ_SETOPT / GETOPT in the generic form (proto.h).  get: *v holds
 * the inputs and receives the answer; tail (may be NULL) receives the
 * variable part, *tail_len in/out. */
int shim_setopt(int fd, uint32_t opt, uint32_t assoc_id, uint32_t scope,
                const struct shim_optval *v, const void *tail, size_t tail_len);
int shim_getopt(int fd, uint32_t opt, uint32_t assoc_id, uint32_t scope,
                struct shim_optval *v, void *tail, size_t *tail_len);
/* The same for options of one integer about the socket. */
int shim_getopt_u32(int fd, uint32_t opt, uint32_t *v);
int shim_setopt_u32(int fd, uint32_t opt, uint32_t v);

/* ---- io_send.c / io_recv.c ------------------------------------------------ */

ssize_t shim_send(int fd, const struct shim_sock *s, const struct msghdr *msg, int flags);
/* is_msg: a recvmsg-style call (flags and cmsgs are reported). */
ssize_t shim_recv(int fd, const struct shim_sock *s, struct msghdr *msg, int flags);

/* After a receive call (rx->lock not held): nudge the daemon if a
 * remainder is left, or take the stale answer off once it is gone
 * (nudge.c). */
void shim_nudge_settle(int fd, struct shim_fd_rx *rx, int nonblock);

/* errno helpers */
static inline int shim_fail(int err)
{
	errno = err;
	return -1;
}



/* ---- socket.c helpers shared with the I/O paths ---------------------------- */

/* Copy a shim_addr into a caller's sockaddr as Linux does (truncating to
 * *len, reporting the full length); AF_INET6 sockets see IPv4 as mapped. */
void shim_fill_sockaddr(const struct shim_addr *a, int sock_family,
                        struct sockaddr *out, socklen_t *len);
int shim_fd_nonblocking(int fd);
/* The family to report fd's addresses in (shim_fill_sockaddr's
 * sock_family): AF_INET6 sockets see IPv4 addresses mapped unless the
 * program turned SCTP_I_WANT_MAPPED_V4_ADDR off (names.c). */
int shim_report_family(int fd, const struct shim_sock *s);
/* That setting changed: ask the daemon again next time. */
void shim_report_family_forget(int fd);
/* Remember the address getsockname() reports for fd's one-to-one socket
 * (names.c): Linux still reports it once the association is over, when
 * the daemon has forgotten the socket. */
void shim_name_remember(int fd, const struct shim_addr *a);
/* Take the next record from a socket's channel, waiting as the socket's own
 * blocking mode and SO_RCVTIMEO say (io_recv.c).  Returns its length or
 * -errno; *recv_fd gets a passed descriptor or -1. */
ssize_t shim_next_record(int fd, void *buf, size_t cap, int *recv_fd, int recv_flags,
                         int nonblock);
#endif
