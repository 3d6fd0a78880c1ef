#!/bin/sh
# What the world hands up, made for real: every form of flake reference,
# stdout that cannot be written, file names and nix messages holding
# terminal escapes, and smaller oddities (a deleted current directory).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

system=$(nix eval --impure --raw --expr builtins.currentSystem)
esc=$(printf '\033')

flake=$(fixture basic)
cd "$flake" || exit 1
sleep 1 # old enough for the cache to trust what it records

# --- 1. every form of flake reference -----------------------------------------
top=$TEST_TMP/top
mkdir -p "$top/sub" && cp -R "$flake/." "$top/sub/fl" && rm -rf "$top/sub/fl/.git"
printf '{ outputs = _: { }; }\n' >"$top/flake.nix"
(cd "$top" && git init -q && git add -A && commit -m top)
cd "$top" || exit 1
sleep 1 # old enough for the cache
run "$UP" -n --flake '.?dir=sub/fl' default runner
is "$rc:$out" "0:nix run '.?dir=sub/fl#default-runner'" "--flake PATH?dir=SUB: the query is kept"
run "$UP" --doctor --flake '.?dir=sub/fl'
like "$out" "^ok +manifest .*from the cache" "... and, a local git flake, it is cached"
run "$UP" -n --flake "git+file://$top?dir=sub/fl" default runner
is "$rc:$out" "0:nix run 'git+file://$top?dir=sub/fl#default-runner'" "--flake git+file://DIR?dir=SUB"
run "$UP" --doctor --flake "git+file://$top?dir=sub%2Ffl"
like "$out" "^ok +manifest .*evaluated" "another reference to the same directory is another entry"
run "$UP" --doctor --flake "git+file://$top?dir=sub%2Ffl"
like "$out" "^ok +manifest .*from the cache" "... cached too (dir= percent-encoded)"
run "$UP" -n --flake "git+file://$top?dir=sub/fl&ref=master" default runner
is "$rc" 0 "git+file: with ref=: nix reads that revision"
run "$UP" --doctor --flake "git+file://$top?dir=sub/fl&ref=master"
like "$out" "^ok +cache +not used: the flake is not a local directory" "... which is not the work tree: not cached"
run "$UP" -n --flake "$top/sub?dir=sub/fl" default runner
is "$rc" 0 "an absolute path with ?dir=, from a subdirectory as nix finds it"
run "$UP" -n --flake '.?dir=sub/nope' default runner
like "$rc:$err" "^64:up: --flake '\.\?dir=sub/nope' is not a flake: $top/sub/nope is not a directory" \
	"?dir= naming no directory: 64, said"
run "$UP" -n --flake nixpkgs default runner
is "$rc" 65 "a registry name goes to nix (which cannot reach the registry here): 65, not 64"
unlike "$err" "is not a flake|No such file" "... and is not taken for a directory"
like "$err" "cannot find flake 'flake:nixpkgs' in the flake registries" "... nix answers from the tests' own (empty) registry"
run "$UP" -n --flake github:owner/repo default runner
like "$rc:$err" "^65:.*github" "github:OWNER/REPO goes to nix"
run "$UP" -n --flake "path:$top/sub/fl" default runner
is "$rc:$out" "0:nix run path:$top/sub/fl#default-runner" "path:DIR"
cd "$flake" || exit 1

# --- 2. stdout that cannot be written -----------------------------------------
for args in "--help" "--version" "--list" "-n default runner" "--show default runner" \
	"--completions bash" "--doctor"; do
	# shellcheck disable=SC2086 # the words of args
	"$UP" $args >/dev/full 2>"$TEST_TMP/err"
	rc=$?
	is "$rc" 70 "up $args >/dev/full: 70"
	like "$(cat "$TEST_TMP/err")" "cannot write" "up $args >/dev/full: says so"
	# shellcheck disable=SC2086
	"$UP" $args >&- 2>"$TEST_TMP/err"
	is "$?" 70 "up $args >&- (stdout closed): 70"
done
"$UP" --complete -- '' >/dev/full 2>"$TEST_TMP/err"
is "$?:$(cat "$TEST_TMP/err")" "70:" "--complete >/dev/full: 70, silently (a TAB never prints errors)"

# --- 3. names that hold terminal escapes --------------------------------------
name=$(printf 'profiles/\033]0;pwned\007x\033[2J.nix')
mkdir -p profiles && echo '{ }' >"$name"
run "$UP" -n default runner
unlike "$err" "$esc" "an untracked file named with an OSC title and a clear: no escape reaches the terminal"
like "$err" "^up: warning: 'profiles/\\\\x1b\]0;pwned\\\\x07x\\\\x1b\[2J\.nix' is not tracked" \
	"... the name shown escaped, as manifest names are"
fix=$(printf '%s\n' "$err" | sed -n 's/^  to make it part of the flake: //p')
like "$fix" "^git -C $flake add -- \"\\\$\(printf 'profiles/\\\\033\]0;pwned\\\\007x\\\\033\[2J\.nix'\)\"$" \
	"... and the git add line shell-quoted, escape-free"
sh -c "$fix" && git ls-files | grep -q pwned
ok $? "... which, run by sh, adds exactly that file"
git rm -q --cached -- "$name" && rm -f "$name"
weird=$TEST_TMP/$(printf 'w\033[31mrk')
cp -R "$flake" "$weird" && rm -rf "$weird/.git" && (cd "$weird" && git init -q && git add -A && commit -m w)
echo '{ }' >"$weird/profiles/new.nix"
(cd "$weird" && "$UP" -n default runner >/dev/null 2>"$TEST_TMP/err")
unlike "$(cat "$TEST_TMP/err")" "$esc" "a work tree whose path holds an escape: none reaches the terminal"
like "$(cat "$TEST_TMP/err")" "git -C \"\\\$\(printf '.*w\\\\033\[31mrk'\)\" add -- profiles/new\.nix" \
	"... its path in the git add line is escape-free"
hostile=$(fixture hostile)
cd "$hostile" || exit 1
printf '%s\n' "$system" >system && date +%s%N >nonce && git add -A && commit -m system
sleep 1   # (what changed in the second nix started is not stored)
run "$UP" --list
run "$UP" --help
like "$out" "bidi +invoice<U\+202E>gpj\.exe and zero<U\+200B>width$" \
	"bidi and zero-width characters in descriptions are shown visibly"
run "$UP" --complete -- bi
is "$out" "bidi	invoice<U+202E>gpj.exe and zero<U+200B>width" "... in completions too"
run "$UP" -n --attr escape
is "$rc" 65 "nix's error quoting the manifest: 65"
unlike "$err" "$esc" "... no escape from it reaches the terminal"
like "$err" "a title .*pwned.* and a clear .* from the manifest" "... the rest of it shown"
run "$UP" -n --attr nulls default
is "$rc:$out" "0:nix run .#default-runner" "description = null is as if absent"

# --- 4. smaller ones ----------------------------------------------------------
cd "$flake" || exit 1
run "$UP" -n -- --port 9000
is "$rc:$out" "0:nix run .#default-runner -- --port 9000" "up -n -- --port 9000: the defaults, the words passed on"
run "$UP" -n default runner =ls
is "$out" "nix run .#default-runner -- '=ls'" "a word starting with = is quoted (zsh would expand =ls)"
mkdir -p "$TEST_TMP/gone" && cd "$TEST_TMP/gone" && rmdir "$TEST_TMP/gone"
run "$UP" -n
is "$rc" 64 "the current directory deleted: 64"
like "$err" "^up: the current directory no longer exists \(it was deleted\)" "... said as such"
cd "$flake" || exit 1

done_testing
