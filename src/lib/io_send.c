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

#include <limits.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

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
static void send_cancel(int fd, const struct record_head *base)
{
	struct record_head h = *base;
	struct iovec iov = { &h, sizeof h };
	int tries;

	h.info.flags = SHIM_MSG_CANCEL | SHIM_MSG_EOR;
	shim_hdr_init(&h.hdr, SHIM_DATA, sizeof h, 0);
	for (tries = 0; tries < 50; tries++) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		ssize_t r = raw_sendmsg(fd, &iov, 1, MSG_DONTWAIT | MSG_NOSIGNAL);

		if (r != -EAGAIN)
			return;
		syscall(SYS_poll, &p, 1, 100);
	}
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

/* 0 if the stream may be used (or the association is not known here: the
 * daemon decides), -EINVAL if the association has fewer outbound streams. */
static int check_stream(int fd, const struct shim_sock *s, const struct shim_msginfo *info)
{
	uint32_t assoc_id = s->style == SHIM_STYLE_ONE_TO_ONE ? 0 : info->assoc_id;
	uint64_t key = outstreams_key(s->endpoint_id, assoc_id);
	uint64_t *slot = outstreams_slot(s->endpoint_id, assoc_id);
	uint64_t cached = __atomic_load_n(slot, __ATOMIC_RELAXED);
	struct sctp_status st;
	socklen_t len = sizeof st;
	int saved = errno, r;

	/* stream 0 always exists; ABORT and EOF take no stream (Linux acts on
	 * them before it looks); one-to-many without an id goes by address,
	 * and an association being set up implicitly has no count yet */
	if (info->stream == 0 || (info->flags & (SHIM_MSG_ABORT | SHIM_MSG_EOF)))
		return 0;
	if (info->flags & SHIM_MSG_HAS_ADDR)
		return 0;
	if (s->style == SHIM_STYLE_ONE_TO_MANY && assoc_id <= SCTP_ALL_ASSOC)
		return 0;
	if ((cached & ~(uint64_t)0xffffu) == key && info->stream < (cached & 0xffffu))
		return 0;
	memset(&st, 0, sizeof st);
	st.sstat_assoc_id = (sctp_assoc_t)assoc_id;
	r = getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len);
	errno = saved;
	if (r < 0 || len < sizeof st)
		return 0;  /* no such association (any more): the daemon says so */
	if (st.sstat_state >= SCTP_ESTABLISHED)
		__atomic_store_n(slot, key | st.sstat_outstrms, __ATOMIC_RELAXED);
	return info->stream >= st.sstat_outstrms ? -EINVAL : 0;
}

ssize_t shim_send(int fd, const struct shim_sock *s, const struct msghdr *msg, int flags)
{
	struct pers_send_params p;
	struct record_head head;
	struct iovec iov[1 + MAX_SLICES];
	size_t total = 0, sent = 0, idx = 0, off = 0, chunk, i;
	int sndbuf, r, sflags = flags & (MSG_DONTWAIT | MSG_NOSIGNAL);

	if (!msg || (msg->msg_iovlen && !msg->msg_iov))
		return shim_fail(EFAULT);
	if (msg->msg_iovlen > IOV_MAX)
		return shim_fail(EMSGSIZE);
	for (i = 0; i < msg->msg_iovlen; i++) {
		if (msg->msg_iov[i].iov_len > SSIZE_MAX - total)
			return shim_fail(EINVAL);
		total += msg->msg_iov[i].iov_len;
	}
	r = pers_parse_send_cmsgs(msg->msg_control, msg->msg_controllen, &p);
	if (r < 0)
		return shim_fail(-r);
	/* One-to-one sockets take an address too: sendto() on an unconnected
	 * one has Linux set the association up; the daemon decides. */
	if (msg->msg_name && msg->msg_namelen) {
		const struct sockaddr *sa = msg->msg_name;

		if (msg->msg_namelen < (socklen_t)sizeof(struct sockaddr)
		    || (sa->sa_family == AF_INET6 && s->family == AF_INET)
		    || shim_addr_from_sockaddr(&p.info.addr, sa, msg->msg_namelen) < 0)
			return shim_fail(EINVAL);
		p.info.flags |= SHIM_MSG_HAS_ADDR;
	}
	/* sctp_sendmsg(): no address and no association is EPIPE (SIGPIPE
	 * unless MSG_NOSIGNAL), as for a one-to-one socket never connected */
	if (s->style == SHIM_STYLE_ONE_TO_ONE && !(p.info.flags & SHIM_MSG_HAS_ADDR)
	    && (s->listening || !shim_assoc_seen(fd, s))) {
		if (!(flags & MSG_NOSIGNAL))
			syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGPIPE);
		return shim_fail(EPIPE);
	}
	if (p.has_init && (p.info.flags & SHIM_MSG_HAS_ADDR))
		/* an implicit association takes these INIT parameters */
		set_initmsg(fd, &p.init);
	r = check_stream(fd, s, &p.info);
	if (r < 0)
		return shim_fail(-r);
	sndbuf = sndbuf_of(fd);
	if (total > (size_t)sndbuf)
		return shim_fail(EMSGSIZE);
	/* every record must also fit the AF_UNIX send buffer itself */
	chunk = (size_t)sndbuf / 2 > sizeof head + 64 ? (size_t)sndbuf / 2 - sizeof head - 64 : 1;
	if (chunk > SHIM_DATA_CHUNK)
		chunk = SHIM_DATA_CHUNK;

	head.info = p.info;
	head.info.token = (uint64_t)getpid() << 32 | (uint32_t)syscall(SYS_gettid);
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
		n = raw_sendmsg(fd, iov, 1 + cnt, sflags);
		if (n < 0) {
			if (sent)
				send_cancel(fd, &head);
			return shim_fail((int)-n);
		}
		sent += got;
	} while (sent < total);
	if (s->style == SHIM_STYLE_ONE_TO_ONE && !s->connected)
		shim_fd_set_connected(fd);  /* sendto() set the association up */
	return (ssize_t)total;
}
