# The benchmark's programs (issue 6): the same workloads over the Linux
# SCTP API (sctpbench, run under the shim) and straight on usrsctp
# (sctpbench-usrsctp).  Built by `make bench-programs` (and so by make
# bench), never by `all`.  Plain ELF programs, linked with no libtool
# library, so that `sctpshim run bench/sctpbench` preloads the real thing.
EXTRA_PROGRAMS = bench/sctpbench bench/sctpbench-usrsctp
bench_common_sources = bench/main.c bench/workload.c bench/server.c \
	bench/workload.h bench/net.h
bench_sctpbench_SOURCES = $(bench_common_sources) bench/net_linux.c
bench_sctpbench_usrsctp_SOURCES = $(bench_common_sources) bench/net_usrsctp.c
bench_sctpbench_usrsctp_CFLAGS = $(AM_CFLAGS) $(USRSCTP_CFLAGS)
bench_sctpbench_usrsctp_LDADD = $(USRSCTP_LIBS) -lpthread
CLEANFILES += $(EXTRA_PROGRAMS)

.PHONY: bench-programs
bench-programs: $(EXTRA_PROGRAMS)
bench: bench-programs
