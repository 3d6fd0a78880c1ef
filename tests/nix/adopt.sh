#!/bin/sh
# Adopting up in another flake, as the README tells it, offline: the
# template (nix flake init -t), and an existing flake with the README's
# lines; each lists its targets, runs one, and passes up.lib.mkCheck. A
# stand-in nixpkgs (writeShellScriptBin only) builds the apps without the
# network; nix itself is the real one.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
stub=$(nixpkgs_stub)
commit() { git -c user.name=t -c user.email=t@example.invalid commit -qm "$1"; }

# --- the template -----------------------------------------------------------
new=$TEST_TMP/new
mkdir -p "$new" && cd "$new" || exit 99
run nix flake init -t "git+file://$flake"
ok "$rc" "nix flake init -t <up> (offline)"
like "$out$err" "inputs\.up\.url" "its welcome text says what to edit first (inputs.up.url)"
like "$out$err" "profiles/default\.nix" "... then the manifest"
for f in flake.nix profiles/default.nix nix/targets.nix; do
	[ -f "$f" ]; ok $? "the template gives $f"
done
git init -q && git add -A
run nix flake lock --override-input up "git+file://$flake" --override-input up/nixpkgs "path:$stub"
ok "$rc" "its lock (up from this repository, nixpkgs from the stand-in)"
git add -A && commit template
run "$UP" --list
is "$rc" 0 "up --list in the new flake"
like "$out" '^dev +local +dev-local +yes$' "it lists the template's targets"
like "$out" '^staging +vm +staging-vm ' "... every one of them"
run "$UP" dev local -- a 'b c'
is "$rc" 0 "a target of the new flake runs"
like "$out" "^dev-local: would start the service locally, profile dev \(port 8080, log debug\), with: a b c$" \
	"... its app, with the profile's settings and the words"
run nix build --no-link ".#checks.$system.up-apps"
ok "$rc" "its check builds (up.lib.mkCheck, no nixpkgs)"
run nix eval --json ".#apps.$system" --apply builtins.attrNames
is "$out" '["default","dev-local","dev-vm","staging-local","staging-vm","up"]' "its apps: one per target, up and default"
lines=$(grep -cv '^ *$' flake.nix)
echo "# the template's flake.nix: $lines non-blank lines"

# --- an existing flake, with the README's lines -------------------------------
old=$TEST_TMP/old
mkdir -p "$old/profiles" "$old/nix" && cd "$old" || exit 99
awk '/^## Adopting `up` in another flake/ {on = 1} on && /^```nix$/ {inside = 1; next}
	inside && /^```$/ {exit} inside' "$top_srcdir/README.md" >flake.nix
like "$(cat flake.nix)" "up\.lib\.mkFlake" "the README's lines for an existing flake"
lines=$(grep -v '^ *$' flake.nix | grep -vc 'inputs.nixpkgs.url')
ok "$([ "$lines" -le 10 ]; echo $?)" "they are at most ten lines besides the nixpkgs the flake had ($lines)"
cp "$new/profiles/default.nix" profiles/
cp "$new/nix/targets.nix" nix/
# The flake's own outputs, from before up: a default app, another app, a
# check, a package; the README's `outputs = { };` is where they go.
cat >nix/own.nix <<'NIX'
nixpkgs: let
  pkgs = nixpkgs.legacyPackages.SYSTEM;
  own = pkgs.writeShellScriptBin "own" "echo own default app";
in {
  packages.SYSTEM.own = own;
  apps.SYSTEM = {
    default = { type = "app"; program = "${own}/bin/own"; };
    legacy = { type = "app"; program = "${own}/bin/own"; };
  };
  checks.SYSTEM.lint = own;
}
NIX
sed -i "s/SYSTEM/$system/g" nix/own.nix
grep -q '^    outputs = { }; ' flake.nix
ok $? "the README's lines say where the flake's own outputs go"
sed 's|^    outputs = { }; .*|    outputs = import ./nix/own.nix nixpkgs;|' flake.nix >flake.tmp && mv flake.tmp flake.nix
git init -q && git add -A
run nix flake lock --override-input nixpkgs "path:$stub" --override-input up "git+file://$flake"
ok "$rc" "their lock (nixpkgs followed by up's)"
git add -A && commit existing
run "$UP" -n staging local
is "$rc:$out" "0:nix run .#staging-local" "up reads the flake's manifest"
run "$UP" staging local
like "$out" "^staging-local: would start the service locally, profile staging" "and runs its targets"
run nix build --no-link ".#checks.$system.up-apps"
ok "$rc" "and its check builds"
run nix eval --json ".#upManifest.name"
is "$out" '"service"' "upManifest is its manifest"
run nix eval --json ".#apps.$system" --apply builtins.attrNames
is "$out" '["default","dev-local","dev-vm","legacy","staging-local","staging-vm","up"]' \
	"its own apps (default, legacy) stay beside the targets' and up's"
run nix run .#default
is "$out" "own default app" "its own default app is not replaced by up's"
run nix eval --json ".#checks.$system" --apply builtins.attrNames
is "$out" '["lint","up-apps"]' "its own check stays beside up's"
run nix eval --json ".#packages.$system" --apply builtins.attrNames
is "$out" '["own"]' "its packages stay"
upline() { printf '%s\n' "$out" | grep -E '^[a-zA-Z]+ +up-app '; }
run "$UP" --doctor
like "$(upline)" "^ok +up-app +apps\.$system\.up is up's own app \(nix run \.#up\)$" \
	"--doctor: the flake's up app is up (the upApp its meta carries, read without a build)"
run nix eval --json ".#apps.$system.up.meta.upApp"
is "$out" "true" "... which mkFlake's up app carries"

# An old dispatcher left in the flake's own apps under up's name would
# hide up: mkFlake refuses it, naming it and both ways out.
base=$(git rev-parse HEAD)
sed "s|    legacy = |    up = { type = \"app\"; program = \"\${own}/bin/own\"; };\n    legacy = |" nix/own.nix >own.tmp &&
	mv own.tmp nix/own.nix && git add -A && commit old-up
run nix eval --json ".#apps.$system" --apply builtins.attrNames
isnt "$rc" 0 "an own app called up: apps.$system does not evaluate"
like "$err" "the flake's own outputs have apps\.$system\.up, the name of up's own app, so nix run \.#up would not run up" \
	"... the refusal names the app"
like "$err" "drop that app from .outputs. \(up's takes its place\), or give up's app another name: app = \"menu\";" \
	"... and both ways out"
run nix run .#up -- --list
isnt "$rc" 0 "nix run .#up -- --list does not run the old dispatcher"
unlike "$out" "own default app" "... (nothing of it ran)"
run nix build --no-link ".#checks.$system.up-apps"
isnt "$rc" 0 "checks.up-apps fails too"
run "$UP" --doctor
like "$(printf '%s\n' "$out" | grep -E '^FAIL +apps ')" "up\.lib\.mkFlake: the flake's own outputs have apps\.$system\.up" \
	"--doctor: FAIL, with mkFlake's reason"
# Named otherwise, up's app is menu and the old up stays the flake's.
sed 's|^    outputs = import ./nix/own.nix nixpkgs;|    app = "menu"; outputs = import ./nix/own.nix nixpkgs;|' flake.nix >flake.tmp &&
	mv flake.tmp flake.nix && git add -A && commit menu
run nix run .#up
is "$out" "own default app" "app = \"menu\": the flake's own up stays"
run nix run .#menu -- -n staging local
is "$out" "nix run .#staging-local" "... and up is .#menu"
run "$UP" --doctor
like "$(upline)" "^warn +up-app +apps\.$system\.up is not up's app \(its meta has no upApp = true\): nix run \.#up runs something else; up's own is apps\.$system\.menu$" \
	"--doctor: up's app is not apps.up, and which one is"
run nix run .#menu -- --doctor
like "$(upline)" "^ok +up-app +apps\.$system\.menu is up's own app \(nix run \.#menu\)$" \
	"nix run .#menu -- --doctor: its own app is up"
run nix build --no-link ".#checks.$system.up-apps"
ok "$rc" "... and checks.up-apps passes: the old up is the flake's, up's app is menu"
# A target whose app would be up's app's name: refused (up's app would hide it).
sed -i 's|dev = { description|dev = { app.local = "menu"; description|' profiles/default.nix && git add -A && commit clash
grep -q 'app.local = "menu"' profiles/default.nix; ok $? "(dev local's app is menu)"
run nix eval --json ".#apps.$system" --apply builtins.attrNames
like "$err" "profile 'dev' type 'local' has the app 'menu', the name of up's own app: give the target another app \(app\.<type> in its profile\), or up's app another name" \
	"a target's app under up's app's name: refused, naming the target"
git checkout -q HEAD~1 -- profiles/default.nix && git add -A && commit unclash
# An own check called up-apps: refused rather than replaced.
sed -i "s|checks\.$system\.lint = own;|checks.$system = { lint = own; up-apps = own; };|" nix/own.nix && git add -A && commit own-check
grep -q 'up-apps = own' nix/own.nix; ok $? "(an own check up-apps)"
run nix eval --json ".#checks.$system" --apply builtins.attrNames
like "$err" "the flake's own outputs have checks\.$system\.up-apps, the name of up's check" "an own checks.up-apps: refused, not replaced"
git checkout -q HEAD~1 -- nix/own.nix && git add -A && commit no-own-check
# A flake made by hand whose up app is not up: --doctor fails it.
hand=$TEST_TMP/hand
mkdir -p "$hand" && cp profiles/default.nix "$hand/manifest.nix" && cd "$hand" || exit 99
cat >flake.nix <<NIX
{ outputs = { self }: {
  upManifest = import ./manifest.nix;
  apps.$system = builtins.listToAttrs (map (name: { inherit name; value = { type = "app"; program = "/bin/true"; }; })
    [ "up" "dev-local" "dev-vm" "staging-local" "staging-vm" ]);
}; }
NIX
git init -q && git add -A && commit hand
run "$UP" --doctor
like "$(upline)" "^FAIL +up-app +apps\.$system\.up is not up's app \(its meta has no upApp = true\): nix run \.#up runs something else, an old dispatcher perhaps$" \
	"--doctor, a hand-made flake whose up app is not up: FAIL"
like "$out" "fix: drop that app from the flake's own outputs \(up\.lib\.mkFlake then adds up's\), or give up's app another name" \
	"... with both ways out"
sed -i 's/\[ "up" /[ /' flake.nix && git add -A && commit no-up
run "$UP" --doctor
like "$(upline)" "^ok +up-app +the flake has no app up " "--doctor: no up app at all is fine (up on PATH)"
# An up app whose meta cannot be evaluated: not known, a warning.
sed -i 's/\[ "dev-local" /[ "up" "dev-local" /; s|value = { type = "app"; program = "/bin/true"; };|value = { type = "app"; program = "/bin/true"; meta = if name == "up" then throw "no meta" else { }; };|' flake.nix &&
	git add -A && commit throwing-meta
run "$UP" --doctor
like "$(upline)" "^warn +up-app +cannot evaluate apps\.$system\.up's meta: whether it is up is not known$" \
	"--doctor: an up app whose meta throws: not known, a warning"
# mkCheck alone, in a flake made by hand: an up app that is not up fails it.
L="let lib = (import (builtins.getEnv \"UP_TEST_ROOT\" + \"/nix/lib.nix\")); in"
nix_eval --expr "$L lib.problems { manifest = { types.t = { }; profiles.a = { }; }; system = \"x86_64-linux\"; apps = { a-t.type = \"app\"; up = { type = \"app\"; program = \"/x\"; }; }; }"
like "$out" "apps\.x86_64-linux\.up is not up's own app \(its meta has no upApp = true\)" "lib.problems: an up app that is not up"
nix_eval --expr "$L lib.problems { manifest = { types.t = { }; profiles.a = { }; }; system = \"x86_64-linux\"; apps = { a-t.type = \"app\"; up = { type = \"app\"; meta.upApp = true; }; }; }"
is "$out" "[]" "... and none when it is (meta.upApp = true)"
cd "$old" || exit 99
git checkout -q "$base" -- flake.nix nix/own.nix profiles && git add -A && commit back

# The name of up's app, and when it is the default.
sed 's|^    outputs = import ./nix/own.nix nixpkgs;|    app = "menu"; defaultApp = "always"; outputs = import ./nix/own.nix nixpkgs;|' flake.nix >flake.tmp &&
	mv flake.tmp flake.nix && git add -A && commit named
run nix eval --json ".#apps.$system" --apply 'a: [ (a ? up) (a ? menu) (a.default.meta.description == a.menu.meta.description) ]'
is "$out" '[false,true,true]' "app = \"menu\": up's app is called menu; defaultApp = \"always\" makes it the default"
sed 's|defaultApp = "always"|defaultApp = "sometimes"|' flake.nix >flake.tmp && mv flake.tmp flake.nix && git add -A && commit bad
run nix eval --json ".#apps.$system" --apply builtins.attrNames
like "$err" 'defaultApp is "if-absent", "always" or "never", not "sometimes"' "a defaultApp up does not know is refused, saying which it knows"
git checkout -q HEAD~2 -- flake.nix && git add -A && commit good

# up as the flake's app (nix run .#up): its help, usage errors and hints
# say how to run it that way.
run nix run .#up -- --help
like "$out" '^Usage: nix run \.#up -- \[OPTION\]\.\.\. \[PROFILE \[TYPE\]\] \[--\] \[ARG\]\.\.\.$' "nix run .#up -- --help: the usage says nix run .#up --"
like "$out" '^  nix run \.#up -- --list ' "... with examples"
like "$out" '^  nix run \.#up -- --completions bash > ~/\.up-completion\.bash$' "... and how to get completions without up on PATH"
run nix run .#up -- --bogus
like "$err" "^up: unknown option '--bogus'; try 'nix run \.#up -- --help'$" "a usage error's hint says nix run .#up --"
mkdir -p deeper/down && cd deeper/down || exit 1
run nix run ../..#up -- --bogus
like "$err" "^up: unknown option '--bogus'; try 'nix run \.#up -- --help'$" "... also from a directory below the flake (nix run .#up finds it there)"
cd ../.. || exit 1
run nix run .#up -- staging --port 1
is "$rc" 64 "a word starting with - after PROFILE: 64"
like "$err" "^  nix run \.#up -- staging -- --port 1$" "... and the command it suggests says nix run .#up --"
run nix run .#up -- -n staging -- --port 1
is "$out" "nix run .#staging-local -- --port 1" "... which works as printed"
run nix run .#up -- -n staging local
is "$out" "nix run .#staging-local" "nix run .#up -- -n P T: up runs as the flake's app"
run nix run .#up -- --completions bash
like "$out" "__up_self" "nix run .#up -- --completions bash: a script that asks this up at TAB time"

# --- the up app's fallback: a public reference, pinned ---------------------------
L="let lib = (import (builtins.getEnv \"UP_TEST_ROOT\" + \"/nix/lib.nix\")); in"
nix_eval --expr "$L lib.defaultFlake { rev = \"abc\"; outPath = \"/nix/store/x-source\"; } \"github:me/svc\""
is "$out" '"github:me/svc?rev=abc"' "defaultFlake: the public reference, pinned to the revision"
nix_eval --expr "$L lib.defaultFlake { rev = \"abc\"; outPath = \"/x\"; } \"git+https://e.org/s?ref=main\""
is "$out" '"git+https://e.org/s?ref=main&rev=abc"' "defaultFlake: a reference with a query keeps it"
nix_eval --expr "$L lib.defaultFlake { outPath = \"/x\"; } \"github:me/svc\""
is "$out" '"github:me/svc"' "defaultFlake: no revision known (a dirty tree): the reference as given"
nix_eval --expr "$L lib.defaultFlake { outPath = \"/nix/store/x-source\"; } null"
is "$out" '"/nix/store/x-source"' "defaultFlake: no reference: the store path"
pinned="git+file://$old?rev=$(git rev-parse HEAD)"
mkdir -p "$TEST_TMP/elsewhere" && cd "$TEST_TMP/elsewhere" || exit 99
UP_DEFAULT_FLAKE=$pinned run "$UP" -n dev local
is "$rc:$out" "0:nix run '$pinned#dev-local'" "from anywhere, up prints the pinned reference it falls back to"

done_testing
