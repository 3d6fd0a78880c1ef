# Shared helpers for the shell tests: TAP output, fixture flakes, running up.
# Sourced by every tests/*/*.sh; needs $UP (the binary) and $top_srcdir.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${UP:=$top_srcdir/src/up}"
export UP top_srcdir

# Real nix, offline: no substituters, no sandbox, flakes on, and a flake
# registry of our own (empty), so that a registry name is answered here,
# never looked up on the network.
NIX_CONFIG="experimental-features = nix-command flakes
substituters =
sandbox = false
flake-registry = $top_srcdir/tests/fixtures/registry.json"
export NIX_CONFIG
unset UP_FLAKE UP_DEFAULT_FLAKE UP_NIX CI NO_COLOR
export LC_ALL=C.UTF-8

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/up-test.XXXXXX")
export XDG_CACHE_HOME="$TEST_TMP/cache" XDG_STATE_HOME="$TEST_TMP/state" HOME="$TEST_TMP/home"
mkdir -p "$HOME"
trap 'rm -rf "$TEST_TMP"' EXIT

# commit ARG...: git commit -q as a test's author, whoever runs the tests.
commit() { git -c user.name=t -c user.email=t@example.invalid commit -q "$@"; }

tap_n=0
tap_failed=0

ok() { # ok COND DESCRIPTION: COND is an exit status (0 = pass)
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $2"
	fi
}

is() { # is GOT EXPECTED DESCRIPTION
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   got:      %s\n#   expected: %s\n' "$1" "$2" | sed '2,$s/^\([^#]\)/#   \1/'
	fi
}

isnt() { # isnt GOT UNEXPECTED DESCRIPTION
	if [ "$1" != "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"
		printf '#   got:      %s (which it should not be)\n' "$1"
	fi
}

like() { # like TEXT PATTERN DESCRIPTION (grep -E on the text)
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then ok 0 "$3"; else
		ok 1 "$3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   /'
		printf '#   did not match: %s\n' "$2"
	fi
}

unlike() { # unlike TEXT PATTERN DESCRIPTION
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"
		printf '%s\n' "$1" | head -20 | sed 's/^/#   /'
	else ok 0 "$3"; fi
}

# run CMD...: stdout in $out, stderr in $err, status in $rc; stdin is empty.
run() {
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}

# described [OPTION...]: each profile and its description as up reads the
# manifest when it runs (from the cache, else with nix, unbounded), one
# "NAME  DESCRIPTION" a line: what a TAB on an empty word answers. (--help
# reads the cache alone, and never runs nix.)
described() {
	UP_COMPLETE_TIMEOUT=0 "$UP" "$@" --complete -- '' 2>/dev/null | sed 's/	/  /'
}

# logging_nix PATH: a nix at PATH that adds a line ("ARGS") to
# $TEST_TMP/evals for each call, then runs the real one. counting_nix PATH:
# that, met by up (learn_nix), and the count at 0. evals: the count.
logging_nix() {
	printf '#!/bin/sh\necho "$*" >>"%s/evals"\nexec "%s" "$@"\n' "$TEST_TMP" "$(command -v nix)" >"$1"
	chmod +x "$1"
}
counting_nix() {
	logging_nix "$1" && learn_nix "$1"
	: >"$TEST_TMP/evals"
}
evals() { grep -c . "$TEST_TMP/evals" 2>/dev/null; }

# learn_nix NIX: up meets the nix binary NIX once, in a flake of its own,
# without a cache entry. Meeting a binary, a cold run asks it whether it
# takes FLAKE#.ATTR (up(1) THE MANIFEST), and a nix that does not (2.8)
# costs that run one more nix run; a test that counts nix runs lets up
# learn it first.
learn_nix() {
	(learnt=$(fixture basic "$TEST_TMP/learn-nix.$$") && cd "$learnt" &&
		UP_NIX=$1 "$UP" --no-cache -n >/dev/null 2>&1)
}

# fixture NAME [DIR]: copies tests/fixtures/NAME (and the shared lib.nix) into
# a fresh git repository and prints its path.
fixture() {
	dir=${2:-$TEST_TMP/$1}
	mkdir -p "$dir"
	cp -R "$top_srcdir/tests/fixtures/$1/." "$dir/"
	cp "$top_srcdir/tests/fixtures/lib.nix" "$dir/lib.nix"
	chmod -R u+w "$dir"
	(cd "$dir" && git init -q && git add -A &&
		git -c user.name=test -c user.email=test@example.invalid commit -qm fixture) >/dev/null
	printf '%s\n' "$dir"
}

# KVM as this machine has it, asked of /dev/kvm as up asks (tests/kvm-state.c,
# which make check builds). kvm_probe, once at the top of a test that needs
# it, asks; then kvm_state prints works, absent, denied, not-kvm, "version N"
# or "error TEXT", kvm_works is its yes or no, and kvm_reason the reason up
# gives for a target that needs KVM when it does not work here.
kvm_probe() {
	helper=${top_builddir:-$top_srcdir}/tests/kvm-state
	[ -x "$helper" ] || { echo "Bail out! $helper is not built (make check builds it)"; exit 99; }
	UP_KVM_STATE=$("$helper")
	echo "# /dev/kvm here: $UP_KVM_STATE"
}
kvm_state() { printf '%s\n' "$UP_KVM_STATE"; }
kvm_works() { [ "$(kvm_state)" = works ]; }
# skip_works DESCRIPTION: a check that needs a working KVM, where it does not
# work: skipped, with the reason (said once: not again in tests/nokvm's run).
skip_works() {
	[ -n "${UP_NOKVM_RUN:-}" ] || ok 0 "$1 # SKIP a working KVM (/dev/kvm here: $(kvm_state))"
}
kvm_reason() {
	case $(kvm_state) in
	absent) echo "needs KVM, but /dev/kvm does not exist" ;;
	denied) echo "needs KVM, but opening /dev/kvm read-write was denied" ;;
	not-kvm) echo "needs KVM, but /dev/kvm is not a KVM device (it does not answer KVM_GET_API_VERSION)" ;;
	"version "*) echo "needs KVM, but /dev/kvm answers API version $(kvm_state | cut -d' ' -f2), not 12" ;;
	"error "*) echo "needs KVM, but /dev/kvm cannot be opened: $(kvm_state | cut -d' ' -f2-)" ;;
	*) echo "needs KVM, which only Linux has" ;;
	esac
}
# A private /dev for unshare -m (tests/nokvm/dev.sh); can_unshare says
# whether this machine lets the tests make one (tests/nokvm/can.sh).
. "$top_srcdir/tests/nokvm/can.sh"
private_dev=$top_srcdir/tests/nokvm/dev.sh
export private_dev

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
