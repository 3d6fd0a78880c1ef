#!/bin/sh
# Times `up --dry-run default runner` against a bare `nix eval --json
# .#upManifest` on the same fixture flake: median of N runs each, one run of
# this script, printed with the ratios. Usage: bench/dispatch.sh [UP] [N]
. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/flake"
cp -R "$here/tests/fixtures/basic/." "$here/tests/fixtures/lib.nix" "$tmp/flake/"
commit_flake "$tmp/flake"
cd "$tmp/flake" || exit 1

"$UP" -n default runner >/dev/null 2>&1 # fills the cache
eval_ms=$(median_ms nix eval --json .#upManifest)
warm_ms=$(median_ms "$UP" --dry-run default runner)
cold_ms=$(median_ms "$UP" --no-cache --dry-run default runner)
echo "tests/fixtures/basic, median of $N runs:"
echo "  nix eval --json .#upManifest                      $eval_ms ms"
echo "  up --dry-run default runner (cache warm)          $warm_ms ms  ratio $(ratio "$warm_ms" "$eval_ms")"
echo "  up --no-cache --dry-run default runner (cold)     $cold_ms ms  ratio $(ratio "$cold_ms" "$eval_ms")"
