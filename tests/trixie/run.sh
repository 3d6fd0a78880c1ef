#!/bin/sh
# The tests whose outcome depends on what nix prints, again with another
# nix: Debian 13's nix 2.26, in a Debian 13 chroot made with debootstrap
# from Debian's mirror (about a minute; kept between runs, and made again
# only when it is not complete). up is built inside from a copy of the
# source tree, with -Werror, and runs the cache, command-line and
# differential tests there.
#   run.sh SOURCE_TREE OUT_DIR: exit 0 (all passed), 1 (a failure) or 77
#   (skipped: not root, or debootstrap could not run); the chroot's
#   test-suite.log is copied to OUT_DIR/trixie-suite.log.
#   UP_TRIXIE_ROOT: where the chroot lives (default /var/lib/up-test/trixie).
#   UP_TRIXIE_TESTS: which tests (default: the list below).
set -u
src=$1
out=$2
root=${UP_TRIXIE_ROOT:-/var/lib/up-test/trixie}
mirror=${UP_TRIXIE_MIRROR:-http://deb.debian.org/debian}
packages="nix-bin git build-essential autoconf automake pkg-config libedit-dev libcjson-dev libgit2-dev binutils procps tmux"
tests=${UP_TRIXIE_TESTS:-"tests/cli/cache.sh tests/cli/fresh.sh tests/cli/modes.sh tests/cli/dispatch.sh tests/cli/errors.sh tests/cli/doctor.sh tests/cli/adopter.sh tests/cli/apps.sh tests/cli/hostile-cache.sh tests/cli/hostile-input.sh tests/cli/hostile-nix.sh tests/cache/differential.sh tests/nix/adopt.sh tests/nix/relay.sh tests/nix/init.sh tests/nix/matrix.sh tests/nix/apps-match.sh tests/nix/swarm.sh"}
mkdir -p "$out" || exit 1

skip() { echo "SKIP: nix 2.26 in a Debian 13 chroot: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (chroot, mount)"
command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed (apt-get install debootstrap)"

if [ ! -e "$root/.up-ready" ]; then
	rm -rf "$root" && mkdir -p "$root" || exit 1
	debootstrap --variant=minbase trixie "$root" "$mirror" >"$out/debootstrap.log" 2>&1 ||
		skip "debootstrap could not make it from $mirror (see $out/debootstrap.log)"
fi

# nix builds need /proc and a pty: the host's, bound, and unbound at the end.
# The chroot's root is a mount point of its own, so that the tests can make
# private mount namespaces inside (unshare -m changes the propagation of /).
mounted= rooted=
cleanup() {
	for m in $mounted; do umount -R "$root/$m" 2>/dev/null || umount -l "$root/$m"; done
	[ -z "$rooted" ] || umount -R "$root" 2>/dev/null || umount -l "$root"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# (--rbind: what is mounted below it already, /proc say, stays visible)
if ! mountpoint -q "$root"; then mount --rbind "$root" "$root" && rooted=yes || exit 1; fi
if ! mountpoint -q "$root/proc"; then mount --bind /proc "$root/proc" && mounted="proc" || exit 1; fi
if ! mountpoint -q "$root/dev"; then
	mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" && mounted="dev $mounted" || exit 1
fi
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# .up-ready holds the packages installed: a chroot made with fewer gets the rest.
if [ "$(cat "$root/.up-ready" 2>/dev/null)" != "$packages" ]; then
	inside sh -c "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $packages" \
		>"$out/trixie-apt.log" 2>&1 || { tail -20 "$out/trixie-apt.log"; exit 1; }
	printf '%s\n' "$packages" >"$root/.up-ready"
fi
inside nix --version

# A fresh copy of the tree, built and tested inside.
rm -rf "$root/root/up" && mkdir -p "$root/root/up/src" "$root/root/up/build" || exit 1
(cd "$src" && tar -cf - .) | tar -xf - -C "$root/root/up/src" || exit 1
inside sh -c "cd /root/up/src && autoreconf -fi && cd /root/up/build &&
	/root/up/src/configure -q CFLAGS='-O2 -g -Werror' && make -j2" >"$out/trixie-build.log" 2>&1 ||
	{ tail -40 "$out/trixie-build.log"; exit 1; }
inside sh -c "cd /root/up/build && make -j2 check TESTS='$tests'" >"$out/trixie-check.log" 2>&1
rc=$?
cp "$root/root/up/build/test-suite.log" "$out/trixie-suite.log" 2>/dev/null
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' "$out/trixie-check.log" | sed 's/^\([A-Z]*\):/\1: nix 2.26:/'
[ "$rc" -eq 0 ] || sed -n '/^FAIL\|^ERROR/,$p' "$out/trixie-suite.log" | head -200
exit "$rc"
