# The sctpshim command.  Linked only against the static codec, so the
# binary in the build tree is the real ELF program, not a libtool wrapper:
# `./sctpshim run` looks for .libs/libsctpshim.so next to itself.
bin_PROGRAMS += sctpshim
sctpshim_SOURCES = src/cli/main.c src/cli/run.c src/cli/query.c src/cli/cli.h
sctpshim_LDADD = libwire.la
