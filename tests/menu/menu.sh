#!/bin/sh
# The interactive menu (up(1) CHOOSING) on real pseudo-terminals: expect for the
# keystrokes, tmux for what an 80x24 screen shows.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

for tool in expect tmux; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not found"
		exit 0
	fi
done

export TEST_TMP TERM=xterm-256color
here=$top_srcdir/tests/menu
basic=$(fixture basic)
many=$(fixture many)
cd "$basic" || exit 1

# session NAME ARG...: on the terminal, `stty -a`, up ARG..., its status as
# "[rc=N]", `stty -a` again; the stty outputs in $TEST_TMP/NAME.{before,after}.
# Like an interactive shell, it outlives the Ctrl-C meant for up.
cat >"$TEST_TMP/session" <<'EOF'
trap : INT
name=$1
shift
stty -a >"$TEST_TMP/$name.before"
"$UP" "$@"
echo "[rc=$?]"
stty -a >"$TEST_TMP/$name.after"
EOF

# pty NAME 'SHELL COMMAND' STEP...: the command on an 80x24 pseudo-terminal,
# driven by the steps of pty.exp; what it printed in $log (without CSI escape
# sequences and carriage returns; the raw bytes in $TEST_TMP/NAME.log),
# expect's verdict in $prc and $perr, up's status in $urc.
esc=$(printf '\033')
pty() {
	name=$1 cmd=$2
	shift 2
	PTY_CMD=$cmd expect -f "$here/pty.exp" "$TEST_TMP/$name.log" "$@" \
		>/dev/null 2>"$TEST_TMP/$name.err"
	prc=$?
	log=$(sed "s/$esc\\[[0-9;?]*[A-Za-z]//g" "$TEST_TMP/$name.log" | tr -d '\r')
	perr=$(cat "$TEST_TMP/$name.err")
	urc=$(printf '%s\n' "$log" | sed -n 's/.*\[rc=\([0-9]*\)\].*/\1/p' | tail -1)
	ok "$prc" "$name: the session on the terminal went as scripted"
	[ "$prc" -eq 0 ] || printf '%s\n' "$perr" | sed 's/^/#   /'
}

# menu NAME ARG...: up ARG... in a session (see above).
menu() {
	name=$1
	shift
	session_cmd="sh \"\$TEST_TMP/session\" $name $*"
}

same_stty() { # same_stty NAME DESCRIPTION
	if cmp -s "$TEST_TMP/$1.before" "$TEST_TMP/$1.after"; then ok 0 "$2"; else
		ok 1 "$2"
		diff "$TEST_TMP/$1.before" "$TEST_TMP/$1.after" | sed 's/^/#   /'
	fi
}

P='profile [default]> '
T='type [runner]> '

# 1. The menu, Enter for the defaults, and the app really runs.
menu enter
pty enter "$session_cmd" "see $P" "ready" 'send \r' "see $T" "ready" 'send \r' 'see [rc='
is "$prc" 0 "a terminal and no PROFILE: the menu shows, Enter twice goes through"
like "$log" '^hls-origin — HLS test origin$' "the header is the manifest's name and description"
like "$log" '^  2\) default      2 s segments, 720p$' "profiles are numbered, with aligned descriptions"
like "$log" '^  1\) 4k-abr       Multi-bitrate 4K$' "profiles come in manifest order (an attrset: sorted)"
like "$log" '^  8\) weird        tab here, newline there, \$\(touch /tmp/up-pwned\)' \
	"descriptions are shown on one line, control characters as spaces"
like "$log" '^Types for default — 2 s segments, 720p$' "then the types of the chosen profile"
like "$log" '^Executing: nix run \.#default-runner$' "Enter takes the defaults: Executing: nix run .#default-runner"
like "$log" 'app=default-runner$' "and the app really runs (after nix's progress line, on a terminal)"
is "$urc" 0 "the app's status is up's"
same_stty enter "the terminal is as it was after a run through the menu"

# 2. Choosing a profile: by number, exact name, unique prefix, unique substring.
choose() { # choose NAME INPUT EXPECTED-COMMAND DESCRIPTION [MORE STEPS]
	name=$1 input=$2 want=$3 what=$4
	shift 4
	menu "$name" -n
	pty "$name" "$session_cmd" "see $P" "ready" "send $input\\r" "$@" 'see [rc='
	like "$log" "^$want\$" "$what"
}
choose number 4 'nix run \.#list-runner' "a number selects (4: list, which has a single type)"
choose exact low-latency 'nix run \.#low-latency-runner' "an exact name selects" \
	"see Types for low-latency" "ready" 'send \r'
choose prefix lo 'nix run \.#low-latency-runner' "a unique prefix selects" \
	"see Types for low-latency" "ready" 'send \r'
choose substring abr 'nix run \.#4k-abr-runner' "a unique substring selects" \
	"see Types for 4k-abr" "ready" 'send \r'
choose case ABR 'nix run \.#4k-abr-runner' "prefixes and substrings ignore case" \
	"see Types for 4k-abr" "ready" 'send \r'

choose alias ll 'nix run \.#low-latency-runner' "a profile's alias selects it" \
	"see Types for low-latency" "ready" 'send \r'
menu aliasfirst -n --attr aliased
pty aliasfirst "$session_cmd" "see $P" "ready" 'send he\r' "see Types for low-latency" "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#low-latency-runner$' "an alias wins over the name it is the start of (he: low-latency's alias, not help)"

# stdout not a terminal (up | cat): the menu is drawn on /dev/tty, the
# command goes down the pipe.
pty piped "\"\$UP\" -n | cat >\"\$TEST_TMP/piped.out\"; echo \"[rc=\$?]\"" "see $P" "ready" 'send ll\r' \
	"see $T" "ready" 'send \r' 'see [rc='
like "$log" '^  5\) low-latency  1 s segments$' "stdout a pipe: the menu is on the terminal (/dev/tty)"
is "$(cat "$TEST_TMP/piped.out")" "nix run .#low-latency-runner" "... and the command goes to stdout, the pipe"
run sh -c '"$UP" -n </dev/null | cat'
like "$err" "^up: no terminal: using defaults profile=default type=runner$" "no terminal on stdin: the defaults, as before"

# 2b. Digits alone are a number, the one the full list shows: with 60
# profiles svc0 ... svc59 (natural order), 5 then TAB shows item 5 alone,
# never the names holding a 5, and Enter takes it.
svc=$TEST_TMP/svc
mkdir -p "$svc"
printf '{ outputs = { self }: { upManifest = { version = 1; types.runner = { }; profiles = builtins.listToAttrs (builtins.genList (i: { name = "svc${toString i}"; value = { description = "service ${toString i}"; }; }) 60); }; }; }\n' >"$svc/flake.nix"
(cd "$svc" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm svc)
menu numbers -n --flake "$svc"
pty numbers "$session_cmd" "see profile [svc0]> " "ready" 'send 5\t' "see 5) svc4" "ready" 'send \r' 'see [rc='
like "$log" '^  5\) svc4 +service 4$' "5 then TAB: item 5 of the list (svc4) alone"
unlike "$log" '^ +[0-9]+\) svc15 ' "... not the names that hold a 5"
like "$log" '^nix run .*#svc4-runner$' "... and Enter takes it"

# 3. Ambiguous and unknown input: the matches, then the prompt again.
menu ambiguous -n
pty ambiguous "$session_cmd" "see $P" "ready" 'send l\r' "see matches 2 profiles" \
	"see ${P}l" "ready" 'send ist\r' 'see [rc='
like "$log" "^'l' matches 2 profiles:\$" "ambiguous input says how many names match"
like "$log" '^  4\) list         a profile called list$' "and lists them with their numbers"
like "$log" '^  5\) low-latency  1 s segments$' "all of them"
like "$log" '^nix run \.#list-runner$' "the input stays on the line to type more"
menu nomatch -n
pty nomatch "$session_cmd" "see $P" "ready" 'send zzz\r' "see no profile matches" \
	"see $P" "ready" 'send 99\r' "see no profile matches '99'" "ready" 'send 2\r' \
	"see $T" "ready" 'send \r' 'see [rc='
like "$log" "^no profile matches 'zzz': type a number from 1 to 8" "input matching nothing says so"
like "$log" "^no profile matches '99'" "a number outside the list matches nothing"
like "$log" '^nix run \.#default-runner$' "and the prompt comes back"

# 4. TAB completes names.
menu tab -n
pty tab "$session_cmd" "see $P" "ready" 'send we\t' "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#weird-runner$' "TAB completes a unique prefix (we -> weird)"
menu tablist -n
pty tablist "$session_cmd" "see $P" "ready" 'send l\t' "see low-latency" "ready" 'send o\t' \
	"ready" 'send \r' "see $T" "ready" 'send \r' 'see [rc='
like "$log" '^  5\) low-latency  1 s segments$' "TAB lists the candidates when it cannot extend"
like "$log" '^nix run \.#low-latency-runner$' "then completes once the input is unique (lo -> low-latency)"
menu tabsub -n
pty tabsub "$session_cmd" "see $P" "ready" 'send abr\t' "ready" 'send \r' \
	"see $T" "ready" 'send \r' 'see [rc='
is "$prc" 0 "TAB completes a unique substring to the name (abr -> 4k-abr)"
menu tabcase -n
pty tabcase "$session_cmd" "see $P" "ready" 'send W\t' "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#weird-runner$' "TAB takes a prefix in any case, as Enter does (W -> weird)"
is "$(printf '%s\n' "$log" | grep -c '^  5) low-latency')" 1 \
	"TAB on a prefix lists no names it is only part of (low-latency)"

# 5. History: Up recalls earlier choices, kept under $XDG_STATE_HOME/up/.
choose remember help 'nix run \.#help-runner' "a choice to remember"
menu history -n
pty history "$session_cmd" "see $P" "ready" 'send \x1b[A' "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#help-runner$' "Up at the prompt recalls the earlier choice"
ok "$([ -s "$XDG_STATE_HOME/up/history" ]; echo $?)" "the history is kept in \$XDG_STATE_HOME/up/history"
is "$(stat -c %a "$XDG_STATE_HOME/up")" 700 "its directory is created 0700"
menu history2 -n
pty history2 "$session_cmd" "see $P" "ready" 'send \x1b[A\x1b[A' "ready" \
	'send \x1b[B' "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#help-runner$' "Up and Down walk the earlier choices"

# 6. Types: only the profile's, the unavailable ones with their reason, refused.
menu types -n -i default
pty types "$session_cmd" "see $T" "ready" 'send mac\r' "see cannot run here" "see $T" \
	"ready" 'send 2\r' 'see [rc='
like "$log" '^  4\) mac        macOS only$' "the types screen lists the profile's types"
like "$log" '^ +unavailable: runs on aarch64-darwin, x86_64-darwin;' \
	"a type this machine cannot run is shown with the reason"
like "$log" '^type mac cannot run here: runs on aarch64-darwin, x86_64-darwin; this machine is ' \
	"choosing it is refused, with the reason"
like "$log" '^nix run \.#default-container$' "and the prompt comes back"
unlike "$log" 'profile \[' "-i PROFILE asks only the type"
menu typesonly -n -i low-latency
pty typesonly "$session_cmd" "see $T" "ready" 'send \r' 'see [rc='
unlike "$log" ' mac ' "only the types the profile lists"
menu typearg -n -i default container
pty typearg "$session_cmd" "see type [container]> " "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#default-container$' "-i PROFILE TYPE: TYPE is the default"
menu single -n -i help
pty single "$session_cmd" 'see [rc='
like "$log" '^help has a single type: runner$' "a profile with a single type asks nothing more"
menu none -i mac-only
pty none "$session_cmd" 'see [rc='
is "$urc" 69 "a profile with no type this machine can run: nothing asked, the check says why (69)"

# 6b. Profiles this machine cannot run (the profile's systems, or none of
# its types): shown marked with the reason, refused and asked again; the
# default is the first that can run when the manifest's cannot.
service=$(fixture service)
cd "$service" || exit 1
menu profiles -n
pty profiles "$session_cmd" "see profile [dev]> " "ready" 'send macos\r' "see cannot run here" \
	"see profile [dev]> " "ready" 'send 3\r' 'see [rc='
like "$log" '^  5\) macos +the macOS build$' "a profile this machine cannot run is listed"
like "$log" '^ +unavailable: runs on aarch64-darwin; this machine is' "with the reason, under it"
like "$log" '^profile macos cannot run here: runs on aarch64-darwin; this machine is [a-z0-9_]+-[a-z]+$' \
	"choosing it is refused with the reason"
like "$log" '^  run it on a machine whose system is aarch64-darwin; choose another profile$' \
	"and the fix, then the prompt comes back"
like "$log" '^nix run \.#load-test-runner$' "another profile is then taken"
is "$urc" 0 "a refused profile is no exit: 0 once another is chosen"
menu macfirst -n --attr macFirst
pty macfirst "$session_cmd" "see profile [dev]> " "ready" 'send \r' "see type [" "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#dev-' "the manifest's default profile cannot run here: the first that can is the default"
menu nowhere -n --attr nowhere
pty nowhere "$session_cmd" 'see [rc='
is "$urc" 69 "no profile can run here: nothing asked, the check says why (69)"
unlike "$log" 'profile \[' "... and no prompt"
cd "$basic" || exit 1

# 7. When there is no menu.
run "$UP" -i
is "$rc" 64 "-i without a terminal: 64"
like "$err" "needs a terminal" "and says why"
menu ci -n
pty ci "CI=1 $session_cmd" 'see [rc='
like "$log" '^up: CI is set: using defaults profile=default type=runner$' "CI=1 on a terminal: no menu, the defaults"
unlike "$log" 'profile \[' "no prompt with CI set"
menu yes -n -y
pty yes "$session_cmd" 'see [rc='
like "$log" '^up: --yes: using defaults profile=default type=runner$' "--yes on a terminal: no menu, the defaults"
menu profile -n low-latency
pty profile "$session_cmd" 'see [rc='
unlike "$log" 'type \[' "a PROFILE without -i: no menu"

# 7b. libedit is loaded when a menu is first shown (not linked): a run that
# shows none does not load it, and one whose libedit cannot be loaded (here
# an empty file bound over it, in a private mount namespace) says so, with
# what to do, and leaves the terminal as it was.
libedit=$(sed -n 's/^#define UP_LIBEDIT "\(.*\)"$/\1/p' "${top_builddir:-$top_srcdir}/config.h")
if [ -n "$libedit" ] && command -v objdump >/dev/null 2>&1; then
	objdump -p "$UP" | grep -q "NEEDED.*libedit"
	ok $((!$?)) "up is not linked with libedit (it loads $libedit for a menu)"
else
	ok 0 "up is not linked with libedit # SKIP no objdump, or no UP_LIBEDIT in config.h"
fi
if [ -n "$libedit" ] && can_unshare; then
	: >"$TEST_TMP/empty.so"
	menu noedit -n
	pty noedit "unshare -m sh -c 'mount --bind \"\$TEST_TMP/empty.so\" $libedit && exec $session_cmd'" 'see [rc='
	like "$log" "^up: cannot load libedit \($libedit\), which shows the menu: " "libedit cannot be loaded: said, naming the file"
	like "$log" "install it again \(Debian: apt-get install libedit2\), or name the target: up PROFILE TYPE" \
		"... with what to do"
	is "$urc" 70 "... exit 70"
	same_stty noedit "... and the terminal is as it was"
	run unshare -m sh -c 'mount --bind "$1" "$2" && exec "$UP" -n default runner' sh "$TEST_TMP/empty.so" "$libedit"
	is "$rc:$out" "0:nix run .#default-runner" "... while a named target, which needs no menu, runs"
else
	ok 0 "libedit cannot be loaded # SKIP needs root and a private mount namespace (unshare -m)"
fi

# 8. Leaving: Ctrl-C and Ctrl-D at both prompts.
cancel() { # cancel NAME KEYS DESCRIPTION ARG...: KEYS at the first prompt
	name=$1 keys=$2 what=$3
	shift 3
	menu "$name" "$@"
	pty "$name" "$session_cmd" 'match (profile|type) \[[a-z]+\]> ' "ready" "send $keys" 'see [rc='
	is "$urc" 130 "$what: 130"
	unlike "$log" 'Executing|^nix run' "$what: nothing run"
	same_stty "$name" "$what: stty -a as before"
}
cancel cancelC 'lo\x03' "Ctrl-C at the profile prompt"
cancel cancelD '\x04' "Ctrl-D at the profile prompt"
cancel tcancelC '\x03' "Ctrl-C at the type prompt" -i default
cancel tcancelD '\x04' "Ctrl-D at the type prompt" -i default
menu ctrld_line -n
pty ctrld_line "$session_cmd" "see $P" "ready" 'send lo\x04\r' "see $T" "ready" 'send \r' 'see [rc='
is "$urc" 0 "Ctrl-D on a non-empty line edits, it does not cancel"

# 9. Terminals: TERM=dumb, NO_COLOR, a non-UTF-8 locale.
menu dumb -n
pty dumb "TERM=dumb $session_cmd" "see $P" "ready" 'send l\r' "see matches 2" "ready" \
	'send o\t' "ready" 'send \r' "see $T" "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#low-latency-runner$' "TERM=dumb: the menu works"
ok "$(LC_ALL=C grep -c "$(printf '\033')" "$TEST_TMP/dumb.log" >/dev/null; [ $? -eq 1 ]; echo $?)" \
	"TERM=dumb: not one escape sequence in the output"
menu color -n
pty color "$session_cmd" "see $P" "ready" 'send \x04' 'see [rc='
ok "$(LC_ALL=C grep -q "$(printf '\033')\\[1m" "$TEST_TMP/color.log"; echo $?)" "colour on a terminal (bold header)"
menu nocolor -n
pty nocolor "NO_COLOR=1 $session_cmd" "see $P" "ready" 'send l\r' "see matches 2" "ready" \
	'send o\t' "ready" 'send \r' "see $T" "ready" 'send \r' 'see [rc='
like "$log" '^nix run \.#low-latency-runner$' "NO_COLOR: the menu works"
ok "$(LC_ALL=C grep -Eq "$(printf '\033')\\[[0-9;]*m" "$TEST_TMP/nocolor.log"; [ $? -eq 1 ]; echo $?)" \
	"NO_COLOR: no colour escape sequence"
menu clocale -n
pty clocale "LC_ALL=C $session_cmd" "see $P" "ready" 'send low\t' "ready" \
	'send \r' "see $T" "ready" 'send \r' 'see [rc='
like "$log" '^hls-origin - HLS test origin$' "LC_ALL=C: the header in ASCII"
like "$log" '^  5\) low-latency  1 s segments$' "LC_ALL=C: names intact"
like "$log" '^nix run \.#low-latency-runner$' "LC_ALL=C: choosing works"
ok "$(LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TEST_TMP/clocale.log"; [ $? -eq 1 ]; echo $?)" \
	"LC_ALL=C: only ASCII written"

# 10. 500 profiles in an 80x24 tmux window: the prompt stays on screen, the
# list fits, and typing reaches any profile; a resize keeps the prompt.
tmux_sock=$TEST_TMP/tmux.sock
tm() { tmux -S "$tmux_sock" -f /dev/null "$@"; }
screen_has() { # screen_has TEXT: polls the screen for TEXT, up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		screen=$(tm capture-pane -p -t menu 2>/dev/null)
		case $screen in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
cd "$many" || exit 1
tm new-session -d -x 80 -y 24 -s menu "\"\$UP\"; echo \"[rc=\$?]\"; sleep 60"
screen_has 'profile [p-1]>'
ok $? "500 profiles, 80x24: the prompt is on screen"
is "$(printf '%s\n' "$screen" | head -1)" "many — 500 generated profiles" "the header too: nothing scrolled away"
like "$screen" '… 374 more: type to filter \(a prefix or substring\), TAB to complete' \
	"the list shows what fits and says how many more"
like "$(printf '%s\n' "$screen" | sed -n 24p)" '^profile \[p-1\]>$' "the prompt is the last line of the screen"
printf '%s\n' "$screen" | sed 's/^/# /'
tm send-keys -t menu p-3 Tab
screen_has '  399) p-399'
ok $? "TAB on p-3 lists its 111 matches"
like "$(printf '%s\n' "$screen" | sed -n 24p)" '^profile \[p-1\]> p-3$' "and the prompt stays on screen"
tm resize-window -t menu -x 60 -y 20
sleep 0.3 # (a resize leaves no mark on the screen to wait for: the one fixed wait)
tm send-keys -t menu 47 Enter
screen_has 'app=p-347-runner'
ok $? "typing p-347 then Enter selects it, after a resize"
like "$screen" 'Executing: nix run \.#p-347-runner' "and runs nix run .#p-347-runner"
tm kill-server

# A flake without a manifest: its apps, one prompt, then the app runs.
plain=$(fixture plain)
menu apps --flake "$plain"
pty apps "$session_cmd" "see app [default]> " "ready" 'send serve\r' 'see [rc='
like "$log" '^  1\) 50% +half$' "no manifest: the menu lists the flake's apps, with descriptions"
like "$log" '^  4\) db\.migrate +migrate the database$' "... every one it can run"
unlike "$log" 'Types for' "... and asks no type"
like "$log" "^Executing: nix run '?$plain"'#serve'"'?\$" "... typing serve runs .#serve"
like "$log" 'app=serve$' "... which runs"
is "$urc" 0 "... and its status is up's"

# Without an app called default: the menu all the same (no default to fail on).
nodefault=$(fixture plain "$TEST_TMP/nodefault")
(cd "$nodefault" && sed -i '/default = mkApp/d' flake.nix && git -c user.name=t -c user.email=t@e commit -qam nodefault)
menu nodefault -n --flake "$nodefault"
pty nodefault "$session_cmd" "see app [50%]> " "ready" 'send lint\r' 'see [rc='
like "$log" "nix run .*#lint'?\$" "no default app, on a terminal: the menu, and the app chosen"
is "$urc" 0 "... exit 0"

done_testing
