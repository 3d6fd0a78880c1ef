#!/bin/sh
# The README's two commands as a newcomer runs them, apt-get aside: in one
# fresh clone, the first (build in the tree, run a target of the demo
# flake) and the second (the whole suite, here UP_SUITE_QUICK: both builds
# and the unit tests) in the order 1 1 2 2 1, so that each follows the
# other and itself. tests/suite runs this after everything else.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

# The commands of the README's first two ```sh blocks, without the
# "apt-get update && apt-get install -y PACKAGES && " they start with.
block() {
	awk -v n="$1" '/^```sh$/ {k++; inside = 1; next} /^```$/ {inside = 0; next}
		inside && k == n' "$top_srcdir/README.md" |
		sed 's/^apt-get update && apt-get install -y [^&]*&& //'
}
first=$(block 1)
second=$(block 2)
like "$first" "^autoreconf" "the first command, apt-get aside: $first"
like "$second" "^sh tests/suite$" "the second command, apt-get aside: $second"

# A fresh clone of this tree as it is (new files included).
origin=$TEST_TMP/origin
clone=$TEST_TMP/clone
mkdir -p "$origin"
(cd "$top_srcdir" && tar --exclude=./_build --exclude=./.git -cf - .) | tar -xf - -C "$origin"
(cd "$origin" && rm -rf .git && git init -q && git add -A &&
	git -c user.name=t -c user.email=t@example.invalid commit -qm tree) >/dev/null 2>&1
git clone -q "$origin" "$clone"
ok $? "a fresh clone"

run_command() { # run_command N: the README's command N in the clone
	if [ "$1" = 1 ]; then cmd=$first; else cmd=$second; fi
	(cd "$clone" && UP_SUITE_QUICK=1 sh -c "$cmd") >"$TEST_TMP/cmd.log" 2>&1
	rc=$?
	log=$(cat "$TEST_TMP/cmd.log")
}

i=0
for n in 1 1 2 2 1; do
	i=$((i + 1))
	run_command "$n"
	is "$rc" 0 "step $i: command $n exits 0"
	if [ "$n" = 1 ]; then
		like "$log" "^app=[a-z0-9-]+-runner profile=" "step $i: command 1 ran the demo's app"
	else
		like "$(printf '%s\n' "$log" | tail -n1)" "^[1-9][0-9]* passed, 0 failed, [0-9]+ skipped$" \
			"step $i: command 2 ends with 'N passed, 0 failed'"
	fi
	[ "$rc" -eq 0 ] || printf '%s\n' "$log" | tail -30 | sed 's/^/#   /'
done

done_testing
