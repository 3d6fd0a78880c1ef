#!/bin/sh
# fuzz.sh SRCDIR BUILDDIR SECONDS [HARNESS...]: builds the libFuzzer
# harnesses of tests/fuzz with clang (-fsanitize=fuzzer,address,undefined),
# then runs each for SECONDS on a copy of its seed corpus (kept in
# BUILDDIR/fuzz/corpus-NAME, so that runs build on each other) with
# the dictionary. Prints one TAP line a harness and "1..N"; without a clang
# that has libFuzzer, "1..0 # SKIP". A crash leaves its input in
# BUILDDIR/fuzz/ (crash-*) and fails.
#
# With FUZZ_MODE=coverage (make fuzz-coverage) it fuzzes nothing: it builds
# each harness with clang's source-based coverage, runs it once over the
# corpus a run left (-runs=0) and prints the line coverage of the files that
# harness is about, from llvm-cov report.
#
# Environment: FUZZ_CC (clang), FUZZ_LIBS (the libraries to link: cJSON,
# libedit, -ldl), FUZZ_MODE (run or coverage), LLVM_PROFDATA and LLVM_COV
# (by default the ones clang names: the tools of its own LLVM).
set -u
src=$1 build=$2 seconds=$3
shift 3
harnesses=${*:-manifest quote complete}
cc=${FUZZ_CC:-clang}
libs=${FUZZ_LIBS:--lcjson -ledit -ldl}
out=$build/fuzz
mkdir -p "$out" || exit 1

probe=$out/probe.c
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe"
if ! "$cc" -fsanitize=fuzzer "$probe" -o "$out/probe" >/dev/null 2>&1; then
	echo "1..0 # SKIP no clang with libFuzzer ($cc -fsanitize=fuzzer)"
	exit 0
fi

flags="-g -std=c11 -I$src/src -I$build/src -I$build
	-DUP_BASHCOMPDIR=\"\" -DUP_ZSHCOMPDIR=\"\" -DUP_FISHCOMPDIR=\"\""
mode=${FUZZ_MODE:-run}
case $mode in
run) flags="$flags -O1 -fsanitize=address,undefined -fno-sanitize-recover=all" ;;
coverage) flags="$flags -O0 -fprofile-instr-generate -fcoverage-mapping" ;;
*) echo "fuzz.sh: FUZZ_MODE is run or coverage, not '$mode'" >&2; exit 64 ;;
esac

# Every module but main, as the harnesses may reach any of them: compiled
# once a mode, then linked into each harness.
objects=
objdir=$out/obj-$mode
mkdir -p "$objdir" && : >"$out/build-$mode.log" || exit 1
for f in "$src"/src/*.c "$build"/src/shell_pieces.c; do
	case $f in */main.c) continue ;; esac
	o=$objdir/$(basename "$f" .c).o
	objects="$objects $o"
	# shellcheck disable=SC2086 # flags is a list
	"$cc" $flags -fsanitize=fuzzer-no-link -c -o "$o" "$f" >>"$out/build-$mode.log" 2>&1 ||
		built=no
done

# files HARNESS: the sources a harness is about, for the coverage report.
files() {
	case $1 in
	manifest) echo manifest manifest_parse manifest_rules manifest_draft json system text ;;
	quote) echo quote ;;
	complete) echo complete options ;;
	esac
}

# coverage N HARNESS BIN: one pass over the corpus, then llvm-cov's lines.
coverage() {
	raw=$out/coverage-$2.profraw data=$out/coverage-$2.profdata
	rm -f "$raw" "$data"
	inputs=$(ls "$out/corpus-$2" | wc -l)
	if ! (cd "$out" && LLVM_PROFILE_FILE=$raw "$3" -runs=0 "$out/corpus-$2") >"$out/coverage-$2.log" 2>&1 ||
		! "${LLVM_PROFDATA:-$("$cc" -print-prog-name=llvm-profdata)}" merge -o "$data" "$raw" ||
		! "${LLVM_COV:-$("$cc" -print-prog-name=llvm-cov)}" report "$3" -instr-profile="$data" \
			$(for f in $(files "$2"); do echo "$src/src/$f.c"; done) >"$out/coverage-$2.txt"; then
		tail -20 "$out/coverage-$2.log" | sed 's/^/# /'
		echo "not ok $1 - coverage $2: no report"
		return 1
	fi
	sed 's/^/# /' "$out/coverage-$2.txt"
	# TOTAL's columns: regions, missed, cover, functions, missed, executed,
	# lines, missed, cover, ...
	lines=$(awk '$1 == "TOTAL" {print $10 " of " $8 " lines"}' "$out/coverage-$2.txt")
	echo "ok $1 - coverage $2: $lines of $(files "$2" | wc -w) files, over $inputs inputs"
}

n=0
failed=0
for h in $harnesses; do
	n=$((n + 1))
	bin=$out/fuzz-$h
	[ "$mode" = coverage ] && bin=$out/coverage-$h
	# shellcheck disable=SC2086 # flags and objects are lists
	if [ "${built:-}" = no ] ||
		! "$cc" $flags -fsanitize=fuzzer -o "$bin" "$src/tests/fuzz/fuzz-$h.c" $objects $libs \
			>"$out/build-$h.log" 2>&1; then
		cat "$out/build-$mode.log" "$out/build-$h.log" 2>/dev/null
		echo "not ok $n - fuzz $h: does not build"
		failed=$((failed + 1))
		continue
	fi
	corpus=$out/corpus-$h
	mkdir -p "$corpus" && cp "$src/tests/fuzz/corpus/$h/"* "$corpus/" 2>/dev/null
	if [ "$mode" = coverage ]; then
		coverage "$n" "$h" "$bin" || failed=$((failed + 1))
		continue
	fi
	dict=
	[ -f "$src/tests/fuzz/$h.dict" ] && dict=-dict=$src/tests/fuzz/$h.dict
	(cd "$out" && ASAN_OPTIONS=detect_leaks=1 "$bin" $dict -max_total_time="$seconds" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$corpus") >"$out/run-$h.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/run-$h.log" | tail -1)
	cov=$(grep -Eo 'cov: [0-9]+' "$out/run-$h.log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - fuzz $h: ${runs:-?} runs in ${seconds} s, $cov, no crash"
	else
		tail -40 "$out/run-$h.log" | sed 's/^/# /'
		echo "not ok $n - fuzz $h: crashed (input: $(ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* 2>/dev/null | head -1))"
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
