#!/bin/sh
# A cache that is not what it should be, made for real: a directory or an
# entry that is not the user's, a symbolic link, a FIFO where an entry
# should be, temporary files left by a killed run, too many entries.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

system=$(nix eval --impure --raw --expr builtins.currentSystem)
esc=$(printf '\033')

flake=$(fixture basic)
cd "$flake" || exit 1
sleep 1 # old enough for the cache to trust what it records
cache=$XDG_CACHE_HOME/up

# --- 1. a cache that is not the user's ----------------------------------------
run "$UP" -n default runner
is "$out" "nix run .#default-runner" "a first run fills the cache"
entry=$(ls "$cache" | head -1)
# Forge the entry: the same bytes, with another app name of the same length.
forge() {
	sed 's/default-runner/deploy-prod-xx/g' "$cache/$entry" >"$TEST_TMP/forged" &&
		cat "$TEST_TMP/forged" >"$cache/$entry"
}
forge
run "$UP" -n default runner
is "$out" "nix run .#deploy-prod-xx" "(a forged entry of the user's own is read: the test forges for real)"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$cache/$entry"
	run "$UP" -n default runner
	is "$out" "nix run .#default-runner" "an entry owned by another user is never read"
	rm -f "$cache/$entry"
	run "$UP" -n default runner
	forge
	chown -R 65534:65534 "$cache" && chmod 0777 "$cache"
	run "$UP" -n default runner
	is "$out" "nix run .#default-runner" "a cache directory owned by another user (0777, a forged entry) is not used"
	run "$UP" --doctor
	like "$out" "^warn +cache +not used, every run evaluates: the cache directory belongs to another user" \
		"--doctor says why, once"
	is "$(stat -c %a "$cache")" 777 "another user's directory is never chmod'ed"
	rm -rf "$cache"
else
	for i in 1 2 3 4; do ok 0 "another user's cache # SKIP not root"; done
fi
mkdir -p "$TEST_TMP/elsewhere" && rm -rf "$cache" && ln -s "$TEST_TMP/elsewhere" "$cache"
run "$UP" -n default runner
is "$rc:$out" "0:nix run .#default-runner" "a cache directory that is a symbolic link: runs without it"
is "$(ls "$TEST_TMP/elsewhere" | wc -l | tr -d ' ')" 0 "... writing nothing where it points"
rm "$cache" && mkdir -p "$cache" && chmod 0777 "$cache"
run "$UP" -n default runner
is "$(stat -c %a "$cache")" 700 "the user's own directory, open to others, is made 0700 before use"

# --- 2. a FIFO where an entry should be ---------------------------------------
run "$UP" -n default runner
entry=$(ls "$cache" | head -1)
rm "$cache/$entry" && mkfifo "$cache/$entry"
run timeout 60 "$UP" -n default runner
is "$rc:$out" "0:nix run .#default-runner" "a FIFO at the entry's path: no hang, evaluated afresh"
run timeout 60 "$UP" --complete -- ''
like "$rc:$out" "^0:4k-abr" "... and a TAB does not hang either"

# --- 3. temporary files left by a killed run ----------------------------------
stale=$cache/0123456789abcdef0123456789abcdef.Ab12Cd
fresh=$cache/fedcba9876543210fedcba9876543210.Zz99Yy
head -c 1048576 /dev/zero >"$stale" && touch -d '1 hour ago' "$stale"
: >"$fresh"
run "$UP" -n --refresh default runner
ok "$([ ! -e "$stale" ]; echo $?)" "a stale temporary file (an hour old) is swept when an entry is written"
ok "$([ -e "$fresh" ]; echo $?)" "... a recent one (a run writing now) is left"
for i in $(seq 1 70); do
	printf x >"$cache/$(printf '%032x' "$i")"
	touch -d "$((70 - i + 2)) minutes ago" "$cache/$(printf '%032x' "$i")"
done
run "$UP" -n --refresh default runner
is "$(find "$cache" -maxdepth 1 -type f -name '????????????????????????????????' | wc -l | tr -d ' ')" 64 \
	"entries past the bound (64) are swept, the oldest first"

done_testing
