#!/bin/sh
# The flake's manifest and app names, checked with a real `nix eval`, offline:
# upManifest is profiles/default.nix unchanged; nix/lib.nix yields exactly the
# expected apps per system (overrides, templates, list-form profiles); the
# flake's apps are those names; nothing here needs nixpkgs.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

# The expression prefix every test below uses.
L='let
  root = builtins.getEnv "UP_TEST_ROOT";
  lib = import (root + "/nix/lib.nix");
  apps = lib.targets;
  manifest = import (root + "/profiles/default.nix");
  names = ts: map (t: t.name) ts;
in'

linux='["origin-4k-container","4k-abr-runner","4k-abr-vm","default-container","default-runner","default-vm","low-latency-runner","low-latency-vm","stress-test-runner","stress-test-container"]'
darwin='["4k-abr-runner","default-runner","low-latency-runner","stress-test-runner"]'

# --- the manifest --------------------------------------------------------
nix_eval --expr "$L manifest"
direct=$out
ok "$rc" "profiles/default.nix evaluates without nixpkgs"
like "$direct" '"version":1[,}]' "manifest version is 1"
like "$direct" '"name":"hls-origin"' "manifest name is hls-origin"

run nix eval --json "$flake#upManifest"
ok "$rc" "nix eval <flake>#upManifest works offline (flake.lock present, nixpkgs not fetched)"
[ "$rc" -eq 0 ] || printf '%s\n' "$err" | head -5 | sed 's/^/#   /'
is "$out" "$direct" "upManifest is exactly import ./profiles/default.nix"

run git -C "$flake" status --porcelain
is "$out" "" "evaluating did not rewrite flake.lock (it matches flake.nix's input)"

# --- nix/lib.nix: targets --------------------------------------------------------
nix_eval --expr "$L names (apps manifest \"x86_64-linux\")"
is "$out" "$linux" "x86_64-linux: every profile x type, override applied"
nix_eval --expr "$L names (apps manifest \"aarch64-linux\")"
is "$out" "$linux" "aarch64-linux: same as x86_64-linux"
nix_eval --expr "$L names (apps manifest \"aarch64-darwin\")"
is "$out" "$darwin" "aarch64-darwin: runners only (no container, no vm)"
nix_eval --expr "$L names (apps manifest \"x86_64-darwin\")"
is "$out" "$darwin" "x86_64-darwin: runners only"
nix_eval --expr "$L names (lib.allTargets manifest)"
is "$out" "$linux" "apps.all lists every target whatever its systems"

nix_eval --expr "$L builtins.filter (t: t.profile == \"4k-abr\" && t.type == \"container\") (lib.allTargets manifest)"
like "$out" '"name":"origin-4k-container"' "4k-abr x container uses the override origin-4k-container"
unlike "$out" '4k-abr-container' "... and not the template name"
nix_eval --expr "$L (builtins.head (apps manifest \"aarch64-darwin\")).settings.segmentSeconds"
is "$out" "4" "targets carry their profile's settings"

nix_eval --expr "$L names (apps {
  app = \"hls-{type}-{profile}\";
  types = { b = { }; a = { systems = [ \"x86_64-linux\" ]; }; };
  profiles = [ { name = \"z\"; } { name = \"y\"; types = [ \"b\" ]; app = { b = \"why\"; }; } ];
} \"aarch64-darwin\")"
is "$out" '["hls-b-z","why"]' "list profiles keep their order; template, override, systems filter"
nix_eval --expr "$L names (lib.allTargets { types = { b = { }; a = { }; }; profiles = { p = { }; }; })"
is "$out" '["p-a","p-b"]' "no app template: {profile}-{type}; no types: all, sorted"

# One order: an attrset's names in natural order (svc2 before svc10), the
# same in nix/lib.nix as up shows them.
set='{ "a+" = { }; a1 = { }; ab = { }; a = { }; svc10 = { }; svc2 = { }; svc02 = { }; x7 = { }; x007 = { }; _u = { }; "4k" = { }; k = { }; }'
nix_eval --expr "$L map (t: t.profile) (lib.allTargets { types = { t10 = { }; t9 = { }; }; profiles = $set; })"
nix_order=$out
is "$nix_order" '["4k","4k","_u","_u","a","a","a1","a1","a+","a+","ab","ab","k","k","svc02","svc02","svc2","svc2","svc10","svc10","x007","x007","x7","x7"]' \
	"nix/lib.nix: an attrset's profiles in natural order"
nix_eval --expr "$L map (t: t.type) (lib.allTargets { types = { t10 = { }; t9 = { }; }; profiles = { p = { }; }; })"
is "$out" '["t9","t10"]' "... and its types"
order=$TEST_TMP/order
mkdir -p "$order"
printf '{ outputs = { self }: { upManifest = { version = 1; types = { t10 = { }; t9 = { }; }; profiles = %s; }; }; }\n' "$set" >"$order/flake.nix"
(cd "$order" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm order)
up_order=$(cd "$order" && UP_COMPLETE_TIMEOUT=0 "$UP" --complete -- '' | cut -f1 | awk '{ printf "%s\"%s\",\"%s\"", (NR > 1 ? "," : "["), $0, $0 } END { print "]" }')
is "$up_order" "$nix_order" "up shows them in the same order"

# --- the flake's apps ------------------------------------------------------
for s in x86_64-linux aarch64-linux x86_64-darwin aarch64-darwin; do
	nix_eval --expr "$L builtins.sort builtins.lessThan (names (apps manifest \"$s\") ++ [ \"default\" \"up\" ])"
	want=$out
	run nix eval --json "$flake#apps.$s" --apply builtins.attrNames
	is "$out" "$want" "flake apps.$s: exactly the manifest's apps plus up and default"
	nix_eval --expr "$L lib.problems { inherit manifest; system = \"$s\"; apps = (builtins.getFlake \"git+file://$flake\").apps.$s; }"
	is "$out" "[]" "checks.$s.apps logic finds nothing wrong"
done
for o in packages checks devShells formatter; do
	run nix eval --json "$flake#$o" --apply builtins.attrNames
	is "$out" '["aarch64-darwin","aarch64-linux","x86_64-darwin","x86_64-linux"]' "flake $o: the four systems (offline)"
done
run nix eval --json "$flake#packages.x86_64-linux" --apply builtins.attrNames
is "$out" '["default","flake-up","up"]' "packages: up (also as flake-up, its package name) and default"
run nix eval --json "$flake#checks.aarch64-darwin" --apply builtins.attrNames
is "$out" '["apps","package"]' "checks: package and apps"

nix_eval --expr "$L lib.problems { inherit manifest; system = \"x86_64-darwin\"; apps = { default-runner.type = \"app\"; up.type = \"app\"; }; }"
like "$out" "no app '4k-abr-runner' for profile '4k-abr', type 'runner' on x86_64-darwin" \
	"the check names a missing app, its profile and type"
nix_eval --expr "$L lib.problems { manifest = { types.t = { }; profiles = { a.app.t = \"same\"; b.app.t = \"same\"; }; }; system = \"x86_64-linux\"; apps = { same.type = \"app\"; }; }"
like "$out" "profile 'a' type 't' and profile 'b' type 't' both have the app 'same'" \
	"the check catches two targets with one app name, naming both"
nix_eval --expr "$L lib.problems { manifest = { types = { t = { }; m = { systems = [ \"aarch64-darwin\" ]; }; }; profiles = { a.app.t = \"same\"; a.app.m = \"same\"; }; }; system = \"x86_64-linux\"; apps = { same.type = \"app\"; }; }"
like "$out" "profile 'a' type 'm' and profile 'a' type 't' both have the app 'same'" \
	"... also when one of them is for another system (as up refuses it)"
nix_eval --expr "$L lib.problems { manifest = { types.t = { }; profiles = { a.app.t = \"up\"; }; }; system = \"x86_64-linux\"; apps = { up.type = \"app\"; }; }"
like "$out" "a target's app is called 'up'" "the check refuses an app called up"

# --- nix/lib.nix: profiles with systems, mkApps, mkCheck ---------------------
M='{ name = "svc"; types = { local = { }; vm = { systems = [ "x86_64-linux" ]; }; };
  profiles = { dev = { settings.port = 8; }; mac = { systems = [ "aarch64-darwin" ]; types = [ "local" ]; }; }; }'
nix_eval --expr "$L names (lib.targets $M \"aarch64-darwin\")"
is "$out" '["dev-local","mac-local"]' "a profile's systems count too (mac-only on darwin)"
nix_eval --expr "$L names (lib.targets $M \"x86_64-linux\")"
is "$out" '["dev-local","dev-vm"]' "... and keep it off other systems"
B='builders = { local = t: { type = "app"; program = "/nix/store/x-${t.name}"; }; vm = t: derivation { name = t.name; system = "x86_64-linux"; builder = "/bin/sh"; }; }'
nix_eval --expr "$L builtins.mapAttrs (n: a: a.program) (lib.mkApps { manifest = $M; system = \"x86_64-linux\"; $B; })"
like "$out" '"dev-local":"/nix/store/x-dev-local"' "mkApps: an app from a builder is kept"
like "$out" '"dev-vm":"/nix/store/[a-z0-9]+-dev-vm/bin/dev-vm"' "mkApps: a derivation runs its bin/<target name>"
nix_eval --expr "$L (lib.mkApps { manifest = $M; system = \"x86_64-linux\"; $B; }).dev-local.type"
is "$out" '"app"' "mkApps: apps are apps"
run nix eval --impure --expr "$L lib.mkApps { manifest = $M; system = \"x86_64-linux\"; builders = { }; }" --json
like "$err" "no builder for type 'local' \(needed by app 'dev-local', which the flake does not have\): give builders\.local = target: \.\.\.;, or the flake's own apps\.x86_64-linux\.dev-local" "mkApps: a missing builder is named, with both ways out"
nix_eval --expr "$L (lib.mkCheck { manifest = $M; system = \"x86_64-linux\"; apps = lib.mkApps { manifest = $M; system = \"x86_64-linux\"; $B; }; }).name"
is "$out" '"up-apps-match"' "mkCheck: a derivation when every target has its app (no nixpkgs)"
run nix eval --impure --json --expr "$L (lib.mkCheck { manifest = $M; system = \"x86_64-linux\"; apps = { }; }).name"
like "$err" "the manifest and apps.x86_64-linux disagree: no app 'dev-local'" "mkCheck: fails naming what is missing"

# --- types as a list: the author's order ----------------------------------------
LM='{ name = "svc"; types = [ { name = "runner"; } { name = "container"; } { name = "vm"; systems = [ "x86_64-linux" ]; } ];
  profiles = { dev = { aliases = [ "d" ]; }; two = { types = [ "vm" "runner" ]; }; }; }'
nix_eval --expr "$L names (lib.targets $LM \"x86_64-linux\")"
is "$out" '["dev-runner","dev-container","dev-vm","two-vm","two-runner"]' "types as a list: a profile without types lists them in the list's order"
nix_eval --expr "$L names (lib.targets $LM \"aarch64-linux\")"
is "$out" '["dev-runner","dev-container","two-runner"]' "... and a listed type's systems count"

done_testing
