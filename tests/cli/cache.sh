#!/bin/sh
# The manifest cache and git awareness (up(1) GIT AND THE CACHE), with real git and real nix.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

flake=$(fixture basic)
cd "$flake" || exit 1
cache=$XDG_CACHE_HOME/up
entries() { find "$cache" -maxdepth 1 -type f 2>/dev/null | wc -l | tr -d ' '; }
git_commit() { git -c user.name=t -c user.email=t@example.invalid commit -qam "$1"; }

sleep 1 # nothing recorded may change in the moment before an evaluation
[ ! -e "$cache" ]; ok $? "no cache before the first run"
run "$UP" -n
is "$rc:$(entries)" "0:1" "the first run stores one entry"
is "$(stat -c %a "$cache")" 700 "the cache directory is 0700"
entry=$(find "$cache" -maxdepth 1 -type f)

# A hit answers from the entry: doctor it (the same length, so that it
# still reads) and see the doctored text.
sed 's/2 s segments, 720p/FROM-CACHE-ENTRY!!/' "$entry" >"$entry.new" && mv "$entry.new" "$entry"
run described
like "$out" "default +FROM-CACHE-ENTRY!!" "an unchanged flake is answered from the cache"
run described --no-cache
like "$out" "default +2 s segments, 720p" "--no-cache reads no entry"
grep -q FROM-CACHE "$entry"; ok $? "--no-cache writes no entry"
run described --refresh
like "$out" "default +2 s segments, 720p" "--refresh evaluates afresh"
grep -q FROM-CACHE "$entry"; is $? 1 "--refresh rewrites the entry"

# Any change Nix would see gives a new key; what Nix cannot see does not.
sed -i 's/1 s segments/one-second segments/' manifest.nix
run described
like "$out" "low-latency +one-second segments" "an uncommitted edit of a tracked file is seen at once"
git_commit "edit"
run described
like "$out" "low-latency +one-second segments" "the same content committed (new HEAD) is seen"
sed -i 's/one-second segments/1 s again/' manifest.nix && git add manifest.nix
run described
like "$out" "low-latency +1 s again" "a staged edit is seen"
git_commit "again"
run "$UP" -n
n=$(entries)
echo 'garbage' >untracked-notes.txt
run "$UP" -n
is "$(entries)" "$n" "an untracked file nix cannot see does not change the key"

# A corrupt entry is ignored and rewritten.
run described
for f in $(find "$cache" -maxdepth 1 -type f); do printf 'up-cache 3 flags=0 key=3 meta=0 blob=9\n{"version":' >"$f"; done
run described
is "$rc" 0 "a corrupt entry is ignored"
like "$out" "low-latency +1 s again" "a corrupt entry does not answer"
grep -l 'up-record' $(find "$cache" -maxdepth 1 -type f) >/dev/null; ok $? "a corrupt entry is rewritten"

# An unwritable cache only costs speed.
mkdir -p "$TEST_TMP/xdg" && : >"$TEST_TMP/xdg/up"
XDG_CACHE_HOME=$TEST_TMP/xdg run "$UP" -n
is "$rc:$out:$err" "0:nix run .#default-runner:up: no terminal: using defaults profile=default type=runner" \
	"an unusable cache directory (a file at \$XDG_CACHE_HOME/up): still works, silently"

# Flakes outside git are not cached.
plain=$TEST_TMP/plain
mkdir -p "$plain" && cp "$flake/flake.nix" "$flake/manifest.nix" "$flake/lib.nix" "$plain/"
rm -rf "$cache"
run "$UP" -n --flake "$plain"
is "$rc:$(entries)" "0:0" "a flake outside git: no entry"

# Untracked .nix files and files under profiles/ are warned about, with the fix.
mkdir -p profiles
echo '{ }' >profiles/extra.nix
echo 'x' >profiles/notes
echo '{ }' >"it's new.nix"
run "$UP" -n
is "$rc" 0 "untracked files do not stop a run"
like "$err" "^up: warning: profiles/extra.nix is not tracked by git, so the flake cannot see it$" "untracked .nix under profiles/ warned"
like "$err" "^up: warning: profiles/notes is not tracked" "any untracked file under profiles/ warned"
like "$err" "^up: warning: 'it\\\\x27s new.nix' is not tracked" "an untracked .nix file elsewhere warned, shown as names are"
like "$err" "add -- 'it'\\\\''s new.nix' profiles/extra.nix" "... and shell-quoted in the git add"
unlike "$err" "untracked-notes.txt" "other untracked files are not warned about"
fix=$(printf '%s\n' "$err" | sed -n 's/^  to make them part of the flake: //p')
sh -c "$fix"
run "$UP" -n
unlike "$err" "warning" "the printed git add fixes it"

# A cold run looks for untracked files itself, without libgit2 (whose
# loading costs more than the rest of the run), and asks libgit2 for the
# status only when there may be one to warn about: deep in a directory git
# does not know, or ignored (which libgit2 then tells).
libgit2_loaded() { LD_DEBUG=files "$UP" -n --no-cache 2>&1 | grep -c 'file=.*libgit2' ; }
is "$(libgit2_loaded)" 0 "nothing untracked: a cold run does not load libgit2"
echo 'scratch' >untracked-notes.txt
is "$(libgit2_loaded)" 0 "... nor with an untracked file not worth a warning"
mkdir -p nix/deep && echo '{ }' >nix/deep/new.nix
run "$UP" -n --no-cache
like "$err" "^up: warning: nix/deep/new.nix is not tracked" "an untracked .nix deep in an untracked directory: warned"
printf 'nix/\n' >.git/info/exclude
run "$UP" -n --no-cache
unlike "$err" "warning" "... and not once git ignores it"
[ "$(libgit2_loaded)" -gt 0 ]; ok $? "... which libgit2 was loaded to tell"
rm -rf nix untracked-notes.txt && : >.git/info/exclude

# A manifest that fails: a TAB remembers the failure for a minute and
# answers nothing at once; a run always runs nix and shows its error.
broken=$(fixture broken)
cd "$broken" || exit 1
counting_nix "$TEST_TMP/counting-nix"
sleep 1
UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''
is "$rc:$out:$(evals)" "0::1" "a failing manifest: the first TAB runs nix, answers nothing"
UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''
is "$rc:$out:$(evals)" "0::1" "the next TAB answers nothing at once, with no nix run"
UP_NIX=$TEST_TMP/counting-nix run "$UP" -n default runner
is "$rc:$(evals)" "65:2" "a run runs nix all the same"
like "$err" "field 'version' is 2" "... and shows what is wrong"
for f in $(grep -l 'failed [0-9]' $(find "$cache" -maxdepth 1 -type f)); do
	sed "s/failed [0-9]*/failed $(($(date +%s) - 61))/" "$f" >"$f.new" && mv "$f.new" "$f"
done
UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''
is "$(evals)" 3 "a minute later, a TAB runs nix again"
cd "$flake" || exit 1

# A TAB never waits for the key beyond its bound: past it, it answers
# nothing and runs no nix. A tree of 20,000 tracked files, a bound of a
# millisecond (the key takes longer to read), and then the default bound.
big=$(fixture basic "$TEST_TMP/big")
i=0
while [ $i -lt 40 ]; do mkdir "$big/d$i" && i=$((i + 1)); done
(cd "$big" && for d in d*; do seq 1 500 | sed "s|^|$d/f|"; done | xargs touch)
(cd "$big" && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm big)
cd "$big" || exit 1
sleep 1
UP_COMPLETE_TIMEOUT=0 UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''   # (nix copies the tree: no bound)
: >"$TEST_TMP/evals"
UP_COMPLETE_TIMEOUT=0.001 UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''
is "$rc:$out:$(evals)" "0::0" "20,000 files and a TAB bound of 1 ms: nothing answered, no nix run"
UP_NIX=$TEST_TMP/counting-nix run "$UP" --complete -- ''
like "$out" "^default	" "... with the default bound, the entry answers"
is "$(evals)" 0 "... from the cache"
cd "$flake" || exit 1

# --help never runs nix: with no current entry it says where the profiles
# are; once a run has read the manifest, it lists them from the entry.
helped=$(fixture basic "$TEST_TMP/helped")
cd "$helped" || exit 1
sleep 1
: >"$TEST_TMP/evals"
UP_NIX=$TEST_TMP/counting-nix run "$UP" --help
is "$rc:$(evals)" "0:0" "--help with no entry in the cache: no nix run, exit 0"
like "$out" "^up --list shows its profiles and types \(reading them runs nix; --help never does" \
	"... and it says where the profiles are"
UP_NIX=$TEST_TMP/counting-nix run "$UP" -n
UP_NIX=$TEST_TMP/counting-nix run "$UP" --help
is "$(evals)" 1 "after a run: --help runs no nix"
like "$out" "^  low-latency \(ll\) +1 s segments$" "... and lists the profiles from the entry"
echo '# edited' >>manifest.nix
UP_NIX=$TEST_TMP/counting-nix run "$UP" --help
is "$(evals):$(printf '%s\n' "$out" | grep -c 'low-latency')" "1:0" "an entry no longer current: not read, and still no nix run"
cd "$flake" || exit 1

# A new user: no XDG_CACHE_HOME, a HOME with no ~/.cache yet, umask 077.
fresh=$TEST_TMP/fresh-home
mkdir "$fresh"
newcomer() { (umask 077 && env -u XDG_CACHE_HOME -u XDG_STATE_HOME HOME="$fresh" "$UP" "$@"); }
newcomer -n >"$TEST_TMP/out" 2>/dev/null
is "$?:$(cat "$TEST_TMP/out")" "0:nix run .#default-runner" "a HOME with no ~/.cache, umask 077: the run works"
is "$(stat -c %a "$fresh/.cache/up" 2>&1)" 700 "... and makes ~/.cache/up, 0700"
entry=$(find "$fresh/.cache/up" -maxdepth 1 -type f 2>/dev/null)
is "$(printf '%s\n' "$entry" | grep -c .)" 1 "... with one entry in it"
sed 's/2 s segments, 720p/FROM-CACHE-ENTRY!!/' "$entry" >"$entry.new" && mv "$entry.new" "$entry"
like "$(newcomer --help 2>/dev/null)" "default +FROM-CACHE-ENTRY!!" "... and the next run answers from it"

done_testing
