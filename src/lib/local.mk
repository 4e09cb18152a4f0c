# libsctpshim.so: the LD_PRELOAD interposer (see docs/design.md).
lib_LTLIBRARIES += libsctpshim.la
libsctpshim_la_SOURCES = src/lib/shim.h src/lib/symbols.h \
	src/lib/real.c src/lib/fdtable.c src/lib/control.c src/lib/spawn.c \
	src/lib/socket.c src/lib/names.c src/lib/names.h src/lib/io.c src/lib/io_send.c src/lib/io_recv.c src/lib/nudge.c \
	src/lib/sockopt.c src/lib/sockopt_addrs.c src/lib/sockopt_ip.c src/lib/sockopt_ip.h src/lib/peeloff.c src/lib/dup.c src/lib/linger.c \
	src/lib/poll.c
libsctpshim_la_CFLAGS = $(AM_CFLAGS) $(LIBFFI_CFLAGS) -fvisibility=hidden
libsctpshim_la_LDFLAGS = -module -avoid-version -shared
libsctpshim_la_LIBADD = libwire.la libpersonality.la $(LIBFFI_LIBS) -ldl -lpthread
if ENABLE_ASAN
# `sctpshim run` then preloads the ASan runtime before the library.
libsctpshim_la_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
libsctpshim_la_LDFLAGS += -fsanitize=address,undefined
endif

# A preload module, not a library to link against: no .la installed.
install-exec-hook:
	rm -f $(DESTDIR)$(libdir)/libsctpshim.la

# without its .la, libtool's uninstall no longer knows the library
uninstall-local:
	rm -f $(DESTDIR)$(libdir)/libsctpshim.so
