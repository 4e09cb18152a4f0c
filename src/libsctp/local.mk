# libsctp.so.1: sctpshim's own drop-in for lksctp-tools' libsctp (Debian's
# libsctp1), for hosts and containers that lack it (docs/design.md,
# "libsctp without libsctp").  It goes to a private directory, never one
# the dynamic linker searches by default, so it cannot shadow a system
# libsctp1; `sctpshim run` adds the directory to LD_LIBRARY_PATH only when
# the system has no libsctp.so.1.  src/cli/run.c names it
# SCTPSHIM_LIBDIR "/sctpshim/compat": keep the two in step.
libsctpcompatdir = $(libdir)/sctpshim/compat
libsctpcompat_LTLIBRARIES = src/libsctp/libsctp.la
src_libsctp_libsctp_la_SOURCES = src/libsctp/libsctp.h \
	src/libsctp/addrs.c src/libsctp/connectx.c src/libsctp/options.c \
	src/libsctp/cmsg.c src/libsctp/send.c src/libsctp/recv.c src/libsctp/sendx.c
# 1:19:0 makes libsctp.so.1.0.19 with the SONAME libsctp.so.1, the names
# of lksctp-tools 1.0.19; the version script gives its symbol versions.
src_libsctp_libsctp_la_LDFLAGS = -version-info 1:19:0 -no-undefined \
	-Wl,--version-script=$(srcdir)/src/libsctp/libsctp.map
EXTRA_src_libsctp_libsctp_la_DEPENDENCIES = src/libsctp/libsctp.map
EXTRA_DIST += src/libsctp/libsctp.map
