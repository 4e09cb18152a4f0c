# The daemon's configuration: parsing, keys, checks (man sctpshim.conf(5)).
# Pure logic, linked by sctpshimd and tests/unit/test_config.
noinst_LTLIBRARIES += libconfig.la
libconfig_la_SOURCES = src/config/config.c src/config/keys.c src/config/prefix.c \
	src/config/config.h
libconfig_la_CFLAGS = $(AM_CFLAGS)
if ENABLE_ASAN
libconfig_la_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
endif
