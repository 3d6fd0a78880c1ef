#!/bin/sh
# up as a package (nix/package.nix), in the form nixpkgs takes: its name
# does not collide with nixpkgs' up, its program is up, it runs its unit
# tests, and this flake's packages are built from it.
. "${top_srcdir:-${srcdir:-$(dirname "$0")/../..}}/tests/nix/common.sh"

system=$(nix eval --raw --impure --expr builtins.currentSystem 2>/dev/null)
# callPackage's view of it, with stand-ins for what it is given.
P="import (builtins.getEnv \"UP_TEST_ROOT\" + \"/nix/package.nix\") {
  lib = { cleanSource = x: x; licenses.mit = \"mit\"; platforms = { linux = [ \"l\" ]; darwin = [ \"d\" ]; }; };
  stdenv.mkDerivation = a: a;
  autoreconfHook = \"autoreconfHook\"; pkg-config = \"pkg-config\";
  libedit = \"libedit\"; cjson = \"cjson\"; libgit2 = \"libgit2\";
}"
nix_eval --expr "let p = $P; in [ p.pname p.version p.meta.mainProgram p.meta.license p.doCheck p.checkTarget ]"
version=$(sed -n 's/^AC_INIT(\[up\], \[\([^]]*\)\].*/\1/p' "$UP_TEST_ROOT/configure.ac")
is "$out" "[\"flake-up\",\"$version\",\"up\",\"mit\",true,\"check-unit\"]" \
	"pname flake-up (nixpkgs' up is Ultimate Plumber), configure.ac's version, program up, MIT, doCheck with the unit tests"
nix_eval --expr "let p = $P; in [ (p.meta ? homepage) (p.meta ? description) p.meta.platforms p.buildInputs ]"
is "$out" '[true,true,["l","d"],["libedit","cjson","libgit2"]]' "a homepage, a description, Linux and Darwin, the three libraries"
nix_eval --expr "let p = $P; in p.nativeBuildInputs"
is "$out" '["autoreconfHook","pkg-config"]' "built with autotools and pkg-config (completions and man page go under \$out/share)"

# The flake's packages are that package (callPackage of nix/package.nix).
stub=$(nixpkgs_stub)
run nix eval --raw --override-input nixpkgs "path:$stub" "$flake#packages.$system.up.package"
like "$out" "/nix/package\\.nix\$" "packages.<system>.up is callPackage ./nix/package.nix"
run nix eval --raw --override-input nixpkgs "path:$stub" "$flake#packages.$system.flake-up.package"
like "$out" "/nix/package\\.nix\$" "... and so is packages.<system>.flake-up"

done_testing
