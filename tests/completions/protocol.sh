#!/bin/sh
# The completion protocol (up(1) COMPLETIONS): up --complete -- WORD... answers one
# NAME<TAB>DESCRIPTION a line; --completions SHELL prints a script.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/completions/lib.sh"

kvm_probe
tab=$(printf '\t')
flake=$(fixture basic)
cd "$flake" || exit 1
mkdir -p sub/inner "sub/with space" sub/.hidden other-dir
: >sub/file
cp flake.nix sub/inner/

# names WORD...: the NAMEs of the answer, on one line.
names() {
	run "$UP" --complete -- "$@"
	joined "$(printf '%s\n' "$out" | cut -f1)"
}

is "$(names '')" "4k-abr default help list low-latency mac-only vm-only weird" \
	"an empty word: every profile, in the manifest's order"
run "$UP" --complete -- ''
is "$rc" 0 "--complete exits 0"
is "$err" "" "--complete says nothing on stderr"
like "$out" "^default${tab}2 s segments, 720p\$" "each line is NAME<TAB>DESCRIPTION"
like "$out" "^weird${tab}tab here, newline there, \\\$\\(touch /tmp/up-pwned\\) \`id\` 'q' \"dq\" \\\\\$" \
	"a description comes out on one line, as it is"
is "$(names l)" "list low-latency" "profiles are filtered by the word's prefix"
is "$(names nothing)" "" "no profile starts with the word: nothing"
is "$(names --fl)" "--flake" "a word starting with - completes options"
run "$UP" --complete -- --fl
is "$out" "--flake${tab}the flake to read and run (env UP_FLAKE)" "options come with their description"
like "$(names -)" "^-n --dry-run -y --yes .*--flake --attr --show --doctor --matrix --init --write --completions --static" "'-' offers every option"
unlike "$(names -)" "--complete( |\$)" "the internal --complete is not offered"
is "$(names --completions '')" "bash zsh fish" "--completions takes bash, zsh or fish"
is "$(names --completions z)" "zsh" "--completions values are filtered"
is "$(names --completions=f)" "--completions=fish" "--completions=VALUE completes after the ="
is "$(names --comp '')" "bash zsh fish" "an abbreviated option takes its value as the option does"
is "$(names --flake '')" "other-dir/ sub/" "--flake completes directories, with / appended, hidden ones left out"
is "$(names --flake sub/)" "sub/inner/ sub/with space/" "--flake completes the path prefix"
is "$(names --flake sub/.)" "sub/.hidden/" "hidden directories when the name starts with ."
is "$(names --flake=sub/i)" "--flake=sub/inner/" "--flake=PATH completes after the ="
run "$UP" --complete -- --flake sub/
like "$out" "^sub/inner/${tab}flake\$" "a directory holding flake.nix is described as a flake"
like "$out" "^sub/with space/${tab}directory\$" "other directories are described as directories"
mkdir -p "$HOME/projects"
is "$(names --flake '~/p')" "~/projects/" "--flake ~/ completes in HOME"
is "$(names --attr '')" "" "--attr's value completes to nothing"
is "$(names --attr=x)" "" "--attr=VALUE completes to nothing"

is "$(names default '')" "runner container vm mac" "the second word: the types the profile lists, in its order"
is "$(names low-latency '')" "runner vm" "only the types that profile lists"
is "$(names 4k-abr c)" "container" "types are filtered by prefix"
run "$UP" --complete -- vm-only ''
if kvm_works; then
	is "$out" "vm${tab}NixOS VM under QEMU" "types come with their description"
else
	is "$out" "vm${tab}NixOS VM under QEMU (cannot run here)" "types come with their description (and a mark: no KVM here)"
	skip_works "types come with their description, unmarked where they can run"
fi
is "$(names nosuch '')" "" "an unknown profile has no types"
is "$(names default runner '')" "" "after TYPE: nothing"
is "$(names default runner --dr)" "--dry-run" "after TYPE, up's long options (the only ones it reads there)"
unlike "$(names default runner -)" "(^| )-n( |\$)" "... and not the short ones"
is "$(names default --flake "$flake/sub/inner" '')" "$(names --flake "$flake/sub/inner" default '')" \
	"--flake after PROFILE: the types come from that flake"
is "$(names -- '')" "4k-abr default help list low-latency mac-only vm-only weird" "after --: PROFILE"
is "$(names -- -)" "" "after --, a word starting with - is no option"
is "$(names default -- '')" "" "-- after PROFILE: the app's words"
is "$(names -n -y default '')" "runner container vm mac" "options before PROFILE are skipped"
is "$(names -ny l)" "list low-latency" "bundled short options are skipped"
is "$(names --flake . '')" "4k-abr default help list low-latency mac-only vm-only weird" \
	"--flake X is skipped when counting words"
is "$(names --flake=. default '')" "runner container vm mac" "--flake=X is one word"
is "$(names --attr other '')" "solo" "--attr NAME: the profiles of that attribute"
is "$(names --attr=other s)" "solo" "--attr=NAME too"
is "$(names --completions bash default '')" "runner container vm mac" "--completions X is skipped"
is "$(names --attr nosuch '')" "" "an attribute that does not evaluate: nothing"

other=$(fixture basic "$TEST_TMP/second")
cd "$TEST_TMP" || exit 1
is "$(names --flake "$other" default '')" "runner container vm mac" "--flake FLAKE among the words is the flake read"
is "$(names --flake ./second l)" "list low-latency" "a relative --flake"
is "$(HOME=$TEST_TMP && names --flake '~/second' l)" "list low-latency" "--flake ~/DIR is under HOME"
is "$(names '')" "" "no flake here: nothing"
run "$UP" --complete -- ''
is "$rc:$err" "0:" "no flake: exit 0 and quiet"
is "$(UP_FLAKE=$other names vm)" "vm-only" "UP_FLAKE is the flake when the words name none"
is "$(UP_DEFAULT_FLAKE=$other names vm)" "vm-only" "UP_DEFAULT_FLAKE too"
mkdir -p "$TEST_TMP/broken"
printf '{ outputs = { self }: { upManifest = throw "broken"; }; }\n' >"$TEST_TMP/broken/flake.nix"
run "$UP" --complete -- --flake "$TEST_TMP/broken" ''
is "$rc:$out:$err" "0::" "an eval failure: exit 0, nothing on stdout or stderr"
UP_NIX=$TEST_TMP/no-such-nix run "$UP" --complete -- --flake "$other" ''
is "$rc:$out:$err" "0::" "no nix: exit 0, quiet"
cd "$other" || exit 1
run "$UP" --complete
is "$rc" 0 "--complete with no words at all answers the empty word"
is "$(joined "$(printf '%s\n' "$out" | cut -f1)")" "4k-abr default help list low-latency mac-only vm-only weird" \
	"... with the profiles"
run "$UP" --complete x
is "$rc" 64 "--complete with words not after -- is a usage error"

# The scripts.
for s in bash zsh fish; do
	run "$UP" --completions "$s"
	is "$rc:$err" "0:" "--completions $s exits 0"
	like "$out" "up --complete --" "the $s script asks up at TAB time"
done
run "$UP" --completions zsh
is "$(printf '%s\n' "$out" | head -n1)" "#compdef up" "zsh's script starts with #compdef up"
# The up a dynamic script asks: /proc/self/exe, else (no /proc, not Linux)
# the argv[0] it was run as, found on PATH as a shell finds it.
self() { printf '%s\n' "$1" | sed -n '/^__up_self=($/{n;s/^[[:space:]]*//;p;q;}'; }
real=$(readlink -f "$UP")
run "$UP" --completions bash
is "$(self "$out")" "$real" "the dynamic script asks the up that printed it"
noproc() {
	unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' sh "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}
# (a sanitizer's runtime reads its options and threads from /proc, so an
# up built with one is not run without it; the -Werror build is)
unshared=no
can_unshare && unshared=yes && noproc "$real" --version
if [ "$unshared" = yes ] && printf '%s' "$err" | grep -q 'Sanitizer'; then
	for d in "argv[0] with a slash" "argv[0] on PATH" "the script is whole"; do
		ok 0 "no /proc: $d # SKIP an up built with sanitizers cannot run without /proc (run in the -Werror build)"
	done
elif [ "$unshared" = yes ]; then
	mkdir -p "$TEST_TMP/bin" && ln -sf "$real" "$TEST_TMP/bin/up"
	export TEST_TMP
	noproc "$real" --completions bash
	is "$rc:$err:$(self "$out")" "0::$real" "no /proc: argv[0] with a slash, made absolute"
	noproc env PATH="/nonexistent:$TEST_TMP/bin:$PATH" up --completions bash
	is "$rc:$err:$(self "$out")" "0::$real" "no /proc: argv[0] 'up' found on PATH, its link resolved"
	like "$out" "up --complete --" "... and the script is whole"
else
	for d in "argv[0] with a slash" "argv[0] on PATH" "the script is whole"; do
		ok 0 "no /proc: $d # SKIP a /proc-less run: needs root, unshare -m and mknod"
	done
fi
run "$UP" --completions tcsh
is "$rc" 64 "an unknown shell: exit 64"
like "$err" "unknown shell 'tcsh'.*bash, zsh or fish" "... naming the shells"
run "$UP" --completions ''
is "$rc" 64 "an empty shell: exit 64"
run "$UP" --static
is "$rc" 64 "--static alone is a usage error"
for s in bash zsh fish; do
	run "$UP" --completions "$s" --static
	is "$rc:$err" "0:" "--completions $s --static exits 0"
	unlike "$out" "up --complete --" "the static $s script does not ask up"
	like "$out" "low-latency" "the static $s script holds the profile names"
done
cd "$TEST_TMP" || exit 1
run "$UP" --completions bash --static
is "$rc" 64 "--static with no flake: exit 64"
like "$err" "no flake.nix" "... saying why"
run "$UP" --completions bash --static --flake "$TEST_TMP/broken"
is "$rc" 65 "--static with a manifest that does not evaluate: exit 65"
like "$err" "broken" "... with nix's error"
run "$UP" --completions bash --static --flake "$other"
is "$rc" 0 "--static --flake FLAKE"
like "$out" "vm-only" "... embeds that flake's names"

# One order everywhere: an attrset's names in natural order (svc2 before
# svc10), as --list and --help show them.
order=$(fixture order)
cd "$order" || exit 1
is "$(names '')" "beta svc1 svc02 svc2 svc10" "an attrset's profiles in natural order (svc2 before svc10)"
is "$(names beta '')" "t1 t2 t10" "... and its types"
run "$UP" --list
is "$(printf '%s\n' "$out" | awk 'NR > 1 && $2 == "t1" { printf "%s ", $1 }')" "beta svc1 svc02 svc2 svc10 " \
	"--list: the same order"
is "$(printf '%s\n' "$out" | awk 'NR > 1 && $1 == "beta" { printf "%s ", $2 }')" "t1 t2 t10 " "... for types too"
run "$UP" --help
is "$(printf '%s\n' "$out" | sed -n '/^Profiles:/,/^Types:/s/^  \([a-z0-9]*\) .*/\1/p' | tr '\n' ' ')" \
	"beta svc1 svc02 svc2 svc10 " "--help: the same order"
cd "$flake" || exit 1

done_testing
