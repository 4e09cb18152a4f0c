/* SPDX-License-Identifier: MIT */
/*
 * The pending error (Linux's sk_err) of one-to-one sockets whose
 * association ended and whose endpoint the daemon has freed: the program
 * still holds its descriptor and reads ECONNRESET with SO_ERROR, once.
 */
#ifndef SCTPSHIM_DAEMON_ENDED_H
#define SCTPSHIM_DAEMON_ENDED_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Remember error for the endpoint id whose program end has this inode. */
void ended_error_keep(uint32_t id, ino_t inode, int error);
/* A GETOPT (body: struct shim_opt_req...) about the socket fd whose
 * endpoint is gone: SO_ERROR and PENDING_ERROR are answered from what was
 * kept (out: a struct shim_optval, *out_len in/out); anything else, or a
 * socket nothing was kept for, is -ENOTCONN as before. */
int ended_getopt(int fd, const uint8_t *body, size_t len, uint8_t *out, size_t *out_len);

#endif
