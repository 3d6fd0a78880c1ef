#!/bin/sh
# The cache never answers with something nix would not answer now (up(1) GIT AND THE CACHE),
# hunted for: a random sequence of operations on a flake whose manifest
# reads its tree in every way (fixtures/stale) — edits tracked and not, edits
# of the same size in the same second, git add, rm --cached, commit,
# checkout, stash, attributes, skip-worktree and assume-unchanged, symbolic
# links, directories, odd file names, the flake's metadata reached every way
# (an alias, +, toJSON, attrNames, a computed name, the positions of its
# files), eol and ident, nix.conf (allow-dirty among it) — and
# after every step up's answer (from the cache whenever it can) against what
# the real nix evaluates now. A fixed seed: the same steps every run.
#   UP_DIFF_STEPS (default 300), UP_DIFF_SEED (default 1).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

steps=${UP_DIFF_STEPS:-300}
seed=${UP_DIFF_SEED:-1}
real_nix=$(command -v nix)

# nix's configuration as a user keeps it: flakes switched on in a nix.conf
# of theirs (which a step switches off), the offline settings in NIX_CONFIG.
conf=$TEST_TMP/nix.conf
printf 'experimental-features = nix-command flakes\n' >"$conf"
echo on >"$TEST_TMP/flakes"
NIX_USER_CONF_FILES=$conf
NIX_CONFIG='substituters =
sandbox = false'
export NIX_USER_CONF_FILES NIX_CONFIG

# A nix that counts up's evaluations (a warm answer spawns none), then
# runs the real one.
counting_nix "$TEST_TMP/nix"
UP_NIX=$TEST_TMP/nix
export UP_NIX
: >"$TEST_TMP/evals"
git_c() { git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false "$@"; }

# Profiles and descriptions, one a line, sorted: as up answers (a TAB on
# an empty word, unbounded), and as nix evaluates the manifest now; ERROR
# when there is none.
answer_up() {
	UP_COMPLETE_TIMEOUT=0 "$UP" --complete -- '' 2>/dev/null |
		awk -F '\t' '{ print $1 "=" $2 } END { if (!NR) print "ERROR" }' | LC_ALL=C sort
}
answer_nix() {
	if "$real_nix" --extra-experimental-features 'nix-command flakes' eval --raw .#upManifest \
		--apply 'm: builtins.concatStringsSep "\n" (map (n: n + "=" + builtins.replaceStrings [ "\n" "\t" "\r" (builtins.fromJSON "\"\\u001b\"") ] [ " " " " " " " " ] (m.profiles.${n}.description or "")) (builtins.attrNames m.profiles))' \
		>"$TEST_TMP/nix-answer" 2>/dev/null
	then LC_ALL=C sort <"$TEST_TMP/nix-answer"
	else echo ERROR; fi
}

words="red green blue amber teal coral ivory olive"
word() { echo "$words" | cut -d' ' -f$(($1 % 8 + 1)); }
same_size() { # a new text of the length of the file's
	len=$(wc -c <"$1" | tr -d ' ')
	head -c "$len" /dev/zero | tr '\0' "$(echo abcdefghij | cut -c$(($2 % 10 + 1)))" >"$1"
}
meta_variant() {
	case $(($1 % 17)) in
	0) echo 'self: "no-meta"' ;;
	1) echo 'self: self.rev or "dirty"' ;;
	2) echo 'self: if self ? rev then "clean" else "dirty"' ;;
	3) echo 'self: self.${"r" + "ev"} or "dirty"' ;;
	4) echo 'self: builtins.substring 11 6 self.outPath' ;;
	5) echo 'self: import ./meta.txt self'
	   echo 'self: self.shortRev or "dirty"' >meta.txt && git add meta.txt ;;
	6) echo 'self: builtins.substring 0 8 (builtins.hashString "sha256" (toString ./.))' ;;
	7) echo 'self: builtins.substring 0 8 (builtins.hashString "sha256" "${self}")' ;;
	8) echo 'self: toString self.lastModified' ;;
	9) echo 'self: builtins.substring 0 6 (builtins.hashString "sha256" "${./.}")' ;;
	10) echo 'self: let s = self; t = s; in t.rev or "dirty"' ;;                 # an alias
	11) echo 'self: builtins.substring 11 6 (self + "")' ;;                         # +
	12) echo 'self: builtins.substring 0 8 (builtins.hashString "sha256" (builtins.toJSON self))' ;;
	13) echo 'self: builtins.concatStringsSep "," (builtins.attrNames self)' ;;    # clean and dirty differ
	14) echo 'self: (self).${"nar" + "Hash"} or "none"' ;;                        # a computed name
	15) echo 'self: builtins.substring 11 6 __curPos.file' ;;                     # positions hold
	16) echo 'self: builtins.substring 11 6 (builtins.unsafeGetAttrPos "a" { a = 1; }).file' ;; # the source's hash
	esac
}

step_op() { # step_op OP ARG: one operation; prints its name
	op=$1 a=$2
	case $op in
	0) case $((a % 6)) in
	   0) printf '{ "alpha": "%s", "%s": "x%s" }\n' "$(word "$a")" "$(word $((a / 8)))" "$a" >profiles.json ;;
	   1) printf '{ text = "imported-%s"; }\n' "$a" >imported.nix ;;
	   2) printf 'data-%s' "$a" >data.txt ;;
	   3) printf 'target-%s' "$a" >"target-$(echo ab | cut -c$((a % 2 + 1)))" ;;
	   4) printf 'env-%s' "$a" >env/file ;;
	   5) printf 'env2-%s' "$a" >env2/file ;;
	   esac; echo "edit a file the manifest reads" ;;
	1) same_size data.txt "$a"; same_size target-a "$((a + 3))"; echo "same-size edits in the same second" ;;
	2) printf 'unrelated-%s' "$a" >unrelated.txt; echo "edit a tracked file nothing reads" ;;
	3) : >"extra/$(word "$a")"; [ $((a % 2)) = 0 ] && : >flag; echo "new untracked files" ;;
	4) git add -A; echo "git add -A" ;;
	5) for f in flag "extra/$(word "$a")" data.txt env/file; do
		[ $((a % 4)) = 0 ] && git rm -q --cached "$f" 2>/dev/null && break
		a=$((a / 4 + 1))
	   done; echo "git rm --cached" ;;
	6) git_c commit -qam "step" >/dev/null 2>&1; echo "commit" ;;
	7) if [ "$(git symbolic-ref --short HEAD)" = other ]; then git checkout -qf "$first"
	   else git checkout -qf other; fi 2>/dev/null; echo "checkout" ;;
	8) if [ $((a % 2)) = 0 ]; then git stash -q; else git stash pop -q; fi >/dev/null 2>&1
	   echo "stash" ;;
	9) case $((a % 5)) in
	   0) printf 'subst.txt export-subst\n' >.gitattributes ;;
	   1) printf 'flag export-ignore\nenv/** export-ignore\n' >.gitattributes ;;
	   2) rm -f .gitattributes ;;
	   3) printf 'data.txt eol=crlf\nimported.nix text eol=crlf\n' >.gitattributes ;;
	   4) printf 'data.txt ident\n' >.gitattributes; printf '$Id$ %s\n' "$a" >data.txt ;;
	   esac; git add -A .gitattributes 2>/dev/null; echo "attributes" ;;
	10) case $((a % 4)) in
	   0) git update-index --skip-worktree data.txt && printf 'skipped-%s' "$a" >data.txt ;;
	   1) git update-index --no-skip-worktree data.txt ;;
	   2) git update-index --assume-unchanged imported.nix &&
	      printf '{ text = "assumed-%s"; }\n' "$a" >imported.nix ;;
	   3) git update-index --no-assume-unchanged imported.nix ;;
	   esac 2>/dev/null; echo "skip-worktree / assume-unchanged" ;;
	11) ln -sfn "target-$(echo ab | cut -c$((a % 2 + 1)))" link; echo "retarget the link" ;;
	12) case $((a % 3)) in
	   0) printf 'new-%s' "$a" >"env/f$((a % 5))"; [ $((a % 2)) = 0 ] && git add env ;;
	   1) rm -f env2/file ;;
	   2) printf 'env2-%s' "$a" >env2/file; git add env2 ;;
	   esac; echo "edit inside a directory copied whole" ;;
	13) case $((a % 4)) in
	   0) printf 'odd-%s' "$a" >"odd/q'uote.txt"; git add odd ;;
	   1) printf 'x' >"odd/$(printf 'tab\there')"; printf 'y' >"odd/$(printf 'new\nline')"; git add odd ;;
	   2) printf 'esc' >"odd/$(printf 'e\033[31m')"; git add odd ;;
	   3) git rm -rq --cached odd 2>/dev/null; rm -rf odd; mkdir odd; printf 'odd dir' >odd/README; git add odd ;;
	   esac; echo "odd file names" ;;
	14) meta_variant "$a" >meta.nix; echo "the manifest's use of the flake's metadata" ;;
	15) case $((a % 4)) in
	   0) printf 'warn-dirty = false\n' >"$conf"; echo off >"$TEST_TMP/flakes" ;;
	   1) printf 'experimental-features = nix-command flakes\n' >"$conf"; echo on >"$TEST_TMP/flakes" ;;
	   2) printf 'include %s/more.conf\n' "$TEST_TMP" >"$conf"   # flakes on in an included file
	      printf 'experimental-features = nix-command flakes\n' >"$TEST_TMP/more.conf"
	      echo on >"$TEST_TMP/flakes" ;;
	   3) printf 'experimental-features = nix-command flakes\nallow-dirty = false\n' >"$conf"  # a dirty tree refused
	      echo on >"$TEST_TMP/flakes" ;;
	   esac; echo "nix.conf" ;;
	16) cp -p data.txt "$TEST_TMP/keep"; printf 'kept-%s' "$a" >data.txt; touch -r "$TEST_TMP/keep" data.txt
	    echo "an edit that keeps the time stamp" ;;
	17) if [ -e flag ]; then rm flag; else : >flag; fi; git add -A flag 2>/dev/null; echo "the flag file" ;;
	*) echo "nothing (a warm run)" ;;
	esac
}

# phase NAME STEPS WEIGHTS: STEPS random steps on a fresh copy of the
# fixture (with a second branch), the ops drawn from WEIGHTS (each op of
# step_op as often as it is listed), by awk's generator seeded with $seed.
i=0 warm=0 stale=0
phase() {
	flake=$(fixture stale "$TEST_TMP/$1")
	cd "$flake" || exit 1
	first=$(git symbolic-ref --short HEAD)
	git checkout -qb other
	printf '{ "alpha": "other-branch", "gamma": "third" }\n' >profiles.json
	git_c commit -qam other
	git checkout -q "$first"
	sleep 1
	awk -v seed="$seed" -v n="$2" -v w="$3" 'BEGIN {
		k = split(w, op); srand(seed)
		for (i = 0; i < n; i++) print op[int(rand() * k) + 1], int(rand() * 1000)
	}' >"$TEST_TMP/steps"
	while read -r op arg; do
		i=$((i + 1))
		what=$(step_op "$op" "$arg" 2>/dev/null)
		[ $((arg % 5)) -lt 3 ] && sleep 0.2  # old enough to be recorded, often
		before=$(evals)
		got=$(answer_up)
		[ "$(evals)" = "$before" ] && warm=$((warm + 1))  # answered from the cache
		want=$(answer_nix)
		[ "$got" = "$want" ] || stale=$((stale + 1))
		is "$got" "$want" "$1 step $i: $what"
		if [ "$op" = 15 ] && [ "$want" != ERROR ]; then  # the features flag exactly when flakes are off
			run "$UP" -n alpha runner
			if [ "$(cat "$TEST_TMP/flakes")" = on ]
			then unlike "$out" "experimental-features" "$1 step $i: flakes on, no features flag"
			else like "$out" "--extra-experimental-features" "$1 step $i: flakes off, the features flag"
			fi
		fi
	done <"$TEST_TMP/steps"
	cd "$TEST_TMP" || exit 1
}

# Every op; then, each on its own, what makes nix's answer depend on more
# than the files it reads, against what flips it (an unrelated edit, a
# commit that leaves the tree clean): the flake's metadata, git's index
# flags, the export attributes.
part=$((steps * 2 / 9))
phase all "$((steps - 3 * part))" "0 0 1 2 2 3 4 5 6 6 7 8 9 10 11 12 13 14 14 15 16 17 18 18"
phase metadata "$part" "0 2 2 2 6 6 14 14 18 18 18 4 7"
phase index "$part" "0 1 2 2 2 4 5 6 6 10 10 10 16 18 18 3 17"
phase attributes "$part" "0 2 2 2 4 6 6 9 9 18 18 17"
echo "# $steps steps (seed $seed): $warm answered from the cache, $stale stale"
is "$stale" 0 "no stale answer in $steps steps"
[ "$warm" -ge $((steps / 8)) ]; ok $? "the cache answered often enough to be tested ($warm of $steps warm)"
done_testing
