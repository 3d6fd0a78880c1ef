#!/bin/sh
# What a flake author adopting up runs into (a service flake: dev, staging,
# load-test, debug, a macOS-only profile): validation that matches the
# flake check, profiles with their own systems and requires, and messages
# that say what is wrong and what to do.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

counting_nix "$TEST_TMP/nix"

flake=$(fixture service)
cd "$flake" || exit 1
sleep 1 # old enough for the cache to trust

# --- 1. validation -----------------------------------------------------------
run "$UP" -n --attr dupApps
is "$rc" 65 "two targets with one app: 65"
like "$err" "^up: invalid manifest \.#dupApps: profile 'a' type 'runner' and profile 'b' type 'container' both have the app 'same'" \
	"... naming both targets"
like "$err" "give one of them another with app\.<type> = \"\.\.\.\" in its profile, or change the 'app' template" \
	"... and how to fix it"
run "$UP" -n --attr dupTemplate
is "$rc" 65 "a template that gives two targets one app: 65"
like "$err" "profile 'a' type 'runner' and profile 'b' type 'runner' both have the app 'runner'" \
	"... naming both"

run "$UP" -n
unlike "$err" "warning" "a manifest of known keys: no warning"
run "$UP" -n --attr ownKeys
is "$rc" 0 "keys up does not know are allowed"
unlike "$err" "warning" "... and far from any key up knows, they are not warned about"

UP_NIX=$TEST_TMP/nix run "$UP" -n --attr typo dev runner
is "$rc" 0 "keys one edit from known ones: allowed (exit 0)"
like "$err" "^up: warning: the manifest has the key 'default', which up does not know and ignores; did you mean 'defaults'\?$" \
	"a top-level 'default': did you mean 'defaults'"
like "$err" "^up: warning: type 'vm' has the key 'require', which up does not know and ignores; did you mean 'requires'\?$" \
	"a type's 'require': did you mean 'requires'"
like "$err" "^up: warning: profile 'mac' has the key 'system', which up does not know and ignores; did you mean 'systems'\?$" \
	"a profile's 'system': did you mean 'systems'"
like "$err" "^up: warning: field 'defaults' has the key 'typ', which up does not know and ignores; did you mean 'type'\?$" \
	"defaults' 'typ': did you mean 'type'"
is "$(evals)" 1 "(that run evaluated)"
UP_NIX=$TEST_TMP/nix run "$UP" -n --attr typo dev runner
is "$(evals)" 1 "a warm run evaluates nothing"
# A TAB with an empty cache runs nix once (bounded), and nothing else.
(XDG_CACHE_HOME=$TEST_TMP/tabcache && export XDG_CACHE_HOME && learn_nix "$TEST_TMP/nix")
before=$(evals)
XDG_CACHE_HOME=$TEST_TMP/tabcache UP_NIX=$TEST_TMP/nix run "$UP" --complete -- --attr typo ''
like "$out" "^dev	" "a first TAB answers"
is "$(evals)" "$((before + 1))" "... with one nix run"
XDG_CACHE_HOME=$TEST_TMP/tabcache UP_NIX=$TEST_TMP/nix run "$UP" -n --refresh --attr typo dev runner
is "$(evals)" "$((before + 2))" "--refresh: one nix run"
like "$err" "^up: warning: profile 'mac' has the key 'system'" "... and warns all the same"
run "$UP" -n --attr typo mac
is "$rc:$out" "0:nix run .#mac-runner" "the mistyped 'system' restricts nothing: the adopter's trap, now warned about"
run "$UP" --complete -- --attr typo ''
is "$err" "" "a TAB press never warns"
like "$out" "^mac	mac$" "... and answers"
run "$UP" --doctor --attr typo
like "$out" "^warn +keys +profile 'mac' has the key 'system', which up does not know and ignores; did you mean 'systems'\?$" \
	"--doctor lists each near key"
run "$UP" -n --attr manyTypos
is "$(printf '%s\n' "$err" | grep -c "has the key 'type'")" 10 "ten near keys are named at most"
like "$err" "^up: warning: \.\.\. and 2 more keys like these$" "... then how many more"

# --- 2. profiles with systems and requires ----------------------------------
system=$(nix eval --impure --raw --expr builtins.currentSystem)
run "$UP" -n macos
is "$rc" 69 "a profile whose systems exclude this machine: 69"
like "$err" "^up: profile 'macos' type 'runner' cannot run here: profile 'macos' runs on aarch64-darwin; this machine is $system$" \
	"the reason names the profile"
like "$err" "^  fix: run it on a machine whose system is aarch64-darwin$" "one system: the fix names it"
like "$err" "^  this profile has no type that runs here; runnable targets:$" "the alternatives are other profiles"
like "$err" "^    nix run \.#dev-runner$" "... as full commands"
run "$UP" -n macos container
like "$err" "cannot run here: profile 'macos' runs on aarch64-darwin" "whatever its type"
run "$UP" --list
like "$out" "^macos +runner +macos-runner +no: profile 'macos' runs on aarch64-darwin; this machine is $system$" \
	"--list: the profile's reason"
like "$out" "^staging +container +staging-container +yes$" "--list: other profiles as they are"
run "$UP" --list --json
like "$out" '"profile":"macos","type":"container","app":"macos-container","available":false,"reason":"profile .macos. runs on aarch64-darwin; this machine is' \
	"--list --json: the profile's reason"
run "$UP" --show macos
like "$out" "^  runs here +no: profile 'macos' runs on aarch64-darwin" "--show: the profile's reason"
is "$rc" 0 "--show of a target meant for another system: exit 0 (mkApps leaves its app out here on purpose)"
like "$out" "^  app +macos-runner \(apps\.aarch64-darwin\.macos-runner\)$" "... its app, from the system it is meant for"
like "$out" "^  program +/nix/store/" "... with its program"
like "$out" "^  meant for +aarch64-darwin \(the app above is that of aarch64-darwin; this machine is $system\)$" \
	"... and where it runs"
run "$UP" --show --json macos
like "$out" '"systems":\["aarch64-darwin"\],"app_system":"aarch64-darwin"}$' "--show --json: where it runs, and whose app it read"
run "$UP" --complete -- ''
like "$out" "^macos	the macOS build \(cannot run here\)$" "TAB: the profile is marked"
like "$out" "^staging	staging data$" "TAB: runnable profiles are not"
run "$UP" --complete -- macos ''
like "$out" "^runner	local process \(cannot run here\)$" "TAB: so are its types"
run "$UP" --doctor
like "$out" "^ok +system +$system: 9 of 11 targets are meant for it$" "--doctor: the profile's systems count"
run "$UP" -n --attr macFirst
is "$rc" 69 "without a terminal, a default profile that cannot run here: 69"
like "$err" "^up: no terminal: using defaults profile=macos type=runner$" "... after saying what was taken"

# --- 3. messages ---------------------------------------------------------------
run "$UP" --d
is "$rc" 64 "an ambiguous long option: 64"
like "$err" "^up: ambiguous option '--d': it could be --dry-run, --doctor; try 'up --help'$" "... naming what it could be"

mkdir -p "$TEST_TMP/plain/sub"
run "$UP" -n --flake "$TEST_TMP/plain"
is "$rc" 64 "--flake DIR without flake.nix: 64, not nix's 65"
like "$err" "^up: --flake '$TEST_TMP/plain' is not a flake: there is no flake.nix in $TEST_TMP/plain or in a directory above it; give a directory that holds flake.nix$" \
	"... saying so"
run "$UP" -n --flake "$TEST_TMP/missing"
is "$rc" 64 "a missing directory: 64"
like "$err" "^up: --flake '$TEST_TMP/missing' is not a flake: No such file or directory; give a directory that holds flake.nix$" \
	"... with the same message"
run "$UP" -n --flake "$TEST_TMP/nix"
like "$rc:$err" "^64:up: --flake '$TEST_TMP/nix' is not a flake: $TEST_TMP/nix is not a directory" "a file: 64, said"
UP_FLAKE=$TEST_TMP/plain/sub run "$UP" -n
like "$rc:$err" "^64:up: UP_FLAKE '$TEST_TMP/plain/sub' is not a flake" "UP_FLAKE too"
mkdir -p sub/deeper
run "$UP" -n --flake ./sub/deeper dev runner
is "$rc:$out" "0:nix run ./sub/deeper#dev-runner" "a directory inside a flake is that flake, as nix finds it"
run "$UP" -n --flake "path:$flake/sub" dev runner
like "$rc:$err" "^64:.*there is no flake.nix in $flake/sub; give" "a path: reference is the directory itself"

run "$UP" -n --attr apps
is "$rc" 65 "--attr apps: 65"
like "$err" "^up: \.#apps is not an up manifest: it is an attribute set of 'aarch64-darwin', 'aarch64-linux', 'x86_64-darwin', 'x86_64-linux', while a manifest is an attribute set with version = 1, types and profiles; name the attribute that holds it with --attr \(the default is upManifest\)$" \
	"... says what it is and what a manifest is"
unlike "$err" "version' is missing" "... not that a field is missing"

run "$UP" -n debug --port 1
is "$rc" 64 "--port after PROFILE: 64"
like "$err" "^up: '--port' after PROFILE is not an option of up's \(there up reads only its long options, spelled in full\); to give it to the app, put -- before it:$" \
	"... says why"
like "$err" "^  up -n debug -- --port 1$" "... and the command that gives it to the app"
unlike "$err" "unknown type" "not 'unknown type'"
run "$UP" -n debug -- --port 1
is "$out" "nix run .#debug-runner -- --port 1" "the suggestion works as printed"
run "$UP" -n debug runner --port 1
is "$rc:$out" "64:" "after TYPE too: refused, nothing run"
like "$err" "^  up -n debug runner -- --port 1$" "... with the command"
run "$UP" -n debug runner 'a b' "-x;y"
like "$err" "^  up -n debug runner 'a b' -- '-x;y'$" "the words are shell-quoted"
run "$UP" debug runner --dry-run
is "$rc:$out" "0:nix run .#debug-runner" "up's own long option after TYPE is up's: a dry run, not a run"

run "$UP" --list=debug
is "$rc" 0 "--list=PROFILE works, as the man page shows --list [PROFILE]"
is "$(printf '%s\n' "$out" | sed 1d | awk '{print $1}' | sort -u)" "debug" "... listing that profile only"
run "$UP" --list=debug --json
like "$out" '^\[\{"schema":1,"profile":"debug","type":"runner"' "--list=PROFILE --json"
run "$UP" --list=nope
like "$rc:$err" "^64:up: unknown profile 'nope'" "--list=UNKNOWN: 64"
run "$UP" --list=
is "$rc" 64 "--list= with nothing after it: 64"
run "$UP" --help
like "$out" "^  -l, --list\[=PROFILE\] +every target" "--help shows --list[=PROFILE]"
like "$out" "^Flake: $flake \(from the current directory\)$" "--help says which flake, and how it was found"
unlike "$out" "\(\.\)" "... and no bare (.)"
run "$UP" --help --flake "$flake"
like "$out" "^Flake: $flake \(from --flake\)$" "--help with --flake"
run "$UP" -n --attr dupApps
run "$UP" --help --attr dupApps
is "$rc" 0 "--help with a broken manifest: 0"
like "$out" "^Flake: $flake \(from the current directory\)$" "... names the flake"
like "$out" "^up --list shows its profiles and types \(reading them runs nix; --help never does" \
	"... and where to see them (and so the error), rather than run nix"
unlike "$out" "run up --list in a flake" "... not 'run up --list in a flake'"
(cd "$TEST_TMP/plain" && "$UP" --help >"$TEST_TMP/out" 2>&1)
like "$(cat "$TEST_TMP/out")" "^No flake to list: no flake.nix here or in any directory above" "--help with no flake: says so"

broken=$(fixture service "$TEST_TMP/broken")
cd "$broken" || exit 1
sed -i 's/^  version = 1;/  version = 1; oops/' manifest.nix
commit -am broken
run "$UP" -n
is "$rc" 65 "a syntax error: 65"
like "$err" "^ *error: syntax error" "... nix's error shown (nix 2.26 nests it, indented, under 'error:')"
like "$err" "^up: could not evaluate \.#upManifest \(nix's error is above\); fix what it names$" \
	"... then what to do about it"
unlike "$err" "--flake|--attr" "... without pointing at --flake or --attr"
run "$UP" --list
like "$err" "^ *error: syntax error, unexpected ID" "up --list, where --help points: nix's error"
cd "$flake" || exit 1
run "$UP" -n --attr upManifst
like "$err" "does not provide attribute" "a missing attribute: nix says so"
like "$err" "^up: could not evaluate \.#upManifst \(nix's error is above\); pick another flake with --flake, or another attribute with --attr$" \
	"... and there the hint to --flake and --attr stays"

# The untracked warning: grammar, the directory as typed, no documentation.
u=$(fixture service "$TEST_TMP/untracked")
cd "$u" || exit 1
mkdir -p profiles
echo '{ }' >profiles/new.nix
echo notes >profiles/README.md
echo notes >profiles/notes.md
echo notes >README
run "$UP" -n dev runner
like "$err" "^up: warning: profiles/new\.nix is not tracked by git, so the flake cannot see it$" "one untracked file: warned"
like "$err" "^  to make it part of the flake: git -C $u add -- profiles/new\.nix$" \
	"... 'it', and the directory without a trailing /"
like "$err" "^  \(a scratch file is never reported once \.gitignore ignores it\)$" "... and how to silence a scratch file"
unlike "$err" "README|notes\.md" "documentation (README*, *.md) is never reported"
run "$UP" -n dev runner
like "$err" "to make it part of the flake" "warm: the same"
unlike "$err" "README|notes\.md" "warm: no documentation either"
echo '{ }' >extra.nix
run "$UP" -n dev runner
like "$err" "^  to make them part of the flake: git -C $u add -- extra\.nix profiles/new\.nix$" "two files: 'them'"
printf 'profiles/new.nix\nextra.nix\n' >.gitignore
run "$UP" -n dev runner
unlike "$err" "warning" "ignored in .gitignore: never reported"
rm .gitignore
run "$UP" --doctor
like "$out" "fix: git -C $u add -- extra\.nix profiles/new\.nix \(or ignore them in \.gitignore\)" \
	"--doctor: the fix, without documentation"
rm extra.nix
run "$UP" --doctor
like "$out" "^warn +git +1 untracked file the flake cannot see: profiles/new\.nix$" "--doctor: one file"
like "$out" "\(or ignore it in \.gitignore\)$" "--doctor: 'it' for one file"
rm profiles/new.nix
run "$UP" --doctor
like "$out" "^ok +git " "--doctor: documentation alone is no warning"

done_testing
