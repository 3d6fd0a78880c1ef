# can_unshare: whether the tests may make a private /dev here: root, a
# private mount namespace (unshare -m), a tmpfs in it and a device node on
# that tmpfs (root in a user namespace has the first two, not the last).
can_unshare() {
	[ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1 || return 1
	can_dir=$(mktemp -d "${TMPDIR:-/tmp}/up-can.XXXXXX") || return 1
	unshare -m sh -c 'mount -t tmpfs none "$1" && mknod "$1/null" c 1 3 && [ -c "$1/null" ]' sh "$can_dir" \
		>/dev/null 2>&1
	can_rc=$?
	rmdir "$can_dir"
	return "$can_rc"
}
