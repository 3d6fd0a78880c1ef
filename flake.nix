{
  description = "up: one entry point for everything a Nix flake can run (example: an HLS test origin)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;
      upLib = import ./nix/lib.nix; # builtins only: targets, mkApps, problems, mkCheck

      # The single source of truth (SPEC §1, §7): menu, completions and apps.
      manifest = import ./profiles/default.nix;

      # Built with builtins only, and likewise the names in `apps`, so that the
      # shape of the outputs (and `nix eval .#upManifest`, which first looks in
      # packages.<system> and legacyPackages.<system>) never needs nixpkgs.
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: builtins.listToAttrs (map
        (system: { name = system; value = f system nixpkgs.legacyPackages.${system}; })
        systems);

      # The version in configure.ac's AC_INIT([up], [VERSION], ...).
      version = builtins.head (builtins.concatMap
        (line: let m = builtins.match "AC_INIT\\(\\[up], \\[([^]]+)].*" line; in if m == null then [ ] else m)
        (builtins.filter builtins.isString (builtins.split "\n" (builtins.readFile ./configure.ac))));

      mkUp = pkgs: pkgs.stdenv.mkDerivation {
        pname = "up";
        inherit version;
        src = lib.cleanSource ./.;

        nativeBuildInputs = [ pkgs.autoreconfHook pkgs.pkg-config ];
        buildInputs = [ pkgs.libedit pkgs.cjson pkgs.libgit2 ];

        # make install puts the completion scripts (plain data files) where
        # bash-completion, zsh and fish look in a profile.
        configureFlags = [
          "--with-bash-completion-dir=${placeholder "out"}/share/bash-completion/completions"
          "--with-zsh-completion-dir=${placeholder "out"}/share/zsh/site-functions"
          "--with-fish-completion-dir=${placeholder "out"}/share/fish/vendor_completions.d"
        ];
        enableParallelBuilding = true;

        # The unit tests (every pure module): the others need nix itself.
        doCheck = true;
        checkTarget = "check-unit";

        meta = {
          description = "One entry point for everything a Nix flake can run: menu, checks, completions";
          mainProgram = "up";
          license = lib.licenses.mit;
          platforms = lib.platforms.linux ++ lib.platforms.darwin;
        };
      };

      # `nix run <flake>#up` works from anywhere: up falls back to that flake
      # (lib.defaultFlake) when no flake.nix is found above the current
      # directory.
      mkUpApp = { flake, system, ref ? null }:
        let
          pkgs = nixpkgs.legacyPackages.${system};
          wrapped = pkgs.runCommand "up-${version}-app" { nativeBuildInputs = [ pkgs.makeWrapper ]; } ''
            makeWrapper ${lib.getExe self.packages.${system}.up} $out/bin/up \
              --set UP_DEFAULT_FLAKE ${lib.escapeShellArg (upLib.defaultFlake flake ref)}
          '';
        in
        { type = "app"; program = "${wrapped}/bin/up"; meta.description = "up: this flake's menu of targets"; };

      # Everything a flake needs to be run with up, in one: upManifest, an app
      # per target (and up itself) and the check, for each system.
      mkFlake = { self, manifest, builders, ref ? null, systems ? [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] }:
        let forEach = f: builtins.listToAttrs (map (system: { name = system; value = f system; }) systems); in
        {
          upManifest = manifest;
          apps = forEach (system:
            upLib.mkApps { inherit manifest system; builders = builders system; }
            // rec { up = mkUpApp { flake = self; inherit system ref; }; default = up; });
          checks = forEach (system: {
            up-apps = upLib.mkCheck { inherit manifest system; apps = self.apps.${system}; };
          });
        };
    in
    {
      upManifest = manifest;

      lib = upLib // { inherit mkUpApp mkFlake; };

      templates.default = {
        path = ./templates/default;
        description = "A flake with an up manifest, its apps and the check";
      };

      packages = forAllSystems (system: pkgs: rec {
        up = mkUp pkgs;
        default = up;
      });

      apps = forAllSystems (system: pkgs:
        let hls = import ./nix/hls-origin.nix { inherit pkgs; inherit (lib) nixosSystem; }; in
        upLib.mkApps { inherit manifest system; builders = hls; }
        // rec { up = mkUpApp { flake = self; inherit system; }; default = up; });

      checks = forAllSystems (system: pkgs: {
        package = self.packages.${system}.up;
        apps = upLib.mkCheck { inherit manifest system; apps = self.apps.${system}; };
      });

      devShells = forAllSystems (system: pkgs: {
        default = pkgs.mkShell {
          inputsFrom = [ self.packages.${system}.up ];
          packages = [ pkgs.expect pkgs.tmux pkgs.zsh pkgs.fish pkgs.bash-completion pkgs.ffmpeg ]
            ++ lib.optional (lib.meta.availableOn pkgs.stdenv.hostPlatform pkgs.gdb) pkgs.gdb;
        };
      });

      formatter = forAllSystems (system: pkgs: pkgs.nixfmt);
    };
}
