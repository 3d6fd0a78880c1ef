#!/bin/sh
# Headless dispatch with the real nix: defaults, print, exec, flake resolution,
# JSON, --list, exit statuses (up(1) OPTIONS, CHECKING).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

kvm_probe
flake=$(fixture basic)
cd "$flake" || exit 1

run "$UP" --dry-run
is "$rc" 0 "--dry-run with no PROFILE exits 0"
is "$out" "nix run .#default-runner" "--dry-run prints the command alone on stdout"
is "$err" "up: no terminal: using defaults profile=default type=runner" "the defaults are said on stderr"

run "$UP" -n 4k-abr container
is "$out" "nix run .#origin-container" "a profile's app.<type> override is the app"
run "$UP" -n low-latency
is "$out" "nix run .#low-latency-runner" "the type default applies to a profile that lists it"
like "$err" "using default type=runner" "a defaulted TYPE is said on stderr"
run "$UP" -n vm-only
if kvm_works; then
	is "$rc:$out" "0:nix run .#vm-only-vm" "a profile that does not list the type default takes its first type"
else
	is "$rc:$out" "69:" "a profile that does not list the type default takes its first type (vm: refused without KVM)"
	is "$(printf '%s\n' "$err" | grep -F 'cannot run here')" "up: profile 'vm-only' type 'vm' cannot run here: type 'vm' $(kvm_reason)" \
		"... which is vm"
	skip_works "a profile that does not list the type default takes its first type, and runs"
fi

run "$UP" -y -n
like "$err" "^up: --yes: using defaults" "--yes says why defaults were taken"
CI=true run "$UP" -n
like "$err" "^up: CI is set: using defaults" "CI says why defaults were taken"

run "$UP" -n --json default runner -- 'a b' "it's" ''
is "$out" '{"schema":1,"profile":"default","type":"runner","app":"default-runner","argv":["nix","run",".#default-runner","--","a b","it'"'"'s",""],"command":"nix run .#default-runner -- '"'"'a b'"'"' '"'"'it'"'"'\\'"'"''"'"'s'"'"' '"'"''"'"'"}' \
	"--dry-run --json prints {profile, type, app, argv, command}"

run "$UP" --list
is "$rc" 0 "--list exits 0"
like "$out" '^PROFILE +TYPE +APP +AVAILABLE$' "--list has a header"
like "$out" '^4k-abr +container +origin-container +yes$' "--list shows the app of each target"
like "$out" '^default +mac +default-mac +no: runs on aarch64-darwin, x86_64-darwin; this machine is ' "--list says why a target cannot run"
is "$(printf '%s\n' "$out" | wc -l)" 14 "--list shows every profile with each type it lists (13 targets)"
run "$UP" --list --json low-latency
if kvm_works; then vm='"available":true,"reason":null'; else
	vm='"available":false,"reason":"'$(kvm_reason)'"'
	skip_works "--list --json PROFILE: the vm target available"
fi
is "$out" '[{"schema":1,"profile":"low-latency","type":"runner","app":"low-latency-runner","available":true,"reason":null,"profile_description":"1 s segments","type_description":"Local process","aliases":["ll"],"systems":[]},{"schema":1,"profile":"low-latency","type":"vm","app":"low-latency-vm",'"$vm"',"profile_description":"1 s segments","type_description":"NixOS VM under QEMU","aliases":["ll"],"systems":["x86_64-linux","aarch64-linux"]}]' \
	"--list --json PROFILE: {profile, type, app, available, reason, ..., systems} (vm: as KVM is here)"
run "$UP" --list --json mac-only
like "$out" '"available":false,"reason":"runs on aarch64-darwin, x86_64-darwin; this machine is [a-z0-9_]+-linux"' \
	"--list --json gives the reason when unavailable"
like "$out" '"systems":\["aarch64-darwin","x86_64-darwin"\]' "... and the systems the target is meant for"

# Exec: the app really runs, with its words byte for byte, and its status is up's.
args="$TEST_TMP/args"
UP_TEST_ARGS=$args run "$UP" default runner -- 'a b' '' '$(touch pwned)' '`id`' "new
line" -- x
is "$rc" 0 "a dispatched app's success is up's"
is "$(head -n1 "$TEST_TMP/err")" "Executing: nix run .#default-runner -- 'a b' '' '\$(touch pwned)' '\`id\`' 'new" \
	"Executing: ... on stderr, quoted"
like "$out" '^app=default-runner$' "the app ran"
printf 'a b\0\0$(touch pwned)\0`id`\0new\nline\0--\0x\0' >"$TEST_TMP/want"
cmp -s "$args" "$TEST_TMP/want"; ok $? "the app got every word after TYPE untouched (a later -- kept)"
[ ! -e pwned ]; ok $? "no word was evaluated by a shell"

UP_TEST_EXIT=42 run "$UP" low-latency runner
is "$rc" 42 "the app's exit status is up's"

run "$UP" list
is "$rc:$(printf '%s\n' "$out" | tail -n1)" "0:app=list-runner" "a profile called 'list' dispatches"
run "$UP" help runner
is "$rc:$(printf '%s\n' "$out" | tail -n1)" "0:app=help-runner" "a profile called 'help' dispatches"

# The printed text, run by sh, gives the same argv byte for byte.
run "$UP" -n default runner -- "it's" '$HOME' '\' '' 'tab	x' "$(printf 'caf\303\251 \377')"
printf '%s' "$out" >"$TEST_TMP/printed"
sh -c 'nix() { printf "%s\0" nix "$@"; }; '"$out" >"$TEST_TMP/reparsed"
printf 'nix\0run\0.#default-runner\0--\0it'"'"'s\0$HOME\0\\\0\0tab\tx\0caf\303\251 \377\0' >"$TEST_TMP/want"
cmp -s "$TEST_TMP/reparsed" "$TEST_TMP/want"; ok $? "sh -c of the printed command yields the argv byte for byte"

# Flake resolution: --flake, UP_FLAKE, nearest flake.nix upward, UP_DEFAULT_FLAKE.
mkdir -p "$flake/sub/deeper"
cd "$flake/sub/deeper" || exit 1
run "$UP" -n
is "$out" "nix run $flake#default-runner" "the nearest flake.nix above the current directory"
cd "$TEST_TMP" || exit 1
other=$(fixture basic "$TEST_TMP/other")
run "$UP" -n --flake "$flake"
is "$out" "nix run $flake#default-runner" "--flake REF"
UP_FLAKE=$other run "$UP" -n
is "$out" "nix run $other#default-runner" "UP_FLAKE"
UP_FLAKE=$other run "$UP" -n --flake "$flake"
is "$out" "nix run $flake#default-runner" "--flake beats UP_FLAKE"
(cd "$flake" && UP_DEFAULT_FLAKE=$other run "$UP" -n && printf '%s' "$out") >"$TEST_TMP/o"
is "$(cat "$TEST_TMP/o")" "nix run .#default-runner" "a flake.nix here beats UP_DEFAULT_FLAKE"
mkdir -p "$TEST_TMP/empty"
cd "$TEST_TMP/empty" || exit 1
UP_DEFAULT_FLAKE=$other run "$UP" -n
is "$out" "nix run $other#default-runner" "UP_DEFAULT_FLAKE when no flake.nix is found"
UP_DEFAULT_FLAKE=$other run "$UP" -n list
is "$rc:$out" "0:nix run $other#list-runner" "a dispatch through UP_DEFAULT_FLAKE from anywhere"
run "$UP" -n
is "$rc" 64 "no flake anywhere: 64"
like "$err" "no flake.nix here or in any directory above.*--flake REF" "no flake: a hint"
run "$UP" -n --flake "$flake#x"
is "$rc" 64 "--flake with '#': 64"
run "$UP" -n --flake=--impure
is "$rc" 64 "--flake starting with '-' (nix would take it for an option): 64"
like "$err" "starts with '-', which nix would read as an option; for a directory of that name write \./--impure" \
	"--flake starting with '-': the hint"
UP_FLAKE=-x run "$UP" -n
is "$rc" 64 "UP_FLAKE starting with '-': 64"
cd "$flake" || exit 1

"$UP" -n default runner >/dev/full 2>"$TEST_TMP/err"
is "$?:$(cat "$TEST_TMP/err")" "70:up: cannot write to stdout" "a full stdout is an error, not silence"

run "$UP" -n --attr other
is "$out" "nix run .#solo-runner" "--attr picks another manifest attribute"

run "$UP" --version
is "$rc:$(printf '%s\n' "$out" | head -n1)" "0:up 0.1.0" "--version: the name and version first"
like "$out" "^Copyright \(C\) 2026 The up authors\.$" "... then the copyright, as GNU tools"
like "$out" "^License MIT: <https://opensource\.org/licenses/MIT>\.$" "... the licence"
like "$out" "^There is NO WARRANTY, to the extent permitted by law\.$" "... and the warranty"
run "$UP" --help
is "$rc" 0 "--help exits 0"
like "$out" "^Usage: up \[OPTION\]" "--help shows the usage"
like "$out" "^  low-latency \(ll\) +1 s segments$" "--help lists this flake's profiles, with their aliases"
like "$out" "^  vm +NixOS VM under QEMU$" "--help lists this flake's types"
like "$out" "weird +tab here, newline there" "--help shows descriptions on one line"

# nix with flakes disabled: retry once with the flag and keep it.
NIX_CONFIG='experimental-features =
substituters =
sandbox = false' run "$UP" -n low-latency
is "$out" "nix --extra-experimental-features 'nix-command flakes' run .#low-latency-runner" \
	"flakes disabled: the command carries the feature flag"
like "$err" "disabled; adding --extra-experimental-features 'nix-command flakes'" "flakes disabled: said on stderr"
NIX_CONFIG='experimental-features =
substituters =
sandbox = false' run "$UP" low-latency
is "$rc:$(printf '%s\n' "$out" | tail -n1)" "0:app=low-latency-runner" "flakes disabled: the app still runs"

# No nix: 127 with how to install it.
run env PATH=/nonexistent "$UP" -n
is "$rc" 127 "nix not on PATH: 127"
like "$err" "install Nix" "nix not on PATH: how to install it"
UP_NIX=/nonexistent/nix run "$UP" -n
is "$rc" 127 "UP_NIX naming nothing: 127"
like "$err" "cannot run nix \('/nonexistent/nix'\)" "UP_NIX is named"

# A nix from elsewhere via UP_NIX is the one that runs.
UP_NIX=$(command -v nix) run "$UP" -n
is "$out" "$(command -v nix) run .#default-runner" "UP_NIX is the binary in the command"

done_testing
