# Shared by the benchmarks: the up under test, the number of runs, real nix
# offline, a scratch directory, and the median of N timed runs.
# Sourced with the benchmark's arguments: [UP] [N].
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
export XDG_CACHE_HOME="$tmp/cache"

# commit_flake DIR: makes DIR a git repository with everything committed.
commit_flake() {
	(cd "$1" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm b)
}

now() { date +%s%N; }
# median_ms CMD...: median wall time of N runs, in milliseconds.
median_ms() {
	i=0
	: >"$tmp/times"
	while [ "$i" -lt "$N" ]; do
		t0=$(now)
		"$@" >/dev/null 2>&1
		t1=$(now)
		echo $(((t1 - t0) / 1000)) >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ a[NR] = $1 }
		END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
