#!/bin/sh
# examples/relay: a flake-utils project adopting up. Its old apps keep their
# irregular names and need no builder; the one target without an app is
# built from the flake's own outputs ({ system, outputs }); adopting adds at
# most 25 lines; and every name the flake had, on every system, is still
# there (only up's additions differ). flake-utils and nixpkgs are the
# stand-ins of tests/fixtures/standins; nix is the real one.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
stub=$(nixpkgs_stub)
utils=$(utils_stub)
commit() { git -c user.name=t -c user.email=t@example.invalid commit -qm "$1"; }

# The flake before up, as its own repository; then up adopted in it.
relay=$TEST_TMP/relay
mkdir -p "$relay" && cp "$flake/examples/relay/before/flake.nix" "$relay/" && cd "$relay" || exit 99
git init -q && git add -A
run nix flake lock --override-input nixpkgs "path:$stub" --override-input flake-utils "path:$utils"
ok "$rc" "the flake before up locks (the stand-ins for nixpkgs and flake-utils)"
git add -A && commit before

# names: the names of apps, packages, checks and devShells, on each system.
names() {
	nix eval --json --impure --expr "let f = builtins.getFlake \"git+file://$relay?rev=$(git rev-parse HEAD)\"; in
		builtins.mapAttrs (_: builtins.mapAttrs (_: builtins.attrNames)) { inherit (f) apps packages checks devShells; }"
}
before=$(names)
like "$before" '"x86_64-darwin":\["bench","default","image-load","serve","serve-debug","vm","vm-debug"\]' \
	"before up: its apps, on every system (vm ones on darwin too)"

mkdir -p profiles && cp "$flake/examples/relay/flake.nix" . && cp "$flake/examples/relay/profiles/default.nix" profiles/
git add -A
run nix flake lock --override-input nixpkgs "path:$stub" --override-input flake-utils "path:$utils" \
	--override-input up "git+file://$flake"
ok "$rc" "after: it locks (up from this repository)"
git add -A
added=$(git diff --cached --numstat HEAD -- . ':!flake.lock' | awk '{ n += $1 } END { print n }')
ok "$([ "$added" -le 25 ]; echo $?)" "adopting up adds $added lines, the manifest and flake.nix (at most 25)"
commit after
like "$(tr '\n' ' ' <"$top_srcdir/README.md")" "examples/relay., $added lines added" "the README says how many ($added)"
like "$(tr '\n' ' ' <"$top_srcdir/docs/DESIGN.md")" "up adds $added lines" "... and so does docs/DESIGN.md"
lines=$(cat "$flake/examples/swarm/flake.nix" "$flake/examples/swarm/profiles/default.nix" | grep -v '^ *#' | grep -vc '^ *$')
ok "$([ "$lines" -le 40 ]; echo $?)" "examples/swarm stays at most 40 lines ($lines)"

# Nothing lost: after minus before is empty, everywhere; before's names
# plus up's additions are after's.
after=$(names)
nix_eval --expr "let b = builtins.fromJSON ''$before''; a = builtins.fromJSON ''$after'';
	minus = x: y: builtins.mapAttrs (k: bySystem: builtins.mapAttrs (s: ns: builtins.filter (n: !(builtins.elem n (y.\${k}.\${s} or [ ]))) ns) bySystem) x;
	in { lost = minus b a; added = minus a b; }"
is "$out" '{"added":{"apps":{"aarch64-darwin":["debug-container","up"],"aarch64-linux":["debug-container","up"],"x86_64-darwin":["debug-container","up"],"x86_64-linux":["debug-container","up"]},"checks":{"aarch64-darwin":["up-apps"],"aarch64-linux":["up-apps"],"x86_64-darwin":["up-apps"],"x86_64-linux":["up-apps"]},"devShells":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]},"packages":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]}},"lost":{"apps":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]},"checks":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]},"devShells":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]},"packages":{"aarch64-darwin":[],"aarch64-linux":[],"x86_64-darwin":[],"x86_64-linux":[]}}}' \
	"on each system: nothing lost (the darwin vm apps included); added only up, the one built target, up-apps"
nix_eval "$relay#apps.x86_64-darwin.vm.program"
like "$out" "-run-vm/bin/run-vm\"$" "a darwin vm app is still the flake's own (the manifest's vm is for linux only)"

# The old apps are the targets' apps: no builder made them.
run "$UP" --flake "$relay" --list
like "$out" '^release +local +serve +yes$' "release local is the old app serve"
like "$out" '^debug +vm +vm-debug ' "debug vm is the old app vm-debug"
like "$out" '^debug +container +debug-container +yes$' "debug container: the one target without an old app"
run "$UP" --flake "$relay" release local -- a
is "$out" "relay: the relay (release) as a local process, args: a" "release local runs the flake's own serve"
run "$UP" --flake "$relay" debug container -- b
is "$out" "image-load: the relay (debug) in an OCI container, args: b" \
	"debug container: a builder given the flake's own outputs made it from packages.image-debug"
run nix run "$relay#default"
is "$out" "relay: the relay (release) as a local process, args: " "its default app is still its own"
run nix build --no-link "$relay#checks.$system.up-apps"
ok "$rc" "checks.up-apps: every target has its app"
run nix flake check "$relay"
ok "$rc" "nix flake check passes (up's outputs and the flake's own checks)"
run "$UP" --flake "$relay" --doctor
like "$out" "ok +up-app +apps\\.$system\\.up is up's own app" "--doctor: its up app is up"

# Without the builder, the target without an app is named, with both ways out.
sed -i '/^    # Only debug/,/^    };$/d' flake.nix && git add -A && commit no-builders
grep -q builders flake.nix && fail=1 || fail=0
is "$fail" 0 "(the builders removed)"
run nix build --no-link "$relay#checks.$system.up-apps"
isnt "$rc" 0 "no builders: checks.up-apps fails"
like "$err" "no builder for type 'container' \\(needed by app 'debug-container', which the flake does not have\\): give builders\\.container = target: \\.\\.\\.;, or the flake's own apps\\.$system\\.debug-container" \
	"... naming the target without an app, and both ways out"
run "$UP" --flake "$relay" release local -- c
is "$out" "relay: the relay (release) as a local process, args: c" "... while every target with an old app runs (no builder needed)"

# builders = system: ... (the older form) still works.
sed -i 's|^    outputs =$|    builders = system: { container = t: flake-utils.lib.mkApp { drv = self.packages.${system}.image-debug; }; };\n    outputs =|' flake.nix &&
	git add -A && commit system-builders
run "$UP" --flake "$relay" debug container -- d
is "$out" "image-load: the relay (debug) in an OCI container, args: d" "builders = system: ... still works"

done_testing
