/* SPDX-License-Identifier: MIT */
/*
 * Autostart: double-fork sctpshimd with a pipe on fd 3 and wait for its
 * ready line ("ok" or "error: ...").  The children are clone()d with no exit
 * signal, so a program's SIGCHLD handler and waitpid(-1) never see them.
 * Between clone and execve only raw system calls are made.
 */
#define _GNU_SOURCE
#include "lib/shim.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SCTPSHIM_SBINDIR
#define SCTPSHIM_SBINDIR "/usr/local/sbin"
#endif
#define READY_TIMEOUT_MS 10000

extern char **environ;

static long raw_clone(void)
{
	/* no CLONE_* flags and no exit signal: a plain fork nobody is told about */
	return syscall(SYS_clone, 0UL, NULL, NULL, NULL, 0UL);
}

/* The environment for the daemon: LD_PRELOAD without libsctpshim (the
 * daemon's sockets must not be interposed).  Built before forking. */
struct daemon_env {
	char **envp;
	char preload[4096];
};

static int daemon_env_init(struct daemon_env *de)
{
	size_t n = 0, i, j = 0;
	const char *old = getenv("LD_PRELOAD");

	while (environ && environ[n])
		n++;
	de->envp = calloc(n + 2, sizeof *de->envp);
	if (!de->envp)
		return -1;
	de->preload[0] = 0;
	if (old) {
		/* keep every entry that is not us (separators: space or colon) */
		char copy[4096], *tok, *save = NULL;
		size_t len = strlen("LD_PRELOAD=");

		memcpy(de->preload, "LD_PRELOAD=", len + 1);
		snprintf(copy, sizeof copy, "%s", old);
		for (tok = strtok_r(copy, " :", &save); tok; tok = strtok_r(NULL, " :", &save)) {
			if (strstr(tok, "libsctpshim"))
				continue;
			if (len > strlen("LD_PRELOAD="))
				len += (size_t)snprintf(de->preload + len, sizeof de->preload - len, ":");
			if (len < sizeof de->preload)
				len += (size_t)snprintf(de->preload + len, sizeof de->preload - len, "%s", tok);
		}
	}
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0)
			de->envp[j++] = environ[i];
	if (de->preload[0] && de->preload[11])
		de->envp[j++] = de->preload;
	de->envp[j] = NULL;
	return 0;
}

static __attribute__((noreturn)) void grandchild(int ready, const char *path, char **envp)
{
	char *const argv[] = { (char *)path, "--autostart", "--ready-fd", "3", NULL };
	int null;

	if (ready != 3) {
		if (syscall(SYS_dup3, ready, 3, 0) < 0)
			syscall(SYS_exit_group, 127);
	} else {
		syscall(SYS_fcntl, 3, F_SETFD, 0);
	}
	if (syscall(SYS_close_range, 4U, ~0U, 0) < 0) {
		int fd;

		for (fd = 4; fd < 65536; fd++)
			syscall(SYS_close, fd);
	}
	null = (int)syscall(SYS_open, "/dev/null", O_RDWR);
	if (null >= 0) {
		syscall(SYS_dup3, null, 0, 0);
		syscall(SYS_dup3, null, 1, 0);
		syscall(SYS_dup3, null, 2, 0);
		if (null > 3)
			syscall(SYS_close, null);
	}
	syscall(SYS_execve, path, argv, envp);
	syscall(SYS_exit_group, 127);
	__builtin_unreachable();
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read the ready line; returns its length (0: EOF without a line, -1: timeout). */
static int read_line(int fd, char *line, size_t cap)
{
	long deadline = now_ms() + READY_TIMEOUT_MS;
	size_t have = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return -1;
		if (syscall(SYS_poll, &p, 1, (int)left) < 0 && errno != EINTR)
			return -1;
		n = syscall(SYS_read, fd, line + have, cap - 1 - have);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		if (memchr(line, '\n', have) || have == cap - 1)
			break;
	}
	line[have] = 0;
	line[strcspn(line, "\r\n")] = 0;
	return (int)strlen(line);
}

int shim_spawn_daemon(void)
{
	const char *path = getenv("SCTPSHIM_DAEMON");
	char line[512], msg[640];
	int pipefd[2], status, len, saved = errno;
	struct daemon_env de;
	long pid;

	if (!path || !*path)
		path = SCTPSHIM_SBINDIR "/sctpshimd";
	if (daemon_env_init(&de) < 0)
		return -EPROTONOSUPPORT;
	if (syscall(SYS_pipe2, pipefd, O_CLOEXEC) < 0) {
		free(de.envp);
		return -EPROTONOSUPPORT;
	}
	pid = raw_clone();
	if (pid == 0) {
		syscall(SYS_close, pipefd[0]);
		syscall(SYS_setsid);
		pid = raw_clone();
		if (pid == 0)
			grandchild(pipefd[1], path, de.envp);
		syscall(SYS_exit_group, pid < 0 ? 127 : 0);
	}
	syscall(SYS_close, pipefd[1]);
	free(de.envp);
	if (pid < 0) {
		syscall(SYS_close, pipefd[0]);
		errno = saved;
		return -EPROTONOSUPPORT;
	}
	while (syscall(SYS_wait4, (pid_t)pid, &status, __WCLONE, NULL) < 0 && errno == EINTR)
		;  /* ECHILD is fine: someone reaped it already */
	len = read_line(pipefd[0], line, sizeof line);
	syscall(SYS_close, pipefd[0]);
	errno = saved;
	if (len > 0 && strcmp(line, "ok") == 0)
		return 0;
	if (len > 0) {
		const char *text = strncmp(line, "error: ", 7) == 0 ? line + 7 : line;

		shim_warn_once(text);
		/* only the daemon's own UDP port being taken is EADDRINUSE; a
		 * bad configuration (its key may name a port) is not */
		return strncmp(text, "UDP port ", 9) == 0 ? -EADDRINUSE : -EPROTONOSUPPORT;
	}
	if (len < 0) {
		snprintf(msg, sizeof msg, "sctpshimd (%s) did not report ready in %d s",
		         path, READY_TIMEOUT_MS / 1000);
		shim_warn_once(msg);
		return -EPROTONOSUPPORT;
	}
	snprintf(msg, sizeof msg, "cannot start sctpshimd (%s): set SCTPSHIM_DAEMON", path);
	shim_warn_once(msg);
	return -EPROTONOSUPPORT;
}
