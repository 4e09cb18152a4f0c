/* SPDX-License-Identifier: MIT */
/* sctpshim run: put libsctpshim.so in front of LD_PRELOAD and exec. */
#include <config.h>

#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

struct shim_paths {
	char library[PATH_MAX];
	char daemon[PATH_MAX];
	char libsctp_dir[PATH_MAX];  /* our libsctp.so.1 (src/libsctp) */
};

static bool is_file(const char *path, int mode)
{
	return access(path, mode) == 0;
}

/* A build tree has .libs/libsctpshim.so and sctpshimd next to sctpshim, so
 * `./sctpshim run ...` works straight after `make`, before installation. */
static bool find_in_build_tree(struct shim_paths *p)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *dir;
	int a, b;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	dir = dirname(exe);
	a = snprintf(p->library, sizeof p->library, "%s/.libs/libsctpshim.so", dir);
	b = snprintf(p->daemon, sizeof p->daemon, "%s/sctpshimd", dir);
	if (a < 0 || (size_t)a >= sizeof p->library || b < 0 || (size_t)b >= sizeof p->daemon)
		return false;
	a = snprintf(p->libsctp_dir, sizeof p->libsctp_dir, "%s/src/libsctp/.libs", dir);
	if (a < 0 || (size_t)a >= sizeof p->libsctp_dir)
		return false;
	return is_file(p->library, R_OK) && is_file(p->daemon, X_OK);
}

static void find_paths(struct shim_paths *p)
{
	if (find_in_build_tree(p))
		return;
	snprintf(p->library, sizeof p->library, "%s", SCTPSHIM_LIBDIR "/libsctpshim.so");
	snprintf(p->daemon, sizeof p->daemon, "%s", SCTPSHIM_SBINDIR "/sctpshimd");
	/* libsctpcompatdir of src/libsctp/local.mk */
	snprintf(p->libsctp_dir, sizeof p->libsctp_dir, "%s", SCTPSHIM_LIBDIR "/sctpshim/compat");
}

/* True if `entry` already is one of the ':'/' ' separated items of `list`. */
static bool list_has(const char *list, const char *entry)
{
	size_t len = strlen(entry);

	for (const char *s = list; *s; ) {
		size_t item = strcspn(s, ": ");

		if (item == len && strncmp(s, entry, len) == 0)
			return true;
		s += item;
		s += strspn(s, ": ");
	}
	return false;
}

static int prepend_preload(const char *library)
{
	const char *old = getenv("LD_PRELOAD");
	char *value;
	int r;

	if (!old || !*old)
		return setenv("LD_PRELOAD", library, 1);
	if (list_has(old, library))
		return 0;
	if (asprintf(&value, "%s:%s", library, old) < 0)
		return -1;
	r = setenv("LD_PRELOAD", value, 1);
	free(value);
	return r;
}

/* A library built with --enable-asan needs the ASan runtime loaded first,
 * before libc, also in programs that are not instrumented: put it in front
 * of LD_PRELOAD.  Those programs' own leaks are not ours to report (and
 * would fail them at exit): leak detection is off unless ASAN_OPTIONS,
 * which comes after our default, turns it on again. */
static int prepend_asan_runtime(void)
{
	const char *old = getenv("ASAN_OPTIONS");
	char *value;
	int r;

	if (!*SCTPSHIM_ASAN_RUNTIME)
		return 0;
	if (prepend_preload(SCTPSHIM_ASAN_RUNTIME) < 0)
		return -1;
	if (asprintf(&value, "detect_leaks=0%s%s", old && *old ? ":" : "", old ? old : "") < 0)
		return -1;
	r = setenv("ASAN_OPTIONS", value, 1);
	free(value);
	return r;
}

/* Programs linked against libsctp (lksctp-tools, Netty's native transport,
 * ...) need libsctp.so.1 before main(), and minimal containers lack
 * Debian's libsctp1: then our own copy's directory goes at the end of
 * LD_LIBRARY_PATH.  Only then: ld.so searches LD_LIBRARY_PATH before
 * ld.so.cache and the default directories, so even at its end our copy
 * would shadow the system's.  Whether ld.so finds one is asked of ld.so
 * itself, with the LD_LIBRARY_PATH the program inherits (before ours is
 * added; a copy the user already points at counts as found). */
static int add_libsctp_fallback(const char *dir)
{
	const char *old = getenv("LD_LIBRARY_PATH");
	char path[PATH_MAX], *value;
	void *found;
	int n, r;

	n = snprintf(path, sizeof path, "%s/libsctp.so.1", dir);
	if (n < 0 || (size_t)n >= sizeof path || !is_file(path, R_OK))
		return 0;  /* not built or not installed: nothing to offer */
	found = dlopen("libsctp.so.1", RTLD_LAZY | RTLD_LOCAL);
	if (found) {
		dlclose(found);
		return 0;
	}
	/* ld.so splits LD_LIBRARY_PATH at ':' and ';' */
	if (strpbrk(dir, ":;")) {
		fprintf(stderr, "sctpshim: %s: a path with ':' or ';' cannot go in LD_LIBRARY_PATH\n",
			dir);
		return 0;
	}
	if (!old || !*old)
		return setenv("LD_LIBRARY_PATH", dir, 1);
	if (asprintf(&value, "%s:%s", old, dir) < 0)
		return -1;
	r = setenv("LD_LIBRARY_PATH", value, 1);
	free(value);
	return r;
}

int cli_run(int argc, char **argv)
{
	struct shim_paths paths;

	if (argc < 1) {
		fputs("Usage: sctpshim run PROGRAM [ARGS...]\n", stderr);
		return 2;
	}
	find_paths(&paths);
	/* Without the library the program would run but fail at its first
	 * SCTP socket with EPROTONOSUPPORT, far from the cause. */
	if (!is_file(paths.library, R_OK)) {
		fprintf(stderr, "sctpshim: %s: %s (not installed, and not run from a build tree)\n",
			paths.library, strerror(errno));
		return 1;
	}
	/* ld.so splits LD_PRELOAD at blanks and colons. */
	if (strpbrk(paths.library, ": ")) {
		fprintf(stderr, "sctpshim: %s: a path with ':' or ' ' cannot go in LD_PRELOAD\n",
			paths.library);
		return 1;
	}
	if (prepend_preload(paths.library) < 0 || prepend_asan_runtime() < 0
	    || add_libsctp_fallback(paths.libsctp_dir) < 0
	    || setenv("SCTPSHIM_DAEMON", paths.daemon, 0) < 0) {
		fprintf(stderr, "sctpshim: environment: %s\n", strerror(errno));
		return 1;
	}
	execvp(argv[0], argv);
	fprintf(stderr, "sctpshim: %s: %s\n", argv[0], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
