#!/bin/sh
# A real nix that is slow, hangs or floods: a TAB is bounded, signals reach
# nix and what it runs, its output is bounded, and long work says so on a
# terminal (never in JSON or completion).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

system=$(nix eval --impure --raw --expr builtins.currentSystem)
esc=$(printf '\033')

hostile=$(fixture hostile)
cd "$hostile" || exit 1
# The builder of the slow and hanging evaluations has the nonce on its
# command line: the test looks for that process (nix runs it as a build
# user), not for any sleep on the machine.
printf '%s\n' "$system" >system && date +%s%N >nonce && git add -A && commit -m system
nonce=$(cat nonce)
# builder_gone: passes when our builder no longer runs.
builder_gone() { ! pgrep -f -- "# $nonce" >/dev/null; }

# --- 1. a nix that hangs or floods --------------------------------------------
start=$(date +%s)
UP_COMPLETE_TIMEOUT=1 run "$UP" --complete -- --attr hang ''
took=$(($(date +%s) - start))
is "$rc:$out:$err" "0::" "a TAB while nix hangs: nothing, quietly"
ok "$([ "$took" -lt 10 ]; echo $?)" "... within the bound (UP_COMPLETE_TIMEOUT=1: ${took} s)"
sleep 1
ok "$(builder_gone; echo $?)" "... and nix is stopped, not left behind (nor the builder it ran)"
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
i=0
while [ $i -lt 100 ] && builder_gone; do sleep 0.1; i=$((i + 1)); done
ok "$(! builder_gone; echo $?)" "(nix runs the builder, found by its nonce)"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM to up alone: up ends by SIGTERM"
sleep 1
ok "$(! kill -0 "$nixpid" 2>/dev/null; echo $?)" "... after passing it on to nix, which is gone"
ok "$(builder_gone; echo $?)" "... and so is what nix ran"
run "$UP" -n --no-cache --attr flood
is "$rc" 65 "nix writing 250 MB on stderr: 65"
ok "$([ "${#err}" -lt 65536 ]; echo $?)" "... of which up shows a bounded part (${#err} bytes)"
like "$err" "^\[\.\.\. [0-9]+ bytes of nix's output left out here \.\.\.\]$" "... saying how much it left out"
like "$err" "^ *error: after the flood$" "... and nix's error, at the end"

# --- 2. long work says so -----------------------------------------------------
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
	ok "$(grep -q "$cr$(printf '%117s' '')$cr" "$TEST_TMP/dumb.log"; echo $?)" \
		"TERM=dumb, 120 columns: the line is blanked as wide as it was drawn (no escape to erase it)"
else
	for i in 1 2 3 4 5 6 7 8; do ok 0 "progress # SKIP no script (util-linux)"; done
fi

# Ctrl-C while the line is shown, on a terminal as wide as the line: the
# terminal's "^C" does not push it onto a line of its own, and it is gone.
if command -v tmux >/dev/null 2>&1; then
	date +%s%N >nonce && commit -qam nonce
	printf 'trap : INT\n"$UP" -n --attr slow default runner\necho "[rc=$?]"\nsleep 60\n' >"$TEST_TMP/ctrlc"
	tm() { tmux -L "up-test-$$" "$@"; }
	tm new-session -d -x 100 -y 10 -s slow "cd '$hostile' && TERM=xterm UP='$UP' sh '$TEST_TMP/ctrlc'"
	i=0
	until tm capture-pane -p -t slow | grep -q 'evaluating' || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	tm send-keys -t slow C-c
	i=0
	until tm capture-pane -p -t slow | grep -q 'rc=' || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	screen=$(tm capture-pane -p -t slow)
	tm kill-server
	like "$screen" "\[rc=130\]" "Ctrl-C while nix evaluates: 130"
	unlike "$screen" "evaluating" "... and the progress line is erased, the terminal's ^C with it"
else
	for i in 1 2; do ok 0 "Ctrl-C and the progress line # SKIP no tmux"; done
fi

done_testing
