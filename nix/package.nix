# up as a package, in the form nixpkgs takes (pkgs.callPackage
# ./nix/package.nix { }). Its name is flake-up: nixpkgs already has a
# package up (Ultimate Plumber), whose program is also bin/up; this one's
# program is bin/up as well (meta.mainProgram), so install one or the other.
{
  lib,
  stdenv,
  autoreconfHook,
  pkg-config,
  libedit,
  cjson,
  libgit2,
}:

let
  # The version in configure.ac's AC_INIT([up], [VERSION], ...).
  version = builtins.head (builtins.concatMap
    (line: let m = builtins.match "AC_INIT\\(\\[up], \\[([^]]+)].*" line; in if m == null then [ ] else m)
    (builtins.filter builtins.isString (builtins.split "\n" (builtins.readFile ../configure.ac))));
in
stdenv.mkDerivation {
  pname = "flake-up";
  inherit version;
  src = lib.cleanSource ../.;

  nativeBuildInputs = [ autoreconfHook pkg-config ];
  buildInputs = [ libedit cjson libgit2 ];
  enableParallelBuilding = true;

  # configure puts the completion scripts under $out/share, where
  # bash-completion, zsh and fish look in a profile; the man page goes to
  # $out/share/man/man1.

  # The unit tests (every pure module): the others need nix itself.
  doCheck = true;
  checkTarget = "check-unit";

  meta = {
    description = "One entry point for everything a Nix flake can run: menu, checks, completions";
    longDescription = ''
      up reads a flake's manifest of profiles and deployment types, shows a
      menu of its targets (or takes the defaults in CI), refuses what this
      machine cannot run and says why, prints the exact nix run command and
      becomes it. The same manifest gives bash, zsh and fish completions.
    '';
    homepage = "https://github.com/OWNER/up"; # OWNER: where this up comes from
    license = lib.licenses.mit;
    mainProgram = "up";
    platforms = lib.platforms.linux ++ lib.platforms.darwin;
  };
}
