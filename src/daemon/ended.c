/* SPDX-License-Identifier: MIT */
/*
 * Linux keeps an aborted one-to-one socket, and its sk_err, until the
 * program reads the error (SO_ERROR, or a recv at the end of the data) or
 * closes it.  The daemon frees an ended endpoint as soon as everything is
 * handed over and closes its end of the channel, after which it cannot
 * learn when the program closes its own.  So the error outlives the
 * endpoint here, in a bounded ring: the oldest unread errors are dropped
 * first (a program that never reads its error loses nothing it asks for
 * while 1024 newer ones are pending).
 */
#define _GNU_SOURCE
#include "daemon/ended.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "daemon/daemon.h"
#include "sctpshim/proto.h"

#define ENDED_MAX 1024

struct ended {
	uint32_t id;    /* 0: free slot (ids start at 1) */
	ino_t inode;
	int error;
};

static struct ended ring[ENDED_MAX];
static unsigned next_slot;

void ended_error_keep(uint32_t id, ino_t inode, int error)
{
	if (!error)
		return;
	ring[next_slot] = (struct ended){ .id = id, .inode = inode, .error = error };
	next_slot = (next_slot + 1) % ENDED_MAX;
}

/* The kept entry for the socket fd, checked as endpoint_from_fd() checks a
 * live one (this daemon's instance, then the inode it made). */
static struct ended *find(int fd)
{
	struct sockaddr_un sun;
	socklen_t len = sizeof sun;
	char name[sizeof sun.sun_path], inst[9];
	size_t prefix = strlen(SHIM_EP_PREFIX), name_len;
	unsigned id, family, style;
	struct stat st;

	memset(&sun, 0, sizeof sun);
	if (getsockname(fd, (struct sockaddr *)&sun, &len) < 0 || sun.sun_family != AF_UNIX
	    || len <= offsetof(struct sockaddr_un, sun_path) + 1 || sun.sun_path[0] != '\0')
		return NULL;
	name_len = len - offsetof(struct sockaddr_un, sun_path) - 1;
	memcpy(name, sun.sun_path + 1, name_len);
	name[name_len] = '\0';
	if (strncmp(name, SHIM_EP_PREFIX, prefix) != 0
	    || sscanf(name + prefix, "%8[0-9a-f]/%u/%u/%u", inst, &id, &family, &style) != 4
	    || strcmp(inst, shimd.instance) != 0 || id == 0 || fstat(fd, &st) < 0)
		return NULL;
	for (unsigned i = 0; i < ENDED_MAX; i++)
		if (ring[i].id == id && ring[i].inode == st.st_ino)
			return &ring[i];
	return NULL;
}

int ended_getopt(int fd, const uint8_t *body, size_t len, uint8_t *out, size_t *out_len)
{
	struct shim_opt_req rq;
	struct shim_optval val;
	struct ended *e;

	if (fd < 0 || len < sizeof rq || *out_len < sizeof val)
		return -ENOTCONN;
	memcpy(&rq, body, sizeof rq);
	if (rq.opt != SHIM_OPT_SO_ERROR && rq.opt != SHIM_OPT_PENDING_ERROR)
		return -ENOTCONN;
	e = find(fd);
	if (!e)
		return -ENOTCONN;
	memset(&val, 0, sizeof val);
	val.f[0] = (uint32_t)e->error;
	val.f[1] = 1;  /* ended: nothing new can come */
	if (rq.opt == SHIM_OPT_SO_ERROR)
		memset(e, 0, sizeof *e);  /* read once, as sock_error() */
	memcpy(out, &val, sizeof val);
	*out_len = sizeof val;
	return 0;
}
