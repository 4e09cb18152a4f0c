/* SPDX-License-Identifier: MIT */
/*
 * fd -> {unknown, not ours, ours + family + style}: a lock-free two-level
 * table of mmap'ed pages (no malloc, usable from any context).  "Unknown" is
 * resolved once with getsockname(): our descriptors carry an abstract name
 * beginning with SHIM_EP_PREFIX (see proto.h), so the answer survives exec
 * and SCM_RIGHTS; the table is only a cache of it.  Our own sockets also get
 * a per-socket state (remainder, last name), shared by inode among the
 * descriptors of one socket and freed with the last of them.
 */
#define _GNU_SOURCE
#include "lib/shim.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <netinet/in.h>

#define PAGE_FDS 1024u
#define TOP_PAGES 1024u  /* 1M descriptors; beyond that nothing is cached */

/* class word: bits 0-1 enum shim_fd_class, 2-3 style, 4 AF_INET6, 5 listening,
 * 6 connected */
#define CLS_MASK   3u
#define STYLE_SHIFT 2
#define V6_BIT     (1u << 4)
#define LISTEN_BIT (1u << 5)
#define CONN_BIT   (1u << 6)

struct entry {
	_Atomic uint32_t cls;
	_Atomic uint32_t endpoint_id;
	struct shim_fd_rx *_Atomic rx;  /* one reference, or NULL */
};

static struct entry *_Atomic pages[TOP_PAGES];

/* Every socket state in use, by inode.  Only our own descriptors get
 * here, so a list under a mutex is enough. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static struct shim_fd_rx *registry;

static struct entry *entry_of(int fd, int create)
{
	unsigned int top, idx;
	struct entry *page;

	if (fd < 0)
		return NULL;
	top = (unsigned int)fd / PAGE_FDS;
	idx = (unsigned int)fd % PAGE_FDS;
	if (top >= TOP_PAGES)
		return NULL;
	page = atomic_load_explicit(&pages[top], memory_order_acquire);
	if (!page && create) {
		struct entry *fresh = mmap(NULL, PAGE_FDS * sizeof(struct entry),
		                           PROT_READ | PROT_WRITE,
		                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct entry *expected = NULL;

		if (fresh == MAP_FAILED)
			return NULL;
		/* zeroed memory is UNKNOWN and an initialised pthread mutex */
		if (atomic_compare_exchange_strong(&pages[top], &expected, fresh))
			page = fresh;
		else {
			munmap(fresh, PAGE_FDS * sizeof(struct entry));
			page = expected;
		}
	}
	return page ? &page[idx] : NULL;
}

static uint32_t encode(const struct shim_sock *s)
{
	return SHIM_FD_OURS | ((uint32_t)s->style << STYLE_SHIFT)
	       | (s->family == AF_INET6 ? V6_BIT : 0) | (s->listening ? LISTEN_BIT : 0)
	       | (s->connected ? CONN_BIT : 0);
}

static void decode(uint32_t cls, uint32_t id, struct shim_sock *s)
{
	s->style = (int)((cls >> STYLE_SHIFT) & 3u);
	s->family = (cls & V6_BIT) ? AF_INET6 : AF_INET;
	s->listening = !!(cls & LISTEN_BIT);
	s->connected = !!(cls & CONN_BIT);
	s->endpoint_id = id;
}

static int parse_uint(const char **p, const char *end, int base, unsigned long *out)
{
	char buf[24];
	size_t n = 0;
	char *stop;

	while (*p + n < end && (*p)[n] != '/' && n < sizeof buf - 1) {
		buf[n] = (*p)[n];
		n++;
	}
	if (n == 0 || (*p + n < end && (*p)[n] != '/'))
		return -1;
	buf[n] = 0;
	*out = strtoul(buf, &stop, base);
	if (*stop)
		return -1;
	*p += n + (*p + n < end);
	return 0;
}

int shim_parse_ep_name(const char *name, size_t len, struct shim_sock *s)
{
	const size_t plen = sizeof SHIM_EP_PREFIX - 1;
	const char *p = name + plen, *end = name + len;
	unsigned long instance, id, family, style;

	while (end > p && end[-1] == 0)  /* tolerate a NUL-padded name */
		end--;
	if (len < plen || memcmp(name, SHIM_EP_PREFIX, plen) != 0)
		return 0;
	if (parse_uint(&p, end, 16, &instance) || parse_uint(&p, end, 10, &id)
	    || parse_uint(&p, end, 10, &family) || parse_uint(&p, end, 10, &style)
	    || p != end)
		return 0;
	if ((family != AF_INET && family != AF_INET6)
	    || (style != SHIM_STYLE_ONE_TO_ONE && style != SHIM_STYLE_ONE_TO_MANY))
		return 0;
	s->family = (int)family;
	s->style = (int)style;
	s->endpoint_id = (uint32_t)id;
	s->listening = 0;
	s->connected = 0;
	return 1;
}

/* Ask the kernel.  Returns the class, or UNKNOWN if fd is not open. */
static uint32_t resolve(int fd, struct shim_sock *s)
{
	struct sockaddr_un un;
	socklen_t len = sizeof un;
	int saved = errno;

	memset(&un, 0, sizeof un);
	if (REAL(getsockname)(fd, (struct sockaddr *)&un, &len) < 0) {
		int err = errno;

		errno = saved;
		return err == EBADF ? SHIM_FD_UNKNOWN : SHIM_FD_NOT_OURS;
	}
	if (un.sun_family != AF_UNIX || len <= offsetof(struct sockaddr_un, sun_path) + 1
	    || un.sun_path[0] != 0)
		return SHIM_FD_NOT_OURS;
	if (!shim_parse_ep_name(un.sun_path + 1,
	                        len - offsetof(struct sockaddr_un, sun_path) - 1, s))
		return SHIM_FD_NOT_OURS;
	return encode(s);
}

int shim_fd_get(int fd, struct shim_sock *s)
{
	struct entry *e;
	uint32_t cls;

	shim_real_init();
	if (fd < 0 || shim_inactive)
		return 0;
	e = entry_of(fd, 1);
	if (e) {
		cls = atomic_load_explicit(&e->cls, memory_order_acquire);
		if ((cls & CLS_MASK) == SHIM_FD_NOT_OURS)
			return 0;
		if ((cls & CLS_MASK) == SHIM_FD_OURS) {
			decode(cls, atomic_load_explicit(&e->endpoint_id, memory_order_relaxed), s);
			return 1;
		}
	}
	cls = resolve(fd, s);
	if (e && cls != SHIM_FD_UNKNOWN) {
		if ((cls & CLS_MASK) == SHIM_FD_OURS)
			atomic_store_explicit(&e->endpoint_id, s->endpoint_id, memory_order_relaxed);
		atomic_store_explicit(&e->cls, cls, memory_order_release);
	}
	return (cls & CLS_MASK) == SHIM_FD_OURS;
}

int shim_fd_cached(int fd, struct shim_sock *s)
{
	struct entry *e;
	uint32_t cls;

	if (fd < 0 || shim_inactive || !(e = entry_of(fd, 0)))
		return 0;
	cls = atomic_load_explicit(&e->cls, memory_order_acquire);
	if ((cls & CLS_MASK) != SHIM_FD_OURS)
		return 0;
	decode(cls, atomic_load_explicit(&e->endpoint_id, memory_order_relaxed), s);
	return 1;
}

static void drop_state(struct entry *e)
{
	struct shim_fd_rx *rx;

	if (!atomic_load_explicit(&e->rx, memory_order_acquire))
		return;  /* the common case for descriptors that are not ours */
	rx = atomic_exchange(&e->rx, NULL);
	shim_rx_put(rx);
}

void shim_fd_set_ours(int fd, const struct shim_sock *s)
{
	struct entry *e = entry_of(fd, 1);

	if (!e)
		return;
	drop_state(e);  /* a new socket at this number */
	atomic_store_explicit(&e->endpoint_id, s->endpoint_id, memory_order_relaxed);
	atomic_store_explicit(&e->cls, encode(s), memory_order_release);
}

void shim_fd_set_listening(int fd)
{
	struct entry *e = entry_of(fd, 0);

	if (e && (atomic_load(&e->cls) & CLS_MASK) == SHIM_FD_OURS)
		atomic_fetch_or(&e->cls, LISTEN_BIT);
}

void shim_fd_set_connected(int fd)
{
	struct entry *e = entry_of(fd, 0);

	if (e && (atomic_load(&e->cls) & CLS_MASK) == SHIM_FD_OURS)
		atomic_fetch_or(&e->cls, CONN_BIT);
}

/* The socket state follows through shim_rx_get()'s inode lookup. */
void shim_fd_copy(int from, int to)
{
	struct entry *src = entry_of(from, 0), *dst = entry_of(to, 1);
	uint32_t cls = src ? atomic_load(&src->cls) : SHIM_FD_UNKNOWN;

	if (!dst)
		return;
	shim_fd_forget(to);
	if (src) {
		atomic_store(&dst->endpoint_id, atomic_load(&src->endpoint_id));
		atomic_store(&dst->cls, cls);
	}
}

void shim_fd_forget(int fd)
{
	struct entry *e = entry_of(fd, 0);

	if (!e)
		return;
	atomic_store_explicit(&e->cls, SHIM_FD_UNKNOWN, memory_order_release);
	drop_state(e);
}

/* Visit the cached entries of descriptors first..last (pages never made
 * hold nothing): the first descriptor visit() says yes to, or -1. */
static int walk_cached(unsigned int first, unsigned int last,
		       bool (*visit)(struct entry *e, unsigned int fd))
{
	unsigned int top;

	if (last > INT_MAX)
		last = INT_MAX;
	for (top = first / PAGE_FDS; top < TOP_PAGES && top <= last / PAGE_FDS; top++) {
		struct entry *page = atomic_load(&pages[top]);
		unsigned int fd = top * PAGE_FDS, end = fd + PAGE_FDS - 1;

		if (!page)
			continue;
		if (fd < first)
			fd = first;
		if (end > last)
			end = last;
		for (; fd <= end; fd++)
			if (visit(&page[fd % PAGE_FDS], fd))
				return (int)fd;
	}
	return -1;
}

static bool forget_entry(struct entry *e, unsigned int fd)
{
	shim_fd_forget((int)fd);
	return false;
}

void shim_fd_forget_range(unsigned int first, unsigned int last)
{
	walk_cached(first, last, forget_entry);
}

static bool entry_is_ours(struct entry *e, unsigned int fd)
{
	return (atomic_load(&e->cls) & CLS_MASK) == SHIM_FD_OURS;
}

int shim_fd_next_cached(unsigned int first, unsigned int last)
{
	return walk_cached(first, last, entry_is_ours);
}

/* Find or make the state of the socket with this inode; registry_lock held. */
static struct shim_fd_rx *lookup_locked(dev_t dev, ino_t ino)
{
	struct shim_fd_rx *rx;

	for (rx = registry; rx; rx = rx->next)
		if (rx->dev == dev && rx->ino == ino)
			return rx;
	rx = calloc(1, sizeof *rx);
	if (!rx)
		return NULL;
	pthread_mutex_init(&rx->lock, NULL);
	rx->dev = dev;
	rx->ino = ino;
	rx->next = registry;
	registry = rx;
	return rx;
}

struct shim_fd_rx *shim_rx_get(int fd)
{
	struct entry *e = entry_of(fd, 1);
	struct shim_fd_rx *rx = NULL;
	struct stat st;
	int saved = errno;

	if (e && (rx = atomic_load_explicit(&e->rx, memory_order_acquire))) {
		pthread_mutex_lock(&registry_lock);
		if (atomic_load(&e->rx) == rx) {
			rx->refs++;
			pthread_mutex_unlock(&registry_lock);
			return rx;
		}
		pthread_mutex_unlock(&registry_lock);
	}
	/* first use at this number: one fstat, then the table remembers */
	if (syscall(SYS_fstat, fd, &st) < 0) {
		errno = saved;
		return NULL;
	}
	pthread_mutex_lock(&registry_lock);
	rx = lookup_locked(st.st_dev, st.st_ino);
	if (rx) {
		rx->refs++;
		if (e) {
			struct shim_fd_rx *expected = NULL;

			if (atomic_compare_exchange_strong(&e->rx, &expected, rx))
				rx->refs++;  /* the table's reference */
		}
	}
	pthread_mutex_unlock(&registry_lock);
	return rx;
}

void shim_rx_put(struct shim_fd_rx *rx)
{
	struct shim_fd_rx **p;
	int saved = errno;

	if (!rx)
		return;
	pthread_mutex_lock(&registry_lock);
	if (--rx->refs > 0) {
		pthread_mutex_unlock(&registry_lock);
		return;
	}
	for (p = &registry; *p; p = &(*p)->next)
		if (*p == rx) {
			*p = rx->next;
			break;
		}
	pthread_mutex_unlock(&registry_lock);
	shim_rest_free(rx->rest);
	pthread_mutex_destroy(&rx->lock);
	free(rx);
	errno = saved;
}

void shim_fd_after_fork(void)
{
	struct shim_fd_rx *rx;

	/* a lock another parent thread held at fork time must not stay held */
	pthread_mutex_init(&registry_lock, NULL);
	for (rx = registry; rx; rx = rx->next)
		pthread_mutex_init(&rx->lock, NULL);
}
