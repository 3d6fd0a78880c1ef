#!/bin/sh
# requires = [ "kvm" ]: /dev/kvm must exist, open read-write and answer
# KVM_GET_API_VERSION with 12. Each failure is made for real, on any
# machine, in a private mount namespace (unshare -m) whose /dev is a tmpfs
# without kvm (tests/nokvm/dev.sh), never simulated. That KVM works is
# checked where it does (tests/kvm-state says), and skipped elsewhere.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

kvm_probe
flake=$(fixture basic)
service=$(fixture service)
cd "$flake" || exit 1

# Where KVM works (tests/kvm-state says): the targets that need it run.
if kvm_works; then
	run "$UP" -n low-latency vm
	is "$rc:$out" "0:nix run .#low-latency-vm" "a working /dev/kvm: the vm target is allowed"
	cd "$service" || exit 1
	run "$UP" -n kvm-lab
	is "$rc:$out" "0:nix run .#kvm-lab-runner" "a profile requiring KVM runs here (a working /dev/kvm)"
	cd "$flake" || exit 1
else
	skip_works "a working /dev/kvm: the vm target is allowed"
	skip_works "a profile requiring KVM runs here (a working /dev/kvm)"
fi

# Each failure, made for real in a private /dev.
if ! can_unshare; then
	ok 0 "each KVM failure # SKIP the KVM failures are made in a private mount namespace: needs root, unshare -m and mknod"
	done_testing
	exit
fi

# ns SETUP [ARG...]: up ARG... (default -n low-latency vm) after SETUP, in a
# private mount namespace whose /dev has no kvm until SETUP puts one there.
ns() {
	setup=$1
	shift
	[ $# -gt 0 ] || set -- -n low-latency vm
	unshare -m sh -c '. "$private_dev" && '"$setup"' && exec "$UP" "$@"' sh "$@" \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
	rc=$?
	out=$(cat "$TEST_TMP/out")
	err=$(cat "$TEST_TMP/err")
}
export UP TEST_TMP

# No device.
ns true
is "$rc" 69 "no /dev/kvm: 69"
like "$err" "needs KVM, but /dev/kvm does not exist" "no /dev/kvm: the reason"
like "$err" "fix: enable virtualisation .* in the firmware, then load the module: sudo modprobe kvm_intel \(or kvm_amd\)" \
	"no /dev/kvm: the fix"
like "$err" "^    nix run \.#low-latency-runner$" "no /dev/kvm: the runnable alternative as a full command"
is "$out" "" "no /dev/kvm: nothing on stdout"

# Permission denied: a real KVM device node on a nodev mount cannot be opened.
mkdir -p "$TEST_TMP/nodev"
ns 'mount -t tmpfs -o nodev none "$TEST_TMP/nodev" &&
	mknod -m 660 "$TEST_TMP/nodev/kvm" c 10 232 &&
	: >/dev/kvm && mount --bind "$TEST_TMP/nodev/kvm" /dev/kvm'
is "$rc" 69 "/dev/kvm not openable: 69"
like "$err" "needs KVM, but opening /dev/kvm read-write was denied" "permission denied: the reason"
like "$err" "fix: join the kvm group" "permission denied: the fix"

# Not a KVM device: a plain file, then another character device.
: >"$TEST_TMP/plain"
ns 'cp "$TEST_TMP/plain" /dev/kvm'
is "$rc" 69 "a plain file at /dev/kvm: 69"
like "$err" "/dev/kvm is not a KVM device" "a plain file: not a KVM device"
ns 'mknod -m 666 /dev/kvm c 1 3'
is "$rc" 69 "/dev/null at /dev/kvm: 69"
like "$err" "/dev/kvm is not a KVM device \(it does not answer KVM_GET_API_VERSION\)" "another device: not a KVM device"
like "$err" "fix: remove whatever stands at /dev/kvm and reload the module" "not a KVM device: the fix"

# --list says the same, per target.
ns 'mknod -m 666 /dev/kvm c 1 3' --list --json default
like "$out" '"type":"vm","app":"default-vm","available":false,"reason":"needs KVM, but /dev/kvm is not a KVM device' \
	"--list --json: the KVM reason"
like "$out" '"type":"runner","app":"default-runner","available":true,"reason":null' \
	"--list --json: the other types stay available"

# A profile that requires KVM: every target of it, whatever its type.
cd "$service" || exit 1
nokvm() { # nokvm ARG...: up ARG... with a device that is not KVM's at /dev/kvm
	ns 'mknod -m 666 /dev/kvm c 1 3' "$@"
}
nokvm -n kvm-lab
is "$rc" 69 "a profile requiring KVM, without KVM: 69"
like "$err" "^up: profile 'kvm-lab' type 'runner' cannot run here: profile 'kvm-lab' needs KVM, but /dev/kvm is not a KVM device" \
	"the reason names the profile, not the type"
nokvm --complete -- ''
like "$out" "^kvm-lab	under KVM \(cannot run here\)\$" "TAB marks the profile this machine cannot run"
like "$out" "^dev	local development\$" "... and no other"
nokvm --complete -- debug ''
like "$out" "^vm	NixOS VM \(cannot run here\)\$" "TAB marks a type this machine cannot run"
like "$out" "^runner	local process\$" "... and not the one it can"
nokvm --list --json debug
like "$out" '"profile":"debug","type":"vm","app":"debug-vm","available":false,"reason":"needs KVM' \
	"--list: a type's reason does not name the profile"

done_testing
