/* SPDX-License-Identifier: MIT */
/* Who may use the daemon, and with which privileges (docs/design.md,
 * "Security").  Everything is decided from the kernel's word about the
 * peer (SO_PEERCRED, SO_PEERGROUPS, /proc/<pid>), never from what a
 * client says about itself. */
#ifndef SCTPSHIMD_ACCESS_H
#define SCTPSHIMD_ACCESS_H

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

/* May the peer of the control connection fd (credentials cred) use the
 * daemon?  The daemon's own uid and root always may; $SCTPSHIM_ALLOW adds
 * users and groups: a comma-separated list of user names or uids, and
 * "@group" names or "@gid"s (the peer's primary or any supplementary
 * group).  Entries that name nobody are logged once and ignored. */
bool access_client_allowed(int fd, const struct ucred *cred);

/* Does process pid hold what Linux's inet_bind wants for a port below
 * net.ipv4.ip_unprivileged_port_start: CAP_NET_BIND_SERVICE, effective,
 * in the daemon's user namespace?  pidfd (or -1) refers to the process
 * the daemon accepted the connection from, so a pid reused by another
 * process is not mistaken for it. */
bool access_can_bind_low_port(pid_t pid, int pidfd);

/* A pidfd for pid (-1 where the kernel has none). */
int access_pidfd(pid_t pid);

#endif
