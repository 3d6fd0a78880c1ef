#!/bin/sh
# fish completion (up(1) COMPLETIONS), dynamic and static, through complete -C:
# candidates with their descriptions, exactly as written; none of them runs.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

flake=$(hostile)
cd "$flake" || exit 1
mkdir -p "dir with spaces/sub" "$HOME/projects"
: >notes-for-app.txt
scripts fish || exit 1
fish --no-config -n "$TEST_TMP/dynamic.fish"
ok $? "the dynamic script is valid fish"
fish --no-config -n "$TEST_TMP/static.fish"
ok $? "the static script is valid fish"
M=$TEST_TMP/mark
tab=$(printf '\t')
evil="evil$tab\$(touch $M-4) \`touch $M-5\` '\$(touch $M-6)' \"\$(touch $M-7)\" ; touch $M-8 | tee $M-9"
percent="percent$tab%F{red}%n%% %s %d \\n \\t *?[a] ~root !! \$HOME: \${HOME} colon: here"

for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; else PATH=$STATIC_PATH; fi
	export PATH
	script=$TEST_TMP/$kind.fish
	fish_tab "$script" 'up '
	is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "4k-abr _under a+b default evil low-latency percent" \
		"$kind: up TAB: every profile, in up's order"
	has "$out" "default${tab}plain words" "$kind: ... with its description"
	has "$out" "$evil" "$kind: ... \$(), backticks and quotes shown as written"
	has "$out" "$percent" "$kind: ... %, backslashes, globs, \$HOME shown as written"
	fish_tab "$script" 'up l'
	is "$out" "low-latency${tab}1 s segments" "$kind: a prefix selects"
	fish_tab "$script" 'up evil '
	is "$out" "c++$tab\`touch $M-2\` back\`ticks\`
runner${tab}Local \$(touch $M-1) process" "$kind: TYPE: only the profile's types, with descriptions"
	fish_tab "$script" "up 'percent' "
	is "$out" "vm${tab}quotes ' \" \\ \\' \\\" and a newline; touch $M-3" "$kind: a quoted PROFILE; a description with quotes and a newline"
	fish_tab "$script" 'up default vm notes-f'
	is "$out" "notes-for-app.txt" "$kind: after TYPE the app's words complete as file names"
	fish_tab "$script" 'nix run .#up -- default vm notes-f'
	is "$out" "notes-for-app.txt" "$kind: ... also under nix run .#up --"
	fish_tab "$script" 'up wi'
	like "$out" "^wicked${tab}= evil: \\\$\\(touch " "$kind: an alias completes (fish keeps what starts with the word), its profile named"
	fish_tab "$script" 'up e'
	is "$out" "$evil" "$kind: a profile's name wins over aliases"
	fish_tab "$script" 'up bad '
	is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "c++ runner" "$kind: TYPE after an alias: its profile's types"
	fish_tab "$script" 'up --fl'
	is "$out" "--flake${tab}the flake to read and run (env UP_FLAKE)" "$kind: options with descriptions"
	fish_tab "$script" 'up --completions '
	is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "bash zsh fish" "$kind: --completions values, in up's order"
	fish_tab "$script" 'up --flake ./di'
	is "$(printf '%s\n' "$out" | cut -f1)" "./dir with spaces/" "$kind: --flake directories"
	fish_tab "$script" 'up --flake "./dir with spaces/'
	is "$(printf '%s\n' "$out" | cut -f1)" "./dir with spaces/sub/" "$kind: --flake inside an open quote"
	fish_tab "$script" 'up --flake=./di'
	is "$(printf '%s\n' "$out" | cut -f1)" "--flake=./dir with spaces/" "$kind: --flake=PATH"
	fish_tab "$script" 'up --flake ~/pro'
	is "$(printf '%s\n' "$out" | cut -f1)" "~/projects/" "$kind: --flake ~/ completes in HOME, keeping the ~"
	fish_tab "$script" 'up -- a'
	is "$(printf '%s\n' "$out" | cut -f1)" "a+b" "$kind: after --"
	fish_tab "$script" 'nix run .#up -- ev'
	is "$out" "$evil" "$kind: nix run .#up -- completes up's profiles, and only them"
	fish_tab "$script" 'nix run .#up percent '
	is "$(printf '%s\n' "$out" | cut -f1)" "vm" "$kind: nix run .#up PROFILE: its types"
	no_marks "$kind"
done

PATH=$STATIC_PATH fish_tab "$TEST_TMP/dynamic.fish" 'nix run .#up -- l'
is "$out" "low-latency${tab}1 s segments" "dynamic, no up on PATH: nix run .#up -- TAB asks the up that printed the script"

PATH=$DYNAMIC_PATH
printf 'up --completions fish | source\n' >"$TEST_TMP/psub.fish"
fish_tab "$TEST_TMP/psub.fish" 'up l'
is "$out" "low-latency${tab}1 s segments" "up --completions fish | source works"
fish_tab "$TEST_TMP/dynamic.fish" 'up --attr other '
is "$out" "solo${tab}the only one" "dynamic: --attr NAME reads that attribute"
spaced=$(hostile "$TEST_TMP/dir with spaces")
UP_NIX=$(fake_nix "$flake")
export UP_NIX
fish_tab "$TEST_TMP/dynamic.fish" "up --flake '$spaced' l"
is "$out" "low-latency${tab}1 s segments" "a --flake path with spaces, quoted"
like "$(cat "$TEST_TMP/nix-args")" "^$spaced#\\.?upManifest\$" "... reaches nix as one word"
"$UP" --flake "$spaced" --completions fish --static >"$TEST_TMP/spaced.fish"
PATH=$STATIC_PATH fish_tab "$TEST_TMP/spaced.fish" 'up l'
is "$out" "low-latency${tab}1 s segments" "a static script from a flake whose path holds spaces"
unset UP_NIX
no_marks "the flake with spaces"

for line in 'nix ' 'nix build .#' 'nix run .#de' 'nix run .#upx ' 'nix flake '; do
	fish_tab "" "$line"
	without=$out
	fish_tab "$TEST_TMP/dynamic.fish" "$line"
	is "$out" "$without" "'$line' completes as nix's own completion does"
done
fish_tab "" 'nix run .#up -- '
like "$out" "flake.nix" "(without the script, nix run .#up -- completes files)"
fish_tab "" 'nix bu'
is "$(joined "$out")" "build bundle" "(nix's completion is loaded in these tests)"
printf 'complete -C "nix " >/dev/null\nsource %s\n' "$TEST_TMP/dynamic.fish" >"$TEST_TMP/nix-first.fish"
fish_tab "$TEST_TMP/nix-first.fish" 'nix run .#up -- ev'
is "$out" "$evil" "nix run .#up -- when nix's completion was loaded before the script"

mkdir -p "$TEST_TMP/vendor_completions.d"
cp "$TEST_TMP/dynamic.fish" "$TEST_TMP/vendor_completions.d/up.fish"
TAB_COMPLETE_PATH=$TEST_TMP/vendor_completions.d fish_tab "" 'up evil '
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "c++ runner" "installed as up.fish in fish_complete_path, fish loads it"
printf 'complete -C "up " >/dev/null\n' >"$TEST_TMP/up-first.fish"
TAB_COMPLETE_PATH=$TEST_TMP/vendor_completions.d fish_tab "$TEST_TMP/up-first.fish" 'nix run .#up -- ev'
is "$out" "$evil" "... and once loaded, nix run .#up -- completes as up"
no_marks "installed"

# fish shows up's order (natural for an attrset), not its own sort.
order=$(fixture order)
cd "$order" || exit 1
fish_tab "$TEST_TMP/dynamic.fish" 'up '
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "beta svc1 svc02 svc2 svc10" \
	"profiles in up's order (svc2 before svc10), not sorted again"
fish_tab "$TEST_TMP/dynamic.fish" 'up beta '
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "t1 t2 t10" "... and types"

# A flake without a manifest: its apps, then the app's words as files.
plain=$(fixture plain)
cd "$plain" || exit 1
: >notes-for-app.txt
"$UP" --completions fish --static >"$TEST_TMP/static-plain.fish"
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; script=$TEST_TMP/dynamic.fish
	else PATH=$STATIC_PATH; script=$TEST_TMP/static-plain.fish; fi
	export PATH
	fish_tab "$script" 'up s'
	is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "serve svc2 svc10" "$kind, no manifest: up s TAB: the flake's apps"
	has "$out" "serve${tab}serve on a port of your choice" "$kind, no manifest: ... with descriptions"
	fish_tab "$script" 'up serve notes-f'
	is "$out" "notes-for-app.txt" "$kind, no manifest: after the app, its words complete as file names"
done

done_testing
