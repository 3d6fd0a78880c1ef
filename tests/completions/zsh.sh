#!/bin/sh
# zsh completion (up(1) COMPLETIONS), dynamic and static: an interactive zsh on a
# pseudo-terminal with compinit, TAB pressed, the screen read. The list
# shows descriptions, exactly as written; none of them runs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

flake=$(hostile)
cd "$flake" || exit 1
mkdir -p "dir with spaces/sub" "$HOME/projects"
: >notes-for-app.txt
scripts zsh || exit 1
zsh -n "$TEST_TMP/dynamic.zsh"
ok $? "the dynamic script is valid zsh"
zsh -n "$TEST_TMP/static.zsh"
ok $? "the static script is valid zsh"
is "$(head -n1 "$TEST_TMP/dynamic.zsh")" "#compdef up" "it starts with #compdef up"
M=$TEST_TMP/mark
evil="-- \$(touch $M-4) \`touch $M-5\` '\$(touch $M-6)' \"\$(touch $M-7)\" ; touch $M-8 | tee $M-9"

for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; else PATH=$STATIC_PATH; fi
	export PATH
	script=$TEST_TMP/$kind.zsh
	zsh_tab "$script" 'up '
	like "$out" "^default +-- plain words\$" "$kind: up TAB lists profiles with descriptions"
	has "$out" "evil         $evil" "$kind: ... \$(), backticks and quotes shown as written"
	has "$out" 'percent      -- %F{red}%n%% %s %d \n \t *?[a] ~root !! $HOME: ${HOME} colon: here' \
		"$kind: ... %, backslashes, globs, \$HOME shown as written"
	like "$out" "^(4k-abr|a\\+b|low-latency) " "$kind: ... every profile"
	is "$(buffer)" "up " "$kind: ... and the line is left as it was"
	zsh_tab "$script" 'up ev'
	is "$(buffer)" "up evil " "$kind: a unique prefix completes the profile"
	zsh_tab "$script" 'up evil '
	has "$out" "c++     -- \`touch $M-2\` back\`ticks\`" "$kind: TYPE: the profile's types with descriptions"
	has "$out" "runner  -- Local \$(touch $M-1) process" "$kind: ... all of them"
	unlike "$out" "^vm " "$kind: ... and no other"
	zsh_tab "$script" 'up percent '
	is "$(buffer)" "up percent vm " "$kind: a profile with one type completes it"
	zsh_tab "$script" 'up default vm notes-f'
	is "$(buffer)" "up default vm notes-for-app.txt " "$kind: after TYPE the app's words complete as file names"
	zsh_tab "$script" 'nix run .#up -- default vm notes-f'
	is "$(buffer)" "nix run .#up -- default vm notes-for-app.txt " "$kind: ... also under nix run .#up --"
	zsh_tab "$script" 'up wi'
	is "$(buffer)" "up evil " "$kind: an alias completes as its profile"
	zsh_tab "$script" 'up bad '
	has "$out" "runner  -- Local \$(touch $M-1) process" "$kind: TYPE after an alias: its profile's types"
	zsh_tab "$script" 'up --fl'
	is "$(buffer)" "up --flake " "$kind: options"
	zsh_tab "$script" 'up --completions '
	like "$out" "^bash +-- completion script for bash" "$kind: --completions values with descriptions"
	zsh_tab "$script" 'up --flake ./di'
	is "$(buffer)" 'up --flake ./dir\ with\ spaces/' "$kind: --flake completes a directory, quoted for zsh, no space after"
	zsh_tab "$script" 'up --flake=./di'
	is "$(buffer)" 'up --flake=./dir\ with\ spaces/' "$kind: --flake=PATH"
	zsh_tab "$script" 'up --flake ~/pro'
	is "$(buffer)" 'up --flake ~/projects/' "$kind: --flake ~/ completes in HOME, keeping the ~"
	zsh_tab "$script" 'up -- a'
	is "$(buffer)" "up -- a+b " "$kind: after --"
	zsh_tab "$script" 'nix run .#up -- ev'
	is "$(buffer)" "nix run .#up -- evil " "$kind: nix run .#up -- completes up's profiles"
	zsh_tab "$script" 'nix run .#up evil '
	has "$out" "runner  -- Local \$(touch $M-1) process" "$kind: nix run .#up PROFILE TAB lists its types"
	no_marks "$kind"
done

PATH=$STATIC_PATH zsh_tab "$TEST_TMP/dynamic.zsh" 'nix run .#up -- ev'
is "$(buffer)" "nix run .#up -- evil " "dynamic, no up on PATH: nix run .#up -- TAB asks the up that printed the script"

PATH=$DYNAMIC_PATH
printf 'source <(up --completions zsh)\n' >"$TEST_TMP/psub.zsh"
zsh_tab "$TEST_TMP/psub.zsh" 'up ev'
is "$(buffer)" "up evil " "source <(up --completions zsh) works"
zsh_tab "$TEST_TMP/dynamic.zsh" 'up --attr other '
is "$(buffer)" "up --attr other solo " "dynamic: --attr NAME reads that attribute"
spaced=$(hostile "$TEST_TMP/dir with spaces")
UP_NIX=$(fake_nix "$flake")
export UP_NIX
zsh_tab "$TEST_TMP/dynamic.zsh" "up --flake \"$spaced\" ev"
is "$(buffer)" "up --flake \"$spaced\" evil " "a --flake path with spaces, double-quoted"
like "$(cat "$TEST_TMP/nix-args")" "^$spaced#\\.?upManifest\$" "... reaches nix as one word"
zsh_tab "$TEST_TMP/dynamic.zsh" "up --flake '$spaced' evil "
has "$out" "runner  -- Local \$(touch $M-1) process" "a --flake path with spaces, single-quoted"
unset UP_NIX
no_marks "the flake with spaces"

for line in 'nix bui' 'nix run .#de' 'nix flake sh'; do
	zsh_tab "" "$line"
	without=$(buffer)
	zsh_tab "$TEST_TMP/dynamic.zsh" "$line"
	is "$(buffer)" "$without" "'$line' completes as nix's own completion does ('$without')"
done
zsh_tab "" 'nix run .#up -- ev'
is "$(buffer)" "nix run .#up -- ev" "(without the script, nix run .#up -- does not complete profiles)"

# Installed as _up in a directory of fpath, compinit autoloads it.
mkdir -p "$TEST_TMP/site-functions"
cp "$TEST_TMP/dynamic.zsh" "$TEST_TMP/site-functions/_up"
TAB_FPATH=$TEST_TMP/site-functions zsh_tab "" 'up evil '
has "$out" "runner  -- Local \$(touch $M-1) process" "installed as _up in fpath, compinit loads it"
TAB_FPATH=$TEST_TMP/site-functions zsh_tab "" 'up -- ev'
is "$(buffer)" "up -- evil " "... and completes"
no_marks "installed"

# zsh shows up's order (natural for an attrset), not its own sort.
order=$(fixture order)
cd "$order" || exit 1
zsh_tab "$TEST_TMP/dynamic.zsh" 'up '
is "$(printf '%s\n' "$out" | sed -n 's/^\(beta\|svc[0-9]*\) .*/\1/p' | tr '\n' ' ')" "beta svc1 svc02 svc2 svc10 " \
	"profiles in up's order (svc2 before svc10), not sorted again"
zsh_tab "$TEST_TMP/dynamic.zsh" 'up beta t'
is "$(printf '%s\n' "$out" | sed -n 's/^\(t[0-9]*\) .*/\1/p' | tr '\n' ' ')" "t1 t2 t10 " "... and types"

# A flake without a manifest: its apps, then the app's words as files.
plain=$(fixture plain)
cd "$plain" || exit 1
: >notes-for-app.txt
"$UP" --completions zsh --static >"$TEST_TMP/static-plain.zsh"
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; script=$TEST_TMP/dynamic.zsh
	else PATH=$STATIC_PATH; script=$TEST_TMP/static-plain.zsh; fi
	export PATH
	zsh_tab "$script" 'up s'
	like "$out" "^svc2 +svc10$" "$kind, no manifest: up s TAB: the flake's apps (those without a description side by side, in up's order)"
	has "$out" "serve  -- serve on a port of your choice" "$kind, no manifest: ... with descriptions"
	zsh_tab "$script" 'up serve notes-f'
	is "$(buffer)" "up serve notes-for-app.txt " "$kind, no manifest: after the app, its words complete as file names"
done

done_testing
