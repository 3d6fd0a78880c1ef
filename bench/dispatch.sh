#!/bin/sh
# Times `up --dry-run default runner` against a bare `nix eval --json
# .#upManifest` on the same fixture flake: median of N runs each, one run of
# this script, printed as ratios. Usage: bench/dispatch.sh [UP] [N]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
UP=${1:-$here/src/up}
N=${2:-20}
NIX_CONFIG='experimental-features = nix-command flakes
substituters =
sandbox = false'
export NIX_CONFIG
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache
cp -R "$here/tests/fixtures/basic/." "$tmp/flake/" 2>/dev/null || { mkdir -p "$tmp/flake" && cp -R "$here/tests/fixtures/basic/." "$tmp/flake/"; }
cp "$here/tests/fixtures/lib.nix" "$tmp/flake/"
cd "$tmp/flake" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm b

now() { date +%s%N; }
# median_ms CMD...: median wall time of N runs, in milliseconds (3 decimals).
median_ms() {
	i=0
	: >"$tmp/times"
	while [ $i -lt "$N" ]; do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
		echo $(((t1 - t0) / 1000)) >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m / 1000}'
}

"$UP" -n default runner >/dev/null 2>&1 # fill the cache
eval_ms=$(median_ms nix eval --json .#upManifest)
warm_ms=$(median_ms "$UP" --dry-run default runner)
cold_ms=$(median_ms "$UP" --no-cache --dry-run default runner)
echo "median of $N runs, one run:"
echo "  nix eval --json .#upManifest          ${eval_ms} ms"
echo "  up --dry-run default runner (cache)   ${warm_ms} ms  ratio $(echo "$warm_ms $eval_ms" | awk '{printf "%.3f", $1 / $2}')"
echo "  up --no-cache --dry-run default runner ${cold_ms} ms  ratio $(echo "$cold_ms $eval_ms" | awk '{printf "%.3f", $1 / $2}')"
