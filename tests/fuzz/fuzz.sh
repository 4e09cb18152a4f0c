#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs each libFuzzer target of the protocol decoders over its committed
# seed corpus (tests/fuzz/corpus/<target>), then a fixed number of
# mutations with a fixed seed (FUZZ_RUNS, default 20000): deterministic,
# a second or so.  FUZZ_TIME=<seconds> (make fuzz) runs each that long
# instead, with a random seed.  Any crash, leak or sanitizer report fails;
# the input is left in tests/fuzz/ of the build tree: add it to the corpus
# once fixed.
set -u -o pipefail
builddir=${abs_top_builddir:-$PWD}
srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
runs=${FUZZ_RUNS:-20000}
status=0

for target in control data send_cmsgs; do
	bin=$builddir/tests/fuzz/fuzz_$target
	if [ ! -x "$bin" ]; then
		echo "SKIP: fuzz_$target is not built (configure found no clang that links -fsanitize=fuzzer)"
		exit 77
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sctpshim-fuzz.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
for target in control data send_cmsgs; do
	bin=$builddir/tests/fuzz/fuzz_$target
	mkdir -p "$work/$target"
	if [ -n "${FUZZ_TIME:-}" ]; then
		limits=(-max_total_time="$FUZZ_TIME")
	else
		limits=(-seed=1 -runs="$runs")
	fi
	# new inputs go to the scratch directory (the first), never into the
	# committed corpus
	if (cd "$builddir/tests/fuzz" && ASAN_OPTIONS=detect_leaks=1 "$bin" "${limits[@]}" \
		-max_len=4096 -timeout=10 -print_final_stats=1 \
		"$work/$target" "$srcdir/tests/fuzz/corpus/$target") >"$work/$target.log" 2>&1; then
		echo "ok fuzz_$target: $(grep -E '^#[0-9]+.*DONE' "$work/$target.log" | tail -n 1)"
	else
		echo "FAIL fuzz_$target:"
		tail -n 60 "$work/$target.log"
		status=1
	fi
done
exit $status
