#!/bin/sh
# up --doctor and up --show (up(1) OPTIONS), against the real nix and real
# failures: an untracked file, a missing app, no KVM (a mount namespace),
# an invalid manifest, no nix, a cache directory that is not ours.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

kvm_probe
flake=$(fixture basic)
cd "$flake" || exit 1
line() { printf '%s\n' "$out" | grep -E "^[a-zA-Z]+ +$1 "; }
# A healthy flake whose vm targets need KVM: all is well where KVM works;
# elsewhere those targets and the kvm check are warnings, with the reason,
# since the default target (default runner) runs: exit 0 on every machine.
healthy=0
kvm_works || skip_works "a healthy flake where KVM works: every check ok"

SHELL=/bin/bash run "$UP" --doctor
is "$rc" 0 "a healthy flake: exit 0 (KVM here: $(kvm_state))"
for check in nix flake manifest flakes git apps system default cache; do
	like "$(line "$check")" "^ok +$check " "$check: ok"
done
like "$(line nix)" "nix \(Nix\) [0-9.]+ \(/.*nix\)$" "nix: its version and where it is"
like "$(line flake)" "^ok +flake +\. \(from the current directory\)$" "flake: which, and how it was found"
like "$(line manifest)" "hls-origin, 8 profiles, 4 types, 13 targets \(evaluated in [0-9]+ ms\)" "manifest: what it holds"
like "$("$UP" --doctor --attr other 2>/dev/null | grep '^ok *manifest')" "other, 1 profile, 4 types, 4 targets " \
	"manifest: one profile is '1 profile'"
like "$(line apps)" "every target for [a-z0-9_]+-[a-z]+ has its app in apps\." "apps: one eval of the names, all there"
like "$(line default)" "^ok +default +default runner runs here \(what up runs with no choice made\)$" \
	"default: the target up runs with no choice made, which runs here"
if kvm_works; then
	like "$(line kvm)" "^ok +kvm +usable: /dev/kvm answers API version 12$" "kvm: the probe's answer"
	like "$(line targets)" "^ok +targets +every target meant for this machine can run here$" "targets: all run"
else
	is "$(line kvm | sed 's/  */ /g')" "warn kvm $(kvm_reason) (3 targets here need it)" "kvm: the probe's answer, a warning"
	is "$(line targets | sed 's/  */ /g')" "warn targets 3 other targets meant for this machine cannot run here: type 'vm' $(kvm_reason) (default vm, low-latency vm, vm-only vm)" \
		"targets: the others that cannot run, a warning, by reason"
fi
like "$(line completions)" "^warn +completions +none installed for bash$" "completions: none for bash here"
like "$out" "fix: add \`source <\(up --completions bash\)\` to ~/.bashrc" "... and how to add them"
if kvm_works; then
	is "$(printf '%s\n' "$out" | tail -n1)" "0 failed, 1 warning: up can run this flake's default target here; the warnings say what else to look at" \
		"a last line sums it up"
else
	is "$(printf '%s\n' "$out" | tail -n1)" "0 failed, 3 warnings: up can run this flake's default target here; the warnings say what else to look at" \
		"a last line sums it up"
fi
LC_ALL=C run "$UP" --doctor
ok "$(printf '%s' "$out" | LC_ALL=C grep -q "$(printf '[\033\200-\377]')"; [ $? -eq 1 ]; echo $?)" \
	"plain ASCII when not on a terminal"
run script -qec "TERM=xterm '$UP' --doctor" /dev/null
like "$out" "$(printf '\033')\\[32mok" "colour on a terminal"
run script -qec "TERM=dumb '$UP' --doctor" /dev/null
unlike "$out" "$(printf '\033')" "TERM=dumb: no escape sequence"
run script -qec "NO_COLOR=1 TERM=xterm '$UP' --doctor" /dev/null
unlike "$out" "$(printf '\033')" "NO_COLOR: no escape sequence"
mkdir -p "$HOME/.local/share/bash-completion/completions"
"$UP" --completions bash >"$HOME/.local/share/bash-completion/completions/up"
SHELL=/bin/bash run "$UP" --doctor
like "$(line completions)" "^ok +completions +bash: $HOME/.local/share/bash-completion/completions/up$" "completions: found where bash-completion looks"
SHELL=/usr/bin/zsh run "$UP" --doctor
like "$(line completions)" "^warn +completions +none installed for zsh$" "completions: the user's shell counts"

SHELL=/bin/bash run "$UP" --doctor --json
is "$rc" 0 "--json: exit 0"
like "$out" '^\{"schema":2,"system":"[a-z0-9_]+-[a-z]+","flake":"\.","checks":\[\{"check":"nix","status":"ok","detail":"nix \(Nix\)' \
	"--json: an object with the checks (schema 2: what fails changed)"
like "$out" '"ok":true\}$' "--json: ok, no check failed (with KVM or without)"
printf '%s' "$out" >"$TEST_TMP/doctor.json"  # (nix 2.26 cannot readFile /dev/stdin)
nix eval --impure --expr "builtins.fromJSON (builtins.readFile $TEST_TMP/doctor.json)" >/dev/null 2>&1
ok $? "--json: valid JSON"

# Untracked files anywhere in the flake.
echo notes >notes.txt
mkdir -p deep && echo '{ }' >deep/x.nix
run "$UP" --doctor
is "$rc" "$healthy" "untracked files: a warning, not a failure (exit $healthy, as without them)"
like "$(line git)" "^warn +git +2 untracked files the flake cannot see: deep/x.nix, notes.txt$" "git: every untracked file of the flake"
like "$out" "fix: git -C $flake add -- deep/x.nix notes.txt \(or ignore them in .gitignore\)" "git: the git add that fixes it (the work tree without a trailing /)"
rm -r notes.txt deep

# A target without its app.
run "$UP" --doctor --attr other
is "$rc" 1 "a target without an app: exit 1"
like "$(line apps)" "^FAIL +apps +3 of 3 targets for [a-z0-9_]+-[a-z]+ have no app in apps\.[a-z0-9_-]+: solo-container, solo-runner, solo-vm$" "apps: which apps are missing"
like "$out" "fix: build them in apps.<system>, e.g. with up.lib.mkApps" "apps: how to fix it"
like "$(printf '%s\n' "$out" | tail -n1)" "^1 failed, .*: up cannot do its work here until each failure is fixed \(exit 1\)$" \
	"the last line counts it"

# No KVM, on any machine: a private /dev without kvm, then with a device
# that is not KVM's at /dev/kvm. The vm targets cannot run.
if can_unshare; then
	export UP
	nokvm() { # nokvm SETUP: up --doctor in a private /dev after SETUP
		unshare -m sh -c '. "$private_dev" && '"$1"' && exec "$UP" --doctor' >"$TEST_TMP/out" 2>"$TEST_TMP/err"
		rc=$?
		out=$(cat "$TEST_TMP/out")
	}
	nokvm true
	is "$rc" 0 "no /dev/kvm, targets that need it, a default that does not: exit 0"
	is "$(line kvm | sed 's/  */ /g')" "warn kvm needs KVM, but /dev/kvm does not exist (3 targets here need it)" "kvm: no device, a warning"
	like "$out" "fix: enable virtualisation \(VT-x or AMD-V\) in the firmware, then load the module" "kvm: its fix"
	nokvm 'mknod -m 666 /dev/kvm c 1 3'
	is "$rc" 0 "no usable KVM, a default that does not need it: exit 0"
	like "$(line kvm)" "^warn +kvm +needs KVM, but /dev/kvm is not a KVM device \(it does not answer KVM_GET_API_VERSION\) \(3 targets here need it\)$" "kvm: the exact reason"
	like "$out" "fix: remove whatever stands at /dev/kvm and reload the module" "kvm: the fix"
	# The default target is a vm: then it fails (exit 1), with its reason.
	unshare -m sh -c '. "$private_dev" && exec "$UP" --doctor --attr vmDefault' >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	rc=$? out=$(cat "$TEST_TMP/out")
	is "$rc" 1 "no KVM and a default target that needs it: exit 1"
	is "$(line default | sed 's/  */ /g')" "FAIL default default vm, what up runs with no choice made, cannot run here: type 'vm' needs KVM, but /dev/kvm does not exist" \
		"default: fails, with the reason"
	like "$out" "fix: enable virtualisation" "... and the fix"
else
	for d in "no /dev/kvm: exit 0" "kvm: no device" "kvm: its fix" "no usable KVM: exit 0" "kvm: the exact reason" "kvm: the fix" \
		"default needs KVM: exit 1" "default: fails" "... and the fix"; do
		ok 0 "$d # SKIP no KVM made by removing /dev/kvm: needs root, unshare -m and mknod"
	done
fi

# The cache: a directory that is not the user's own is not used.
mkdir -p "$TEST_TMP/elsewhere" "$TEST_TMP/xdg" && ln -s "$TEST_TMP/elsewhere" "$TEST_TMP/xdg/up"
XDG_CACHE_HOME=$TEST_TMP/xdg run "$UP" --doctor
like "$(line cache)" "^warn +cache +not used, every run evaluates: the cache directory is not a directory \(a symbolic link or a file\)" \
	"cache: a symbolic link is not used, and doctor says why"

# An invalid manifest; no nix.
broken=$(fixture broken)
cd "$broken" || exit 1
run "$UP" --doctor
is "$rc" 1 "an invalid manifest: exit 1"
like "$(line manifest)" "^FAIL +manifest +invalid manifest \.#upManifest: field 'version' is 2, but this up reads version 1 only$" \
	"manifest: what is wrong"
cd "$flake" || exit 1
run env PATH=/nonexistent "$UP" --doctor
is "$rc" 1 "no nix: exit 1"
like "$(line nix)" "^FAIL +nix +cannot run 'nix'$" "nix: not found"
like "$out" "fix: install Nix \(https://nixos.org/download; on Debian: apt-get install nix-bin\)" "nix: how to install it"
run "$UP" --doctor default
is "$rc" 64 "--doctor with a PROFILE: 64"
cd "$TEST_TMP" || exit 1
run "$UP" --doctor
is "$rc" 1 "outside any flake: exit 1"
like "$(line flake)" "^FAIL +flake +no flake\.nix here or in any directory above" "flake: fails, saying so"
like "$out" "fix: run up inside a flake, or name one with --flake REF; to start one: nix flake init -t" \
	"... with where to start"
cd "$flake" || exit 1

# --show: what a target is before it runs.
run "$UP" --show low-latency runner
is "$rc" 0 "--show: exit 0"
like "$out" "^low-latency runner \(hls-origin\)$" "--show: the target"
like "$out" "^  app +low-latency-runner \(apps\.[a-z0-9_]+-[a-z]+\.low-latency-runner\)$" "--show: its app"
like "$out" "^  program +/nix/store/[a-z0-9]+-app/bin/app$" "--show: the app's program, from the flake"
like "$out" "^  profile +low-latency: 1 s segments$" "--show: the profile's description"
like "$out" "^  type +runner: Local process$" "--show: the type's description"
like "$out" "^  runs here +yes$" "--show: whether it can run here"
like "$out" "^  command +nix run \.#low-latency-runner$" "--show: the command"
run "$UP" --show default mac
is "$rc" 0 "--show of a target that cannot run here: exit 0 (it is told)"
like "$out" "^  runs here +no: type 'mac' runs on aarch64-darwin, x86_64-darwin; this machine is " "--show: why not"
like "$out" "^  +fix +run it on a machine whose system is one of those$" "--show: the fix"
run "$UP" --show --json default runner
like "$out" '^\{"schema":1,"profile":"default","type":"runner","app":"default-runner","program":"/nix/store/[^"]+","description":null,"profile_description":"2 s segments, 720p","type_description":"Local process","available":true,"reason":null,"fix":null,"command":"nix run \.#default-runner","systems":\[\],"app_system":"[a-z0-9_]+-[a-z]+"\}$' \
	"--show --json: the same, as an object"
run "$UP" --show low-latncy
is "$rc" 64 "--show of an unknown profile: 64"
run "$UP" --show --attr other solo
is "$rc" 65 "--show of a target without an app: 65"
like "$err" "the flake has no app solo-runner for [a-z0-9_]+-[a-z]+ \(apps\.[a-z0-9_-]+\.solo-runner\)" "--show: says so"
like "$out" "^  program +\(none: the flake has no app solo-runner for [a-z0-9_]+-[a-z]+; see below\)$" \
	"--show: and shows what it knows"
# An app that is there but cannot be evaluated (nixpkgs cannot be fetched,
# say) is not called missing.
unfetched=$TEST_TMP/unfetched
mkdir -p "$unfetched"
system=$(nix eval --impure --raw --expr builtins.currentSystem)
printf '{ outputs = { self }: { upManifest = { version = 1; types.runner = { }; profiles.broken = { }; };\n  apps.%s.broken-runner = { type = "app"; program = throw "cannot fetch nixpkgs (offline)"; }; }; }\n' \
	"$system" >"$unfetched/flake.nix"
(cd "$unfetched" && git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm u)
run "$UP" --flake "$unfetched" --show broken runner
is "$rc" 65 "--show of an app that cannot be evaluated: 65"
like "$out" "^  program +\(could not be evaluated: cannot fetch nixpkgs \(offline\)" "--show: says it could not be evaluated, and why"
unlike "$out" "not in the flake|none: the flake has no app" "... not that the app is missing"
like "$err" "could not evaluate .*apps\.$system\.broken-runner \(nix's error is above\)" "... with nix's error"

done_testing
