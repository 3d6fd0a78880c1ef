# Shared by tests/nix/*.sh: finds the repository, loads tests/lib.sh, and
# copies the flake's pure parts into a fresh git repository ($flake) so that
# real `nix eval`/`nix run` can use them offline.
root=${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}
root=$(cd "$root" && pwd) || exit 99
top_srcdir=$root
. "$root/tests/lib.sh"
UP_TEST_ROOT=$root
export UP_TEST_ROOT

if ! command -v nix >/dev/null 2>&1; then
	echo "Bail out! nix is not installed (apt-get install nix-bin)"
	exit 99
fi

flake=$TEST_TMP/flake
mkdir -p "$flake"
for f in flake.nix flake.lock configure.ac profiles nix examples templates; do
	cp -R "$root/$f" "$flake/"
done
chmod -R u+w "$flake"
(cd "$flake" && git init -q && git add -A &&
	git -c user.name=test -c user.email=test@example.invalid commit -qm flake) >/dev/null ||
	{ echo "Bail out! cannot make a git copy of the flake in $flake"; exit 99; }

# nixpkgs_stub: a stand-in nixpkgs flake for flakes that take nixpkgs as
# an input, offline: writeShellScriptBin (built with /bin/sh), and what up's
# own flake asks of nixpkgs for its up app: lib.getExe and
# lib.escapeShellArg, callPackage (up's package: a script that runs $UP)
# and runCommand with a makeWrapper that writes a script setting the
# variables. Prints its path.
nixpkgs_stub() {
	stub=$TEST_TMP/nixpkgs-stub
	mkdir -p "$stub"
	printf '%s' "$(cd "$(dirname "$UP")" && pwd)/$(basename "$UP")" >"$stub/up-path"
	cat >"$stub/flake.nix" <<'NIX'
{
  outputs = { self }:
    let
      q = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] s + "'";
      sh = system: name: script: derivation {
        inherit name system script;
        builder = "/bin/sh";
        args = [ "-c" "eval \"$script\"" ];
      };
      makeWrapper = ''
        makeWrapper() {
          bin=$1 to=$2; shift 2
          /bin/mkdir -p "''${to%/*}"
          { echo '#!/bin/sh'
            while [ $# -gt 0 ]; do
              case $1 in --set) printf "export %s='%s'\n" "$2" "$3"; shift 3 ;; *) shift ;; esac
            done
            printf 'exec %s "$@"\n' "$bin"; } >"$to"
          /bin/chmod 755 "$to"
        }
      '';
    in
    {
      lib = {
        getExe = d: "${d}/bin/${d.meta.mainProgram or d.name}";
        escapeShellArg = q;
      };
      legacyPackages = builtins.listToAttrs (map (system: {
        name = system;
        value = {
          writeShellScriptBin = name: text: sh system name ''
            /bin/mkdir -p $out/bin && printf '%s\n' ${q ("#!/bin/sh\n" + text)} >$out/bin/${name} && /bin/chmod 755 $out/bin/${name}
          '';
          callPackage = path: args: (sh system "up" ''
            /bin/mkdir -p $out/bin && printf '#!/bin/sh\nexec %s "$@"\n' ${q (builtins.readFile ./up-path)} >$out/bin/up && /bin/chmod 755 $out/bin/up
          '') // { package = toString path; };
          makeWrapper = null;
          runCommand = name: env: script: sh system name (makeWrapper + script);
        };
      }) [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ]);
    };
}
NIX
	printf '%s\n' "$stub"
}

# nix_eval ARGS...: `nix eval --json` (impure, so expressions may read
# $UP_TEST_ROOT); result in $out, errors in $err, status in $rc.
nix_eval() {
	run nix eval --json --impure "$@"
}
