# libFuzzer targets of the protocol decoders (docs/design.md, "Security"),
# built with $(FUZZ_CC) (clang) when configure found one that links
# -fsanitize=fuzzer.  make check runs each over its seed corpus plus a few
# thousand mutations with a fixed seed (tests/fuzz/fuzz.sh); make fuzz runs
# them for FUZZ_TIME seconds each (default 300).
fuzz_targets = tests/fuzz/fuzz_control tests/fuzz/fuzz_data tests/fuzz/fuzz_send_cmsgs
fuzz_lib_sources = $(top_srcdir)/src/wire/wire.c $(top_srcdir)/src/wire/optfield.c \
	$(top_srcdir)/src/personality/flags.c $(top_srcdir)/src/personality/options.c \
	$(top_srcdir)/src/personality/opt_core.c $(top_srcdir)/src/personality/opt_path.c \
	$(top_srcdir)/src/personality/opt_auth.c $(top_srcdir)/src/personality/opt_stream.c \
	$(top_srcdir)/src/personality/cmsg.c $(top_srcdir)/src/personality/notify.c
fuzz_deps = $(fuzz_lib_sources) $(top_srcdir)/src/wire/wire.h \
	$(top_srcdir)/include/sctpshim/proto.h $(top_srcdir)/src/personality/personality.h \
	$(top_srcdir)/src/personality/optdesc.h
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-std=gnu11
fuzz_link = $(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) $(AM_CPPFLAGS) -o $@

if ENABLE_FUZZ
check_SCRIPTS = $(fuzz_targets)
endif
CLEANFILES += $(fuzz_targets)

tests/fuzz/fuzz_control: $(top_srcdir)/tests/fuzz/fuzz_control.c $(fuzz_deps)
	$(AM_V_CCLD)$(fuzz_link) $(top_srcdir)/tests/fuzz/fuzz_control.c $(fuzz_lib_sources)
tests/fuzz/fuzz_data: $(top_srcdir)/tests/fuzz/fuzz_data.c $(fuzz_deps)
	$(AM_V_CCLD)$(fuzz_link) $(top_srcdir)/tests/fuzz/fuzz_data.c $(fuzz_lib_sources)
tests/fuzz/fuzz_send_cmsgs: $(top_srcdir)/tests/fuzz/fuzz_send_cmsgs.c $(fuzz_deps)
	$(AM_V_CCLD)$(fuzz_link) $(top_srcdir)/tests/fuzz/fuzz_send_cmsgs.c $(fuzz_lib_sources)

TESTS += tests/fuzz/fuzz.sh
EXTRA_DIST += tests/fuzz/fuzz.sh tests/fuzz/fuzz_control.c tests/fuzz/fuzz_data.c \
	tests/fuzz/fuzz_send_cmsgs.c tests/fuzz/make_seeds.c tests/fuzz/corpus

.PHONY: fuzz
fuzz: $(fuzz_targets)
	abs_top_builddir='$(abs_top_builddir)' abs_top_srcdir='$(abs_top_srcdir)' \
	FUZZ_TIME=$${FUZZ_TIME:-300} $(SHELL) $(top_srcdir)/tests/fuzz/fuzz.sh
