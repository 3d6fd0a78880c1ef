#!/bin/sh
# completions/ holds the static scripts for this repository's own profiles/
# (up(1) COMPLETIONS): regenerated here with the up just built, they must be the same
# byte for byte; if not, run `make completions`.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

# The repository's flake, in a git repository of its own: the source tree
# may be no repository (a release tarball) or one where new files are not
# yet tracked. upManifest needs none of the flake's inputs.
repo=$TEST_TMP/repo
mkdir -p "$repo"
for f in flake.nix flake.lock profiles nix; do
	[ -e "$top_srcdir/$f" ] && cp -R "$top_srcdir/$f" "$repo/"
done
chmod -R u+w "$repo"
(cd "$repo" && git init -q && git add -A &&
	git -c user.name=test -c user.email=test@example.invalid commit -qm flake) >/dev/null

for pair in bash:up.bash zsh:_up fish:up.fish; do
	s=${pair%%:*} f=${pair#*:}
	run "$UP" --flake "$repo" --completions "$s" --static
	is "$rc:$err" "0:" "up --completions $s --static for this repository's flake"
	printf '%s\n' "$out" >"$TEST_TMP/$f"
	if cmp -s "$top_srcdir/completions/$f" "$TEST_TMP/$f"; then
		ok 0 "completions/$f is current"
	else
		ok 1 "completions/$f is current (run make completions)"
		diff -u "$top_srcdir/completions/$f" "$TEST_TMP/$f" | head -20 | sed 's/^/#   /'
	fi
done

# The shipped scripts complete this repository's profiles with no up at all.
names=$(cd "$repo" && "$UP" --complete -- '' | cut -f1)
names=$(joined "$names")
PATH=$STATIC_PATH
cd "$repo" || exit 1
bash_tab "$top_srcdir/completions/up.bash" 'up '
is "$(joined "$out")" "$names" "completions/up.bash completes the profiles ($names)"
zsh_tab "$top_srcdir/completions/_up" 'up default '
like "$out" "^runner +-- " "completions/_up completes types with descriptions"
fish_tab "$top_srcdir/completions/up.fish" 'up '
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "$names" "completions/up.fish completes the profiles"

done_testing
