# owned by the daemon component
# The daemon's parts live in a convenience library so that unit tests can
# link the conversions between neutral and usrsctp forms.
noinst_LTLIBRARIES += libengine.la
libengine_la_SOURCES = \
	src/daemon/daemon.h src/daemon/shimd.c \
	src/daemon/log.c src/daemon/log.h \
	src/daemon/loop.c src/daemon/loop.h \
	src/daemon/ready.c src/daemon/ready.h \
	src/daemon/client.c src/daemon/client.h \
	src/daemon/access.c src/daemon/access.h \
	src/daemon/report.c src/daemon/report.h \
	src/daemon/endpoint.c src/daemon/endpoint.h \
	src/daemon/ended.c src/daemon/ended.h \
	src/daemon/engine.c src/daemon/engine_close.c src/daemon/engine_notify.c src/daemon/engine_notify.h \
	src/daemon/engine_opt.c \
	src/daemon/engine_optdesc.h src/daemon/engine_opt_core.c \
	src/daemon/engine_opt_path.c src/daemon/engine_opt_auth.c \
	src/daemon/engine_opt_stream.c src/daemon/engine_addrs.c \
	src/daemon/engine_peeloff.c src/daemon/engine_renew.c src/daemon/engine_refs.c \
	src/daemon/engine_unsent.c \
	src/daemon/engine.h src/daemon/engine_int.h src/daemon/engine_linux.h
libengine_la_CFLAGS = $(AM_CFLAGS) $(USRSCTP_CFLAGS)

sbin_PROGRAMS += sctpshimd
sctpshimd_SOURCES = src/daemon/main.c src/daemon/settings.c src/daemon/settings.h
sctpshimd_CFLAGS = $(AM_CFLAGS) $(USRSCTP_CFLAGS) -DSCTPSHIM_SYSCONFDIR='"$(sysconfdir)"'
sctpshimd_LDADD = libengine.la libconfig.la libwire.la $(USRSCTP_LIBS) -lpthread
if ENABLE_ASAN
libengine_la_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
sctpshimd_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
sctpshimd_LDFLAGS = -fsanitize=address,undefined
endif
