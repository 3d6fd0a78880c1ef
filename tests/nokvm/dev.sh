# Sourced as root inside a private mount namespace (unshare -m): /dev
# becomes a tmpfs holding the host's nodes that nix builds, shells and the
# menu's terminals need (null, zero, full, random, urandom, tty, ptmx, pts,
# shm and the fd links), and nothing else: no /dev/kvm. The host's /dev is
# untouched. Then a test puts at /dev/kvm what it wants, or nothing.
#   unshare -m sh -c '. "$private_dev" && exec COMMAND'
private_dev_make() {
	host=$(mktemp -d "${TMPDIR:-/tmp}/up-hostdev.XXXXXX") || return 1
	mount --make-rprivate / &&
	mount --rbind /dev "$host" &&
	mount -t tmpfs -o mode=755,nosuid up-dev /dev || return 1
	for node in null zero full random urandom tty; do
		if [ -L "$host/$node" ]; then
			ln -s "$(readlink "$host/$node")" "/dev/$node" || return 1
		elif [ -e "$host/$node" ]; then
			: >"/dev/$node" && mount --bind "$host/$node" "/dev/$node" || return 1
		fi
	done
	for dir in pts shm; do
		if [ -d "$host/$dir" ]; then
			mkdir "/dev/$dir" && mount --rbind "$host/$dir" "/dev/$dir" || return 1
		fi
	done
	# The host's pty multiplexer, as the link devpts(5) describes: a bind
	# of the /dev/ptmx node alone cannot find its pts instance.
	ln -s pts/ptmx /dev/ptmx || return 1
	ln -s /proc/self/fd /dev/fd && ln -s /proc/self/fd/0 /dev/stdin &&
		ln -s /proc/self/fd/1 /dev/stdout && ln -s /proc/self/fd/2 /dev/stderr || return 1
	umount -l "$host" && rmdir "$host" || return 1
	[ ! -e /dev/kvm ]
}
private_dev_make || { echo "Bail out! could not make a private /dev (tests/nokvm/dev.sh)"; exit 99; }
