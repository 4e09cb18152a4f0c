/* SPDX-License-Identifier: MIT */
/* libc's own functions, bound lazily with dlsym(RTLD_NEXT). */
#define _GNU_SOURCE
#include "lib/shim.h"

#include <dlfcn.h>
#include <ffi.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#define SYM(ret, name, params) ret (*real_##name) params;
#define SHIM_SYMBOLS
#include "lib/symbols.h"
#undef SYM

static pthread_once_t bind_once = PTHREAD_ONCE_INIT;

/* fcntl(int, int, ...) and ioctl(int, unsigned long, ...): one variadic
 * word each, forwarded with the variadic calling convention. */
static ffi_cif cif_int_cmd, cif_ulong_cmd;
static ffi_type *args_int_cmd[3] = { &ffi_type_sint, &ffi_type_sint, &ffi_type_slong };
static ffi_type *args_ulong_cmd[3] = { &ffi_type_sint, &ffi_type_ulong, &ffi_type_slong };
static int ffi_ready;
int shim_inactive;

static void die_missing(const char *name)
{
	static const char pre[] = "sctpshim: libc has no ";

	syscall(SYS_write, 2, pre, sizeof pre - 1);
	syscall(SYS_write, 2, name, strlen(name));
	syscall(SYS_write, 2, "\n", 1);
}

static void bind_all(void)
{
	extern char *program_invocation_short_name;

	/* The daemon's own sockets (its ends carry our names) must never be
	 * interposed, even when it inherits LD_PRELOAD. */
	shim_inactive = program_invocation_short_name
	                && strcmp(program_invocation_short_name, "sctpshimd") == 0;
#define SYM(ret, name, params) \
	real_##name = (ret (*) params)dlsym(RTLD_NEXT, #name); \
	if (!real_##name) \
		die_missing(#name);
#define SYM_OPTIONAL(ret, name, params) \
	real_##name = (ret (*) params)dlsym(RTLD_NEXT, #name);
#include "lib/symbols.h"
#undef SYM_OPTIONAL
#undef SYM
	pthread_atfork(NULL, NULL, shim_fd_after_fork);
	ffi_ready = ffi_prep_cif_var(&cif_int_cmd, FFI_DEFAULT_ABI, 2, 3,
	                             &ffi_type_sint, args_int_cmd) == FFI_OK
	         && ffi_prep_cif_var(&cif_ulong_cmd, FFI_DEFAULT_ABI, 2, 3,
	                             &ffi_type_sint, args_ulong_cmd) == FFI_OK;
}

void shim_real_init(void)
{
	pthread_once(&bind_once, bind_all);
}

int shim_ffi_forward(void *fn, int fd, unsigned long cmd, long arg, int cmd_is_ulong)
{
	ffi_arg rc = 0;
	int icmd = (int)cmd;
	void *values[3] = { &fd, cmd_is_ulong ? (void *)&cmd : (void *)&icmd, &arg };

	shim_real_init();
	if (!fn)
		return shim_fail(ENOSYS);
	if (!ffi_ready)
		return shim_fail(ENOMEM);
	ffi_call(cmd_is_ulong ? &cif_ulong_cmd : &cif_int_cmd, FFI_FN(fn), &rc, values);
	return (int)rc;
}
