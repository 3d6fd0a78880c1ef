#!/bin/sh
# run.sh TEST: the test file TEST (a path under top_srcdir) once more where
# /dev/kvm does not exist, whatever this machine has: in a private mount
# namespace whose /dev holds the host's nodes but kvm (dev.sh). A machine
# with KVM so proves that the suite passes without it too.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export top_srcdir
if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null 2>&1 || ! unshare -m true 2>/dev/null; then
	echo "1..0 # SKIP no KVM made by removing /dev/kvm: needs root and unshare -m"
	exit 0
fi
private_dev=$top_srcdir/tests/nokvm/dev.sh
export private_dev
exec unshare -m sh -c '. "$private_dev" && exec sh "$top_srcdir/$1"' sh "$1"
