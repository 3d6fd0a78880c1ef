#!/bin/sh
# Every refusal names what is wrong and uses the the man page's exit codes (§1-§3).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

flake=$(fixture basic)
cd "$flake" || exit 1

run "$UP" -n low-latncy
is "$rc" 64 "unknown profile: 64"
like "$err" "^up: unknown profile 'low-latncy'; did you mean 'low-latency'\?$" "unknown profile: did you mean"
like "$err" "^  profiles: 4k-abr default help list low-latency mac-only vm-only weird$" "unknown profile: the list"
is "$out" "" "unknown profile: nothing on stdout"

run "$UP" -n default vmm
is "$rc" 64 "unknown type: 64"
like "$err" "unknown type 'vmm'; did you mean 'vm'\?" "unknown type: did you mean"
like "$err" "profile 'default' lists types: runner container vm mac" "unknown type: the profile's types"

run "$UP" -n low-latency container
is "$rc" 64 "a type the profile does not list: 64"
like "$err" "^up: profile 'low-latency' does not list type 'container'$" "unlisted type: named"
like "$err" "its types: runner vm" "unlisted type: the types it does list"

run "$UP" -n default mac
is "$rc" 69 "a type whose systems exclude this machine: 69"
like "$err" "type 'mac' runs on aarch64-darwin, x86_64-darwin; this machine is [a-z0-9_]+-linux" "wrong system: the reason"
like "$err" "fix: run it on a machine whose system is one of those" "wrong system: the fix"
like "$err" "^    nix run \.#default-runner$" "wrong system: the runnable alternatives as full commands"
unlike "$err" "default-mac" "wrong system: the refused target is not offered"

run "$UP" -n mac-only -- x
is "$rc" 69 "a profile with no runnable type: 69"
like "$err" "this profile has no type that runs here; runnable targets:" "no runnable type: other profiles offered"
like "$err" "^    nix run \.#origin-container -- x$" "alternatives carry the app's words"
run "$UP" mac-only
is "$out" "" "a refused target runs nothing"

run "$UP" --bogus
is "$rc" 64 "unknown option: 64"
like "$err" "^up: unknown option '--bogus'; try 'up --help'$" "unknown option: named"
run "$UP" --explain
is "$rc" 64 "an option up does not have: 64"
run "$UP" --json
is "$rc" 64 "--json without --dry-run or --list: 64"
run "$UP" -i
is "$rc" 64 "-i without a terminal: 64"
like "$err" "--interactive needs a terminal" "-i without a terminal: said"
run "$UP" --list default runner
is "$rc" 64 "--list with a TYPE: 64"

# Manifests nix evaluates but up refuses: 65, naming the field.
broken=$(fixture broken)
cd "$broken" || exit 1
run "$UP" -n
is "$rc" 65 "version 2: 65"
like "$err" "^up: invalid manifest \.#upManifest: field 'version' is 2, but this up reads version 1 only$" "version: named"
run "$UP" -n --attr badType
is "$rc" 65 "a profile listing an undeclared type: 65"
like "$err" "profile 'low-latency': types\[1\] 'vmm' is not declared in 'types'" "undeclared type: profile and field named"
run "$UP" -n --attr badDefault
is "$rc:$(printf '%s' "$err" | grep -c "defaults.profile 'nope' names no profile")" "65:1" "a default that names nothing: 65"
run "$UP" -n --attr badName
is "$rc:$(printf '%s' "$err" | grep -c "profile 'bad name' is not a valid profile name")" "65:1" "a bad profile name: 65"
run "$UP" -n --attr badRequires
is "$rc:$(printf '%s' "$err" | grep -c "type 'vm': requires\[0\] 'gpu' is not a capability")" "65:1" "an unknown capability: 65"
run "$UP" -n --attr badSystem
is "$rc:$(printf '%s' "$err" | grep -c "type 'vm': systems\[0\] 'x86_64-Linux' is not a Nix system")" "65:1" "a bad system string: 65"
run "$UP" -n --attr throws
is "$rc" 65 "an eval failure: 65"
like "$err" "this manifest cannot be evaluated" "an eval failure: nix's own error text"
like "$err" "^up: could not evaluate \.#throws" "an eval failure: up says what it tried"
run "$UP" -n --attr missing
is "$rc" 65 "a missing attribute: 65"
like "$err" "does not provide attribute" "a missing attribute: nix's own words"

# requires names programs: { program = [ A B ]; } is one of them on PATH,
# checked on this machine. Names of no real program, and PATH set here: no
# answer depends on what the host has installed.
tools=$TEST_TMP/tools
mkdir -p "$tools/bin" "$tools/flake"
cat >"$tools/flake/flake.nix" <<'NIX'
{ outputs = { self }: let base = { version = 1; profiles.p = { }; }; in {
  upManifest = base // { defaults.type = "plain"; types = {
    plain = { };
    tool = { requires = [ { program = [ "up-test-tool-a" "up-test-tool-b" ]; } ]; };
    one = { requires = [ { program = [ "up-test-tool-a" ]; } ]; };
  }; };
  stringProgram = base // { types.t.requires = [ "podman" ]; };
  notList = base // { types.t.requires = [ { program = "podman"; } ]; };
  emptyList = base // { types.t.requires = [ { program = [ ]; } ]; };
  otherKey = base // { types.t.requires = [ { prog = [ "podman" ]; } ]; };
  slash = base // { types.t.requires = [ { program = [ "bin/podman" ]; } ]; };
  number = base // { types.t.requires = [ 3 ]; };
}; }
NIX
(cd "$tools/flake" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm tools)
cd "$tools/flake" || exit 1
sleep 1
run "$UP" --list
like "$out" "^p +tool +p-tool +no: needs up-test-tool-a or up-test-tool-b on PATH, which has none of them$" \
	"requires programs: --list says which are needed"
like "$out" "^p +one +p-one +no: needs up-test-tool-a on PATH$" "... one program: named alone"
run "$UP" -n p tool
is "$rc" 69 "a target whose programs are not on PATH: 69"
like "$err" "fix: install up-test-tool-a or up-test-tool-b, or put one on PATH" "... with the fix"
: >"$tools/bin/up-test-tool-b"
PATH=$tools/bin:$PATH run "$UP" -n p tool
is "$rc" 69 "a file of that name that is not executable does not count"
chmod +x "$tools/bin/up-test-tool-b"
PATH=$tools/bin:$PATH run "$UP" -n p tool
is "$rc:$out" "0:nix run .#p-tool" "one of them on PATH (a stand-in here): the target runs"
PATH=$tools/bin:$PATH run "$UP" -n p one
is "$rc" 69 "... and not another one's"
PATH=$tools/bin:$PATH run "$UP" --list --json
like "$out" '"type":"tool","app":"p-tool","available":true' "--list --json: available once it is on PATH"
for bad in "stringProgram:requires\\[0\\] 'podman' is not a capability up knows; the known one is \"kvm\" \\(a program is required as \\{ program = \\[ \"NAME\" \\]; \\}\\)" \
	"notList:requires\\[0\\] needs program = \\[ \\.\\.\\. \\]: a non-empty list" \
	"emptyList:requires\\[0\\] needs program = \\[ \\.\\.\\. \\]" \
	"otherKey:requires\\[0\\] has the key 'prog'" \
	"slash:requires\\[0\\]\\.program holds 'bin/podman', which is not a program's name" \
	"number:requires\\[0\\] must be \"kvm\" or \\{ program = \\[ \\.\\.\\. \\]; \\}, not a number"; do
	run "$UP" -n --attr "${bad%%:*}"
	is "$rc" 65 "requires: ${bad%%:*}: 65"
	like "$err" "type 't': ${bad#*:}" "... naming the field and what it must be"
done
cd "$flake" || exit 1

done_testing
