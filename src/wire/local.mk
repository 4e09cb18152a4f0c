# The neutral protocol codec, shared by the library, the daemon, the CLI and tests.
noinst_LTLIBRARIES += libwire.la
libwire_la_SOURCES = src/wire/wire.c src/wire/optfield.c src/wire/wire.h include/sctpshim/proto.h
libwire_la_CFLAGS = $(AM_CFLAGS) -fPIC
