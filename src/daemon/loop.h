/* SPDX-License-Identifier: MIT */
/* The daemon's epoll loop: every descriptor it watches is a loop_source
 * (fd + callback + userdata), dbus-broker style. */
#ifndef SCTPSHIMD_LOOP_H
#define SCTPSHIMD_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>

struct loop_source;
typedef void (*loop_fn)(struct loop_source *src, uint32_t events);

struct loop_source {
	int fd;
	uint32_t events;   /* what is registered; 0 = not in the epoll set */
	loop_fn fn;
	void *userdata;
};

#define LOOP_BATCH 64

struct loop {
	int epfd;
	bool quit;
	/* The batch being dispatched, so removing a source can cancel its
	 * events that are still pending in it. */
	struct epoll_event batch[LOOP_BATCH];
	int batch_len;
	int batch_pos;
};

int loop_init(struct loop *loop);
void loop_deinit(struct loop *loop);

void loop_source_init(struct loop_source *src, int fd, loop_fn fn, void *userdata);
/* Register, change or drop interest; events == 0 takes the fd out of the
 * epoll set, so a hung-up peer cannot make it spin.  Returns 0 or -errno. */
int loop_set_events(struct loop *loop, struct loop_source *src, uint32_t events);
/* Must be called before the source's fd is closed or its memory freed. */
void loop_remove(struct loop *loop, struct loop_source *src);

/* Dispatches until loop_quit(); each round ends with the idle hook. */
int loop_run(struct loop *loop, void (*after_round)(void));
void loop_quit(struct loop *loop);

#endif
