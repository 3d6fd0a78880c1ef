#!/bin/sh
# The cache's two modes (up(1), GIT AND THE CACHE), each case made for
# real: which mode an entry takes and why, as --doctor says; that nothing
# nix's answer depends on is left out of the key; the README's adoption
# route cached in the traced mode; --doctor telling only of writes that
# happened. The differential test (tests/cache) hunts for stale answers at
# random; this file pins the cases one by one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

commit() { git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false commit -q "$@"; }
cache=$XDG_CACHE_HOME/up
mode() { # the --doctor line about the cache
	"$UP" --doctor 2>/dev/null | sed -n 's/^ok  *cache  *//p'
}
profile() { # PROFILE: its description, as up shows it
	"$UP" --help 2>/dev/null | sed -n "s/^  $1  *//p"
}
nix_says() { # PROFILE: its description, as nix evaluates it now
	nix eval --raw ".#upManifest.profiles.$1.description" 2>/dev/null
}

flake=$(fixture stale)
cd "$flake" || exit 1
sleep 1
run "$UP" -n alpha runner
if grep -q '^up-cache 3 flags=0 ' "$cache"/probe/* 2>/dev/null; then
	traced=yes
	like "$(mode)" "mode traced: it holds while the files nix read are unchanged" \
		"a manifest reading files in every way: traced (this nix passed the probe)"
else
	traced=
	like "$(mode)" "mode tree: .* because this nix's log does not name " \
		"this nix failed the probe: the tree mode, and --doctor says which access its log leaves out"
fi
ls "$cache"/probe/* >/dev/null 2>&1; ok $? "the probe's verdict is kept in probe/"

# What the issue found stale, each once: an uncommitted edit of a JSON file
# read with readFile; a retargeted link; an edit inside a directory copied
# whole; an edit of the link's target.
sleep 1
printf '{ "alpha": "edited", "beta": "second" }\n' >profiles.json
is "$(profile alpha)" "$(nix_says alpha)" "readFile of a JSON file, edited and not committed: as nix answers"
ln -sfn target-b link
is "$(profile linked)" "$(nix_says linked)" "a link retargeted: as nix answers"
printf 'changed' >target-b
is "$(profile linked)" "$(nix_says linked)" "the link's target edited: as nix answers"
printf 'env-changed' >env/file
is "$(profile copied)" "$(nix_says copied)" "a file inside a directory copied whole (\${./env}): as nix answers"
printf 'env2-changed' >env2/file
is "$(profile pathed)" "$(nix_says pathed)" "... and one copied with builtins.path"
git add -A && commit -m edits && sleep 1
profile alpha >/dev/null

# --doctor tells only of writes that happened. A directory where the entry
# goes: it cannot be written.
run "$UP" -n alpha runner
# shellcheck disable=SC2012 # entry names are hex digits
entry=$(ls -t $(find "$cache" -maxdepth 1 -type f) | head -n1)
rm "$entry" && mkdir "$entry"
like "$(mode)" "no entry was written for this flake" "--doctor: a write that did not happen is not reported"
rmdir "$entry"
like "$(mode)" "entry was written now" "... one that did, is"
like "$(mode)" "entry is current" "... and then it answers"
if [ -n "$traced" ]; then  # traced: a file nix read, changed while it ran (its time after nix started)
	printf '{ "alpha": "again", "beta": "second" }\n' >profiles.json
	touch -d "@$(($(date +%s) + 3))" profiles.json
	like "$(mode)" "no entry was written for this flake" "a file changed as nix read it: no entry, and said so"
	touch profiles.json
	git add -A && commit -m again
fi

# What makes the tree mode, each with its reason.
reason() { # CHANGE... then the reason --doctor gives
	sleep 1
	mode | sed -n 's/.*mode tree: it holds while the tracked tree is unchanged, because //p'
}
if [ -n "$traced" ]; then
	printf 'self: self.rev or "dirty"\n' >meta.nix && git add meta.nix && commit -m rev
	like "$(reason)" "meta.nix uses the flake's metadata \(rev\)" "self.rev: tree, said"
	printf 'self: if self ? rev then "clean" else "dirty"\n' >meta.nix && git add meta.nix && commit -m has
	like "$(reason)" "meta.nix uses the flake's metadata \(self \?\)" "self ? rev: tree, said"
	printf 'self: self.${"r" + "ev"} or "dirty"\n' >meta.nix && git add meta.nix && commit -m computed
	like "$(reason)" "a computed attribute of self" "self.\${...}: tree, said"
	printf 'self: import ./meta.txt self\n' >meta.nix
	printf 'self: self.shortRev or "dirty"\n' >meta.txt && git add meta.nix meta.txt && commit -m txt
	like "$(reason)" "meta.txt uses the flake's metadata \(shortRev\)" "self.shortRev in a file that is not .nix: tree, said"
	printf 'self: builtins.substring 0 8 (builtins.hashString "sha256" (toString ./.))\n' >meta.nix &&
		git add meta.nix && commit -m tostring
	like "$(reason)" "meta.nix uses the flake's metadata \(toString\)" "toString of a path: tree, said"
	printf 'self: builtins.substring 0 6 (builtins.hashString "sha256" "${./.}")\n' >meta.nix &&
		git add meta.nix && commit -m whole
	like "$(reason)" "read the flake's whole tree" "the flake's top directory read whole: tree, said"
	printf 'self: "no-meta"\n' >meta.nix && git add meta.nix && commit -m plain
	sleep 1
	like "$(mode)" "mode traced" "back to a manifest that does not use them: traced again"
	printf 'subst.txt export-subst\n' >.gitattributes && git add .gitattributes && commit -m attr
	like "$(reason)" "export-subst or export-ignore" "an export attribute: tree, said"
	git rm -q --cached .gitattributes && rm .gitattributes && commit -m noattr
	git update-index --skip-worktree unrelated.txt
	like "$(reason)" "assume-unchanged, skip-worktree" "a skip-worktree entry: tree, said"
	git update-index --no-skip-worktree unrelated.txt
	mkdir -p "$HOME/.config/git" && printf 'subst.txt export-subst\n' >"$HOME/.config/git/attributes"
	like "$(reason)" "export-subst or export-ignore" "an export attribute in the user's own attributes file: tree, said"
	rm "$HOME/.config/git/attributes"
	printf 'q' >"odd/it's" && git add odd && commit -m odd
	like "$(reason)" "a tracked file name holds a quote" "a tracked name with a quote: tree, said"
	git rm -q --cached "odd/it's" && rm "odd/it's" && commit -m unodd
fi

# The tree mode answers like nix: an unrelated edit flips a clean tree to
# dirty, which changes self ? rev.
printf 'self: if self ? rev then "clean" else "dirty"\n' >meta.nix && git add meta.nix && commit -m has2
sleep 1
is "$(profile meta):$(nix_says meta)" "clean:clean" "a clean tree: self ? rev (tree mode)"
printf 'x' >unrelated.txt
is "$(profile meta)" "$(nix_says meta)" "an edit to a file nothing reads makes it dirty: as nix answers"
git checkout -q unrelated.txt
is "$(profile meta):$(nix_says meta)" "clean:clean" "reverted: clean again"
printf 'self: "no-meta"\n' >meta.nix && git add meta.nix && commit -m plain2

# Everything nix reads its settings from is in the key: nix.conf reached
# through NIX_CONF_DIR switching flakes off, NIX_USER_CONF_FILES, include.
mkdir -p "$TEST_TMP/conf"
printf 'experimental-features = nix-command flakes\n' >"$TEST_TMP/conf/nix.conf"
saved_config=$NIX_CONFIG
NIX_CONF_DIR=$TEST_TMP/conf
NIX_CONFIG='substituters =
sandbox = false'
export NIX_CONF_DIR
sleep 1
run "$UP" -n alpha runner
is "$out" "nix run .#alpha-runner" "flakes on in NIX_CONF_DIR's nix.conf: no features flag"
printf 'warn-dirty = false\n' >"$TEST_TMP/conf/nix.conf"
run "$UP" -n alpha runner
is "$out" "nix --extra-experimental-features 'nix-command flakes' run .#alpha-runner" \
	"switched off there: the next run knows (the file is in the key)"
printf 'include extra.conf\n' >"$TEST_TMP/conf/nix.conf"
printf 'experimental-features = nix-command flakes\n' >"$TEST_TMP/conf/extra.conf"
run "$UP" -n alpha runner
is "$out" "nix run .#alpha-runner" "switched on in a file it includes: seen"
printf 'warn-dirty = false\n' >"$TEST_TMP/conf/extra.conf"
run "$UP" -n alpha runner
is "$out" "nix --extra-experimental-features 'nix-command flakes' run .#alpha-runner" \
	"and off there again: seen"
unset NIX_CONF_DIR
NIX_CONFIG=$saved_config

# git's settings are in the key too: a GIT_ variable, the user's config.
entries() { find "$cache" -maxdepth 1 -type f | wc -l | tr -d ' '; }
sleep 1
run "$UP" -n alpha runner
n=$(entries)
GIT_UP_TEST=1 run "$UP" -n alpha runner
is "$(entries)" "$((n + 1))" "a GIT_ variable is in the key: another entry"
printf '[core]\n\tautocrlf = true\n' >"$HOME/.gitconfig"
run "$UP" -n alpha runner
is "$(entries)" "$((n + 2))" "so is the user's git config"
rm "$HOME/.gitconfig"
run "$UP" -n --flake '.?submodules=1' alpha runner
is "$rc:$(entries)" "0:$((n + 2))" ".?submodules=1 (more than the work tree): not cached"

# Two references to one directory are two entries.
top=$TEST_TMP/top
mkdir -p "$top/sub" && cp -R "$flake/." "$top/sub/" && rm -rf "$top/sub/.git"
(cd "$top" && git init -q && git add -A && commit -m top)
cd "$TEST_TMP" || exit 1
sleep 1
n=$(find "$cache" -maxdepth 1 -type f | wc -l)
run "$UP" -n --flake ./top/sub alpha runner
run "$UP" -n --flake "git+file://$top?dir=sub" alpha runner
is "$(($(find "$cache" -maxdepth 1 -type f | wc -l) - n))" 2 "--flake ./top/sub and git+file://…?dir=sub: two entries"

# The README's adoption route: a flake made from the template, taking up as
# an input (here from a copy of this tree's flake), keeps the traced mode, although
# up's own nix/lib.nix mentions the revision: files of locked inputs are not
# scanned.
if [ -n "$traced" ]; then
	upsrc=$TEST_TMP/upsrc
	mkdir -p "$upsrc"
	cp -R "$top_srcdir/flake.nix" "$top_srcdir/flake.lock" "$top_srcdir/nix" "$top_srcdir/profiles" \
		"$top_srcdir/templates" "$upsrc/"
	(cd "$upsrc" && git init -q && git add -A && commit -m up)
	adopter=$TEST_TMP/adopter
	cp -R "$top_srcdir/templates/default" "$adopter"
	sed -i "s|github:OWNER/up|git+file://$TEST_TMP/upsrc|" "$adopter/flake.nix"
	cd "$adopter" || exit 1
	git init -q && git add -A && nix flake lock >/dev/null 2>&1 && git add -A && commit -m adopt
	sleep 1
	run "$UP" -n
	like "$(mode)" "mode traced" "the README's adoption route (up.lib.mkFlake): traced"
fi

done_testing
