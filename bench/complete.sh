#!/bin/sh
# Times one TAB press, `up --complete -- p-01`, on a flake of 10,000
# profiles against a bare `nix eval --json .#upManifest` on the same flake:
# median of N runs each, with the manifest cache warm and cold, printed with
# the ratios. Usage: bench/complete.sh [UP] [N]
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

# The flake: 10,000 profiles p-00001 ... p-10000, each listing two of three
# types, built by Nix itself so the file stays small.
mkdir -p "$tmp/flake"
cat >"$tmp/flake/flake.nix" <<'NIX'
{
  outputs = { self }: {
    upManifest = {
      version = 1;
      name = "ten-thousand";
      types = {
        runner = { description = "Local process"; };
        container = { description = "OCI container"; };
        vm = { description = "NixOS VM"; };
      };
      profiles = builtins.listToAttrs (builtins.genList (i:
        let n = toString (i + 1);
            pad = builtins.substring 0 (5 - builtins.stringLength n) "00000";
        in {
          name = "p-${pad}${n}";
          value = {
            description = "profile number ${n} of the benchmark";
            types = if builtins.bitAnd i 1 == 0 then [ "runner" "vm" ] else [ "container" "runner" ];
          };
        }) 10000);
    };
  };
}
NIX
cd "$tmp/flake" && git init -q && git add -A && git -c user.name=b -c user.email=b@b commit -qm b

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

answers=$("$UP" --complete -- p-01 | wc -l) # also fills the cache
[ "$answers" -eq 1000 ] || { echo "bench/complete.sh: expected 1000 answers, got $answers" >&2; exit 1; }
eval_ms=$(median_ms nix eval --json .#upManifest)
warm_ms=$(median_ms "$UP" --complete -- p-01)
cold_ms=$(median_ms "$UP" --no-cache --complete -- p-01)
types_ms=$(median_ms "$UP" --complete -- p-01234 '')
echo "10,000 profiles, median of $N runs:"
echo "  nix eval --json .#upManifest              $eval_ms ms"
echo "  up --complete -- p-01 (cache warm)        $warm_ms ms  ratio $(ratio "$warm_ms" "$eval_ms")"
echo "  up --no-cache --complete -- p-01 (cold)   $cold_ms ms  ratio $(ratio "$cold_ms" "$eval_ms")"
echo "  up --complete -- p-01234 '' (types, warm) $types_ms ms  ratio $(ratio "$types_ms" "$eval_ms")"
