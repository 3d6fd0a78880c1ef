#!/bin/sh
# The completion scripts' pieces (src/shell/SHELL/*) are real shell code:
# each parses in its shell, and the bash pieces pass shellcheck when it is
# installed. The static pieces read arrays that up writes above them.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

pieces=$top_srcdir/src/shell
for sh in bash zsh fish; do
	if ! command -v "$sh" >/dev/null 2>&1; then
		for f in "$pieces/$sh"/*."$sh"; do ok 0 "${f#"$top_srcdir"/} # SKIP $sh is not installed"; done
		continue
	fi
	for f in "$pieces/$sh"/*."$sh"; do
		case $sh in
		fish) fish --no-execute "$f" >"$TEST_TMP/lint" 2>&1 ;;
		*) "$sh" -n "$f" >"$TEST_TMP/lint" 2>&1 ;;
		esac
		ok $? "${f#"$top_srcdir"/} parses ($sh)"
		sed 's/^/#   /' "$TEST_TMP/lint"
	done
done

if command -v shellcheck >/dev/null 2>&1; then
	for f in "$pieces"/bash/*.bash; do
		case $f in
		*/static.bash) exclude=SC2154 ;; # __up_*_lines: written by up --static
		*) exclude= ;;
		esac
		shellcheck -s bash ${exclude:+-e "$exclude"} "$f" >"$TEST_TMP/lint" 2>&1
		ok $? "${f#"$top_srcdir"/} passes shellcheck"
		sed 's/^/#   /' "$TEST_TMP/lint" | head -40
	done
else
	ok 0 "shellcheck # SKIP shellcheck is not installed"
fi

done_testing
