# Shared by tests/nix/*.sh: finds the repository, loads tests/lib.sh, and
# copies the flake's pure parts into a fresh git repository ($flake) so that
# real `nix eval`/`nix run` can use them offline.
root=${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}
root=$(cd "$root" && pwd) || exit 99
top_srcdir=$root
. "$root/tests/lib.sh"
UP_TEST_ROOT=$root
export UP_TEST_ROOT

if ! command -v nix >/dev/null 2>&1; then
	echo "Bail out! nix is not installed (apt-get install nix-bin)"
	exit 99
fi

flake=$TEST_TMP/flake
mkdir -p "$flake"
for f in flake.nix flake.lock configure.ac profiles nix examples templates; do
	cp -R "$root/$f" "$flake/"
done
chmod -R u+w "$flake"
(cd "$flake" && git init -q && git add -A &&
	git -c user.name=test -c user.email=test@example.invalid commit -qm flake) >/dev/null ||
	{ echo "Bail out! cannot make a git copy of the flake in $flake"; exit 99; }

# nixpkgs_stub, utils_stub: the stand-ins for nixpkgs and flake-utils
# (tests/fixtures/standins: written here, offline), copied for this test;
# the nixpkgs one is told where the up under test is (its package stands in
# for up's own, which it cannot compile). Each prints its path.
nixpkgs_stub() {
	stub=$TEST_TMP/nixpkgs-stub
	rm -rf "$stub" && cp -R "$root/tests/fixtures/standins/nixpkgs" "$stub" && chmod -R u+w "$stub"
	printf '%s' "$(cd "$(dirname "$UP")" && pwd)/$(basename "$UP")" >"$stub/up-path"
	printf '%s\n' "$stub"
}
utils_stub() {
	rm -rf "$TEST_TMP/utils-stub" && cp -R "$root/tests/fixtures/standins/flake-utils" "$TEST_TMP/utils-stub" &&
		chmod -R u+w "$TEST_TMP/utils-stub"
	printf '%s\n' "$TEST_TMP/utils-stub"
}

# nix_eval ARGS...: `nix eval --json` (impure, so expressions may read
# $UP_TEST_ROOT); result in $out, errors in $err, status in $rc.
nix_eval() {
	run nix eval --json --impure "$@"
}
