#!/bin/sh
# Times one TAB press, `up --complete -- p-01`, on a flake of 10,000
# profiles against a bare `nix eval --json .#upManifest` on the same flake:
# median of N runs each, with the manifest cache warm and cold, printed with
# the ratios. Usage: bench/complete.sh [UP] [N]
. "$(dirname "$0")/lib.sh"

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
commit_flake "$tmp/flake"
cd "$tmp/flake" || exit 1

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
