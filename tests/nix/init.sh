#!/bin/sh
# up --init (up(1) THE MANIFEST): the apps of examples/swarm as the flake
# had them before up (its targets' apps, its default and report), in a
# flake without a manifest; the draft up makes of them, written by --init
# --write and exported, gives every target the app it had, and each runs.
# Then what --init refuses.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
stub=$(nixpkgs_stub)
commit() { git -c user.name=t -c user.email=t@example.invalid commit -qm "$1"; }

# The swarm's apps, as the adopted example has them (up's own app aside).
swarm=$TEST_TMP/swarm
cp -R "$flake/examples/swarm" "$swarm" && cd "$swarm" || exit 99
git init -q && git add -A
run nix flake lock --override-input up "git+file://$flake" --override-input nixpkgs "path:$stub"
ok "$rc" "examples/swarm locks (offline)"
git add -A && commit swarm
nix_eval "$swarm#apps.$system" --apply 'a: builtins.filter (n: n != "up") (builtins.attrNames a)'
names=$out
like "$names" '"test-origin-default-runner"' "its apps: test-origin-<profile>-<type> ..."
like "$names" '"report"' "... and its own (report, default)"

# Before up: a flake with those apps and no manifest, each printing its name.
before=$TEST_TMP/before
mkdir -p "$before" && cd "$before" || exit 99
printf '%s\n' "$names" >names.json
cat >flake.nix <<'NIX'
{
  outputs = { self }: {
    apps.SYSTEM = builtins.listToAttrs (map (name: {
      inherit name;
      value = let
        script = builtins.toFile "app" ("#!/bin/sh\necho app=" + name + " \"$*\"\n");
        drv = derivation { name = "app"; system = "SYSTEM"; builder = "/bin/sh";
          args = [ "-c" "/bin/mkdir -p $out/bin && /bin/cp ${script} $out/bin/app && /bin/chmod 755 $out/bin/app" ]; };
      in { type = "app"; program = "${drv}/bin/app"; };
    }) (builtins.fromJSON (builtins.readFile ./names.json)));
  };
}
NIX
sed -i "s/SYSTEM/$system/g" flake.nix
git init -q && git add -A && commit before
run "$UP" -n test-origin-default-runner
is "$out" "nix run .#test-origin-default-runner" "before: up offers the apps as they are"

run "$UP" --init
is "$rc" 0 "up --init: exit 0"
like "$out" '^  app = "test-origin-\{profile\}-\{type\}";$' "the shared prefix goes into the app template"
like "$out" '^    \{ name = "runner"; \}$' "the shared last parts are types: runner ..."
like "$out" '^    \{ name = "vm"; \}$' "... vm"
like "$out" '^    stress-test = \{ types = \[ "runner" "vm" "container" \]; \};$' \
	"profiles list the types their apps have, in the types' order (as the names first show them)"
like "$out" '^    report = \{ app = \{ app = "report"; \}; types = \[ "app" \]; \};$' \
	"an app that shares nothing is a profile of its own, with the type app, naming it"
like "$out" '^  defaults = \{$' "the app default is the default"
like "$out" '^#   upManifest = import \./profiles/default\.nix;' "... and it says what flake.nix needs"
draft=$out

run "$UP" --init --write
is "$rc" 0 "up --init --write: exit 0"
like "$out" "^wrote $before/profiles/default\\.nix: " "... writes profiles/default.nix"
is "$(cat profiles/default.nix)" "$(printf '%s\n' "$draft" | sed '/^# Then export it/,$d')" "... the draft it prints"
run "$UP" --init --write
is "$rc" 64 "again: 64, never over the file"
like "$err" "profiles/default\\.nix exists: --init --write never writes over it" "... saying so"

# Exported, the draft gives every target the app it had.
sed -i 's|outputs = { self }: {|outputs = { self }: { upManifest = import ./profiles/default.nix;|' flake.nix
git add -A && commit manifest
run "$UP" --list --json
is "$rc" 0 "the drafted manifest is up's manifest now"
nix_eval --expr "let t = builtins.fromJSON ''$out''; in builtins.sort builtins.lessThan (map (x: x.app) t)"
targets_apps=$out
nix_eval --expr "builtins.sort builtins.lessThan (builtins.fromJSON ''$names'')"
is "$targets_apps" "$out" "each app it had is the app of exactly one target"
run "$UP" stress-test vm a
is "$out" "app=test-origin-stress-test-vm a" "a target runs the app it had"
run "$UP" report
is "$out" "app=report " "... an app kept as it is too"
CI=1 run "$UP"
is "$out" "app=default " "... and with no choice made, the default app, as before"
run "$UP" --init
is "$rc" 64 "--init in a flake with a manifest: 64"
like "$err" "has a manifest already \\(upManifest\\)" "... saying so"
run "$UP" --write
is "$rc" 64 "--write alone: 64"

# Names a manifest cannot hold (over 255 long): left out, the rest drafted.
long=$(printf '%0250d' 0 | tr 0 x)
mkdir -p "$TEST_TMP/long" && cd "$TEST_TMP/long" || exit 99
sed "s/SYSTEM/$system/g" "$before/flake.nix" | sed 's|upManifest = import ./profiles/default.nix;||' >flake.nix
printf '["%s-a-runner","%s-b-runner","c-runner","d-runner"]\n' "$long" "$long" >names.json
git init -q && git add -A && commit long
run "$UP" --init
is "$rc" 0 "--init with names over 255 long: exit 0"
like "$out" "^# Left out: x{250}-a-runner \\(a manifest's app is a name of" "... they are left out, and it says so"
like "$out" '^    c = \{ \};$' "... the others drafted"
# --write into a profiles that is a file, or a link to elsewhere: 64, nothing written.
: >profiles && git add -A && commit file
run "$UP" --init --write
is "$rc" 64 "--init --write where profiles is a file: 64"
rm profiles && mkdir -p "$TEST_TMP/elsewhere" && ln -s "$TEST_TMP/elsewhere" profiles
run "$UP" --init --write
is "$rc:$(ls "$TEST_TMP/elsewhere")" "64:" "... or a link to a directory elsewhere: 64, nothing written there"

done_testing
