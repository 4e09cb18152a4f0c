# The conformance suite: one program per family of the Linux SCTP API,
# built against Debian's libsctp-dev like any SCTP program, one TAP test
# point per behaviour.  tests/conformance/<family>.tap names the program
# conf_<family>; run.sh runs it under the shim.
TEST_EXTENSIONS = .tap
TAP_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
TAP_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/conformance/run.sh

conformance_sources = tests/conformance/conf.c tests/conformance/conf.h

check_PROGRAMS += tests/conformance/conf_core
tests_conformance_conf_core_SOURCES = tests/conformance/conf_core.c $(conformance_sources)
tests_conformance_conf_core_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_path
tests_conformance_conf_path_SOURCES = tests/conformance/conf_path.c $(conformance_sources)
tests_conformance_conf_path_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_auth
tests_conformance_conf_auth_SOURCES = tests/conformance/conf_auth.c $(conformance_sources)
tests_conformance_conf_auth_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_stream
tests_conformance_conf_stream_SOURCES = tests/conformance/conf_stream.c $(conformance_sources)
tests_conformance_conf_stream_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_intl
tests_conformance_conf_intl_SOURCES = tests/conformance/conf_stream.c $(conformance_sources)
tests_conformance_conf_intl_CPPFLAGS = $(AM_CPPFLAGS) -DCONF_INTL
tests_conformance_conf_intl_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_socket
tests_conformance_conf_socket_SOURCES = tests/conformance/conf_socket.c $(conformance_sources)
tests_conformance_conf_socket_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_notify
tests_conformance_conf_notify_SOURCES = tests/conformance/conf_notify.c $(conformance_sources)
tests_conformance_conf_notify_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_errors
tests_conformance_conf_errors_SOURCES = tests/conformance/conf_errors.c $(conformance_sources)
tests_conformance_conf_errors_LDADD = -lsctp

check_PROGRAMS += tests/conformance/conf_msg
tests_conformance_conf_msg_SOURCES = tests/conformance/conf_msg.c $(conformance_sources)
tests_conformance_conf_msg_LDADD = -lsctp

# listed one by one: automake must see each test to make its rules
conformance_tests = tests/conformance/errors.tap tests/conformance/socket.tap \
	tests/conformance/core.tap tests/conformance/path.tap \
	tests/conformance/auth.tap tests/conformance/stream.tap tests/conformance/notify.tap \
	tests/conformance/msg.tap tests/conformance/intl.tap
TESTS += $(conformance_tests)
EXTRA_DIST += $(conformance_tests) tests/conformance/run.sh
