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

done_testing
