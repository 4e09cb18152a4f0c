/* SPDX-License-Identifier: MIT */
/*
 * The one send path behind send, sendto, sendmsg, sendmmsg, write, writev:
 * a message goes as SHIM_DATA records of at most SHIM_DATA_CHUNK bytes,
 * gathered straight from the caller's iovecs, one token per thread,
 * SHIM_MSG_EOR on the last.  Linux never takes part of a message, so a
 * sender that cannot go on half way cancels what it wrote.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"
#include "personality/personality.h"

#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define MAX_SLICES 1000  /* iovecs per record besides the header */

struct record_head {
	struct shim_hdr hdr;
	struct shim_msginfo info;
};

static ssize_t raw_sendmsg(int fd, struct iovec *iov, size_t cnt, int flags)
{
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = cnt };
	long r = syscall(SYS_sendmsg, fd, &m, flags);

	return r < 0 ? -errno : r;
}

/* Take up to `want` bytes starting at (*idx, *off) of the caller's iovecs. */
static size_t slice(const struct iovec *src, size_t srccnt, size_t *idx, size_t *off,
                    size_t want, struct iovec *out, size_t *outcnt)
{
	size_t got = 0;

	*outcnt = 0;
	while (got < want && *idx < srccnt && *outcnt < MAX_SLICES) {
		size_t avail = src[*idx].iov_len - *off, take = want - got;

		if (take > avail)
			take = avail;
		if (take) {
			out[*outcnt].iov_base = (char *)src[*idx].iov_base + *off;
			out[*outcnt].iov_len = take;
			(*outcnt)++;
			got += take;
			*off += take;
		}
		if (*off == src[*idx].iov_len) {
			(*idx)++;
			*off = 0;
		}
	}
	return got;
}

/* Tell the daemon to drop this token's partial message.  It must get
 * through, so wait a little for room if the channel is full. */
/* This thread's messages, numbered (shim_msginfo.tsn on send). */
static __thread uint32_t messages_sent;

static void send_cancel(int fd, const struct record_head *base)
{
	struct record_head h = *base;
	struct iovec iov = { &h, sizeof h };

	/* One try, never a wait inside a non-blocking send: a channel too full
	 * for it gets no cancel, and the thread's next message, numbered
	 * differently, tells the daemon to drop the piece it holds. */
	h.info.flags = SHIM_MSG_CANCEL | SHIM_MSG_EOR;
	shim_hdr_init(&h.hdr, SHIM_DATA, sizeof h, 0);
	raw_sendmsg(fd, &iov, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
}

static int sndbuf_of(int fd)
{
	int v = 0;
	socklen_t l = sizeof v;

	if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_SNDBUF, &v, &l) < 0 || v <= 0)
		return 212992;
	return v;
}

/* An SCTP_INIT cmsg: the INIT parameters of the association it sets up. */
static void set_initmsg(int fd, const struct shim_initmsg *im)
{
	struct shim_optval v;

	memset(&v, 0, sizeof v);
	v.f[0] = im->num_ostreams;
	v.f[1] = im->max_instreams;
	v.f[2] = im->max_attempts;
	v.f[3] = im->max_init_timeo;
	shim_setopt(fd, SHIM_OPT_INITMSG, 0, SHIM_SCOPE_SOCKET, &v, NULL, 0);
}

/*
 * Linux refuses a message for a stream the association does not have
 * (stream >= its outbound streams) with EINVAL before queueing anything
 * (sctp_sendmsg_to_asoc).  The daemon learns of it only when usrsctp
 * refuses the message, too late for the caller, so the library asks
 * (SCTP_STATUS, through our own getsockopt) the first time a stream above 0
 * goes to an association, and remembers the count of an established one:
 * it never shrinks (streams can only be added).  The cache only spares
 * questions: EINVAL always comes from a fresh answer, so an entry evicted
 * or shared by two associations costs a question, never a wrong error.
 */
#define OUTSTREAMS_SLOTS 64

/* endpoint id << 32 | assoc id (low 16 bits) << 16 | outbound streams */
static uint64_t outstreams_cache[OUTSTREAMS_SLOTS];

static uint64_t outstreams_key(uint32_t endpoint_id, uint32_t assoc_id)
{
	return (uint64_t)endpoint_id << 32 | (uint64_t)(assoc_id & 0xffffu) << 16;
}

static uint64_t *outstreams_slot(uint32_t endpoint_id, uint32_t assoc_id)
{
	return &outstreams_cache[(endpoint_id * 31u + assoc_id) % OUTSTREAMS_SLOTS];
}

/* 0 if the message may go (or the association is not known here: the
 * daemon decides); -EPIPE if a one-to-many id names no association
 * (sctp_id2assoc() finds none); -EINVAL if the association has fewer
 * outbound streams. */
static int check_assoc(int fd, const struct shim_sock *s, const struct shim_msginfo *info)
{
	uint32_t assoc_id = s->style == SHIM_STYLE_ONE_TO_ONE ? 0 : info->assoc_id;
	uint64_t key = outstreams_key(s->endpoint_id, assoc_id);
	uint64_t *slot = outstreams_slot(s->endpoint_id, assoc_id);
	uint64_t cached = __atomic_load_n(slot, __ATOMIC_RELAXED);
	int one_to_many = s->style == SHIM_STYLE_ONE_TO_MANY;
	struct sctp_status st;
	socklen_t len = sizeof st;
	int saved = errno, r;

	/* an address picks (or sets up) the association; SENDALL takes them
	 * all; the reserved ids name none */
	if (info->flags & (SHIM_MSG_HAS_ADDR | SHIM_MSG_SENDALL))
		return 0;
	if (one_to_many && assoc_id <= SCTP_ALL_ASSOC)
		return -EPIPE;
	/* stream 0 always exists; ABORT and EOF take no stream (Linux acts on
	 * them before it looks) */
	if (!one_to_many && (info->stream == 0 || (info->flags & (SHIM_MSG_ABORT | SHIM_MSG_EOF))))
		return 0;
	if ((cached & ~(uint64_t)0xffffu) == key
	    && (info->stream < (cached & 0xffffu) || (info->flags & (SHIM_MSG_ABORT | SHIM_MSG_EOF))))
		return 0;
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = (sctp_assoc_t)assoc_id;
	r = getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len);
	errno = saved;
	if (r < 0 || len < sizeof st)
		/* one-to-many: no such association; one-to-one: the daemon says */
		return one_to_many ? -EPIPE : 0;
	if (st.sstat_state == SCTP_ESTABLISHED)
		__atomic_store_n(slot, key | st.sstat_outstrms, __ATOMIC_RELAXED);
	if (info->flags & (SHIM_MSG_ABORT | SHIM_MSG_EOF))
		return 0;
	if (info->stream >= st.sstat_outstrms)
		return -EINVAL;
	/* sctp_sf_error_shutdown: no new data once the association is
	 * shutting down */
	return st.sstat_state >= SCTP_SHUTDOWN_PENDING ? -ESHUTDOWN : 0;
}

/* After an EOF the association is shutting down: the next message to it
 * must ask (check_assoc), not trust the cache. */
static void forget_assoc(const struct shim_sock *s, uint32_t assoc_id)
{
	uint64_t key = outstreams_key(s->endpoint_id, assoc_id);
	uint64_t *slot = outstreams_slot(s->endpoint_id, assoc_id);
	uint64_t cached = __atomic_load_n(slot, __ATOMIC_RELAXED);

	if ((cached & ~(uint64_t)0xffffu) == key)
		__atomic_compare_exchange_n(slot, &cached, 0, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

/* A one-to-one socket whose channel refuses data (EPIPE): its association
 * is shutting down (ESHUTDOWN, as sctp_sf_error_shutdown gives it) or gone
 * (EPIPE, with SIGPIPE unless MSG_NOSIGNAL). */
static int shutting_down(int fd)
{
	struct sctp_status st;
	socklen_t len = sizeof st;
	int saved = errno, r;

	memset(&st, 0, sizeof st);
	r = getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len);
	errno = saved;
	return r == 0 && len >= sizeof st && st.sstat_state >= SCTP_SHUTDOWN_PENDING;
}

/* Copy n ranges in from the caller's memory with one system call: 0, or
 * -EFAULT if any of them cannot be read (as shim_copy_user, which trusts
 * the pointers where process_vm_readv is not allowed). */
static int copy_in(const struct iovec *to, const struct iovec *from, unsigned long n)
{
	size_t want = 0;
	unsigned long i;
	long r;

	for (i = 0; i < n; i++) {
		if (from[i].iov_len && !from[i].iov_base)
			return -EFAULT;
		want += from[i].iov_len;
	}
	if (!want)
		return 0;
	r = syscall(SYS_process_vm_readv, getpid(), to, n, from, n, 0UL);
	if (r == (long)want)
		return 0;
	if (r < 0 && (errno == ENOSYS || errno == EPERM)) {
		for (i = 0; i < n; i++)
			memcpy(to[i].iov_base, from[i].iov_base, from[i].iov_len);
		return 0;
	}
	return -EFAULT;
}

/* net.core.optmem_max: the most control data sendmsg() takes (ENOBUFS). */
static size_t optmem_max(void)
{
	static size_t cached;
	char buf[32];
	ssize_t n;
	int fd;

	if (cached)
		return cached;
	cached = 20480;
	fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/sys/net/core/optmem_max", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = syscall(SYS_read, fd, buf, sizeof buf - 1);
		if (n > 0) {
			buf[n] = '\0';
			if (strtoul(buf, NULL, 10) > 0)
				cached = strtoul(buf, NULL, 10);
		}
		syscall(SYS_close, fd);
	}
	return cached;
}

/*
 * sctp_verify_addr(): the family must be the socket's (or AF_INET on an
 * AF_INET6 socket), the length at least its sockaddr's, the address usable
 * for unicast (no multicast or broadcast), a link-local IPv6 address must
 * name its interface.  Everything else is EINVAL.
 */
static int verify_addr(const struct shim_sock *s, const struct sockaddr *sa, socklen_t len,
                       struct shim_addr *out)
{
	if (len < (socklen_t)sizeof(struct sockaddr))
		return -EINVAL;
	if (sa->sa_family == AF_INET6 && s->family == AF_INET)
		return -EINVAL;
	if (shim_addr_from_sockaddr(out, sa, len) < 0)
		return -EINVAL;
	if (out->family == AF_INET) {
		uint32_t a = (uint32_t)out->addr[0] << 24 | (uint32_t)out->addr[1] << 16
		             | (uint32_t)out->addr[2] << 8 | out->addr[3];

		if ((a & 0xf0000000u) == 0xe0000000u || a == 0xffffffffu)
			return -EINVAL;
	} else {
		if (out->addr[0] == 0xff)
			return -EINVAL;  /* multicast */
		if (out->addr[0] == 0xfe && (out->addr[1] & 0xc0) == 0x80 && !out->scope_id)
			return -EINVAL;  /* link-local without an interface */
	}
	return 0;
}

/* EPIPE, with the SIGPIPE sctp_error() sends unless MSG_NOSIGNAL. */
static ssize_t send_epipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGPIPE);
	return shim_fail(EPIPE);
}

/* sctp_sendmsg_parse's checks of the flags against the message. */
static int check_flags(const struct shim_sock *s, const struct shim_msginfo *info, size_t len,
                       int name_given)
{
	uint16_t f = info->flags;

	if (s->style == SHIM_STYLE_ONE_TO_ONE && (f & (SHIM_MSG_EOF | SHIM_MSG_ABORT)))
		return -EINVAL;
	if (((f & SHIM_MSG_EOF) && len) || (!(f & (SHIM_MSG_EOF | SHIM_MSG_ABORT)) && !len))
		return -EINVAL;
	if ((f & SHIM_MSG_ADDR_OVER) && !name_given)
		return -EINVAL;
	return 0;
}

/*
 * The send path proper.  msg is the caller's, already copied in (its
 * iovecs too; the bytes they point at are read by the kernel when they go
 * on the channel, which gives EFAULT for a bad one).  name_given: a
 * non-NULL address came with the call (sendto() with a zero length gives
 * EINVAL, as sctp_verify_addr() does).
 */
static ssize_t send_checked(int fd, const struct shim_sock *s, const struct msghdr *msg,
                            int flags, int name_given);

ssize_t shim_send(int fd, const struct shim_sock *s, const struct msghdr *umsg, int flags)
{
	struct msghdr msg;
	struct iovec iov[UIO_MAXIOV];
	struct sockaddr_storage name;
	char small_ctl[512], *ctl = small_ctl;
	struct iovec to[3], from[3];
	unsigned long n = 0;
	ssize_t r;

	/* ____sys_sendmsg: the header, the address (a length beyond a
	 * sockaddr_storage is cut to it), the iovecs, the control data */
	if (shim_copy_user(&msg, umsg, sizeof msg, 0) < 0)
		return shim_fail(EFAULT);
	if (!msg.msg_name)
		msg.msg_namelen = 0;
	if ((int)msg.msg_namelen < 0)
		return shim_fail(EINVAL);
	if (msg.msg_namelen > sizeof name)
		msg.msg_namelen = sizeof name;
	if (msg.msg_iovlen > UIO_MAXIOV)
		return shim_fail(EMSGSIZE);
	if (msg.msg_controllen > INT_MAX)
		return shim_fail(ENOBUFS);
	if (msg.msg_controllen > sizeof small_ctl
	    && (msg.msg_controllen > optmem_max() || !(ctl = malloc(msg.msg_controllen))))
		return shim_fail(ENOBUFS);
	/* the address, the iovecs and the control data in one go */
	if (msg.msg_namelen) {
		to[n] = (struct iovec){ &name, msg.msg_namelen };
		from[n++] = (struct iovec){ msg.msg_name, msg.msg_namelen };
	}
	if (msg.msg_iovlen) {
		to[n] = (struct iovec){ iov, msg.msg_iovlen * sizeof *iov };
		from[n++] = (struct iovec){ msg.msg_iov, msg.msg_iovlen * sizeof *iov };
	}
	if (msg.msg_controllen) {
		to[n] = (struct iovec){ ctl, msg.msg_controllen };
		from[n++] = (struct iovec){ msg.msg_control, msg.msg_controllen };
	}
	if (copy_in(to, from, n) < 0) {
		if (ctl != small_ctl)
			free(ctl);
		return shim_fail(EFAULT);
	}
	msg.msg_name = msg.msg_namelen ? &name : NULL;
	msg.msg_iov = msg.msg_iovlen ? iov : NULL;
	msg.msg_control = msg.msg_controllen ? ctl : NULL;
	r = send_checked(fd, s, &msg, flags, msg.msg_name != NULL);
	if (ctl != small_ctl) {
		int saved = errno;

		free(ctl);
		errno = saved;
	}
	return r;
}

ssize_t shim_send_kernel(int fd, const struct shim_sock *s, const struct msghdr *msg, int flags,
                         int name_given)
{
	return send_checked(fd, s, msg, flags, name_given);
}

static ssize_t send_checked(int fd, const struct shim_sock *s, const struct msghdr *msg,
                            int flags, int name_given)
{
	struct pers_send_params p;
	struct record_head head;
	struct iovec iov[1 + MAX_SLICES];
	size_t total = 0, sent = 0, idx = 0, off = 0, chunk, i;
	int sndbuf, r, sflags = flags & (MSG_DONTWAIT | MSG_NOSIGNAL), waited = 0;
	int one_to_one = s->style == SHIM_STYLE_ONE_TO_ONE;

	for (i = 0; i < msg->msg_iovlen; i++) {
		if ((ssize_t)msg->msg_iov[i].iov_len < 0)
			return shim_fail(EINVAL);
		if (msg->msg_iov[i].iov_len > SSIZE_MAX - total)
			return shim_fail(EINVAL);
		total += msg->msg_iov[i].iov_len;
	}
	/* sctp_sendmsg_parse, in its order */
	if (one_to_one && s->listening)
		return send_epipe(flags);
	sndbuf = sndbuf_of(fd);
	if (total > (size_t)sndbuf)
		return shim_fail(EMSGSIZE);
	r = pers_parse_send_cmsgs(msg->msg_control, msg->msg_controllen, &p);
	if (r < 0)
		return shim_fail(-r);
	r = check_flags(s, &p.info, total, name_given);
	if (r < 0)
		return shim_fail(-r);
	/* sctp_sendmsg_get_daddr: one-to-one sockets take an address too
	 * (sendto() on an unconnected one sets the association up) */
	if (name_given) {
		r = verify_addr(s, msg->msg_name, msg->msg_namelen, &p.info.addr);
		if (r < 0)
			return shim_fail(-r);
		p.info.flags |= SHIM_MSG_HAS_ADDR;
	}
	/* sctp_sendmsg(): no address and no association is EPIPE (SIGPIPE
	 * unless MSG_NOSIGNAL), as for a one-to-one socket never connected */
	if (one_to_one && !(p.info.flags & SHIM_MSG_HAS_ADDR) && !shim_assoc_seen(fd, s))
		return send_epipe(flags);
	if (p.info.flags & SHIM_MSG_HAS_ADDR) {
		/* a message that may set an association up: its SCTP_INIT and
		 * SCTP_DSTADDRV4/6 (sctp_sendmsg_new_asoc) */
		if (p.dst_short && (!one_to_one || !s->connected))
			return shim_fail(EINVAL);
		if (p.has_init)
			set_initmsg(fd, &p.init);
	}
	r = check_assoc(fd, s, &p.info);
	if (r == -EPIPE)
		return send_epipe(flags);
	if (r < 0)
		return shim_fail(-r);
	/* every record must also fit the AF_UNIX send buffer itself */
	chunk = (size_t)sndbuf / 2 > sizeof head + 64 ? (size_t)sndbuf / 2 - sizeof head - 64 : 1;
	if (chunk > SHIM_DATA_CHUNK)
		chunk = SHIM_DATA_CHUNK;

	head.info = p.info;
	head.info.token = (uint64_t)getpid() << 32 | (uint32_t)syscall(SYS_gettid);
	head.info.tsn = ++messages_sent;
	head.info.total_len = (uint32_t)total;
	head.info.cmsgs = 0;
	iov[0].iov_base = &head;
	iov[0].iov_len = sizeof head;
	do {
		size_t cnt, got = slice(msg->msg_iov, msg->msg_iovlen, &idx, &off, chunk,
		                        iov + 1, &cnt);
		ssize_t n;

		head.info.flags = p.info.flags & ~SHIM_MSG_EOR;
		if (sent + got == total)
			head.info.flags |= SHIM_MSG_EOR;
		shim_hdr_init(&head.hdr, SHIM_DATA, (uint32_t)(sizeof head + got), 0);
		/* SIGPIPE is ours to raise: the channel's EPIPE may mean ESHUTDOWN */
		n = raw_sendmsg(fd, iov, 1 + cnt, sflags | MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n == -EAGAIN && !(sflags & MSG_DONTWAIT) && !shim_fd_nonblocking(fd)) {
			/* the wait sctp_wait_for_sndbuf() does, in the kernel */
			waited = 1;
			n = raw_sendmsg(fd, iov, 1 + cnt, sflags | MSG_NOSIGNAL);
		}
		if (n < 0) {
			if (sent)
				send_cancel(fd, &head);
			/* a sender that waited for room is woken by shutdown(SHUT_WR)
			 * (the daemon shuts our end for sending): EPIPE, as
			 * sctp_wait_for_sndbuf() once the association is shutting
			 * down; a new message then meets sctp_sf_error_shutdown() */
			if (n == -EPIPE)
				return one_to_one && !waited && shutting_down(fd) ? shim_fail(ESHUTDOWN)
				                                                   : send_epipe(flags);
			return shim_fail((int)-n);
		}
		sent += got;
	} while (sent < total);
	if (one_to_one && !s->connected)
		shim_fd_set_connected(fd);  /* sendto() set the association up */
	if (!one_to_one && (p.info.flags & SHIM_MSG_EOF) && !(p.info.flags & SHIM_MSG_HAS_ADDR))
		forget_assoc(s, p.info.assoc_id);
	/* an ABORT's bytes are its reason, not data: Linux returns 0 */
	return (p.info.flags & SHIM_MSG_ABORT) ? 0 : (ssize_t)total;
}
