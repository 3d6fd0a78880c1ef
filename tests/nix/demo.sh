#!/bin/sh
# examples/demo: a flake without inputs in a subdirectory imports the
# repository's manifest and nix/lib.nix (../../), and its apps really run
# with `nix run`, offline, passing their arguments through.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

demo=$flake/examples/demo
system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)

nix_eval --expr 'import (builtins.getEnv "UP_TEST_ROOT" + "/profiles/default.nix")'
manifest=$out

run nix eval --json "$demo#upManifest"
is "$out" "$manifest" "path ref to the subdirectory flake: upManifest is ../../profiles/default.nix"
run nix eval --json "git+file://$flake?dir=examples/demo#upManifest"
is "$out" "$manifest" "git+file:...?dir=examples/demo: the same manifest"

nix_eval --expr "let r = builtins.getEnv \"UP_TEST_ROOT\"; in
  builtins.sort builtins.lessThan (map (t: t.name) ((import (r + \"/nix/lib.nix\")).targets (import (r + \"/profiles/default.nix\")) \"$system\"))"
want=$out
run nix eval --json "$demo#apps.$system" --apply builtins.attrNames
is "$out" "$want" "demo apps for $system are nix/lib.nix's target names"
run nix eval --json "$demo#apps.aarch64-darwin" --apply builtins.attrNames
is "$out" '["4k-abr-runner","default-runner","low-latency-runner","stress-test-runner"]' \
	"demo apps for aarch64-darwin: runners only"

# nix run, in a scratch directory: the playlist goes to $TMPDIR/up-demo/APP
# by default, never to the current directory (inside a flake it would be an
# untracked file that up warns about).
mkdir -p "$TEST_TMP/cwd" "$TEST_TMP/tmp"
cd "$TEST_TMP/cwd" || exit 99
run env TMPDIR="$TEST_TMP/tmp" nix run "$demo#default-runner" -- a 'b c' '$(id)'
ok "$rc" "nix run .#default-runner -- ARGS exits 0"
[ "$rc" -eq 0 ] || printf '%s\n' "$err" | tail -5 | sed 's/^/#   /'
like "$out" '^app=default-runner profile=default type=runner$' "it says which app, profile and type it is"
like "$out" '^args: \[a\] \[b c\] \[\$\(id\)\]$' "it got its arguments untouched"
like "$out" "^wrote $TEST_TMP/tmp/up-demo/default-runner/index\\.m3u8\$" "it reports the playlist it wrote, under TMPDIR"
is "$(ls -A)" "" "... and writes nothing in the current directory"
pl=$(cat "$TEST_TMP/tmp/up-demo/default-runner/index.m3u8" 2>/dev/null)
is "$(printf '%s\n' "$pl" | head -n 1)" "#EXTM3U" "the playlist starts with #EXTM3U"
like "$pl" '^#EXT-X-TARGETDURATION:2$' "target duration is the profile's 2 s segments"
is "$(printf '%s\n' "$pl" | grep -c '^#EXTINF:2\.000,$')" 3 "three 2 s segments"
like "$pl" '^#EXT-X-ENDLIST$' "the playlist is complete"

run env UP_DEMO_OUT="$TEST_TMP/ll" nix run "$demo#low-latency-runner"
ok "$rc" "nix run .#low-latency-runner with UP_DEMO_OUT"
like "$(cat "$TEST_TMP/ll/index.m3u8" 2>/dev/null)" '^#EXT-X-TARGETDURATION:1$' "low-latency: 1 s target duration"
like "$out" '^args:$' "no arguments: none shown"

case $system in
*-linux)
	run env UP_DEMO_OUT="$TEST_TMP/4k" nix run "$demo#origin-4k-container" -- -p 9000
	like "$out" '^app=origin-4k-container profile=4k-abr type=container$' "the override name runs the 4k-abr container target"
	like "$(cat "$TEST_TMP/4k/index.m3u8" 2>/dev/null)" '^#EXT-X-TARGETDURATION:4$' "4k-abr: 4 s target duration"
	;;
*)
	run nix run "$demo#origin-4k-container"
	[ "$rc" -ne 0 ]
	ok $? "no container app on $system"
	;;
esac

done_testing
