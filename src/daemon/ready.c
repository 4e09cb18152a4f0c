/* SPDX-License-Identifier: MIT */
#include "daemon/ready.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t *marked;          /* in order of arrival */
static size_t n_marked, cap_marked;
/* Open-addressed set of the marked ids (0 = empty slot; ids start at 1),
 * so a busy upcall does not scan a long list with usrsctp's locks held. */
static uint32_t *seen;
static size_t cap_seen;           /* a power of two, 4 * cap_marked */
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
	free(seen);
	marked = seen = NULL;
	n_marked = cap_marked = cap_seen = 0;
	pthread_mutex_unlock(&lock);
	if (event_fd >= 0)
		close(event_fd);
	event_fd = -1;
}

static size_t slot_of(uint32_t id, size_t cap)
{
	return (id * 2654435761u) & (cap - 1);
}

/* false if id was already there */
static bool seen_add(uint32_t id)
{
	size_t i;

	for (i = slot_of(id, cap_seen); seen[i]; i = (i + 1) & (cap_seen - 1))
		if (seen[i] == id)
			return false;
	seen[i] = id;
	return true;
}

static bool grow(void)
{
	size_t cap = cap_marked ? cap_marked * 2 : 64;
	uint32_t *list = realloc(marked, cap * sizeof *list);
	uint32_t *set;

	if (!list)
		return false;
	marked = list;
	set = calloc(cap * 4, sizeof *set);
	if (!set)
		return false;
	free(seen);
	seen = set;
	cap_seen = cap * 4;
	cap_marked = cap;
	for (size_t i = 0; i < n_marked; i++)
		seen_add(marked[i]);
	return true;
}

static void note(uint32_t id)
{
	if (n_marked == cap_marked && !grow()) {
		overflow = true;
		return;
	}
	if (seen_add(id))
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
	free(seen);
	seen = NULL;
	cap_seen = 0;
	pthread_mutex_unlock(&lock);
}
