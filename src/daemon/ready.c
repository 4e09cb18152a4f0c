/* SPDX-License-Identifier: MIT */
#include "daemon/ready.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t *marked;
static size_t n_marked, cap_marked;
static bool overflow;
static int event_fd = -1;

int ready_init(void)
{
	event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	return event_fd < 0 ? -errno : event_fd;
}

void ready_deinit(void)
{
	pthread_mutex_lock(&lock);
	free(marked);
	marked = NULL;
	n_marked = cap_marked = 0;
	pthread_mutex_unlock(&lock);
	if (event_fd >= 0)
		close(event_fd);
	event_fd = -1;
}

static void note(uint32_t id)
{
	/* A short list in practice: only endpoints that changed since the loop
	 * last looked. */
	for (size_t i = 0; i < n_marked; i++)
		if (marked[i] == id)
			return;
	if (n_marked == cap_marked) {
		size_t cap = cap_marked ? cap_marked * 2 : 64;
		uint32_t *p = realloc(marked, cap * sizeof *p);

		if (!p) {
			overflow = true;
			return;
		}
		marked = p;
		cap_marked = cap;
	}
	marked[n_marked++] = id;
}

void ready_mark(uint32_t id)
{
	uint64_t one = 1;
	int saved_errno = errno;

	pthread_mutex_lock(&lock);
	note(id);
	pthread_mutex_unlock(&lock);
	if (write(event_fd, &one, sizeof one) < 0) {
		/* EAGAIN: the counter is already non-zero, the loop will wake. */
	}
	errno = saved_errno;
}

void ready_take(uint32_t **ids, size_t *count, bool *all)
{
	uint64_t value;

	if (read(event_fd, &value, sizeof value) < 0) {
		/* EAGAIN: nothing new; still hand over what is marked. */
	}
	pthread_mutex_lock(&lock);
	*ids = marked;
	*count = n_marked;
	*all = overflow;
	marked = NULL;
	n_marked = cap_marked = 0;
	overflow = false;
	pthread_mutex_unlock(&lock);
}
