# The Linux personality: pure conversions, linked into libsctpshim.so.
noinst_LTLIBRARIES += libpersonality.la
libpersonality_la_SOURCES = src/personality/personality.h \
	src/personality/flags.c src/personality/options.c \
	src/personality/optdesc.h src/personality/opt_core.c \
	src/personality/opt_path.c src/personality/opt_auth.c \
	src/personality/opt_stream.c \
	src/personality/cmsg.c src/personality/notify.c
libpersonality_la_CFLAGS = $(AM_CFLAGS) -fPIC -fvisibility=hidden

check_PROGRAMS += test_personality
TESTS += test_personality
test_personality_SOURCES = tests/unit/test_personality.c
test_personality_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
test_personality_LDADD = libpersonality.la libwire.la $(CUNIT_LIBS)

check_PROGRAMS += test_opt_path
TESTS += test_opt_path
test_opt_path_SOURCES = tests/unit/test_opt_path.c
test_opt_path_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
test_opt_path_LDADD = libpersonality.la libwire.la $(CUNIT_LIBS)

check_PROGRAMS += test_opt_auth
TESTS += test_opt_auth
test_opt_auth_SOURCES = tests/unit/test_opt_auth.c
test_opt_auth_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
test_opt_auth_LDADD = libpersonality.la libwire.la $(CUNIT_LIBS)

check_PROGRAMS += test_opt_stream
TESTS += test_opt_stream
test_opt_stream_SOURCES = tests/unit/test_opt_stream.c
test_opt_stream_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
test_opt_stream_LDADD = libpersonality.la libwire.la $(CUNIT_LIBS)
