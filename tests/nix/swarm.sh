#!/bin/sh
# examples/swarm: the layout of an HLS load-testing swarm's test origin,
# built with up's library (8 profiles x runner, container, vm; apps
# test-origin-<profile>-<type>). Every target that can run here is run;
# every other one is refused with its reason. Then again where there is no
# KVM (a private mount namespace), where the vm targets are refused.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
stub=$(nixpkgs_stub)

# The example as its own repository: up from this one, nixpkgs the stand-in.
swarm=$TEST_TMP/swarm
cp -R "$flake/examples/swarm" "$swarm"
cd "$swarm" || exit 99
git init -q && git add -A
run nix flake lock --override-input up "git+file://$flake" --override-input nixpkgs "path:$stub"
ok "$rc" "the example locks (up from this repository, nixpkgs from the stand-in)"
git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm swarm
cd "$TEST_TMP" || exit 99

# Adopting takes the manifest and flake.nix: at most 40 lines between them.
lines=$(cat "$swarm/flake.nix" "$swarm/profiles/default.nix" | grep -v '^ *#' | grep -vc '^ *$')
ok "$([ "$lines" -le 40 ]; echo $?)" "adopting up: flake.nix and the manifest are $lines lines (at most 40)"

# Nothing the flake had is lost: its packages, apps and checks; its own
# default app stays its default.
nix_eval "$swarm#apps.$system" --apply builtins.attrNames
like "$out" '"report"' "its own apps stay (report)"
like "$out" '"up"' "up's app is added"
like "$out" '"test-origin-tap-logged-vm"' "apps are named test-origin-<profile>-<type>"
like "$out" '"test-origin-4k-container"' "... and a profile's app.<type> keeps a legacy name"
nix_eval "$swarm#apps.$system.default.meta.description"
is "$out" '"a load test against the default origin"' "its default app is still its own"
nix_eval "$swarm#checks.$system" --apply builtins.attrNames
is "$out" '["lint","up-apps"]' "its checks stay, up's is added"
nix_eval "$swarm#packages.$system" --apply builtins.attrNames
is "$out" '["hls-load"]' "its packages stay"
run nix run "$swarm#default"
like "$out" "^hls-load: 200 clients" "nix run .#default runs what it ran before"

# targets: "PROFILE TYPE APP AVAILABLE" a line, from up --list --json.
# (From a file: nix 2.26 does not read /dev/stdin as a file.)
targets() {
	"$UP" --flake "$swarm" --list --json >"$TEST_TMP/list.json" && TEST_TMP=$TEST_TMP nix eval --impure --raw --expr \
		'builtins.concatStringsSep "\n" (map (t: "${t.profile} ${t.type} ${t.app} ${if t.available then "yes" else "no"}") (builtins.fromJSON (builtins.readFile (builtins.getEnv "TEST_TMP" + "/list.json"))))'
}

# every WHERE: runs or refuses each target, as up --list says.
every() {
	n=0 refused=0
	while read -r profile type app available; do
		n=$((n + 1))
		if [ "$available" = yes ]; then
			run "$UP" --flake "$swarm" "$profile" "$type" -- x
			like "$out" "^$app: the test origin, profile $profile, as " \
				"$1: $profile $type runs ($app)"
		else
			run "$UP" --flake "$swarm" "$profile" "$type"
			is "$rc" 69 "$1: $profile $type is refused (69)"
			like "$err" "cannot run here: type '$type' needs KVM" "$1: ... with the reason"
			refused=$((refused + 1))
		fi
	done <<EOF_TARGETS
$(targets)
EOF_TARGETS
	echo "# $1: $n targets, $refused refused"
}
kvm_probe

is "$(targets | grep -c .)" 19 "8 profiles x the types each lists: 19 targets"
run "$UP" --flake "$swarm" --list=default
is "$(printf '%s\n' "$out" | awk 'NR > 1 { printf "%s ", $2 }')" "runner container vm " \
	"types keep the author's order (a list): runner, container, vm"
run "$UP" --flake "$swarm" -n stress runner
is "$rc:$out" "0:nix run $swarm#test-origin-stress-test-runner" "the alias stress is the profile stress-test"
run "$UP" --flake "$swarm" --complete -- stres
is "$out" "stress-test	Throughput over latency: find the origin's limits" "TAB: stres offers the profile once"
run nix build --no-link "$swarm#checks.$system.up-apps"
ok "$rc" "up.lib.mkCheck finds every target's app"
every "here"
if kvm_works; then want=0; else
	want=7
	skip_works "every one of the 19 targets runs where KVM works"
fi
is "$refused" "$want" "here, $want of the 19 are refused (the vm targets, where KVM does not work; here: $(kvm_state))"
run "$UP" --flake "$swarm" --show tap vm
like "$out" "^  program +/nix/store/[a-z0-9]+-test-origin-tap-vm/bin/test-origin-tap-vm$" "--show gives the app's program"

if can_unshare; then
	export UP swarm TEST_TMP
	unshare -m sh -c '. "$private_dev" && exec "$UP" --flake "$swarm" --list --json' >"$TEST_TMP/nokvm.json" 2>/dev/null
	is "$(grep -o '"available":false' "$TEST_TMP/nokvm.json" | wc -l | tr -d ' ')" 7 \
		"without KVM, the 7 vm targets cannot run"
	unshare -m sh -c '. "$private_dev" && exec "$UP" --flake "$swarm" -n tap vm' >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	is "$?" 69 "without KVM: tap vm is refused (69)"
	like "$(cat "$TEST_TMP/err")" "needs KVM, but /dev/kvm does not exist" "... because /dev/kvm does not exist"
	like "$(cat "$TEST_TMP/err")" "this profile has no type that runs here; runnable targets:" \
		"... and other profiles' targets are offered"
else
	ok 0 "without KVM # SKIP no KVM made by removing /dev/kvm: needs root, unshare -m and mknod"
fi

done_testing
