#!/bin/sh
# After make install (make installcheck runs this): the dynamic completion
# scripts are where bash-completion, zsh and fish look for them (up(1) COMPLETIONS),
# they are what the installed up prints, and each shell loads them from
# there. Takes from make: bindir, bashcompdir, zshcompdir, fishcompdir
# (each "no" when not installed) and DESTDIR. That make uninstall leaves
# nothing behind is checked by make distcheck.
UP=${DESTDIR:-}${bindir:?}/up
export UP
. "${top_srcdir:?}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

[ -x "$UP" ]
ok $? "up is installed ($UP)"

# installed SHELL DIR FILE: the file is there and is the dynamic script.
installed() {
	if [ "$2" = no ]; then
		ok 0 "$1: not installed (--with-$1-completion-dir=no) # SKIP"
		return 1
	fi
	file=${DESTDIR:-}$2/$3
	# what up prints, but for the lines that name the up printing it
	"$UP" --completions "$1" | awk '
		state == 0 && /^(typeset -ga )?__up_self=\($/ { state = 1; next }
		state == 0 && /^set -g __up_self / { state = 3; next }
		state == 1 { if ($0 == ")") state = 2; next }
		state == 3 { state = 2; next }
		state == 2 { state = 4; if ($0 == "") next }
		{ print }' >"$TEST_TMP/expected.$1"
	cmp -s "$file" "$TEST_TMP/expected.$1"
	ok $? "$1: $file is the dynamic script (up --completions $1, without the up that printed it)"
	"$UP" --completions "$1" | grep -qF "$UP"
	ok $? "$1: up --completions $1 names the up that printed it, for who has no up on PATH"
}

# By default (make distcheck's configure gives no directory) every script
# goes under the prefix: make install needs no write access elsewhere.
for dir in "$bashcompdir" "$zshcompdir" "$fishcompdir"; do
	case $dir in
	no) ;;
	"${prefix:?}"/*) ok 0 "$dir is under the prefix $prefix" ;;
	*) ok 1 "$dir is under the prefix $prefix" ;;
	esac
done

flake=$(hostile)
cd "$flake" || exit 1
PATH=$DYNAMIC_PATH
if installed bash "$bashcompdir" up; then
	case $file in
	*/bash-completion/completions/up)
		# bash-completion looks in $XDG_DATA_DIRS/bash-completion/completions.
		XDG_DATA_DIRS=${file%/bash-completion/completions/up}:/usr/share bash_tab "" 'up evil '
		is "$(joined "$out")" "c++ runner" "bash-completion loads the installed script on demand" ;;
	*) ok 0 "bash: $file is not under bash-completion/completions # SKIP" ;;
	esac
fi
if installed zsh "$zshcompdir" _up; then
	TAB_FPATH=${file%/_up} zsh_tab "" 'up -- ev'
	is "$(buffer)" "up -- evil " "zsh's compinit autoloads the installed _up"
fi
if installed fish "$fishcompdir" up.fish; then
	TAB_COMPLETE_PATH=${file%/up.fish} fish_tab "" 'up evil '
	is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "c++ runner" "fish loads the installed up.fish"
fi
no_marks "installed scripts"

done_testing
