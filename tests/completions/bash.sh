#!/bin/sh
# bash completion (up(1) COMPLETIONS), dynamic and static, with and without
# bash-completion: the registered function is called with COMP_WORDS set
# and COMPREPLY is read. Descriptions that hold $(...), backticks and
# quotes never run; bash shows names only.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

flake=$(hostile)
cd "$flake" || exit 1
mkdir -p "dir with spaces/sub" "a:b=c" "$HOME/projects" "$HOME/project"
: >notes-for-app.txt
scripts bash || exit 1
bash -n "$TEST_TMP/dynamic.bash"
ok $? "the dynamic script is valid bash"
bash -n "$TEST_TMP/static.bash"
ok $? "the static script is valid bash"
grep -q 'compgen -W' "$TEST_TMP/dynamic.bash" "$TEST_TMP/static.bash"
ok $((!$?)) "no script passes words through compgen -W"
grep -qw 'eval' "$TEST_TMP/dynamic.bash" "$TEST_TMP/static.bash"
ok $((!$?)) "no script uses eval"

profiles="4k-abr _under a+b default evil low-latency percent"
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; else PATH=$STATIC_PATH; fi
	export PATH
	script=$TEST_TMP/$kind.bash
	for mode in bash-completion plain; do
		m=${mode#bash-completion}
		t="$kind, $mode:"
		bash_tab "$script" 'up ' $m
		is "$(joined "$out")" "$profiles" "$t up TAB: every profile, names only"
		bash_tab "$script" 'up e' $m
		is "$out" "evil" "$t a prefix selects"
		bash_tab "$script" 'up "ev' $m
		is "$out" "evil" "$t an open quote is dequoted, not evaluated"
		bash_tab "$script" 'up evil ' $m
		is "$(joined "$out")" "c++ runner" "$t TYPE: only the profile's types"
		bash_tab "$script" 'up percent ' $m
		is "$out" "vm" "$t ... for each profile"
		bash_tab "$script" 'up evil runner ' $m
		is "$out" "" "$t nothing of up's own after TYPE"
		bash_tab "$script" 'up wi' $m
		is "$out" "evil" "$t an alias completes as its profile"
		bash_tab "$script" 'up b' $m
		is "$out" "evil" "$t ... any of its aliases, shown once"
		bash_tab "$script" 'up bad ' $m
		is "$(joined "$out")" "c++ runner" "$t TYPE after an alias: its profile's types"
		bash_tab "$script" 'up --fl' $m
		is "$out" "--flake" "$t options"
		bash_tab "$script" 'up --completions ' $m
		is "$(joined "$out")" "bash zsh fish" "$t --completions values"
		bash_tab "$script" 'up --completions=z' $m
		is "$out" "zsh" "$t --completions=VALUE: bash's word after = is completed"
		bash_tab "$script" 'up --flake ./di' $m
		is "$out" "./dir with spaces" "$t --flake directories, a space kept in one candidate (readline adds the /)"
		bash_tab "$script" 'up --flake ./dir\ with\ spaces/' $m
		is "$out" "./dir with spaces/sub" "$t --flake a backslash-quoted path"
		bash_tab "$script" "up --flake './dir with spaces/s" $m
		is "$out" "./dir with spaces/sub" "$t --flake a single-quoted path"
		bash_tab "$script" 'up --flake=./a:' $m
		is "$out" "b=c" "$t --flake=PATH with ':' in it: bash's word after the last break"
		bash_tab "$script" 'up --flake ~/pro' $m
		is "$(joined "$(printf '%s\n' "$out" | sort)")" "~/project ~/projects" "$t --flake ~/ completes in HOME, keeping the ~"
		bash_tab "$script" 'up --flake . -- a' $m
		is "$out" "a+b" "$t --flake X and -- are skipped"
		bash_tab "$script" 'up -n -y low' $m
		is "$out" "low-latency" "$t options before PROFILE are skipped"
		no_marks "$t"
	done
done
# In an interactive bash on a pseudo-terminal, TAB inserts the candidate
# quoted, with the / readline adds to a directory.
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; else PATH=$STATIC_PATH; fi
	bash_pty "$TEST_TMP/$kind.bash" 'up --flake ./di'
	is "$(buffer)" 'up --flake ./dir\ with\ spaces/' "$kind, bash -i: --flake ./di TAB"
	bash_pty "$TEST_TMP/$kind.bash" 'up --flake=./di'
	is "$(buffer)" 'up --flake=./dir\ with\ spaces/' "$kind, bash -i: --flake=./di TAB"
	bash_pty "$TEST_TMP/$kind.bash" 'up --flake "./dir with spaces/s'
	is "$(buffer)" 'up --flake "./dir with spaces/sub"/' "$kind, bash -i: an open quote is closed as bash closes it"
	bash_pty "$TEST_TMP/$kind.bash" 'up ev'
	is "$(buffer)" 'up evil ' "$kind, bash -i: a profile, then a space"
	bash_pty "$TEST_TMP/$kind.bash" 'nix run .#up -- ev'
	is "$(buffer)" 'nix run .#up -- evil ' "$kind, bash -i: nix run .#up -- PROFILE"
	bash_pty "$TEST_TMP/$kind.bash" 'up evil runner notes-f'
	is "$(buffer)" 'up evil runner notes-for-app.txt ' "$kind, bash -i: after TYPE the app's words complete as file names"
	bash_pty "$TEST_TMP/$kind.bash" 'nix run .#up -- evil runner --x notes-f'
	is "$(buffer)" 'nix run .#up -- evil runner --x notes-for-app.txt ' "$kind, bash -i: ... also under nix run .#up --"
	bash_pty "$TEST_TMP/$kind.bash" 'up evil -- notes-f'
	is "$(buffer)" 'up evil -- notes-for-app.txt ' "$kind, bash -i: ... and after PROFILE --"
	no_marks "$kind, bash -i"
done

# Who has only `nix run .#up`: the dynamic script asks the up that printed
# it, while it is there.
PATH=$STATIC_PATH bash_tab "$TEST_TMP/dynamic.bash" 'nix run .#up -- ev'
is "$out" "evil" "dynamic, no up on PATH: nix run .#up -- TAB asks the up that printed the script"
cp "$UP" "$TEST_TMP/up-copy"
"$TEST_TMP/up-copy" --completions bash >"$TEST_TMP/gone.bash"
rm -f "$TEST_TMP/up-copy"
PATH=$STATIC_PATH bash_tab "$TEST_TMP/gone.bash" 'nix run .#up -- ev'
is "$out" "" "... and when that up is gone (collected), nothing, quietly"
PATH=$DYNAMIC_PATH bash_tab "$TEST_TMP/gone.bash" 'up ev'
is "$out" "evil" "... or the up on PATH"

PATH=$DYNAMIC_PATH
printf 'source <(up --completions bash)\n' >"$TEST_TMP/psub.bash"
bash_tab "$TEST_TMP/psub.bash" 'up evil '
is "$(joined "$out")" "c++ runner" "source <(up --completions bash) works"
bash_tab "$TEST_TMP/dynamic.bash" 'up --attr other '
is "$out" "solo" "dynamic: --attr NAME reads that attribute"
bash_tab "$TEST_TMP/dynamic.bash" 'up --flake "'"$TEST_TMP"'/second" '
is "$out" "" "dynamic: a --flake with no manifest: nothing, quietly"
fixture basic "$TEST_TMP/second" >/dev/null
bash_tab "$TEST_TMP/dynamic.bash" 'up --flake "'"$TEST_TMP"'/second" v'
is "$out" "vm-only" "dynamic: the --flake among the words is the flake read"

# A flake whose path holds spaces, through a stand-in nix.
spaced=$(hostile "$TEST_TMP/dir with spaces")
UP_NIX=$(fake_nix "$flake")
export UP_NIX
cd "$TEST_TMP" || exit 1
bash_tab "$TEST_TMP/dynamic.bash" "up --flake dir\\ with\\ spaces e"
is "$out" "evil" "a --flake path with spaces, backslash-quoted"
like "$(cat "$TEST_TMP/nix-args")" "^dir with spaces#\\.?upManifest\$" "... reaches nix as one word"
bash_tab "$TEST_TMP/dynamic.bash" "up --flake \"$spaced\" evil "
is "$(joined "$out")" "c++ runner" "a --flake path with spaces, double-quoted"
"$UP" --flake "$spaced" --completions bash --static >"$TEST_TMP/spaced.bash"
PATH=$STATIC_PATH bash_tab "$TEST_TMP/spaced.bash" 'up '
is "$(joined "$out")" "$profiles" "a static script from a flake whose path holds spaces"
unset UP_NIX
no_marks "the flake with spaces"

# Under nix: nix run REF#up [--] ... completes as up, from REF; every other
# nix command goes to Debian's nix completion unchanged.
cd "$flake" || exit 1
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; else PATH=$STATIC_PATH; fi
	script=$TEST_TMP/$kind.bash
	bash_tab "$script" 'nix run .#up -- '
	is "$(joined "$out")" "$profiles" "$kind: nix run .#up -- TAB: up's profiles"
	bash_tab "$script" 'nix run .#up e'
	is "$out" "evil" "$kind: nix run .#up WORD (no --)"
	bash_tab "$script" 'nix run .#up -- evil '
	is "$(joined "$out")" "c++ runner" "$kind: nix run .#up -- PROFILE TAB: its types"
	bash_tab "$script" 'nix run .#up -- --fl'
	is "$out" "--flake" "$kind: nix run .#up -- options"
	bash_tab "$script" 'nix run --offline .#up -- l'
	is "$out" "low-latency" "$kind: nix's options before the installable"
	no_marks "$kind under nix"
done
PATH=$DYNAMIC_PATH
cd "$TEST_TMP" || exit 1
bash_tab "$TEST_TMP/dynamic.bash" "nix run $TEST_TMP/second#up -- v"
is "$out" "vm-only" "nix run FLAKE#up: the profiles come from FLAKE"
bash_tab "$TEST_TMP/dynamic.bash" "nix run path:$TEST_TMP/second#up -- v"
is "$out" "vm-only" "nix run path:FLAKE#up (':' splits bash's words)"
cd "$flake" || exit 1
for line in 'nix ' 'nix b' 'nix build .#' 'nix run .#' 'nix run .#u' 'nix run .#upx ' 'nix eval .#up' 'nix flake ' 'nix run --' "nix build ./d"; do
	bash_tab "" "$line"
	without=$out
	bash_tab "$TEST_TMP/dynamic.bash" "$line"
	is "$out" "$without" "'$line' completes as nix's own completion does"
	[ -n "$without" ]
	ok $? "... which answers something ('$line')"
done
bash_tab "" 'nix run .#up -- '
like "$out" "flake.nix" "(without the script, nix run .#up -- completes files)"
bash --norc --noprofile -c '. /usr/share/bash-completion/bash_completion
	. "$1"; . "$1"; complete -p nix; declare -p __up_nix_orig' sh "$TEST_TMP/dynamic.bash" >"$TEST_TMP/spec" 2>&1
like "$(cat "$TEST_TMP/spec")" "complete -F __up_nix nix" "nix's completion is wrapped"
like "$(cat "$TEST_TMP/spec")" "__up_nix_orig=\"_complete_nix\"" "... keeping nix's function, even when sourced twice"
bash --norc --noprofile -c '. "$1"; complete -p nix' sh "$TEST_TMP/dynamic.bash" >"$TEST_TMP/spec" 2>&1
like "$(cat "$TEST_TMP/spec")" "nix: no completion specification" \
	"without bash-completion nix's completion stays absent"

# Installed where bash-completion looks, the script loads on demand.
mkdir -p "$TEST_TMP/share/bash-completion/completions"
cp "$TEST_TMP/dynamic.bash" "$TEST_TMP/share/bash-completion/completions/up"
XDG_DATA_DIRS=$TEST_TMP/share:/usr/share bash_tab "" 'up evil '
is "$(joined "$out")" "c++ runner" "installed as completions/up, bash-completion loads it on demand"
printf '__load_completion up\n' >"$TEST_TMP/first-up.bash"
XDG_DATA_DIRS=$TEST_TMP/share:/usr/share bash_tab "$TEST_TMP/first-up.bash" 'nix run .#up -- evil '
is "$(joined "$out")" "c++ runner" "... and then completes nix run .#up too"

# bash lists up's order (natural for an attrset), not readline's sort.
order=$(fixture order)
cd "$order" || exit 1
PATH=$DYNAMIC_PATH TAB_TWICE=1 bash_pty "$TEST_TMP/dynamic.bash" 'up '
is "$(printf '%s\n' "$out" | grep -E '^beta ' | tr -s ' ' | sed 's/ *$//')" "beta svc1 svc02 svc2 svc10" \
	"TAB TAB lists profiles in up's order (svc2 before svc10), not sorted again"

# A flake without a manifest: its apps, then the app's words as files.
plain=$(fixture plain)
cd "$plain" || exit 1
: >notes-for-app.txt
"$UP" --completions bash --static >"$TEST_TMP/static-plain.bash"
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; script=$TEST_TMP/dynamic.bash
	else PATH=$STATIC_PATH; script=$TEST_TMP/static-plain.bash; fi
	export PATH
	bash_tab "$script" 'up s'
	is "$(joined "$out")" "serve svc2 svc10" "$kind, no manifest: up s TAB: the flake's apps"
	bash_tab "$script" 'up db'
	is "$out" "db.migrate" "$kind, no manifest: ... a dotted one as it is"
	bash_pty "$script" 'up serve notes-f'
	is "$(buffer)" 'up serve notes-for-app.txt ' "$kind, no manifest: after the app, its words complete as file names"
done

# Apps named with what bash reads (a flake's app names are anyone's): the
# completed line holds each name quoted, as it is; none of it runs.
system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
evilapps=$TEST_TMP/evilapps
mkdir -p "$evilapps" && cd "$evilapps" || exit 1
cat >flake.nix <<NIX
{ outputs = { self }: { apps.$system = {
  "\$(touch $TEST_TMP/mark-app)" = { type = "app"; program = "/bin/true"; };
  "with space" = { type = "app"; program = "/bin/true"; };
}; }; }
NIX
git init -q && git add -A && git -c user.name=t -c user.email=t@e commit -qm evil
"$UP" --completions bash --static >"$TEST_TMP/static-evil.bash" 2>/dev/null
for kind in dynamic static; do
	if [ "$kind" = dynamic ]; then PATH=$DYNAMIC_PATH; script=$TEST_TMP/dynamic.bash
	else PATH=$STATIC_PATH; script=$TEST_TMP/static-evil.bash; fi
	export PATH
	bash_pty "$script" 'up $'
	line=$(buffer)
	is "$line" "up \\\$\\(touch\\ $TEST_TMP/mark-app\\) " "$kind, an app named \$(touch ...): completed quoted"
	first=$(bash --norc --noprofile -c "set -- ${line#up }; printf '%s' \"\$1\"")
	is "$first" "\$(touch $TEST_TMP/mark-app)" "$kind, ... the line, read by bash, holds the name as it is"
	bash_pty "$script" 'up wi'
	is "$(buffer)" 'up with\ space ' "$kind, an app named with a space: one word"
done
no_marks "apps named with what bash reads"

done_testing
