#!/bin/sh
# What a hostile or broken world does to up, made for real: a cache
# directory or entry that is not the user's, a FIFO where an entry should
# be, temporary files left by a killed run, every form of flake reference,
# stdout that cannot be written, file names and nix messages holding
# terminal escapes, and a real nix that is slow, hangs or floods.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

commit() { git -c user.name=t -c user.email=t@example.invalid commit -q "$@"; }
system=$(nix eval --impure --raw --expr builtins.currentSystem)
esc=$(printf '\033')

flake=$(fixture basic)
cd "$flake" || exit 1
sleep 1 # old enough for the cache to trust what it records
cache=$XDG_CACHE_HOME/up

# --- 1. a cache that is not the user's ----------------------------------------
run "$UP" -n default runner
is "$out" "nix run .#default-runner" "a first run fills the cache"
entry=$(ls "$cache" | head -1)
# Forge the entry: the same bytes, with another app name of the same length.
forge() {
	sed 's/default-runner/deploy-prod-xx/g' "$cache/$entry" >"$TEST_TMP/forged" &&
		cat "$TEST_TMP/forged" >"$cache/$entry"
}
forge
run "$UP" -n default runner
is "$out" "nix run .#deploy-prod-xx" "(a forged entry of the user's own is read: the test forges for real)"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$cache/$entry"
	run "$UP" -n default runner
	is "$out" "nix run .#default-runner" "an entry owned by another user is never read"
	rm -f "$cache/$entry"
	run "$UP" -n default runner
	forge
	chown -R 65534:65534 "$cache" && chmod 0777 "$cache"
	run "$UP" -n default runner
	is "$out" "nix run .#default-runner" "a cache directory owned by another user (0777, a forged entry) is not used"
	run "$UP" --doctor
	like "$out" "^warn +cache +not used, every run evaluates: the cache directory belongs to another user" \
		"--doctor says why, once"
	is "$(stat -c %a "$cache")" 777 "another user's directory is never chmod'ed"
	rm -rf "$cache"
else
	for i in 1 2 3 4; do ok 0 "another user's cache # SKIP not root"; done
fi
mkdir -p "$TEST_TMP/elsewhere" && rm -rf "$cache" && ln -s "$TEST_TMP/elsewhere" "$cache"
run "$UP" -n default runner
is "$rc:$out" "0:nix run .#default-runner" "a cache directory that is a symbolic link: runs without it"
is "$(ls "$TEST_TMP/elsewhere" | wc -l | tr -d ' ')" 0 "... writing nothing where it points"
rm "$cache" && mkdir -p "$cache" && chmod 0777 "$cache"
run "$UP" -n default runner
is "$(stat -c %a "$cache")" 700 "the user's own directory, open to others, is made 0700 before use"

# --- 2. a FIFO where an entry should be ---------------------------------------
run "$UP" -n default runner
entry=$(ls "$cache" | head -1)
rm "$cache/$entry" && mkfifo "$cache/$entry"
run timeout 60 "$UP" -n default runner
is "$rc:$out" "0:nix run .#default-runner" "a FIFO at the entry's path: no hang, evaluated afresh"
run timeout 60 "$UP" --complete -- ''
like "$rc:$out" "^0:4k-abr" "... and a TAB does not hang either"

# --- 3. temporary files left by a killed run ----------------------------------
stale=$cache/0123456789abcdef0123456789abcdef.Ab12Cd
fresh=$cache/fedcba9876543210fedcba9876543210.Zz99Yy
head -c 1048576 /dev/zero >"$stale" && touch -d '1 hour ago' "$stale"
: >"$fresh"
run "$UP" -n --refresh default runner
ok "$([ ! -e "$stale" ]; echo $?)" "a stale temporary file (an hour old) is swept when an entry is written"
ok "$([ -e "$fresh" ]; echo $?)" "... a recent one (a run writing now) is left"
for i in $(seq 1 70); do
	printf x >"$cache/$(printf '%032x' "$i")"
	touch -d "$((70 - i + 2)) minutes ago" "$cache/$(printf '%032x' "$i")"
done
run "$UP" -n --refresh default runner
is "$(find "$cache" -maxdepth 1 -type f -name '????????????????????????????????' | wc -l | tr -d ' ')" 64 \
	"entries past the bound (64) are swept, the oldest first"

# --- 4. every form of flake reference -----------------------------------------
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
run "$UP" -n --flake github:owner/repo default runner
like "$rc:$err" "^65:.*github" "github:OWNER/REPO goes to nix"
run "$UP" -n --flake "path:$top/sub/fl" default runner
is "$rc:$out" "0:nix run path:$top/sub/fl#default-runner" "path:DIR"
cd "$flake" || exit 1

# --- 5. stdout that cannot be written -----------------------------------------
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

# --- 6. names that hold terminal escapes --------------------------------------
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

# --- 7. a nix that hangs or floods --------------------------------------------
start=$(date +%s)
UP_COMPLETE_TIMEOUT=1 run "$UP" --complete -- --attr hang ''
took=$(($(date +%s) - start))
is "$rc:$out:$err" "0::" "a TAB while nix hangs: nothing, quietly"
ok "$([ "$took" -lt 10 ]; echo $?)" "... within the bound (UP_COMPLETE_TIMEOUT=1: ${took} s)"
ok "$(! pgrep -f 'sleep 600' >/dev/null; echo $?)" "... and nix is stopped, not left behind"
start=$(date +%s)
run "$UP" --complete -- --attr hang ''
took=$(($(date +%s) - start))
ok "$([ "$took" -lt 12 ]; echo $?)" "the default bound is about 2 s (${took} s)"
"$UP" -n --attr hang >"$TEST_TMP/out" 2>"$TEST_TMP/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! pgrep -P "$pid" >/dev/null; do sleep 0.1; i=$((i + 1)); done
nixpid=$(pgrep -P "$pid" | head -1)
ok "$([ -n "$nixpid" ]; echo $?)" "(up runs nix)"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM to up alone: up ends by SIGTERM"
sleep 1
ok "$(! kill -0 "$nixpid" 2>/dev/null; echo $?)" "... after passing it on to nix, which is gone"
ok "$(! pgrep -f 'sleep 600' >/dev/null; echo $?)" "... and so is what nix ran"
run "$UP" -n --no-cache --attr flood
is "$rc" 65 "nix writing 250 MB on stderr: 65"
ok "$([ "${#err}" -lt 65536 ]; echo $?)" "... of which up shows a bounded part (${#err} bytes)"
like "$err" "^\[\.\.\. [0-9]+ bytes of nix's output left out here \.\.\.\]$" "... saying how much it left out"
like "$err" "^ *error: after the flood$" "... and nix's error, at the end"

# --- 8. long work says so -----------------------------------------------------
pty() { # pty COMMAND: on a pseudo-terminal (an xterm, whatever TERM is here); what it wrote in $out
	TERM=xterm script -qfec "$1" "$TEST_TMP/pty.log" </dev/null >/dev/null 2>&1
	rc=$?
	out=$(tr '\r' '\n' <"$TEST_TMP/pty.log")
}
if command -v script >/dev/null 2>&1; then
	date +%s%N >nonce && commit -qam nonce
	pty "'$UP' -n --attr slow default runner"
	is "$rc" 0 "a slow evaluation on a terminal: 0"
	like "$out" "^up: evaluating \.#slow with nix \([1-9] s\)" "... says what is happening after a second"
	ok "$(grep -q "$esc\[K" "$TEST_TMP/pty.log"; echo $?)" "... and erases the line when done"
	like "$out" "nix run \.#default-runner$" "... then the command as always"
	date +%s%N >nonce && commit -qam nonce
	pty "'$UP' -n --json --attr slow default runner"
	unlike "$out" "evaluating" "never with --json"
	date +%s%N >nonce && commit -qam nonce
	pty "'$UP' --complete -- --attr slow ''"
	unlike "$out" "evaluating" "never in completion"
	date +%s%N >nonce && commit -qam nonce
	run "$UP" -n --attr slow default runner
	unlike "$err" "evaluating" "never when stderr is no terminal"
	date +%s%N >nonce && commit -qam nonce
	TERM=dumb script -qfec "stty cols 120; '$UP' -n --attr slow default runner" "$TEST_TMP/dumb.log" \
		</dev/null >/dev/null 2>&1
	cr=$(printf '\r')
	ok "$(grep -q "$cr$(printf '%119s' '')$cr" "$TEST_TMP/dumb.log"; echo $?)" \
		"TERM=dumb, 120 columns: the line is blanked as wide as it was drawn (no escape to erase it)"
else
	for i in 1 2 3 4 5 6 7 8; do ok 0 "progress # SKIP no script (util-linux)"; done
fi

# --- 9. smaller ones ----------------------------------------------------------
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
