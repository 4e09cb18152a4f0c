/* SPDX-License-Identifier: MIT */
/* IP-level options and device binding on SCTP sockets (sockopt_ip.c);
 * each returns 0 or a negative errno, as Linux's sctp sockets answer. */
#ifndef SCTPSHIM_LIB_SOCKOPT_IP_H
#define SCTPSHIM_LIB_SOCKOPT_IP_H

#include "lib/shim.h"

/* level IPPROTO_IP or IPPROTO_IPV6, any name but IPV6_V6ONLY */
int shim_set_ip_level(int fd, const struct shim_sock *s, int level, int name,
                      const void *val, socklen_t len);
int shim_get_ip_level(int fd, const struct shim_sock *s, int level, int name,
                      void *val, socklen_t *lenp);
/* SOL_SOCKET SO_BINDTODEVICE / SO_BINDTOIFINDEX */
int shim_set_bind_device(int fd, int name, const void *val, socklen_t len);
int shim_get_bind_device(int fd, int name, void *val, socklen_t *lenp);

#endif
