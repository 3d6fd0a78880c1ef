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

# nix_eval ARGS...: `nix eval --json` (impure, so expressions may read
# $UP_TEST_ROOT); result in $out, errors in $err, status in $rc.
nix_eval() {
	run nix eval --json --impure "$@"
}
