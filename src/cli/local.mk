# The sctpshim command.  Linked only against the static codec, so the
# binary in the build tree is the real ELF program, not a libtool wrapper:
# `./sctpshim run` looks for .libs/libsctpshim.so next to itself.
bin_PROGRAMS += sctpshim
sctpshim_SOURCES = src/cli/main.c src/cli/run.c src/cli/query.c src/cli/cli.h
nodist_sctpshim_SOURCES = src/cli/asan_runtime.h
sctpshim_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/src/cli
sctpshim_LDADD = libwire.la
CLEANFILES += src/cli/asan_runtime.h

# The ASan runtime `sctpshim run` preloads before an --enable-asan library
# (empty otherwise), asked from the compiler that built it.
if ENABLE_ASAN
cli_asan_runtime = yes
endif
src/cli/asan_runtime.h: Makefile
	$(AM_V_GEN)$(MKDIR_P) src/cli && \
	if test -n "$(cli_asan_runtime)"; then rt=`$(CC) -print-file-name=libasan.so`; else rt=; fi; \
	printf '#define SCTPSHIM_ASAN_RUNTIME "%s"\n' "$$rt" >$@
src/cli/sctpshim-run.$(OBJEXT): src/cli/asan_runtime.h
