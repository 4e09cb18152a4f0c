/* SPDX-License-Identifier: MIT */
#include "daemon/loop.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "daemon/log.h"

int loop_init(struct loop *loop)
{
	memset(loop, 0, sizeof *loop);
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	return loop->epfd < 0 ? -errno : 0;
}

void loop_deinit(struct loop *loop)
{
	if (loop->epfd >= 0)
		close(loop->epfd);
	loop->epfd = -1;
}

void loop_source_init(struct loop_source *src, int fd, loop_fn fn, void *userdata)
{
	src->fd = fd;
	src->events = 0;
	src->fn = fn;
	src->userdata = userdata;
}

static void cancel_pending(struct loop *loop, struct loop_source *src)
{
	for (int i = loop->batch_pos; i < loop->batch_len; i++)
		if (loop->batch[i].data.ptr == src)
			loop->batch[i].data.ptr = NULL;
}

int loop_set_events(struct loop *loop, struct loop_source *src, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.ptr = src };
	int op;

	if (events == src->events)
		return 0;
	if (events == 0) {
		loop_remove(loop, src);
		return 0;
	}
	op = src->events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	if (epoll_ctl(loop->epfd, op, src->fd, &ev) < 0)
		return -errno;
	src->events = events;
	return 0;
}

void loop_remove(struct loop *loop, struct loop_source *src)
{
	cancel_pending(loop, src);
	if (src->events && src->fd >= 0)
		epoll_ctl(loop->epfd, EPOLL_CTL_DEL, src->fd, NULL);
	src->events = 0;
}

void loop_quit(struct loop *loop)
{
	loop->quit = true;
}

int loop_run(struct loop *loop, void (*after_round)(void))
{
	while (!loop->quit) {
		int n = epoll_wait(loop->epfd, loop->batch, LOOP_BATCH, -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_err("epoll_wait: %s", strerror(errno));
			return -errno;
		}
		loop->batch_len = n;
		for (loop->batch_pos = 0; loop->batch_pos < n; ) {
			struct epoll_event ev = loop->batch[loop->batch_pos++];
			struct loop_source *src = ev.data.ptr;

			if (src)
				src->fn(src, ev.events);
			if (loop->quit)
				break;
		}
		loop->batch_len = loop->batch_pos = 0;
		if (after_round)
			after_round();
	}
	return 0;
}
