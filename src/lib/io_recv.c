/* SPDX-License-Identifier: MIT */
/*
 * The one receive path behind recv, recvfrom, recvmsg, recvmmsg, read,
 * readv and the _chk variants (design.md "Receiving").  One recvmsg takes
 * one record into [header+msginfo, caller's iovecs, per-thread spill]; what
 * overflows the caller's buffer stays with the descriptor in this process
 * and is served first by the next read.  Non-blocking steps run under the
 * descriptor's mutex; blocking waits happen outside it, in the kernel.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "lib/names.h"
#include "wire/wire.h"
#include "personality/personality.h"

#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

/* A record's payload beyond the caller's buffer lands here: room for the
 * largest record (malloc maps it; only what records fill is touched). */
#define SPILL_CAP SHIM_RECORD_MAX
/* A remainder up to this size is copied out and the spill kept. */
#define REST_COPY_MAX SHIM_DATA_CHUNK
/* the most ancillary data one receive builds (every SCTP cmsg at once) */
#define CONTROL_MAX 512
/* caller iovecs one recvmsg fills directly; more go through the spill */
#define RECV_SLICES 256

enum rest_kind {
	REST_DATA,    /* payload bytes of a message; eor: they end it */
	REST_NOTIFY,  /* a converted Linux notification */
	REST_RECORD,  /* a whole record not looked at yet */
};

struct shim_rest {
	uint8_t *buf;
	size_t off, len;
	int kind;
	int eor;
	struct shim_msginfo info;
};

struct record_head {
	struct shim_hdr hdr;
	struct shim_msginfo info;
};

/* What one call delivers, besides the bytes. */
struct result {
	size_t filled;
	int eor;
	int notification;
	int have_info;
	int more_coming;  /* the daemon cut the last piece at its record size
	                     (SHIM_MSG_MORE): the next piece is on its way */
	struct shim_msginfo info;
};

static pthread_key_t spill_key;
static pthread_once_t spill_once = PTHREAD_ONCE_INIT;
static __thread uint8_t *spill;
static struct shim_fd_rx fallback_rx = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void spill_key_init(void)
{
	pthread_key_create(&spill_key, free);
}

static uint8_t *spill_buffer(void)
{
	if (!spill) {
		pthread_once(&spill_once, spill_key_init);
		spill = malloc(SPILL_CAP);
		if (spill)
			pthread_setspecific(spill_key, spill);
	}
	return spill;
}

/* The first len bytes of the thread's spill buffer, for a remainder: a
 * copy when small, else the buffer itself (the thread makes a new one). */
static uint8_t *spill_take(size_t len)
{
	uint8_t *b = spill;

	if (len <= REST_COPY_MAX) {
		b = malloc(len ? len : 1);
		if (b)
			memcpy(b, spill, len);
		return b;
	}
	spill = NULL;
	pthread_setspecific(spill_key, NULL);
	return realloc(b, len) ?: b;  /* give back the room it does not use */
}

void shim_rest_free(struct shim_rest *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r);
}

static size_t iov_total(const struct iovec *iov, size_t cnt)
{
	size_t t = 0, i;

	for (i = 0; i < cnt; i++)
		t += iov[i].iov_len;
	return t;
}

/* Copy between a flat buffer and the caller's iovecs starting at offset `at`
 * of the iovecs; to_iov says which way.  Returns bytes copied, short when
 * the caller's memory is not there (shim_copy_user: EFAULT, not a crash). */
static size_t iov_copy(const struct iovec *iov, size_t cnt, size_t at, void *buf, size_t len,
                       int to_iov)
{
	size_t done = 0, i;

	for (i = 0; i < cnt && done < len; i++) {
		char *base = iov[i].iov_base;
		size_t take;

		if (at >= iov[i].iov_len) {
			at -= iov[i].iov_len;
			continue;
		}
		take = iov[i].iov_len - at;
		if (take > len - done)
			take = len - done;
		if (to_iov ? shim_copy_user(base + at, (char *)buf + done, take, 1)
		           : shim_copy_user((char *)buf + done, base + at, take, 0))
			break;
		done += take;
		at = 0;
	}
	return done;
}

/* The caller's iovecs from offset `at`, as at most `max` entries. */
static size_t iov_from(const struct iovec *iov, size_t cnt, size_t at, struct iovec *out, size_t max)
{
	size_t n = 0, i;

	for (i = 0; i < cnt && n < max; i++) {
		if (at >= iov[i].iov_len) {
			at -= iov[i].iov_len;
			continue;
		}
		out[n].iov_base = (char *)iov[i].iov_base + at;
		out[n].iov_len = iov[i].iov_len - at;
		n++;
		at = 0;
	}
	return n;
}

/* The length a whole record makes for the reader, as Linux's skb->len:
 * a DATA record's payload, a notification in its Linux layout (0 for one
 * the reader skips), 0 for anything else. */
static int record_length(const uint8_t *rec, size_t n)
{
	struct record_head head;
	struct shim_notify nt;
	uint8_t *out;
	ssize_t len;

	if (n < sizeof head.hdr)
		return 0;
	memcpy(&head, rec, n < sizeof head ? n : sizeof head);
	if (head.hdr.type == SHIM_DATA)
		return n >= sizeof head ? (int)(n - sizeof head) : 0;
	if (head.hdr.type != SHIM_NOTIFY
	    || shim_body_check(SHIM_NOTIFY, rec + sizeof head.hdr, n - sizeof head.hdr) < 0)
		return 0;
	memcpy(&nt, rec + sizeof head.hdr, sizeof nt);
	out = malloc(pers_notification_max(nt.len));
	if (!out)
		return -ENOMEM;
	len = pers_build_notification(&nt, rec + sizeof head.hdr + sizeof nt, out,
	                              pers_notification_max(nt.len));
	free(out);
	return len > 0 ? (int)len : 0;
}

/* The next record in the channel, peeked (nothing consumed but answers to
 * our nudges at the head: they stand for a remainder, and there is none). */
static int channel_next_length(int fd, struct shim_fd_rx *rx)
{
	for (;;) {
		struct record_head head;
		uint8_t *rec;
		long n = syscall(SYS_recvfrom, fd, &head, sizeof head,
		                 MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC, NULL, NULL);
		int len;

		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (n < (long)sizeof head.hdr || head.hdr.magic != SHIM_MAGIC)
			return 0;
		if (head.hdr.type == SHIM_NUDGE) {
			syscall(SYS_recvfrom, fd, &head, sizeof head.hdr, MSG_DONTWAIT, NULL, NULL);
			if (rx->nudges_out)
				rx->nudges_out--;
			continue;
		}
		if (head.hdr.type != SHIM_NOTIFY)
			return record_length((const uint8_t *)&head, (size_t)n);
		rec = malloc((size_t)n);
		if (!rec)
			return -ENOMEM;
		n = syscall(SYS_recvfrom, fd, rec, (size_t)n, MSG_PEEK | MSG_DONTWAIT, NULL, NULL);
		len = n > 0 ? record_length(rec, (size_t)n) : 0;
		free(rec);
		return len;
	}
}

/*
 * ioctl(SIOCINQ) as sctp_ioctl() answers it: the length of the first skb
 * in the receive queue, which is what the next read returns (the rest of a
 * message after a partial read; a notification's whole length), or 0.
 * Here: the remainder this process holds, else the channel's next record.
 */
int shim_next_length(int fd)
{
	struct shim_fd_rx *rx = shim_rx_get(fd), *use = rx ? rx : &fallback_rx;
	struct shim_rest *r;
	int len;

	pthread_mutex_lock(&use->lock);
	r = use->rest;
	if (r && r->kind == REST_RECORD)
		len = record_length(r->buf, r->len);
	else if (r)
		len = (int)(r->len - r->off);
	else
		len = channel_next_length(fd, use);
	pthread_mutex_unlock(&use->lock);
	shim_rx_put(rx);
	return len;
}

static struct shim_rest *rest_new(uint8_t *buf, size_t len, int kind)
{
	struct shim_rest *r = calloc(1, sizeof *r);

	if (!r) {
		free(buf);
		return NULL;
	}
	r->buf = buf;
	r->len = len;
	r->kind = kind;
	return r;
}

static void close_passed_fd(int fd, void *arg)
{
	syscall(SYS_close, fd);
}

static void close_passed(struct msghdr *m)
{
	shim_for_each_passed_fd(m, close_passed_fd, NULL);
}

/*
 * Turn a whole non-DATA record into what the caller sees: 1 = skip it,
 * 0 = *rest now holds a REST_NOTIFY, <0 = fail the read with that errno.
 * Takes ownership of rec.
 */
static int convert_record(uint8_t *rec, size_t n, struct shim_rest **rest)
{
	struct shim_hdr h;
	const uint8_t *body = rec + sizeof h;
	size_t blen = n - sizeof h;
	int r = 1;

	*rest = NULL;
	memcpy(&h, rec, sizeof h);
	if (shim_body_check(h.type, body, blen) < 0) {
		free(rec);
		return 1;
	}
	if (h.type == SHIM_ERROR) {
		struct shim_error e;

		memcpy(&e, body, sizeof e);
		r = e.error > 0 ? -e.error : 1;
	} else if (h.type == SHIM_NOTIFY) {
		struct shim_notify nt;
		size_t cap;
		uint8_t *out;
		ssize_t len;

		memcpy(&nt, body, sizeof nt);
		cap = pers_notification_max(nt.len);
		out = malloc(cap);
		len = out ? pers_build_notification(&nt, body + sizeof nt, out, cap) : -ENOMEM;
		if (len < 0) {
			free(out);
			r = len == -ENOMEM ? -ENOMEM : 1;  /* a kind Linux has no layout for */
		} else {
			*rest = rest_new(out, (size_t)len, REST_NOTIFY);
			if (!*rest)
				r = -ENOMEM;
			else {
				(*rest)->eor = 1;
				(*rest)->info.assoc_id = nt.assoc_id;
				(*rest)->info.addr = nt.addr;
				r = 0;
			}
		}
	}
	free(rec);
	return r;
}

/*
 * Do two DATA records carry pieces of one message?  With I-DATA (RFC 8260)
 * usrsctp hands over pieces of messages of different streams interleaved
 * (the daemon runs it at fragment interleave level 2 then), and Linux
 * returns each piece with its own SCTP_RCVINFO: one read never joins two
 * messages.  Within a stream, messages are told apart by their SSN (the
 * MID's low 16 bits with I-DATA, as Linux's sinfo_ssn) and whether they
 * are unordered.
 */
static int same_message(const struct shim_msginfo *a, const struct shim_msginfo *b)
{
	return a->assoc_id == b->assoc_id && a->stream == b->stream && a->ssn == b->ssn
	       && (a->flags & SHIM_MSG_UNORDERED) == (b->flags & SHIM_MSG_UNORDERED);
}

/* Serve from the remainder.  Returns 1 to go on reading records, 0 when
 * the call is complete, <0 to fail. */
static int serve_rest(struct shim_fd_rx *rx, const struct msghdr *msg, int peek,
                      struct result *res)
{
	for (;;) {
		struct shim_rest *r = rx->rest;
		size_t got;

		if (!r)
			return 1;
		if (r->kind == REST_RECORD) {
			struct shim_rest *conv;
			int c;

			if (res->filled)
				return 0;  /* another unit: the next call's */
			rx->rest = NULL;
			c = convert_record(r->buf, r->len, &conv);
			r->buf = NULL;
			shim_rest_free(r);
			if (c < 0)
				return c;
			rx->rest = conv;
			continue;
		}
		if (res->filled && r->kind == REST_NOTIFY)
			return 0;
		if (res->have_info && r->kind == REST_DATA && !same_message(&res->info, &r->info))
			return 0;  /* another message's piece: the next call's */
		got = iov_copy(msg->msg_iov, msg->msg_iovlen, res->filled, r->buf + r->off,
		               r->len - r->off, 1);
		if (got < r->len - r->off && res->filled + got < iov_total(msg->msg_iov, msg->msg_iovlen))
			return -EFAULT;  /* the remainder stays for the next read */
		if (!res->have_info) {
			res->info = r->info;
			res->have_info = 1;
		}
		res->notification = r->kind == REST_NOTIFY;
		res->filled += got;
		if (r->off + got < r->len) {
			if (!peek)
				r->off += got;
			return 0;
		}
		res->eor = r->eor;
		if (!peek) {
			rx->rest = NULL;
			shim_rest_free(r);
		}
		return (res->eor || peek || res->notification) ? 0 : 1;
	}
}

/*
 * A piece of another message than the one this call returns, read after
 * it: part of it may already sit in the caller's buffer beyond what the
 * call reports (at `at`), the rest in the spill buffer.  All of it becomes
 * the remainder, served by the next read; this call ends (0).
 */
static int keep_other_piece(const struct msghdr *msg, struct shim_fd_rx *rx,
                            const struct shim_msginfo *info, size_t at, size_t in_caller,
                            const uint8_t *sp, size_t payload)
{
	struct shim_rest *rest;
	uint8_t *buf;

	if (!in_caller) {
		buf = spill_take(payload);
		if (!buf)
			return -ENOMEM;
	} else {
		buf = malloc(payload ? payload : 1);
		if (!buf)
			return -ENOMEM;
		iov_copy(msg->msg_iov, msg->msg_iovlen, at, buf, in_caller, 0);
		memcpy(buf + in_caller, sp, payload - in_caller);
	}
	rest = rest_new(buf, payload, REST_DATA);
	if (!rest)
		return -ENOMEM;
	rest->eor = !!(info->flags & SHIM_MSG_EOR);
	rest->info = *info;
	rx->rest = rest;
	return 0;
}

/*
 * SCTP_NXTINFO: the daemon takes each message from usrsctp as it arrives,
 * usually before the next one is there, so usrsctp's next-message info is
 * rarely set.  The next message may well be queued on our own channel by
 * the time the program reads, as it would be in the kernel's receive queue:
 * look at the next record there (a peek, nothing consumed).
 */
static void peek_next(int fd, struct shim_msginfo *info)
{
	struct record_head next;
	long r;

	if (!(info->cmsgs & SHIM_CMSG_NXTINFO) || (info->flags & SHIM_MSG_HAS_NEXT))
		return;
	r = syscall(SYS_recvfrom, fd, &next, sizeof next, MSG_PEEK | MSG_DONTWAIT, NULL, NULL);
	if (r < (long)sizeof next || next.hdr.magic != SHIM_MAGIC || next.hdr.type != SHIM_DATA
	    || next.hdr.len < sizeof next)
		return;  /* nothing queued, a nudge or a notification: no NXTINFO */
	info->flags |= SHIM_MSG_HAS_NEXT;
	info->next_assoc_id = next.info.assoc_id;
	info->next_ppid = next.info.ppid;
	info->next_stream = next.info.stream;
	/* the bytes queued so far: the whole message when it is one record */
	info->next_length = next.hdr.len - (uint32_t)sizeof next;
	info->next_flags = next.info.flags & (SHIM_MSG_UNORDERED | SHIM_MSG_EOR);
}

/* One record, non-blocking.  direct: scatter the payload into the caller's
 * buffer (else everything goes to the remainder).  Returns 1 to go on,
 * 0 when complete, <0 to fail (-EAGAIN: nothing there). */
static int take_record(int fd, struct shim_fd_rx *rx, const struct msghdr *msg, int direct,
                       struct result *res)
{
	struct record_head head;
	struct iovec iov[2 + RECV_SLICES];
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr m = { .msg_iov = iov, .msg_control = ctl.buf, .msg_controllen = sizeof ctl };
	uint8_t *sp = spill_buffer();
	size_t cnt = 0, in_caller = 0, space, n, payload;
	long r;

	if (!sp)
		return -ENOMEM;
	space = direct ? iov_total(msg->msg_iov, msg->msg_iovlen) - res->filled : 0;
	iov[cnt].iov_base = &head;
	iov[cnt++].iov_len = sizeof head;
	if (space)
		cnt += iov_from(msg->msg_iov, msg->msg_iovlen, res->filled, iov + cnt, RECV_SLICES);
	iov[cnt].iov_base = sp;
	iov[cnt++].iov_len = SPILL_CAP;
	m.msg_iovlen = cnt;
	r = syscall(SYS_recvmsg, fd, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (r < 0)
		return -errno;
	close_passed(&m);
	if (r == 0)  /* EOF: what we have, or 0; ECONNRESET if the daemon died */
		return !res->filled && shim_daemon_gone(fd) ? -ECONNRESET : 0;
	n = (size_t)r;
	if ((m.msg_flags & MSG_TRUNC) || n < sizeof head.hdr
	    || head.hdr.magic != SHIM_MAGIC || head.hdr.version != SHIM_VERSION || head.hdr.len != n)
		return 1;  /* not a record we can read: dropped */
	if (head.hdr.type == SHIM_NUDGE) {
		if (rx->nudges_out)
			rx->nudges_out--;
		return 1;  /* only there to make the descriptor poll readable */
	}
	if (space) {
		/* how much of the record beyond the head landed in the caller's buffer */
		size_t beyond = n > sizeof head ? n - sizeof head : 0;

		in_caller = beyond < space ? beyond : space;
	}
	if (head.hdr.type == SHIM_DATA) {
		if (n < sizeof head)
			return 1;
		payload = n - sizeof head;
		if (res->have_info && !same_message(&res->info, &head.info))
			return keep_other_piece(msg, rx, &head.info, res->filled, in_caller, sp,
			                        payload);
		res->more_coming = !!(head.info.flags & SHIM_MSG_MORE);
		if (!res->have_info) {
			res->info = head.info;
			res->have_info = 1;
		}
		res->filled += in_caller;
		if (payload > in_caller) {
			uint8_t *buf = spill_take(payload - in_caller);
			struct shim_rest *rest = buf ? rest_new(buf, payload - in_caller, REST_DATA) : NULL;

			if (!rest)
				return -ENOMEM;
			rest->eor = !!(head.info.flags & SHIM_MSG_EOR);
			rest->info = head.info;
			rx->rest = rest;
			return direct ? 0 : 1;
		}
		if (head.info.flags & SHIM_MSG_EOR) {
			res->eor = 1;
			peek_next(fd, &res->info);
			return 0;
		}
		return res->filled < iov_total(msg->msg_iov, msg->msg_iovlen) ? 1 : 0;
	} else {
		/* gather the record whole: head part, caller part, spill part */
		uint8_t *rec = malloc(n);
		size_t head_part = n < sizeof head ? n : sizeof head, spill_part;
		struct shim_rest *rest;

		if (!rec)
			return -ENOMEM;
		memcpy(rec, &head, head_part);
		iov_copy(msg->msg_iov, msg->msg_iovlen, res->filled, rec + head_part, in_caller, 0);
		spill_part = n - head_part - in_caller;
		memcpy(rec + head_part + in_caller, sp, spill_part);
		rest = rest_new(rec, n, REST_RECORD);
		if (!rest)
			return -ENOMEM;
		rx->rest = rest;
		return 1;
	}
}

/* Everything that can be done without waiting.  Returns 0 when the call is
 * complete (res says what it got), <0 to fail (-EAGAIN: wait and retry). */
/* The daemon writes the pieces of one message back to back, so a blocking
 * reader waits for the next piece (as Linux hands over a message whole)
 * rather than return a fragment; a signal or SO_RCVTIMEO ends the wait and
 * the reader gets what it has, without MSG_EOR.  A non-blocking reader
 * waits only, and briefly, for a piece the daemon is already writing. */
static int wait_next_piece(int fd, int nonblock)
{
	struct timeval tv = { 0 };
	socklen_t tl = sizeof tv;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int timeout = -1;

	if (nonblock)
		timeout = 100;  /* only for a piece already on its way */
	else if (syscall(SYS_getsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl) == 0
	         && (tv.tv_sec || tv.tv_usec))
		timeout = (int)(tv.tv_sec * 1000 + (tv.tv_usec + 999) / 1000);
	return syscall(SYS_poll, &p, 1, timeout) > 0;
}

static int take_available(int fd, struct shim_fd_rx *rx, const struct msghdr *msg, int peek,
                          int dontwait, struct result *res)
{
	for (;;) {
		int r = serve_rest(rx, msg, peek, res);

		if (r <= 0)
			return r;
		if (peek && res->filled)
			return 0;
		/* a peek pulls the record into the remainder and serves it from there */
		r = take_record(fd, rx, msg, !peek, res);
		if (r == -EAGAIN && res->filled) {
			int nonblock = dontwait || shim_fd_nonblocking(fd);

			if ((!nonblock || res->more_coming) && wait_next_piece(fd, nonblock))
				continue;
			return 0;  /* partial delivery: the rest is not here yet */
		}
		if (r < 0 && res->filled)
			return 0;
		if (r <= 0)
			return r;
	}
}

/*
 * A call about to wait holds the socket through a descriptor of its own.
 * On Linux the call holds the file: another thread's close() does not
 * end it, and it returns what arrives (the socket is released after).
 * The kernel holds our wait the same way, but every step after it names
 * the descriptor by number, which the close frees (EBADF) and the next
 * open reuses.  The duplicate sits high, out of the way of programs that
 * count on the lowest free numbers; without one (EMFILE) the call goes on
 * by number as before.
 */
#define HOLD_FD_MIN 512
/* A fork child has none of the waiting threads: it closes their
 * descriptors, which would otherwise keep the sockets alive in it (Linux's
 * held file references are not in the descriptor table fork copies). */
#define HOLD_SLOTS 64

static _Atomic int held_fds[HOLD_SLOTS];
static pthread_once_t held_once = PTHREAD_ONCE_INIT;

static void close_held_after_fork(void)
{
	for (int i = 0; i < HOLD_SLOTS; i++) {
		int fd = atomic_exchange(&held_fds[i], -1);

		if (fd >= 0) {
			shim_fd_forget(fd);
			syscall(SYS_close, fd);
		}
	}
}

static void held_init(void)
{
	for (int i = 0; i < HOLD_SLOTS; i++)
		atomic_store(&held_fds[i], -1);
	pthread_atfork(NULL, NULL, close_held_after_fork);
}

int shim_hold_fd(int fd)
{
	long held;

	pthread_once(&held_once, held_init);
	held = syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, HOLD_FD_MIN);
	if (held < 0)
		return -1;
	for (int i = 0; i < HOLD_SLOTS; i++) {
		int free_slot = -1;

		if (atomic_compare_exchange_strong(&held_fds[i], &free_slot, (int)held))
			break;
	}
	return (int)held;
}

void shim_release_fd(int held)
{
	int saved = errno;

	if (held < 0)
		return;
	for (int i = 0; i < HOLD_SLOTS; i++) {
		int mine = held;

		if (atomic_compare_exchange_strong(&held_fds[i], &mine, -1))
			break;
	}
	shim_fd_forget(held);  /* what the table learnt about the number */
	syscall(SYS_close, held);
	errno = saved;
}

/* Block in the kernel until a record (or EOF) is there: a zero-byte peek
 * honours SO_RCVTIMEO, signals and SA_RESTART exactly as a read would. */
static int wait_readable(int fd)
{
	struct msghdr m = { 0 };

	if (syscall(SYS_recvmsg, fd, &m, MSG_PEEK) < 0)
		return -errno;
	return 0;
}

ssize_t shim_next_record(int fd, void *buf, size_t cap, int *recv_fd, int recv_flags,
                         int nonblock)
{
	int held = -1;
	ssize_t n;

	for (;;) {
		n = shim_recv_record(fd, buf, cap, recv_fd, recv_flags | MSG_DONTWAIT);
		if (n != -EAGAIN || nonblock)
			break;
		if (held < 0 && (held = shim_hold_fd(fd)) >= 0)
			fd = held;
		n = wait_readable(fd);
		if (n < 0)
			break;
	}
	shim_release_fd(held);
	return n;
}

static ssize_t recv_with_state(int fd, const struct shim_sock *s, struct shim_fd_rx *rx,
                                 struct msghdr *msg, int flags, int *held);

/*
 * The program's msghdr and iovec array are copied in first, as
 * ____sys_recvmsg() does (EFAULT for a bad pointer, EMSGSIZE for more than
 * UIO_MAXIOV iovecs), and what the call reports is written back to it.
 */
ssize_t shim_recv(int fd, const struct shim_sock *s, struct msghdr *umsg, int flags)
{
	int saved = errno;
	struct iovec small[8], *iov = small;
	struct shim_fd_rx *rx;
	struct msghdr msg;
	int held = -1;
	ssize_t r;

	if (shim_copy_user(&msg, umsg, sizeof msg, 0) < 0 || !umsg)
		return shim_fail(EFAULT);
	if (msg.msg_iovlen > IOV_MAX)
		return shim_fail(EMSGSIZE);
	if (msg.msg_iovlen > sizeof small / sizeof *small) {
		iov = malloc(msg.msg_iovlen * sizeof *iov);
		if (!iov)
			return shim_fail(ENOMEM);
	}
	if (msg.msg_iovlen && (!msg.msg_iov
	                       || shim_copy_user(iov, msg.msg_iov, msg.msg_iovlen * sizeof *iov, 0))) {
		if (iov != small)
			free(iov);
		return shim_fail(EFAULT);
	}
	msg.msg_iov = iov;
	if (!msg.msg_name)
		msg.msg_namelen = 0;
	if ((int)msg.msg_namelen < 0) {  /* copy_msghdr_from_user() */
		if (iov != small)
			free(iov);
		return shim_fail(EINVAL);
	}
	rx = shim_rx_get(fd);
	r = recv_with_state(fd, s, rx ? rx : &fallback_rx, &msg, flags, &held);
	shim_release_fd(held);
	shim_rx_put(rx);
	if (iov != small)
		free(iov);
	if (r >= 0 && (shim_copy_user(&umsg->msg_flags, &msg.msg_flags, sizeof msg.msg_flags, 1)
	               || shim_copy_user(&umsg->msg_namelen, &msg.msg_namelen,
	                                 sizeof msg.msg_namelen, 1)
	               || shim_copy_user(&umsg->msg_controllen, &msg.msg_controllen,
	                                 sizeof msg.msg_controllen, 1)))
		return shim_fail(EFAULT);
	if (r >= 0)
		errno = saved;  /* the steps behind a success leave no trace */
	return r;
}

/* *held: the descriptor of our own a wait took (shim_hold_fd), for the caller
 * to release; from then on fd is that one. */
static ssize_t recv_with_state(int fd, const struct shim_sock *s, struct shim_fd_rx *rx,
                                 struct msghdr *msg, int flags, int *held)
{
	int nonblock = !!(flags & MSG_DONTWAIT);  /* O_NONBLOCK is asked only when it matters */
	int peek = !!(flags & MSG_PEEK), r, truncated = 0;
	struct result res;

	/* sctp_recvmsg(): the error queue first, which is always empty */
	if (flags & MSG_ERRQUEUE)
		return shim_fail(EAGAIN);
	/* sctp_recvmsg(): a one-to-one socket that is listening, or has no
	 * association and never had one, has nothing to wait for */
	if (s->style == SHIM_STYLE_ONE_TO_ONE && (s->listening || !shim_assoc_seen(fd, s)))
		return shim_fail(ENOTCONN);
	for (;;) {
		memset(&res, 0, sizeof res);
		pthread_mutex_lock(&rx->lock);
		r = take_available(fd, rx, msg, peek, !!(flags & MSG_DONTWAIT), &res);
		pthread_mutex_unlock(&rx->lock);
		if (r != -EAGAIN || nonblock || (nonblock = shim_fd_nonblocking(fd)))
			break;
		if (*held < 0 && (*held = shim_hold_fd(fd)) >= 0)
			fd = *held;
		r = wait_readable(fd);
		if (r < 0)
			break;
	}
	shim_error_after_recv(fd, rx, r);
	shim_nudge_settle(fd, rx, nonblock);
	if (r < 0)
		return shim_fail(-r);
	msg->msg_flags = (res.eor ? MSG_EOR : 0) | (res.notification ? PERS_MSG_NOTIFICATION : 0);
	if (msg->msg_name) {
		/* ____sys_recvmsg(): the data is gone when the address cannot
		 * be written */
		if (res.have_info && res.info.addr.family) {
			r = shim_sockaddr_to_user(&res.info.addr, shim_report_family(fd, s),
			                          msg->msg_name, &msg->msg_namelen);
			if (r < 0)
				return shim_fail(-r);
		} else {
			msg->msg_namelen = 0;
		}
	}
	{
		size_t cap = msg->msg_controllen < CONTROL_MAX ? msg->msg_controllen : CONTROL_MAX;
		union {
			char buf[CONTROL_MAX];
			struct cmsghdr align;
		} ctl;
		/* put_cmsg(): no control buffer is MSG_CTRUNC when there was
		 * something to put */
		size_t len = res.have_info
			? pers_build_recv_cmsgs(&res.info, res.notification,
			                        msg->msg_control ? ctl.buf : NULL, cap, &truncated)
			: 0;

		/* put_cmsg(): what cannot be written is left out, silently */
		if (len && shim_copy_user(msg->msg_control, ctl.buf, len, 1) < 0)
			len = 0;
		msg->msg_controllen = len;
		if (truncated)
			msg->msg_flags |= MSG_CTRUNC;
	}
	return (ssize_t)res.filled;
}
