# make bench (issue 6): bench/run measures sctpshim side by side with a
# program linked straight to usrsctp and writes the table and plot into
# docs/performance.md; then the full-size flow and loss runs (bench-stress,
# tests/local.mk).  make bench-perf runs only the harness.  Nothing here is
# built by `make all`.  BENCH_QUICK=1 make bench-perf: a smoke run.
EXTRA_DIST += bench/run bench/plot.gp bench/preload_cost.c bench/harness.mk

# The cost of the preload on programs without SCTP: a plain program, so a
# rule of its own rather than a program of the build.
bench/preload_cost$(EXEEXT): $(top_srcdir)/bench/preload_cost.c
	@$(MKDIR_P) bench
	$(AM_V_CC)$(CC) $(AM_CFLAGS) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ \
		$(top_srcdir)/bench/preload_cost.c
CLEANFILES += bench/preload_cost$(EXEEXT)

.PHONY: bench bench-perf
bench-perf: all bench/preload_cost$(EXEEXT)
	$(MAKE) $(AM_MAKEFLAGS) bench-programs
	BENCH_BUILDDIR='$(abs_top_builddir)' BENCH_SRCDIR='$(abs_top_srcdir)' \
		python3 $(top_srcdir)/bench/run

# One after the other: the stress runs would disturb the measurements.  A
# failed case does not stop the rest; make fails at the end.  A quick run
# (BENCH_QUICK=1) leaves out the full-size runs, which take minutes.
bench: all
	@status=0; \
	$(MAKE) $(AM_MAKEFLAGS) bench-perf || status=1; \
	case "$$BENCH_QUICK" in \
	"" | 0) $(MAKE) $(AM_MAKEFLAGS) bench-stress || status=1 ;; \
	*) echo "BENCH_QUICK: the full-size runs (make bench-stress) left out" ;; \
	esac; \
	exit $$status

clean-local: clean-bench-work
.PHONY: clean-bench-work
clean-bench-work:
	rm -rf bench/work
