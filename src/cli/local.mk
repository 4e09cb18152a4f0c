# The sctpshim command.  Linked only against the static codec, so the
# binary in the build tree is the real ELF program, not a libtool wrapper:
# `./sctpshim run` looks for .libs/libsctpshim.so next to itself.
bin_PROGRAMS += sctpshim
sctpshim_SOURCES = src/cli/main.c src/cli/run.c src/cli/query.c src/cli/cli.h
sctpshim_LDADD = libwire.la

# The ASan runtime `sctpshim run` preloads before an --enable-asan library
# (empty otherwise), asked from the compiler that builds it (the shell
# expands the backquotes when compiling).
if ENABLE_ASAN
sctpshim_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSCTPSHIM_ASAN_RUNTIME='"'"`$(CC) -print-file-name=libasan.so`"'"'
else
sctpshim_CPPFLAGS = $(AM_CPPFLAGS) -DSCTPSHIM_ASAN_RUNTIME='""'
endif
