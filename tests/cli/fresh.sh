#!/bin/sh
# The cache never answers with something nix would not answer now (up(1) GIT AND THE CACHE):
# every change nix would see is seen at once, by the real nix, and a warm run
# evaluates nothing. A nix that logs each call to $TEST_TMP/evals and runs
# the real one counts the evaluations.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

real_nix=$(command -v nix)
counting_nix "$TEST_TMP/nix"
UP_NIX=$TEST_TMP/nix
export UP_NIX
: >"$TEST_TMP/evals"

# same_as_nix PROFILE DESCRIPTION WHAT: up shows PROFILE with DESCRIPTION,
# and so does nix, asked now.
same_as_nix() {
	run described
	got=$(printf '%s\n' "$out" | sed -n "s/^$1  //p")
	want=$("$real_nix" eval --raw ".#upManifest.profiles.$1.description" 2>/dev/null)
	is "$got" "$2" "$3"
	is "$want" "$2" "$3 (as nix answers)"
}

flake=$(fixture fresh)
cd "$flake" || exit 1
# What changed in the last moments before an evaluation may have changed
# while nix read it: such an evaluation is not recorded. Let the fixture age.
sleep 1
same_as_nix default "extra v1" "the first run"
is "$(evals)" 1 "the first run evaluates"
run "$UP" -n default runner
run "$UP" -n default runner
is "$(evals)" 1 "then nothing more is evaluated: a warm run spawns no nix"

sed -i 's/manifest file one/manifest file two/' profiles/default.nix
same_as_nix other "manifest file two" "an edit to the manifest file is seen"
sed -i 's/extra v1/extra v2/' nix/extra.nix
same_as_nix default "extra v2" "an edit to a file it imports from elsewhere (nix/extra.nix) is seen"
sed -i 's/extra v2/extra v3/' nix/extra.nix
same_as_nix default "extra v3" "an edit of the same size in the same second is seen"
git checkout -q -- nix/extra.nix profiles/default.nix
same_as_nix default "extra v1" "reverting the edits is seen"
same_as_nix other "manifest file one" "reverting the edits is seen (the manifest file)"

sed -i 's|import ./profiles/default.nix;|import ./profiles/default.nix // { description = "from flake.nix"; };|' flake.nix
run "$UP" -n default runner && run "$UP" --help
like "$out" "^fresh - from flake.nix$" "an edit to flake.nix is seen"
git checkout -q -- flake.nix
run "$UP" -n default runner && run "$UP" --help
unlike "$out" "from flake.nix" "reverting it is seen"
n=$(evals)
printf '{ "nodes": { "root": {} }, "root": "root", "version": 7 }\n' >flake.lock
git add flake.lock
run "$UP" -n default runner
is "$(evals)" "$((n + 1))" "a new flake.lock is seen (evaluated again)"
printf '{\n  "nodes": { "root": {} },\n  "root": "root",\n  "version": 7\n}\n' >flake.lock
run "$UP" -n default runner
is "$(evals)" "$((n + 2))" "an edit to flake.lock is seen (evaluated again)"
git rm -qf flake.lock

echo '"later v1"' >profiles/later.nix
same_as_nix later "no later file" "a new file the manifest reads, untracked: nix cannot see it, nor up"
git add profiles/later.nix
same_as_nix later "later v1" "git add of it is seen"
commit -m later
n=$(evals)
run "$UP" -n default runner
is "$(evals)" "$((n + 1))" "a commit is seen (evaluated again)"
git checkout -q -b other
sed -i 's/extra v1/extra branch/' nix/extra.nix
commit -am branch
git checkout -q -
same_as_nix default "extra v1" "back on the first branch"
git checkout -q other
same_as_nix default "extra branch" "a checkout of another branch is seen"

# The untracked warning of a warm run: two directory listings, no evaluation.
sleep 1 # the checkout above is recorded once it is not that fresh
run "$UP" -n default runner
run "$UP" -n default runner
n=$(evals)
echo '{ }' >profiles/scratch.nix
echo '{ }' >top.nix
echo '{ }' >nix/deep.nix
run "$UP" -n default runner
is "$(evals)" "$n" "new untracked files cost no evaluation"
like "$err" "^up: warning: profiles/scratch.nix is not tracked" "a warm run warns about untracked files under profiles/"
like "$err" "^up: warning: top.nix is not tracked" "... and .nix files at the flake's top"
unlike "$err" "deep.nix" "... and not about deeper ones (that takes a walk)"
run "$UP" --refresh -n default runner
like "$err" "^up: warning: nix/deep.nix is not tracked" "when nix runs, about the whole flake"
run "$UP" -n default runner
like "$err" "^up: warning: profiles/scratch.nix is not tracked" "the entry keeps them: warm again, warned again"
rm profiles/scratch.nix top.nix nix/deep.nix
run "$UP" -n default runner
unlike "$err" "warning" "gone: no warning"

n=$(evals)
NIX_CONFIG="$NIX_CONFIG
warn-dirty = false" run "$UP" -n default runner
is "$(evals)" "$((n + 1))" "another NIX_CONFIG is seen (evaluated again)"
logging_nix "$TEST_TMP/other-nix"
learn_nix "$TEST_TMP/other-nix"
n=$(($(evals) - 1))
UP_NIX=$TEST_TMP/other-nix run "$UP" -n default runner
is "$(evals)" "$((n + 2))" "another nix binary is seen (evaluated again)"

# A nix binary up has not met is asked once whether it takes FLAKE#.ATTR
# (nix 2.8 does not: that cold run costs one more nix run), then never.
logging_nix "$TEST_TMP/third-nix"
run nix eval --json "$flake#.upManifest"
refuses=0
case $err in *"'.upManifest'"*) refuses=1 ;; esac
echo "# this nix $([ "$refuses" = 1 ] && echo refuses || echo takes) the absolute form FLAKE#.ATTR"
n=$(evals)
UP_NIX=$TEST_TMP/third-nix run "$UP" -n --refresh default runner
is "$(evals)" "$((n + 1 + refuses))" "a nix met for the first time: asked once (one more nix run where it refuses .#.upManifest: $refuses)"
like "$(tail -n1 "$TEST_TMP/evals")" "#$([ "$refuses" = 1 ] || echo '\.')upManifest$" "... then the manifest in the form it takes"
UP_NIX=$TEST_TMP/third-nix run "$UP" -n --refresh default runner
is "$(evals)" "$((n + 2 + refuses))" "... and the next cold run asks it nothing more (one nix run)"
ls "$XDG_CACHE_HOME/up/nix" >"$TEST_TMP/facts" 2>&1
is "$(grep -c '^[0-9a-f]*$' "$TEST_TMP/facts")" 3 "what it learnt of each nix binary is kept apart, in the cache's nix/ (three binaries)"

# A manifest that shows the flake's revision depends on the whole tree:
# it is keyed on every tracked change.
rev=$(fixture fresh-rev)
cd "$rev" || exit 1
same_as_nix default "rev $(git rev-parse --short=7 HEAD)" "a manifest with the flake's revision"
echo changed >>lib.nix
same_as_nix default "rev dirty" "an edit to any tracked file is seen when the manifest reads the revision"
# Another edit, with an untracked file up warns about: the status read to
# check the entry is the one the new entry records (read once, not twice).
echo '{ }' >extra.nix
echo changed again >>lib.nix
run "$UP" -n default runner
is "$(printf '%s\n' "$err" | grep -c 'extra.nix is not tracked')" 1 "the untracked file is warned about once"
like "$err" "add -- extra.nix\$" "... and named once in the git add line"
n=$(evals)
run "$UP" -n default runner
is "$(evals)" "$n" "the entry then written answers the next run (nothing evaluated)"
rm extra.nix
commit -am edit
same_as_nix default "rev $(git rev-parse --short=7 HEAD)" "and a commit"

# A local path input: up answers as nix does, before and after its lock.
input=$(fixture fresh-input)
cd "$input" || exit 1
"$real_nix" flake lock >/dev/null 2>&1 && git add flake.lock && commit -m lock
same_as_nix default "input v1" "a flake with a local path input"
echo '{ text = "input v2"; }' >lib/text.nix
# nix 2.8 answers from the locked copy (v1); nix 2.26 reads a relative path
# input from the flake's own tree (v2): up answers as this nix does.
want=$("$real_nix" eval --raw .#upManifest.profiles.default.description 2>/dev/null)
same_as_nix default "$want" "an edit inside the input: as nix answers ($want)"
"$real_nix" flake lock --update-input lib >/dev/null 2>&1
same_as_nix default "input v2" "the input's lock updated: seen"

# 50,000 tracked files: an edit to an unrelated one costs no evaluation.
big=$(fixture fresh "$TEST_TMP/big")
cd "$big" || exit 1
mkdir -p data
(cd data && seq 1 50000 | sed 's/^/f/' | xargs touch)
git add data && commit -m data
run "$UP" -n default runner
run "$UP" -n default runner
n=$(evals)
echo edited >data/f123
run "$UP" -n default runner
is "$rc:$out" "0:$UP_NIX run .#default-runner" "50,000 tracked files, one unrelated file edited: the answer"
is "$(evals)" "$((n + 1))" "50,000 tracked files, one unrelated file edited: evaluated (the key is the whole tree)"
run "$UP" -n default runner
is "$(evals)" "$((n + 1))" "... then answered from the cache at 50,000 files"

# An error nix answers first (a flake that does not parse) teaches up
# nothing of the nix: the next cold runs ask it once, then never.
logging_nix "$TEST_TMP/fourth-nix"
broken=$TEST_TMP/unparsable
mkdir -p "$broken" && printf '{ outputs = { self }: {\n' >"$broken/flake.nix" &&
	(cd "$broken" && git init -q && git add -A && git -c user.name=t -c user.email=t@e commit -qm broken)
UP_NIX=$TEST_TMP/fourth-nix run "$UP" --flake "$broken" -n
is "$rc" 65 "(a flake that does not parse: 65)"
UP_NIX=$TEST_TMP/fourth-nix run "$UP" -n --refresh default runner
n=$(evals)
UP_NIX=$TEST_TMP/fourth-nix run "$UP" -n --refresh default runner
is "$(evals)" "$((n + 1))" "after nix's error on another flake, a cold run asks it once, then runs it once each"

done_testing
