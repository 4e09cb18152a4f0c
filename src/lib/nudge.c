/* SPDX-License-Identifier: MIT */
/*
 * SHIM_NUDGE: a remainder kept in process memory polls readable.
 */
#define _GNU_SOURCE
#include "lib/shim.h"
#include "wire/wire.h"

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/sockios.h>

/*
 * SHIM_NUDGE (proto.h).  A remainder kept here is invisible to poll, so
 * when a call leaves one we write a NUDGE; the daemon answers with one,
 * which makes the descriptor readable.  At most one is out at a time.
 *  - Our send gets EAGAIN only when the daemon has stopped reading the
 *    channel (usrsctp's send buffer is full): then nothing is sent and the
 *    next call that leaves a remainder tries again.  Until then poll does
 *    not show the remainder (a known gap; Linux would).
 *  - The daemon does not answer while it has records queued for us: those
 *    make the descriptor readable anyway.
 *  - The answer must not outlive the remainder: poll would then say
 *    readable with nothing to read and a blocking read would block.  So a
 *    call that empties the remainder takes the answer off the channel: at
 *    once if it is first in line, or (blocking sockets) after a short wait
 *    when the channel is empty and the daemon has read our nudge.  An
 *    answer behind real records is skipped by the read that reaches it.
 */
static const int nudges_enabled = 1;
#define NUDGE_WAIT_MS 50

static void send_nudge(int fd, struct shim_fd_rx *rx)
{
	struct shim_hdr h;

	if (!nudges_enabled || rx->nudge_pending)
		return;
	shim_hdr_init(&h, SHIM_NUDGE, sizeof h, 0);
	if (syscall(SYS_sendto, fd, &h, sizeof h, MSG_DONTWAIT | MSG_NOSIGNAL, NULL, 0)
	    == (long)sizeof h)
		rx->nudge_pending = 1;
}

/* Take the answer to our nudge if it is first in line: 1 taken, 0 another
 * record is first, -EAGAIN nothing there, other <0: channel closed. */
static int take_nudge_answer(int fd, struct shim_fd_rx *rx)
{
	struct shim_hdr h;
	long n = syscall(SYS_recvfrom, fd, &h, sizeof h, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC,
	                 NULL, NULL);

	if (n < 0)
		return -errno;
	if (n == 0)
		return -EPIPE;
	if (n != (long)sizeof h || h.magic != SHIM_MAGIC || h.type != SHIM_NUDGE)
		return 0;
	syscall(SYS_recvfrom, fd, &h, sizeof h, MSG_DONTWAIT, NULL, NULL);
	rx->nudge_pending = 0;
	return 1;
}

void shim_nudge_settle(int fd, struct shim_fd_rx *rx, int nonblock)
{
	int waited = 0;

	if (!nudges_enabled)
		return;
	for (;;) {
		int outq = 0, r;
		struct pollfd p = { .fd = fd, .events = POLLIN };

		pthread_mutex_lock(&rx->lock);
		if (rx->rest) {
			send_nudge(fd, rx);
			pthread_mutex_unlock(&rx->lock);
			return;
		}
		r = rx->nudge_pending ? take_nudge_answer(fd, rx) : 0;
		pthread_mutex_unlock(&rx->lock);
		if (r == 1)
			continue;  /* another one may follow (another process's) */
		if (r != -EAGAIN)
			return;
		/* nothing there yet: wait only if the daemon has read our nudge */
		if (waited || syscall(SYS_ioctl, fd, SIOCOUTQ, &outq) < 0 || outq > 0
		    || nonblock || shim_fd_nonblocking(fd))
			return;
		waited = 1;
		if (syscall(SYS_poll, &p, 1, NUDGE_WAIT_MS) <= 0) {
			pthread_mutex_lock(&rx->lock);
			rx->nudge_pending = 0;  /* none came: the daemon had records queued */
			pthread_mutex_unlock(&rx->lock);
			return;
		}
	}
}
