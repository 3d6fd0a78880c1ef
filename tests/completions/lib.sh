# Helpers for the completion tests: a fixture whose descriptions would run
# commands if a shell ever evaluated them, the scripts under test, and a
# way to press TAB in each shell. Sourced after tests/lib.sh.

# hostile [DIR]: the completions fixture, its @MARK@ placeholders pointing
# at $TEST_TMP/mark; prints its path.
hostile() {
	h=$(fixture completions "$@")
	sed "s|@MARK@|$TEST_TMP/mark|g" "$h/manifest.nix" >"$h/manifest.tmp" &&
		mv "$h/manifest.tmp" "$h/manifest.nix" &&
		(cd "$h" && git -c user.name=test -c user.email=test@example.invalid \
			commit -qam marks) >/dev/null
	printf '%s\n' "$h"
}

# no_marks WHAT: passes when no description ran (no marker file exists).
no_marks() {
	set -- "$1" "$(cd "$TEST_TMP" && ls -d mark* 2>/dev/null)"
	is "$2" "" "$1: nothing in a description ran"
}

# The programs that press TAB in each shell (bash_tab, zsh_tab, bash_pty).
DRIVERS=$top_srcdir/tests/completions/drivers

# The PATH for dynamic scripts has $UP's directory first; the PATH for
# static ones has no up at all.
UP_DIR=$(cd "$(dirname "$UP")" && pwd)
mkdir -p "$TEST_TMP/bin"
ln -s "$UP_DIR/up" "$TEST_TMP/bin/up"
DYNAMIC_PATH="$TEST_TMP/bin:$PATH"
STATIC_PATH=$(printf '%s\n' "$PATH" | tr ':' '\n' | while IFS= read -r d; do
	[ -n "$d" ] && [ ! -x "$d/up" ] && printf '%s:' "$d"; done)
STATIC_PATH=${STATIC_PATH%:}

# scripts SHELL: writes $TEST_TMP/dynamic.SHELL and (from the flake in the
# current directory) $TEST_TMP/static.SHELL.
scripts() {
	"$UP" --completions "$1" >"$TEST_TMP/dynamic.$1" &&
		"$UP" --completions "$1" --static >"$TEST_TMP/static.$1"
}

# The candidates as one line: "a b c".
joined() {
	printf '%s\n' "$1" | tr '\n' ' ' | sed 's/ *$//'
}

# bash_tab SCRIPT LINE [plain]: in a fresh bash (with bash-completion
# unless "plain"), sources SCRIPT (none when empty), splits LINE as
# readline would (whitespace outside quotes; '=' and ':' are words of
# their own), calls the function `complete -p` names for its first word
# and sets $out to COMPREPLY, one element a line.
bash_tab() {
	out=$(bash --norc --noprofile "$DRIVERS/tab.bash" "$@")
}

# fake_nix FLAKE: a nix for $UP_NIX that adds its arguments to
# $TEST_TMP/nix-args, one a line, and
# answers every eval with FLAKE's manifest (nix 2.8 cannot evaluate a flake
# whose path holds a space).
fake_nix() {
	nix eval --json "$1#upManifest" >"$TEST_TMP/manifest.json"
	printf '#!/bin/sh\nprintf "%%s\\n" "$@" >>"%s/nix-args"\ncat "%s/manifest.json"\n' \
		"$TEST_TMP" "$TEST_TMP" >"$TEST_TMP/fake-nix"
	chmod +x "$TEST_TMP/fake-nix"
	printf '%s\n' "$TEST_TMP/fake-nix"
}

# drivers/tab-read.zsh, sourced by the pty drivers with the zpty name:
# reads the screen into $out until the line BUF<...> arrives (60 s at
# most), then ends it.
TAB_READ=$DRIVERS/tab-read.zsh
export TAB_READ

# zsh_tab SCRIPT INPUT: an interactive zsh on a pseudo-terminal (zsh/zpty)
# with compinit, SCRIPT sourced (none when empty), INPUT typed and TAB
# pressed; $out is the screen after it (escape sequences dropped) ending
# with a line BUF<the command line>.
zsh_tab() {
	out=$(TAB_HOME=$TEST_TMP zsh -f "$DRIVERS/tab.zsh" "$@")
}

# bash_pty SCRIPT INPUT: as zsh_tab, in an interactive bash with
# bash-completion loaded: $out ends with BUF<the command line>.
bash_pty() {
	out=$(zsh -f "$DRIVERS/tab-bash.zsh" "$@")
}

# has TEXT STRING DESCRIPTION: passes when TEXT holds STRING as it is.
has() {
	if printf '%s\n' "$1" | grep -Fq -- "$2"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '%s\n' "$1" | head -30 | sed 's/^/#   /'
		printf '#   does not hold: %s\n' "$2"
	fi
}

# buffer: the command line after TAB, from $out.
buffer() {
	printf '%s\n' "$out" | sed -n 's/^BUF<\(.*\)>$/\1/p' | tail -n1
}

# fish_tab SCRIPT LINE: `complete -C LINE` in fish with SCRIPT sourced
# (none when empty); $out holds the candidates, NAME<TAB>DESCRIPTION.
# Without a configuration fish has no completion path: it gets fish's own
# directories (where Debian puts nix's completion), after $TAB_COMPLETE_PATH.
fish_tab() {
	out=$(fish --no-config -c 'set -g fish_complete_path $TAB_COMPLETE_PATH \
			$__fish_data_dir/vendor_completions.d $__fish_data_dir/completions
		test -n "$argv[1]"; and source $argv[1]
		complete -C $argv[2]' "$@" 2>&1)
}
