# Shared by the benchmarks: the up under test, the number of runs, real nix
# offline, a scratch directory, and measure (median wall time and peak RSS
# of N runs, bench/measure.c). Sourced with the benchmark's arguments:
# [UP] [N].
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
UP=${1:-$here/src/up}
N=${2:-20}
NIX_CONFIG='experimental-features = nix-command flakes
substituters =
sandbox = false'
export NIX_CONFIG
unset UP_FLAKE UP_DEFAULT_FLAKE UP_NIX CI
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
${CC:-cc} -O2 -o "$tmp/measure" "$here/bench/measure.c" || exit 1

# commit_flake DIR: makes DIR a git repository with everything committed.
commit_flake() {
	(cd "$1" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm b)
}

# measure [N] CMD... [--vs CMD2...]: sets ms (median), rss (peak KiB) and
# status; with --vs, the two run by turns and CMD2's are in ms2, rss2.
measure() {
	n=$N
	case $1 in [0-9]*) n=$1; shift ;; esac
	set -- $("$tmp/measure" "$n" "$@")
	ms=$1 rss=$2 status=$3 ms2=${4:-} rss2=${5:-}
}
ratio() { echo "$1 $2" | awk '{ printf "%.3f", $1 / $2 }'; }
