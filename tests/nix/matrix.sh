#!/bin/sh
# CI fan-out (up(1) CI FAN-OUT): githubActions.matrix in nix-github-actions'
# shape, from up.lib (builtins only) in examples/demo and from mkFlake in
# examples/swarm (the stand-in nixpkgs); up --matrix, the flake's own or
# computed from the manifest as up.lib.mkMatrix computes it; each entry
# checked against the manifest; the demo's entries for this system built
# offline, one after another, as the fan-out would; the workflow of
# examples/github-ci.yml, as the README shows it, names what the flake has.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
commit() { git -c user.name=t -c user.email=t@example.invalid commit -qm "$1"; }
demo=$flake/examples/demo
L="let lib = (import (builtins.getEnv \"UP_TEST_ROOT\" + \"/nix/lib.nix\")); in"

# --- the demo: up.lib.mkGithubActions ---------------------------------------------
run "$UP" --flake "$demo" --matrix
is "$rc" 0 "up --matrix: exit 0"
matrix=$out
nix_eval "$demo#githubActions.matrix"
is "$matrix" "$out" "... the flake's own githubActions.matrix, as nix gives it"
printf '%s\n' "$matrix" >"$TEST_TMP/matrix.json"
# Every entry against the manifest, in nix: (name, system) once each, a
# name a job can have, the systems its type and profile allow, kvm and the
# programs as they require, os GitHub's label for the system.
check='let
  m = builtins.fromJSON (builtins.readFile (builtins.getEnv "TEST_TMP" + "/matrix.json"));
  man = import (builtins.getEnv "UP_TEST_ROOT" + "/profiles/default.nix");
  ty = e: man.types.${e.type}; pr = e: man.profiles.${e.profile};
  allows = x: s: !(x ? systems) || builtins.elem s x.systems;
  req = e: (ty e).requires or [ ] ++ (pr e).requires or [ ];
  bad = e: builtins.concatLists [
    (if builtins.match "[A-Za-z0-9_+-]+" e.name == null then [ "name" ] else [ ])
    (if !(allows (ty e) e.system && allows (pr e) e.system) then [ "system" ] else [ ])
    (if e.kvm != builtins.elem "kvm" (req e) then [ "kvm" ] else [ ])
    (if e.programs != map (r: r.program) (builtins.filter builtins.isAttrs (req e)) then [ "programs" ] else [ ])
    (if e.os != [ ({ x86_64-linux = "ubuntu-24.04"; aarch64-linux = "ubuntu-24.04-arm"; x86_64-darwin = "macos-15-intel"; aarch64-darwin = "macos-15"; }.${e.system}) ] then [ "os" ] else [ ])
    (if e.attr != "githubActions.checks.${e.system}.\"${e.name}\"" then [ "attr" ] else [ ])
  ];
  keys = map (e: "${e.name} ${e.system}") m.include;
  unique = builtins.attrNames (builtins.listToAttrs (map (name: { inherit name; value = null; }) keys));
  in { n = builtins.length m.include; unique = builtins.length unique;
       bad = builtins.filter (x: x.why != [ ]) (map (e: { inherit (e) name system; why = bad e; }) m.include);
       fields = builtins.attrNames (builtins.head m.include); }'
TEST_TMP=$TEST_TMP nix_eval --expr "$check"
is "$out" '{"bad":[],"fields":["attr","kvm","name","os","profile","programs","system","type"],"n":28,"unique":28}' \
	"the demo's 28 entries (10 on each Linux, 4 on each Darwin): each right against the manifest, (name, system) once each"
# Every target meant for a system is there, and nothing else: as many as up --list counts here.
run "$UP" --flake "$demo" --list --json
here=$(printf '%s\n' "$out" | grep -o '"profile":' | wc -l | tr -d ' ')
run "$UP" --flake "$demo" --matrix="$system"
is "$(printf '%s\n' "$out" | grep -o '"name":' | wc -l | tr -d ' ')" "$here" \
	"--matrix=$system: as many entries as targets up --list shows here ($here)"

# The fan-out, run here one job after another: each entry of this system built.
built=0 failed=
for attr in $(printf '%s\n' "$out" | grep -o '"attr":"[^"]*\\"[^\\]*\\""' | sed 's/^"attr":"//; s/"$//; s/\\"/"/g'); do
	if nix build --no-link "$demo#$attr" >/dev/null 2>&1; then built=$((built + 1)); else failed="$failed $attr"; fi
done
is "$built:$failed" "$here:" "every entry for $system built offline with nix build .#<attr> ($built)"

# --- computed by up, as up.lib.mkMatrix computes it ------------------------------------
basic=$(fixture basic)
run "$UP" --flake "$basic" --matrix
is "$rc" 0 "a flake without githubActions: up --matrix computes it (exit 0)"
nix_eval --expr "$L lib.mkMatrix { manifest = (builtins.getFlake \"git+file://$basic\").upManifest; systems = [ \"x86_64-linux\" \"aarch64-linux\" \"x86_64-darwin\" \"aarch64-darwin\" ]; }"
want=$out
run "$UP" --flake "$basic" --matrix
is "$out" "$want" "... the same as up.lib.mkMatrix, entry for entry, byte for byte"
run "$UP" --flake "$basic" --matrix=aarch64-darwin
darwin=$out
nix_eval --expr "$L lib.mkMatrix { manifest = (builtins.getFlake \"git+file://$basic\").upManifest; systems = [ \"aarch64-darwin\" ]; }"
is "$darwin" "$out" "--matrix=SYSTEM: that system's entries alone, as mkMatrix gives them"
run "$UP" --flake "$basic" --matrix=riscv64-linux
is "$rc" 64 "--matrix=SYSTEM for a system with no known runner: 64"
like "$err" "no GitHub runner known for riscv64-linux" "... saying so, and how to name one"
# Profiles as a list, with systems and requires of their own (KVM only in a
# profile, programs in both), a template: computed as mkMatrix computes it.
mixed=$TEST_TMP/mixed
mkdir -p "$mixed" && cd "$mixed" || exit 99
cat >flake.nix <<'NIX'
{ outputs = { self }: { upManifest = {
  version = 1; app = "{type}_{profile}";
  types = [ { name = "run"; requires = [ { program = [ "sh" "dash" ]; } ]; } { name = "box"; systems = [ "x86_64-linux" ]; } ];
  profiles = [
    { name = "b"; requires = [ "kvm" { program = [ "qemu-system-x86_64" ]; } ]; }
    { name = "a"; aliases = [ "aa" ]; app.box = "boxed-a"; }
    { name = "mac"; systems = [ "aarch64-darwin" ]; types = [ "run" ]; }
  ]; }; }; }
NIX
git init -q && git add -A && commit mixed
run "$UP" --flake "$mixed" --matrix
mixed_out=$out
nix_eval --expr "$L lib.mkMatrix { manifest = (builtins.getFlake \"git+file://$mixed\").upManifest; systems = [ \"x86_64-linux\" \"aarch64-linux\" \"x86_64-darwin\" \"aarch64-darwin\" ]; }"
is "$mixed_out" "$out" "profiles as a list, a profile's own systems and requires, a template: up computes what mkMatrix does"
like "$mixed_out" '"attr":"githubActions.checks.x86_64-linux.\\"run_b\\"","kvm":true,"name":"run_b","os":\["ubuntu-24.04"\],"profile":"b","programs":\[\["sh","dash"\],\["qemu-system-x86_64"\]\]' \
	"... a profile's KVM and programs, after its type's"
like "$mixed_out" '"name":"run_mac","os":\["macos-15"\],"profile":"mac"' "... a profile meant for one system, there"
unlike "$mixed_out" '"name":"run_mac","os":\["ubuntu' "... and nowhere else"
like "$mixed_out" '"name":"run_a","os":\["ubuntu-24.04-arm"\]' "... and the other targets on every system (one profile's systems restrict no other)"
nix_eval --expr "$L (lib.mkMatrix { manifest = { types.t = { }; profiles.p = { }; }; systems = [ \"x86_64-linux\" ]; platforms.x86_64-linux = \"self-hosted\"; }).include"
like "$out" '"os":\["self-hosted"\]' "mkMatrix: platforms override the labels (a label is a list of one)"
plain=$(fixture plain)
run "$UP" --flake "$plain" --matrix
is "$rc" 64 "a flake without a manifest: 64"
like "$err" "has no manifest and no githubActions\\.matrix: --matrix lists a manifest's targets" "... saying why"

# --- the swarm: mkFlake, against the stand-in nixpkgs ------------------------------------
stub=$(nixpkgs_stub)
swarm=$TEST_TMP/swarm
cp -R "$flake/examples/swarm" "$swarm" && cd "$swarm" || exit 99
git init -q && git add -A
run nix flake lock --override-input up "git+file://$flake" --override-input nixpkgs "path:$stub"
git add -A && commit swarm
run "$UP" --flake "$swarm" --matrix
swarm_matrix=$out
nix_eval "$swarm#githubActions.matrix"
is "$swarm_matrix" "$out" "examples/swarm (mkFlake): up --matrix is its githubActions.matrix"
like "$swarm_matrix" '"attr":"githubActions.checks.x86_64-linux.\\"test-origin-tap-vm\\"","kvm":true' \
	"... a vm target is kvm: true"
is "$(printf '%s\n' "$swarm_matrix" | grep -o '"name":' | wc -l | tr -d ' ')" 50 \
	"... 50 entries: its 19 targets on each Linux, the 6 runners on each Darwin"
built=0 cannot=
for attr in $(run "$UP" --flake "$swarm" --matrix="$system"; printf '%s\n' "$out" | grep -o '"attr":"[^"]*\\"[^\\]*\\""' | sed 's/^"attr":"//; s/"$//; s/\\"/"/g'); do
	if nix build --no-link "$swarm#$attr" >/dev/null 2>&1; then built=$((built + 1)); else cannot="$cannot $attr"; fi
done
echo "# examples/swarm on $system: $built entries built with the stand-in nixpkgs; it cannot build:${cannot:- none}"
is "$cannot" "" "examples/swarm: every entry for $system builds against the stand-in ($built)"

# mkFlake's labels: githubPlatforms adds to up's, and a system with none
# (riscv64-linux here) has no entries rather than stopping evaluation.
sed -i 's|      inherit self systems;|      inherit self; systems = [ "x86_64-linux" "riscv64-linux" "aarch64-darwin" ]; githubPlatforms.x86_64-linux = [ "self-hosted" "kvm" ];|' flake.nix
grep -q 'githubPlatforms' flake.nix && git add -A && commit labels
run "$UP" --flake "$swarm" --matrix
is "$rc" 0 "mkFlake with a system GitHub has no runner for: the matrix all the same"
swarm_matrix=$out
unlike "$out" 'riscv64' "... without that system"
like "$out" '"os":\["self-hosted","kvm"\],"profile":"default"' "... githubPlatforms' label for x86_64-linux"
like "$out" '"os":\["macos-15"\],"profile":"default","programs":\[\],"system":"aarch64-darwin"' "... up's for the others"

# A flake whose matrix is its own (nix-github-actions), without a manifest.
gha=$TEST_TMP/gha
mkdir -p "$gha" && cd "$gha" || exit 99
printf '%s\n' '{ outputs = { self }: { githubActions.matrix.include = [ { name = "hello"; system = "x86_64-linux"; os = [ "ubuntu-24.04" ]; attr = "githubActions.checks.x86_64-linux.\"hello\""; } ]; }; }' >flake.nix
git init -q && git add -A && commit gha
run "$UP" --flake "$gha" --matrix
is "$rc:$out" '0:{"include":[{"attr":"githubActions.checks.x86_64-linux.\"hello\"","name":"hello","os":["ubuntu-24.04"],"system":"x86_64-linux"}]}' \
	"a flake with a matrix of its own and no manifest: up --matrix prints it"

# A check builds what the app runs: an app nothing has built yet.
fresh="$L let app = { type = \"app\"; program = \"\${derivation { name = \"fresh-$$\"; system = \"$system\"; builder = \"/bin/sh\"; args = [ \"-c\" \"/bin/mkdir -p \$out/bin && printf '#!/bin/sh\\\\n' >\$out/bin/app && /bin/chmod 755 \$out/bin/app; : $TEST_TMP\" ]; }}/bin/app\"; }; in"
nix_eval --expr "$fresh app.program"
program=$(printf '%s' "$out" | tr -d '"')
like "$program" "^/nix/store/[a-z0-9]+-fresh-[0-9]+/bin/app$" "(an app's program: $program)"
[ ! -e "$program" ]; ok $? "(the app's program is not in the store yet)"
run nix build --no-link --impure --expr "$fresh (lib.mkGithubActions { manifest = { types.t = { }; profiles.p = { }; }; systems = [ \"$system\" ]; apps = _: { p-t = app; }; }).checks.$system.p-t"
ok "$rc" "its check builds"
[ -x "$program" ]; ok $? "... and building it built the app's program"

# --- the workflow the README shows ------------------------------------------------------------
wf=$top_srcdir/examples/github-ci.yml
block=$(awk '/^```yaml$/ {on = 1; next} on && /^```$/ {exit} on' "$top_srcdir/README.md")
is "$block" "$(cat "$wf")" "the README's workflow is examples/github-ci.yml, as it is"
like "$(cat "$wf")" 'nix eval --json \.#githubActions\.matrix' "it reads .#githubActions.matrix ..."
cmd=$(sed -n 's/.*matrix=\$(\(nix eval [^)]*\))$/\1/p' "$wf")
is "$cmd" "nix eval --json .#githubActions.matrix" "(its matrix command, as the job runs it)"
(cd "$swarm" && $cmd) >"$TEST_TMP/wf.json" 2>/dev/null
is "$(cat "$TEST_TMP/wf.json")" "$swarm_matrix" "... which, run in examples/swarm, answers the matrix up --matrix prints"
like "$(cat "$wf")" 'nix build -L "\.#\$\{\{ matrix\.attr \}\}"' "... and builds each entry's attr"
like "$(cat "$wf")" 'fail-fast: false' "... every one, whatever fails"
like "$(cat "$wf")" "if: matrix\\.kvm && runner\\.os == 'Linux'" "... giving KVM to the Linux jobs that need it"
like "$(cat "$wf")" '^          matrix=\$\(nix eval' "... and a failed nix eval fails the matrix job (not hidden in an echo)"
for f in os name system attr kvm; do
	grep -q "matrix\\.$f" "$wf" || continue
	like "$swarm_matrix" "\"$f\":" "the entries have the $f it reads"
done

done_testing
