#!/bin/sh
# make install DESTDIR=... puts the dynamic completion scripts where
# bash-completion, zsh and fish look for them (SPEC §5), and each shell
# loads them from there; make uninstall removes them.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

builddir=$(cd "$(dirname "$UP")/.." && pwd)
if [ ! -f "$builddir/Makefile" ]; then
	echo "1..0 # SKIP no build directory for $UP"
	exit 0
fi
dest=$TEST_TMP/dest
# A make of its own, not a job of the make running the tests.
(unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
	make -C "$builddir" install DESTDIR="$dest") >"$TEST_TMP/install.log" 2>&1
ok $? "make install DESTDIR=..."
[ $? -eq 0 ] || sed 's/^/#   /' "$TEST_TMP/install.log" | tail -20

bash_file=$(find "$dest" -type f -path '*/bash-completion/completions/up')
zsh_file=$(find "$dest" -type f -name _up)
fish_file=$(find "$dest" -type f -name up.fish)
like "$bash_file" "^$dest/.*/bash-completion/completions/up\$" "bash: in bash-completion's completions directory ($bash_file)"
like "$zsh_file" "^$dest/.*/(site-functions|vendor-completions)/_up\$" "zsh: _up in a site-functions directory ($zsh_file)"
like "$fish_file" "^$dest/.*/(vendor_completions\\.d|completions)/up\\.fish\$" "fish: up.fish in vendor_completions.d ($fish_file)"
for pair in "bash:$bash_file" "zsh:$zsh_file" "fish:$fish_file"; do
	s=${pair%%:*} f=${pair#*:}
	"$UP" --completions "$s" >"$TEST_TMP/expected.$s"
	cmp -s "$f" "$TEST_TMP/expected.$s"
	ok $? "the installed $s script is the dynamic one (up --completions $s)"
done

flake=$(hostile)
cd "$flake" || exit 1
PATH=$DYNAMIC_PATH
# bash-completion looks in $XDG_DATA_DIRS/bash-completion/completions.
XDG_DATA_DIRS=${bash_file%/bash-completion/completions/up}:/usr/share bash_tab "" 'up evil '
is "$(joined "$out")" "c++ runner" "bash-completion loads the installed script on demand"
TAB_FPATH=${zsh_file%/_up} zsh_tab "" 'up -- ev'
is "$(buffer)" "up -- evil " "zsh's compinit autoloads the installed _up"
TAB_COMPLETE_PATH=${fish_file%/up.fish} fish_tab "" 'up evil '
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "c++ runner" "fish loads the installed up.fish"
no_marks "installed scripts"

(unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
	make -C "$builddir" uninstall DESTDIR="$dest") >"$TEST_TMP/uninstall.log" 2>&1
ok $? "make uninstall DESTDIR=..."
is "$(find "$dest" -type f)" "" "make uninstall removes every installed file"

done_testing
