#!/bin/sh
# fuzz.sh SRCDIR BUILDDIR SECONDS [HARNESS...]: builds the libFuzzer
# harnesses of tests/fuzz with clang (-fsanitize=fuzzer,address,undefined),
# then runs each for SECONDS on a copy of its seed corpus (kept in
# BUILDDIR/tests/fuzz/corpus-NAME, so that runs build on each other) with
# the dictionary. Prints one TAP line a harness and "1..N"; without a clang
# that has libFuzzer, "1..0 # SKIP". A crash leaves its input in
# BUILDDIR/tests/fuzz/ (crash-*) and fails.
#
# Environment: FUZZ_CC (clang), FUZZ_LIBS (the libraries to link: cJSON,
# libedit, -ldl), FUZZ_JOBS (harnesses at once, default 1).
set -u
src=$1 build=$2 seconds=$3
shift 3
harnesses=${*:-manifest quote complete}
cc=${FUZZ_CC:-clang}
libs=${FUZZ_LIBS:--lcjson -ledit -ldl}
out=$build/tests/fuzz
mkdir -p "$out" || exit 1

probe=$out/probe.c
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' >"$probe"
if ! "$cc" -fsanitize=fuzzer "$probe" -o "$out/probe" >/dev/null 2>&1; then
	echo "1..0 # SKIP no clang with libFuzzer ($cc -fsanitize=fuzzer)"
	exit 0
fi

# Every module but main, as the harnesses may reach any of them.
sources=
for f in "$src"/src/*.c "$build"/src/shell_pieces.c; do
	case $f in */main.c) continue ;; esac
	sources="$sources $f"
done
flags="-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-I$src/src -I$build/src -I$build -DUP_BASHCOMPDIR=\"\" -DUP_ZSHCOMPDIR=\"\" -DUP_FISHCOMPDIR=\"\""

n=0
failed=0
for h in $harnesses; do
	n=$((n + 1))
	bin=$out/fuzz-$h
	# shellcheck disable=SC2086 # flags and sources are lists
	if ! "$cc" $flags -o "$bin" "$src/tests/fuzz/fuzz-$h.c" $sources $libs >"$out/build-$h.log" 2>&1; then
		cat "$out/build-$h.log"
		echo "not ok $n - fuzz $h: does not build"
		failed=$((failed + 1))
		continue
	fi
	corpus=$out/corpus-$h
	mkdir -p "$corpus" && cp "$src/tests/fuzz/corpus/$h/"* "$corpus/" 2>/dev/null
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
