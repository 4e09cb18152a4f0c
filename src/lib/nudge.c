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
 * SHIM_NUDGE (proto.h).  A remainder kept here is invisible to poll, so a
 * call that leaves one while the channel is empty writes a NUDGE; the
 * daemon answers with one, which makes the descriptor readable.  With a
 * record already in the channel no nudge is needed: it is readable.
 *  - Our send gets EAGAIN only when the daemon has stopped reading the
 *    channel (usrsctp's send buffer is full): nothing is sent then, and the
 *    next call that leaves a remainder tries again.  Meanwhile poll does not
 *    show the remainder (a known gap; Linux would).
 *  - The daemon does not answer while it has records queued for us: those
 *    make the descriptor readable anyway.
 *  - The answer must not outlive the remainder: poll would then say
 *    readable with nothing to read, and a blocking read would block.  So a
 *    call that empties the remainder takes the answer off the channel: at
 *    once if it is first in line, or (blocking sockets) after a short wait
 *    when the channel is empty and the daemon has read our nudge.  An
 *    answer behind real records is skipped by the read that reaches it; a
 *    non-blocking reader may see one readiness with nothing behind it
 *    (EAGAIN), which event loops take in their stride.
 */
#define NUDGE_WAIT_MS 20

/* 1 if a record (or EOF) is waiting in the channel. */
static int channel_readable(int fd)
{
	struct shim_hdr h;

	return syscall(SYS_recvfrom, fd, &h, sizeof h, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC,
	               NULL, NULL) >= 0 || errno != EAGAIN;
}

static void send_nudge(int fd, struct shim_fd_rx *rx)
{
	struct shim_hdr h;

	if (channel_readable(fd))
		return;
	shim_hdr_init(&h, SHIM_NUDGE, sizeof h, 0);
	if (syscall(SYS_sendto, fd, &h, sizeof h, MSG_DONTWAIT | MSG_NOSIGNAL, NULL, 0)
	    == (long)sizeof h)
		rx->nudges_out++;
}

/* Take an answer to our nudges if it is first in line: 1 taken, 0 another
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
	if (rx->nudges_out)
		rx->nudges_out--;
	return 1;
}

void shim_nudge_settle(int fd, struct shim_fd_rx *rx, int nonblock)
{
	int saved = errno, waited = 0;

	for (;;) {
		int outq = 0, r;
		struct pollfd p = { .fd = fd, .events = POLLIN };

		pthread_mutex_lock(&rx->lock);
		if (rx->rest) {
			send_nudge(fd, rx);
			pthread_mutex_unlock(&rx->lock);
			break;
		}
		r = rx->nudges_out ? take_nudge_answer(fd, rx) : 0;
		pthread_mutex_unlock(&rx->lock);
		if (r == 1)
			continue;  /* another may follow */
		if (r != -EAGAIN)
			break;
		/* nothing there yet: wait only if the daemon has read our nudge */
		if (waited || syscall(SYS_ioctl, fd, SIOCOUTQ, &outq) < 0 || outq > 0
		    || nonblock || shim_fd_nonblocking(fd))
			break;
		waited = 1;
		if (syscall(SYS_poll, &p, 1, NUDGE_WAIT_MS) <= 0) {
			pthread_mutex_lock(&rx->lock);
			rx->nudges_out = 0;  /* none came: the daemon had records queued */
			pthread_mutex_unlock(&rx->lock);
			break;
		}
	}
	errno = saved;
}
