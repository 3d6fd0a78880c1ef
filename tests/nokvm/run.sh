#!/bin/sh
# run.sh TEST: the test file TEST (a path under top_srcdir) once more where
# /dev/kvm does not exist, whatever this machine has: in a private mount
# namespace whose /dev holds the host's nodes but kvm (dev.sh). A machine
# with KVM so proves that the suite passes without it too.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
export top_srcdir
. "$top_srcdir/tests/nokvm/can.sh"
if ! can_unshare; then
	echo "1..0 # SKIP no KVM made by removing /dev/kvm: needs root, unshare -m and mknod"
	exit 0
fi
private_dev=$top_srcdir/tests/nokvm/dev.sh
# (the checks that need a working KVM are the first run's: skip_works says nothing here)
UP_NOKVM_RUN=1
export private_dev UP_NOKVM_RUN
exec unshare -m sh -c '. "$private_dev" && exec sh "$top_srcdir/$1"' sh "$1"
