/* SPDX-License-Identifier: MIT */
/* Socket addresses to and from the program's memory, with the checks and
 * errnos of the kernel's move_addr_to_kernel() / move_addr_to_user()
 * (names.c): a bad pointer is EFAULT, never a crash. */
#ifndef SCTPSHIM_LIB_NAMES_H
#define SCTPSHIM_LIB_NAMES_H

#include <sys/socket.h>
#include "sctpshim/proto.h"

/* Copy the program's sockaddr (ulen bytes) into *ss, zero-filled.
 * Returns 0, -EINVAL (ulen negative or longer than a sockaddr_storage)
 * or -EFAULT. */
int shim_sockaddr_from_user(const struct sockaddr *uaddr, socklen_t ulen,
                            struct sockaddr_storage *ss);
/* Write address a to the program's (uaddr, *ulen) as a kernel socket of
 * sock_family would: truncated to *ulen, *ulen set to the full length.
 * Returns 0, -EFAULT or -EINVAL (a negative *ulen). */
int shim_sockaddr_to_user(const struct shim_addr *a, int sock_family, struct sockaddr *uaddr,
                          socklen_t *ulen);

#endif
