/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "daemon/access.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemon/daemon.h"
#include "daemon/log.h"

#define ALLOW_MAX 64
#define CAP_NET_BIND_SERVICE_BIT 10  /* <linux/capability.h> */

static struct {
	bool parsed;
	uid_t uids[ALLOW_MAX];
	gid_t gids[ALLOW_MAX];
	size_t n_uids, n_gids;
} allow;

static bool parse_number(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *out < (unsigned long)(uint32_t)-1;
}

static void allow_entry(const char *e)
{
	unsigned long n;

	if (e[0] == '@') {
		struct group *g = parse_number(e + 1, &n) ? NULL : getgrnam(e + 1);

		if (!g && !parse_number(e + 1, &n)) {
			log_warn("SCTPSHIM_ALLOW: no group %s (ignored)", e + 1);
			return;
		}
		if (allow.n_gids < ALLOW_MAX)
			allow.gids[allow.n_gids++] = g ? g->gr_gid : (gid_t)n;
		return;
	}
	{
		struct passwd *p = parse_number(e, &n) ? NULL : getpwnam(e);

		if (!p && !parse_number(e, &n)) {
			log_warn("SCTPSHIM_ALLOW: no user %s (ignored)", e);
			return;
		}
		if (allow.n_uids < ALLOW_MAX)
			allow.uids[allow.n_uids++] = p ? p->pw_uid : (uid_t)n;
	}
}

/* Read once: the daemon's environment does not change. */
static void allow_parse(void)
{
	const char *env = getenv("SCTPSHIM_ALLOW");
	char *copy, *save = NULL;

	if (allow.parsed)
		return;
	allow.parsed = true;
	if (!env || !*env || !(copy = strdup(env)))
		return;
	for (char *e = strtok_r(copy, ", ", &save); e; e = strtok_r(NULL, ", ", &save))
		allow_entry(e);
	free(copy);
}

static bool gid_allowed(gid_t g)
{
	for (size_t i = 0; i < allow.n_gids; i++)
		if (allow.gids[i] == g)
			return true;
	return false;
}

/* The peer's supplementary groups, as the kernel recorded them at
 * connect(): a client cannot claim a group it is not in. */
static bool peer_groups_allowed(int fd)
{
	gid_t small[64], *groups = small;
	socklen_t len = sizeof small;
	bool found = false;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) < 0) {
		if (errno != ERANGE || !(groups = malloc(len)))
			return false;
		if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) < 0) {
			free(groups);
			return false;
		}
	}
	for (size_t i = 0; i < len / sizeof *groups && !found; i++)
		found = gid_allowed(groups[i]);
	if (groups != small)
		free(groups);
	return found;
}

bool access_client_allowed(int fd, const struct ucred *cred)
{
	if (shimd_peer_allowed(cred->uid))
		return true;
	allow_parse();
	for (size_t i = 0; i < allow.n_uids; i++)
		if (allow.uids[i] == cred->uid)
			return true;
	if (!allow.n_gids)
		return false;
	return gid_allowed(cred->gid) || peer_groups_allowed(fd);
}

int access_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	long fd = syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0) {
		/* pidfds are close-on-exec already */
		return (int)fd;
	}
#endif
	return -1;
}

static bool same_user_ns(pid_t pid)
{
	char path[64];
	struct stat theirs, ours;

	snprintf(path, sizeof path, "/proc/%d/ns/user", (int)pid);
	if (stat(path, &theirs) < 0 || stat("/proc/self/ns/user", &ours) < 0)
		return false;
	return theirs.st_dev == ours.st_dev && theirs.st_ino == ours.st_ino;
}

static bool cap_effective(pid_t pid, unsigned bit)
{
	char path[64], line[256];
	unsigned long long caps = 0;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f))
		found = sscanf(line, "CapEff: %llx", &caps) == 1;
	fclose(f);
	return found && (caps >> bit) & 1;
}

bool access_can_bind_low_port(pid_t pid, int pidfd)
{
	bool ok;

	/* A capability counts in the user namespace that owns the network
	 * namespace (Linux's ns_capable(net->user_ns, ...)): the daemon's,
	 * since one daemon serves one network namespace.  A process of
	 * another user namespace is taken as not holding it. */
	ok = same_user_ns(pid) && cap_effective(pid, CAP_NET_BIND_SERVICE_BIT);
#ifdef SYS_pidfd_send_signal
	/* Still the process we accepted?  Otherwise its pid may now be
	 * someone else's, and what /proc said was about them. */
	if (ok && pidfd >= 0 && syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0)
		ok = false;
#endif
	return ok;
}
