#!/bin/sh
# A flake without a manifest (up(1) THE MANIFEST): up offers its apps for
# this system, each a target with no type. The list, the JSON, --show, the
# dry run, the run, the defaults without a terminal, TAB, --help and
# --doctor; the cache (two nix runs cold, none warm); app names nix must
# quote; and what stays an error: a broken manifest, a missing --attr, a
# flake with no apps.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

counting_nix "$TEST_TMP/nix"
system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)

flake=$(fixture plain)
cd "$flake" || exit 1
sleep 1 # old enough for the cache to trust

# --- the list, cold then warm ------------------------------------------------
UP_NIX=$TEST_TMP/nix run "$UP" --list
is "$rc" 0 "no upManifest: up --list answers (exit 0)"
is "$out" "APP         DESCRIPTION
50%         half
a^b         a caret: %-encoded,  [31mnot red
broken      -
db.migrate  migrate the database
default     the usual: serve on port 8080
lint        -
serve       serve on a port of your choice
svc2        -
svc10       -" "... the flake's apps for this system, in natural order, each with its meta.description"
like "$err" "the app 'say \"hi\"' is not offered: a flake reference cannot name it" \
	"an app nix cannot name (a double quote) is not offered, and up says so"
like "$err" "the app '-n' is not offered: its name starts with '-', as an option's does" \
	"... nor one up would read as an option"
unlike "$out" "$(printf '\033')" "a description's control characters reach no terminal (shown as spaces)"
is "$(evals)" 2 "cold: two nix runs (the manifest, then the apps)"
like "$(sed -n 1p "$TEST_TMP/evals")" "#\\.?upManifest$" "... the first asks for upManifest (#.upManifest where nix takes it)"
like "$(sed -n 2p "$TEST_TMP/evals")" " --apply .* \\.#\\.?apps\\.$system$" "... the second for apps.$system"
UP_NIX=$TEST_TMP/nix run "$UP" --list
is "$(evals)" 2 "warm: no nix run (the same cache)"
UP_NIX=$TEST_TMP/nix run "$UP" -n serve
is "$rc:$out:$(evals)" "0:$TEST_TMP/nix run .#serve:2" "... for a dry run too"

# --- JSON: schema 2, type null -------------------------------------------------
run "$UP" --list --json
like "$out" '^\[\{"schema":2,"profile":"50%","type":null,"app":"50%","available":true,"reason":null,"profile_description":"half","type_description":null,' \
	"--list --json: schema 2, the app as the target's profile and its app, type null"
like "$out" '"profile":"db\.migrate","type":null,"app":"db\.migrate"' "... a dotted name as it is (quoted only in the command)"
run "$UP" -n --json lint a
is "$out" '{"schema":2,"profile":"lint","type":null,"app":"lint","argv":["nix","run",".#lint","--","a"],"command":"nix run .#lint -- a"}' \
	"--dry-run --json: type null, the word after the app is the app's"

# --- the run -------------------------------------------------------------------
run "$UP" serve 8080 'two words'
is "$rc" 0 "up APP WORDS runs the app"
is "$out" "app=serve
arg=[8080]
arg=[two words]" "... with every word after it, as given"
like "$err" "^Executing: nix run \\.#serve -- 8080 'two words'$" "... saying the command"
run "$UP" db.migrate up
is "$out" "app=db.migrate
arg=[up]" "a dotted app runs"
like "$err" "^Executing: nix run '\\.#\"db\\.migrate\"' -- up$" "... quoted as nix needs (.#\"db.migrate\")"
run "$UP" 50% x
is "$out" "app=50%
arg=[x]" "an app with a % runs"
like "$err" "^Executing: nix run \\.#50%25 -- x$" "... %-encoded, as nix decodes a flake reference"
run "$UP" 'a^b' y
is "$out" "app=a^b
arg=[y]" "an app whose name a URL does not hold as it is runs"
like "$err" "^Executing: nix run \\.#a%5Eb -- y$" "... %-encoded"
run "$UP" -n serve -- --port 9
is "$out" "nix run .#serve -- --port 9" "after --, the app's flags"
run "$UP" -n serve --port 9
is "$rc" 64 "a flag after the app without --: refused (64), as after a profile"
like "$err" "serve -- --port 9" "... with the command that passes it"

# --- defaults, no terminal --------------------------------------------------------
CI=1 run "$UP"
is "$rc" 0 "no terminal: the app called default runs"
is "$out" "app=default" "... it is the default app"
like "$err" "^up: CI is set: using the default app, default$" "... and up says so"
run "$UP" --yes -n
is "$out" "nix run .#default" "--yes -n: the default app"

# --- show, unknown ------------------------------------------------------------------
run "$UP" --show serve
is "$rc" 0 "--show APP"
like "$out" "^serve \\(an app of the flake, which has no manifest\\)$" "... says what it is"
like "$out" "^  app +serve \\(apps\\.$system\\.serve\\)$" "... its app"
like "$out" "^  program +/nix/store/[a-z0-9]+-app/bin/app$" "... its program"
like "$out" "^  description +serve on a port of your choice$" "... its description"
unlike "$out" "^  (profile|type) " "... no profile or type lines"
run "$UP" --show --json db.migrate
like "$out" '^\{"schema":2,"profile":"db\.migrate","type":null,"app":"db\.migrate","program":"/nix/store/' \
	"--show --json of a dotted app: schema 2, its program read through the quoted name"
run "$UP" --show serve x
is "$rc" 64 "--show APP WORD: refused (64)"
like "$err" "its apps have no types" "... saying why"
run "$UP" -n serv
is "$rc" 64 "an unknown app: 64"
like "$err" "^up: unknown app 'serv'; did you mean 'serve'\\?" "... with the closest"
like "$err" "apps: 50% a\\^b broken db\\.migrate default lint serve svc2 svc10" "... and the list"

# --- TAB, help, doctor ------------------------------------------------------------------
run "$UP" --complete -- s
is "$out" "serve	serve on a port of your choice
svc2	
svc10	" "TAB: the apps that start with the word, with their descriptions"
run "$UP" --complete -- serve ''
is "$out" "	files" "TAB after an app: its words, as file names (an app has no type)"
run "$UP" --help
like "$out" "^Apps \\(the flake has no manifest: up --init drafts one\\):$" "--help lists the apps"
like "$out" "^  serve +serve on a port of your choice$" "... with descriptions"
unlike "$out" "^Types:" "... and no types"
run "$UP" --doctor
is "$rc" 0 "--doctor: exit 0 (no manifest is no failure)"
like "$out" "^warn +manifest +\\. has no upManifest: its 9 apps for $system are offered \\(from the cache in [0-9]+ ms\\); a manifest adds profiles x types, defaults, and the platform and KVM checks$" \
	"--doctor: the manifest is optional, and what it adds"
like "$out" "fix: up --init drafts one from the apps" "... and how to get one"
like "$out" "^ok +default +the app default " "... the default app"

# --- no default app -------------------------------------------------------------------
sed -i '/default = mkApp/d' flake.nix && commit -qam "no default"
CI=1 run "$UP"
is "$rc" 64 "no app called default, no terminal: 64"
like "$err" "^up: the flake has no manifest and no default app, so there is nothing to run without a name; name one of its apps$" \
	"... saying there is no default"
like "$err" "^  apps: 50% a\\^b broken db\\.migrate lint serve svc2 svc10$" "... and listing what there is"
run "$UP" --doctor
like "$out" "^warn +default +no app called default" "--doctor warns of it"
like "$out" "^0 failed, [0-9]+ warnings: up can run the flake's apps here, each named;" "... and does not say it can run a default"

# --- what stays an error --------------------------------------------------------------
run "$UP" -n --attr upManifest
is "$rc" 65 "--attr upManifest, missing: 65 (named, so it is an error)"
like "$err" "does not provide attribute" "... with nix's error"
run "$UP" -n --attr other
is "$rc" 65 "--attr other, missing: 65"
sed -i 's|^    {$|    { upManifest = throw "the manifest is broken";|' flake.nix && commit -qam broken
run "$UP" --list
is "$rc" 65 "a manifest that fails to evaluate: 65, not the apps"
like "$err" "the manifest is broken" "... with nix's error"
unlike "$out" "serve" "... and nothing listed"
bare=$TEST_TMP/bare
mkdir -p "$bare" && cd "$bare" || exit 1
printf '%s\n' '{ outputs = { self }: { packages.x86_64-linux.tool = derivation { name = "t"; system = "x86_64-linux"; builder = "/bin/sh"; }; }; }' >flake.nix
git init -q && git add -A && commit -qm bare
run "$UP" --list
is "$rc" 65 "a flake with no manifest and no apps: 65"
like "$err" "^up: \\. has no upManifest, and no app for this system to offer instead \\(packages are not offered: evaluating them needs their dependencies\\); give the flake apps, or a manifest \\(README: Adopting up\\)$" \
	"... saying so, and that packages are not offered"

done_testing
