#!/bin/sh
# The cache's key (up(1), GIT AND THE CACHE), each case made for real: an
# entry holds while the tracked tree, nix and its configuration and git's
# are unchanged; nothing nix's answer depends on is left out of the key;
# --doctor tells only of writes that happened. The differential test
# (tests/cache) hunts for stale answers at random; this file pins the cases
# one by one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

commit() { git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false commit -q "$@"; }
cache=$XDG_CACHE_HOME/up
mode() { # the --doctor line about the cache
	"$UP" --doctor 2>/dev/null | sed -n 's/^ok  *cache  *//p'
}
profile() { # PROFILE: its description, as up shows it
	described | sed -n "s/^$1  //p"
}
nix_says() { # PROFILE: its description, as nix evaluates it now
	nix eval --raw ".#upManifest.profiles.$1.description" 2>/dev/null
}

flake=$(fixture stale)
cd "$flake" || exit 1
sleep 1
run "$UP" -n alpha runner
like "$(mode)" "entry is current \(the manifest came from it\); it holds while the tracked tree is unchanged$" \
	"one kind of entry: it holds while the tracked tree is unchanged"
[ ! -e "$cache/probe" ]; ok $? "no probe of nix, and nothing kept for one"

# When the entry is not current, --doctor says what changed since it was
# written: tracked files, HEAD, nix's and git's configuration, the
# environment; or that no content did.
printf 'data-v2' >data.txt && printf 'unrelated-v2' >unrelated.txt && sleep 1
like "$(mode)" "entry was written now \(it was not current: 2 tracked files changed \(data\.txt, unrelated\.txt\)\);" \
	"--doctor names the tracked files that changed"
from=$(git rev-parse --short=7 HEAD)
git checkout -q data.txt unrelated.txt && commit --allow-empty -m moved && sleep 1
like "$(mode)" "\(it was not current: HEAD moved from $from to $(git rev-parse --short=7 HEAD); 2 tracked files changed \(data\.txt, unrelated\.txt\)\);" \
	"... that HEAD moved, and the files that differ from what the entry was made of"
like "$(NIX_CONFIG="$NIX_CONFIG
warn-dirty = false" NIX_UP_PROBE=1 mode)" "\(it was not current: nix's configuration changed \(NIX_CONFIG\); the environment changed \(NIX_UP_PROBE\)\);" \
	"... that nix's configuration and the environment changed"
printf 'unrelated-v3' >unrelated.txt && sleep 1
like "$(mode)" "\(it was not current: 1 tracked file changed \(unrelated\.txt\)\);" \
	"... compared with this key's entry, whatever was written since for another"
printf '[core]\n\tfileMode = true\n' >"$HOME/.gitconfig"
like "$(mode)" "\(it was not current: git's configuration changed \($HOME/\.gitconfig\)\);" \
	"... that git's configuration changed, naming the file (no entry for this key: the last one's)"
rm "$HOME/.gitconfig"
git checkout -q unrelated.txt && sleep 1 && mode >/dev/null
touch -d '1 hour ago' subst.txt && sleep 1
like "$(mode)" "\((it was not current|since the last entry): no file's content changed: git's index was written again, or a tracked file was touched\)" \
	"... that a file was touched, its content the same (hashed as git would, the index no longer vouching for it)"
git rm -q --cached unrelated.txt && printf 'data-v4' >data.txt && sleep 1
like "$(mode)" "\(it was not current: 2 tracked files changed \(1 removed, data\.txt\)\);" \
	"... a file git no longer tracks, counted"
git reset -q unrelated.txt && git checkout -q data.txt && sleep 1 && mode >/dev/null
touch data.txt && git update-index --refresh >/dev/null && sleep 1
like "$(mode)" "\(it was not current: no file's content changed: git's index was written again, or a tracked file was touched\)" \
	"... or that no content changed"
like "$(mode)" "entry is current" "... and the entry is current again"

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
# The entry answers like nix: an unrelated edit flips a clean tree to dirty,
# which changes self ? rev.
printf 'self: if self ? rev then "clean" else "dirty"\n' >meta.nix && git add meta.nix && commit -m has2
sleep 1
is "$(profile meta):$(nix_says meta)" "clean:clean" "a clean tree: self ? rev"
printf 'x' >unrelated.txt
is "$(profile meta)" "$(nix_says meta)" "an edit to a file nothing reads makes it dirty: as nix answers"
git checkout -q unrelated.txt
is "$(profile meta):$(nix_says meta)" "clean:clean" "reverted: clean again"
printf 'self: self.rev or "dirty"\n' >meta.nix && git add meta.nix && commit -m rev
sleep 1
is "$(profile meta)" "$(nix_says meta)" "self.rev: as nix answers"
commit --allow-empty -m another
is "$(profile meta)" "$(nix_says meta)" "... and after another commit, the new revision"
printf 'self: builtins.substring 0 8 (builtins.hashString "sha256" (toString ./.))\n' >meta.nix &&
	git add meta.nix && commit -m tostring
is "$(profile meta)" "$(nix_says meta)" "the flake's own store path (toString ./.): as nix answers"
printf 'y' >unrelated.txt
is "$(profile meta)" "$(nix_says meta)" "... and after an edit to a file nothing reads"
git checkout -q unrelated.txt
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
run "$UP" -n --flake "path:$flake" alpha runner
is "$rc:$(entries)" "0:$((n + 2))" "a path: reference (it sees untracked files too): not cached"

# nix's own inputs beside its configuration: every NIX_ variable (the store
# it talks to), its trusted flake settings, the git it runs.
n=$(entries)
NIX_UP_TEST=1 run "$UP" -n alpha runner
is "$(entries)" "$((n + 1))" "a NIX_ variable is in the key: another entry"
mkdir -p "$HOME/.local/share/nix" && printf '{}\n' >"$HOME/.local/share/nix/trusted-settings.json"
run "$UP" -n alpha runner
is "$(entries)" "$((n + 2))" "nix's trusted-settings.json is in the key"
rm "$HOME/.local/share/nix/trusted-settings.json"
mkdir -p "$TEST_TMP/gitbin" && cp "$(command -v git)" "$TEST_TMP/gitbin/git"
PATH="$TEST_TMP/gitbin:$PATH" run "$UP" -n alpha runner
is "$(entries)" "$((n + 3))" "another git on PATH (nix 2.8 runs it): another entry"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$(command -v nix)" >"$TEST_TMP/other-nix" && chmod +x "$TEST_TMP/other-nix"
UP_NIX=$TEST_TMP/other-nix run "$UP" -n alpha runner
is "$(entries)" "$((n + 4))" "another nix binary (UP_NIX): another entry"
mkdir -p "$HOME/.config/nix" && printf '{ "flakes": [], "version": 2 }\n' >"$HOME/.config/nix/registry.json"
run "$UP" -n alpha runner
is "$(entries)" "$((n + 5))" "the user's flake registry (indirect references resolve through it): another entry"
rm "$HOME/.config/nix/registry.json"
mkdir -p "$HOME/.config/git" && printf '*.bin binary\n' >"$HOME/.config/git/attributes"
run "$UP" -n alpha runner
is "$(entries)" "$((n + 6))" "the user's git attributes file: another entry"
printf 'data.txt filter=crypt\n' >"$HOME/.config/git/attributes" && sleep 1
like "$(mode)" "no entry was written for this flake: $HOME/\.config/git/attributes names a filter= attribute" \
	"... and one that names a filter=: not cached, said"
rm "$HOME/.config/git/attributes"

# Files git's config files bring in: include.path and includeIf (the
# repository's and the user's), core.attributesFile.
counting_nix "$TEST_TMP/counting-nix"
printf '[include]\n\tpath = extra.gitconfig\n' >>.git/config
UP_NIX=$TEST_TMP/counting-nix run "$UP" -n alpha runner
UP_NIX=$TEST_TMP/counting-nix run "$UP" -n alpha runner
n=$(grep -c . "$TEST_TMP/evals")
printf '[core]\n\tfileMode = false\n' >.git/extra.gitconfig
UP_NIX=$TEST_TMP/counting-nix run "$UP" -n alpha runner
is "$(grep -c . "$TEST_TMP/evals")" "$((n + 1))" "a file the repository's config includes is in the key: evaluated again"
printf '[includeIf "gitdir:/"]\n\tpath = ~/more.gitconfig\n[core]\n\tattributesFile = ~/attrs\n' >"$HOME/.gitconfig"
run "$UP" -n alpha runner
n=$(entries)
printf '[core]\n\tfileMode = true\n' >"$HOME/more.gitconfig"
run "$UP" -n alpha runner
is "$(entries)" "$((n + 1))" "so is one the user's config includes (includeIf, whatever the condition)"
printf 'subst.txt export-subst\n' >"$HOME/attrs" && sleep 1
like "$(mode)" "no entry was written for this flake: $HOME/attrs names export-subst" \
	"export-subst in the attributes file core.attributesFile names: not cached, said"
rm -f "$HOME/.gitconfig" "$HOME/more.gitconfig" "$HOME/attrs" .git/extra.gitconfig
git config --unset include.path

# Nothing that changed while nix ran is stored: a nix that writes nix's
# trusted settings as it starts, so that the key read after it answers is
# not the key read before.
trusted=$HOME/.local/share/nix/trusted-settings.json
printf '#!/bin/sh\nprintf "{}" >"%s"\nexec "%s" "$@"\n' "$trusted" "$(command -v nix)" >"$TEST_TMP/changing-nix"
chmod +x "$TEST_TMP/changing-nix"
rm -f "$trusted"
n=$(entries)
UP_NIX=$TEST_TMP/changing-nix run "$UP" -n alpha runner
is "$rc:$(entries)" "0:$n" "an input that changed while nix ran: the answer is not stored"
UP_NIX=$TEST_TMP/changing-nix run "$UP" -n alpha runner
is "$rc:$(entries)" "0:$((n + 1))" "... and is, once it holds still"
rm -f "$trusted"

# What changes nix's answer with no tracked file changed. The manifest's
# meta profile shows what nix makes of the history and of the tree.
printf 'self: "${toString (self.revCount or 0)} ${self.rev or "dirty"}"\n' >meta.nix &&
	git add meta.nix && commit -m count && commit --allow-empty -m more && sleep 1
# same WHAT: up answers as nix does now, and both answer something.
same() { is "$(profile meta):$(nix_says meta | grep -c .)" "$(nix_says meta):1" "$1"; }
same "revCount and rev: as nix answers"
# keyed WHAT: the change is a new key (the entry is written again), on any nix
keyed() { like "$(mode)" "entry was written now" "$1"; }
git replace --graft HEAD && sleep 1
keyed "a replace ref grafts HEAD onto nothing: a new key"
same "... and up answers as nix does"
git replace -d HEAD >/dev/null && sleep 1
same "... and removed again"
git pack-refs --all --prune && sleep 1
keyed "git pack-refs --prune empties refs/heads (nix 2.8 then sees a dirty tree): a new key"
same "... and up answers as nix does"
git branch -q extra && sleep 1
keyed "a branch made again: a new key"
git branch -q -D extra
shallow=$TEST_TMP/shallow
git clone -q --depth 1 "file://$flake" "$shallow" && cd "$shallow" || exit 1
sleep 1
same "a shallow clone: as nix answers"
git fetch -q --unshallow && sleep 1
keyed "git fetch --unshallow (revCount changes, no file does): a new key"
same "... and up answers as nix does"
cd "$flake" || exit 1
owner=$(stat -c %u .)
# another_owner DIR WHAT: with a current entry, DIR handed to another user:
# up answers as nix does (git refuses the repository), not from the entry.
another_owner() {
	run "$UP" -n alpha runner && run "$UP" -n alpha runner
	if chown 4242 "$1" 2>/dev/null; then
		sleep 1
		nix eval --raw .#upManifest.name >/dev/null 2>&1
		nixrc=$?
		run "$UP" -n alpha runner
		if [ "$nixrc" -eq 0 ]; then want=0; else want=65; fi
		is "$rc" "$want" "$2 handed to another user: up answers as nix does (nix exits $nixrc), not from the cache"
		chown "$owner" "$1"
	else
		ok 0 "$2 handed to another user # SKIP chown needs root"
	fi
}
another_owner . "the work tree"
another_owner .git "the git directory"

# A tracked directory moved away and replaced by a link to it: lstat
# through the link finds the very files the index records, but git (and
# so nix) sees them deleted. A submodule's path replaced by a file.
printf 'self: builtins.substring 0 8 (builtins.hashString "sha256" (toString ./.))\n' >meta.nix &&
	git add meta.nix && commit -m tree && sleep 1
is "$(profile meta)" "$(nix_says meta)" "the tree's store path: as nix answers"
mv env2 "$TEST_TMP/env2-moved" && ln -s "$TEST_TMP/env2-moved" env2
is "$(profile meta):$(profile pathed)" "$(nix_says meta):$(nix_says pathed)" \
	"a tracked directory turned into a link to itself: as nix answers"
rm env2 && mv "$TEST_TMP/env2-moved" env2
git update-index --add --cacheinfo "160000,$(git rev-parse HEAD),sub" && mkdir sub && commit -m sub && sleep 1
is "$(profile meta)" "$(nix_says meta)" "a submodule (its path a directory): as nix answers"
rmdir sub && printf 'a file now' >sub
is "$(profile meta)" "$(nix_says meta)" "its path replaced by a file: as nix answers"
rm sub && git clone -q "file://$flake" sub && sleep 1
like "$(mode)" "no entry was written for this flake: the submodule sub is checked out" \
	"a checked-out submodule (its commit and files are not in the key): not cached, said"
rm -rf sub && git rm -q --cached sub && commit -m nosub

# Per-worktree refs: a linked worktree whose HEAD names refs/worktree/pin,
# which lives in the worktree's own git directory; moved to another commit
# of the same tree, only the revision changes.
printf 'self: self.rev or "dirty"\n' >meta.nix && git add meta.nix && commit -m wt &&
	commit --allow-empty -m wt2 && sleep 1
git worktree add -q --detach "$TEST_TMP/wt" HEAD && cd "$TEST_TMP/wt" || exit 1
git update-ref refs/worktree/pin HEAD && git symbolic-ref HEAD refs/worktree/pin && sleep 1
is "$(profile meta):$(git rev-parse HEAD)" "$(nix_says meta):$(nix_says meta)" \
	"a linked worktree whose HEAD is refs/worktree/pin: as nix answers"
git update-ref refs/worktree/pin HEAD~1 && sleep 1
is "$(profile meta):$(git rev-parse HEAD)" "$(nix_says meta):$(nix_says meta)" \
	"... the per-worktree ref moved: the new revision, as nix answers"
cd "$flake" && git worktree remove --force "$TEST_TMP/wt"

# A shared clone (objects/info/alternates) whose objects go away: nix reads
# the tree another way (or not at all); up does not answer from the entry.
git clone -q -s "$flake" "$TEST_TMP/shared" && cd "$TEST_TMP/shared" || exit 1
sleep 1
same "a shared clone: as nix answers"
printf '# another line\n' >>.git/objects/info/alternates && sleep 1
keyed "objects/info/alternates edited: a new key"
mv "$flake/.git/objects" "$TEST_TMP/objects-away"
is "$(profile meta)" "$(nix_says meta)" "... its alternate's objects gone: as nix answers"
mv "$TEST_TMP/objects-away" "$flake/.git/objects"
same "... and back: as nix answers"
cd "$flake" || exit 1

# info/grafts, which git rev-list honours (nix 2.8 counts revisions with it).
printf 'self: toString (self.revCount or 0)\n' >meta.nix && git add meta.nix && commit -m grafts && sleep 1
same "revCount: as nix answers"
git rev-parse HEAD >.git/info/grafts && sleep 1
keyed "info/grafts cuts the history at HEAD: a new key"
same "... and up answers as nix does"
rm .git/info/grafts && sleep 1
same "... and without it again"

# The repository's own config and attributes file; a packed replace ref.
mode >/dev/null
git config up.probe 1 && sleep 1
keyed "a setting added to .git/config: a new key"
printf '# nothing\n' >.git/info/attributes && sleep 1
keyed "... and .git/info/attributes: a new key"
printf 'data.txt filter=crypt\n' >.git/info/attributes && sleep 1
like "$(mode)" "no entry was written for this flake: \.git/info/attributes names a filter= attribute" \
	"... which names a filter=: not cached, said"
git config --unset up.probe && rm .git/info/attributes
git replace --graft HEAD && git pack-refs --all --prune && sleep 1
same "a packed replace ref: as nix answers"
git replace -d HEAD >/dev/null && sleep 1
keyed "the packed replace ref deleted (packed-refs alone changes): a new key"
same "... and up answers as nix does"
git branch -q keep && git branch -q -D keep

# A tracked file nix read deleted while nix ran: the key read after nix
# answers is not the one read before, so nothing is stored, and the next
# run answers as nix does.
printf 'self: "no-meta"\n' >meta.nix && git add meta.nix && commit -m nodel && sleep 1
printf '#!/bin/sh\n"%s" "$@"; rc=$?\nrm -f "%s/data.txt"\nexit $rc\n' "$(command -v nix)" "$flake" >"$TEST_TMP/deleting-nix"
chmod +x "$TEST_TMP/deleting-nix"
printf 'cold-%s' "$$" >data.txt && sleep 1
n=$(entries)
UP_NIX=$TEST_TMP/deleting-nix run "$UP" -n alpha runner
is "$rc:$(entries):$([ -e data.txt ] && echo kept || echo gone)" "0:$n:gone" \
	"a file nix read, deleted while nix ran: the answer is not stored"
is "$(profile hashed)" "$(nix_says hashed)" "... and the next answer is nix's (the file is absent)"
git checkout -q data.txt
printf 'self: "no-meta"\n' >meta.nix && git add meta.nix && commit -m plain3 && sleep 1

# Not cached, and --doctor says why: an attribute that makes git rewrite
# content on its way to nix; a flake.lock that does not lock every input;
# a local input.
printf 'subst.txt export-subst\n' >.gitattributes && git add .gitattributes && commit -m subst && sleep 1
like "$(mode)" "no entry was written for this flake: \.gitattributes names export-subst, which git rewrites on its way to nix" \
	"export-subst: not cached, said"
printf 'data.txt filter=crypt\n' >.gitattributes && git add .gitattributes && commit -m filter && sleep 1
like "$(mode)" "\.gitattributes names a filter= attribute" "filter=: not cached, said"
git rm -q .gitattributes && commit -m noattr && sleep 1
like "$(mode)" "entry (was written now|is current)" "no such attribute: cached again"
local_lib=$TEST_TMP/local-lib
mkdir -p "$local_lib" && printf '{ description = "from a local input"; }\n' >"$local_lib/default.nix"
printf '{ inputs.lib.url = "path:%s"; inputs.lib.flake = false;\n  outputs = { self, lib }: { upManifest = { version = 1; profiles.p = import lib; types.t = { }; }; }; }\n' \
	"$local_lib" >"$TEST_TMP/with-input.nix"
withinput=$TEST_TMP/with-input
mkdir -p "$withinput" && cp "$TEST_TMP/with-input.nix" "$withinput/flake.nix"
(cd "$withinput" && git init -q && git add -A && nix flake lock >/dev/null 2>&1 && git add -A && commit -m input)
cd "$withinput" || exit 1
sleep 1
like "$(mode)" "no entry was written for this flake: the input 'lib' is a local directory \(path\)" \
	"a path: input: not cached, said"
printf '{ description = "edited"; }\n' >"$local_lib/default.nix"
want=$(nix eval --raw .#upManifest.profiles.p.description 2>/dev/null) || want=ERROR
got=$(UP_COMPLETE_TIMEOUT=0 "$UP" --complete -- '' 2>/dev/null | sed -n 's/^p	//p')
[ -n "$got" ] || got=ERROR
is "$got" "$want" "... and after an edit there, up answers as nix does"
# A git+file: input of a local repository: not cached either.
gitlib=$TEST_TMP/git-lib
mkdir -p "$gitlib" && printf '{ description = "from a local git input"; }\n' >"$gitlib/default.nix"
(cd "$gitlib" && git init -q && git add -A && commit -m lib)
withgit=$TEST_TMP/with-git-input
mkdir -p "$withgit"
sed "s|path:$local_lib|git+file://$gitlib|" "$TEST_TMP/with-input.nix" >"$withgit/flake.nix"
(cd "$withgit" && git init -q && git add -A && nix flake lock >/dev/null 2>&1 && git add -A && commit -m input)
cd "$withgit" || exit 1
sleep 1
like "$(mode)" "no entry was written for this flake: the input 'lib' is a local directory \(git\)" \
	"a git+file: input: not cached, said"
printf '{ description = "committed there"; }\n' >"$gitlib/default.nix" && (cd "$gitlib" && commit -qam edit)
want=$(nix eval --raw .#upManifest.profiles.p.description 2>/dev/null) || want=ERROR
got=$(UP_COMPLETE_TIMEOUT=0 "$UP" --complete -- '' 2>/dev/null | sed -n 's/^p	//p')
[ -n "$got" ] || got=ERROR
is "$got" "$want" "... and after a commit there, up answers as nix does"
cd "$flake" || exit 1

# A flake.lock git does not track: nix does not see it, and locks the
# inputs anew on every evaluation (from the network, for most inputs), so
# its answer is not the entry's to give. (nix 2.8 adds the flake.lock it
# writes with git add --intent-to-add, so that the next run sees it.)
unlocked=$TEST_TMP/unlocked
mkdir -p "$unlocked" && cp "$withinput/flake.nix" "$withinput/flake.lock" "$unlocked/"
(cd "$unlocked" && git init -q && git add flake.nix && commit -m unlocked)
cd "$unlocked" || exit 1
sleep 1
like "$(mode)" "no entry was written for this flake: flake\.lock is not tracked by git, so nix does not see it and locks the inputs anew on every evaluation \(git add flake\.lock\)" \
	"an untracked flake.lock: not cached, said"
git rm -q --cached flake.lock 2>/dev/null; printf 'flake.lock\n' >.gitignore && git add .gitignore && commit -m ignored && sleep 1
like "$(mode)" "no entry was written for this flake: flake\.lock is not tracked by git" "... an ignored one too"
cd "$flake" || exit 1

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

done_testing
