{
  description = "up: one entry point for everything a Nix flake can run (example: an HLS test origin)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;

      # The single source of truth (SPEC §1, §7): menu, completions and apps.
      manifest = import ./profiles/default.nix;
      upApps = import ./nix/apps.nix; # pure: manifest -> system -> targets

      # Built with builtins only, and likewise the names in `apps`, so that the
      # shape of the outputs (and `nix eval .#upManifest`, which first looks in
      # packages.<system>) never needs nixpkgs.
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

      # `nix run github:owner/repo#up` works from anywhere: up falls back to
      # this flake's own source when no flake.nix is found above the cwd.
      mkUpApp = pkgs: up: pkgs.runCommand "up-${version}-app"
        {
          nativeBuildInputs = [ pkgs.makeWrapper ];
          meta.mainProgram = "up";
        } ''
        makeWrapper ${lib.getExe up} $out/bin/up --set UP_DEFAULT_FLAKE ${self}
      '';

      app = drv: name: description: {
        type = "app";
        program = "${drv}/bin/${name}";
        meta = { inherit description; };
      };
    in
    {
      upManifest = manifest;

      packages = forAllSystems (system: pkgs: rec {
        up = mkUp pkgs;
        default = up;
      });

      apps = forAllSystems (system: pkgs:
        let
          hls = import ./nix/hls-origin.nix { inherit pkgs; inherit (lib) nixosSystem; };
          target = t:
            let build = hls.${t.type} or (throw "nix/hls-origin.nix has no builder for type '${t.type}' (app ${t.name})");
            in {
              inherit (t) name;
              value = app (build t) t.name "${manifest.name}: profile ${t.profile}, type ${t.type}";
            };
        in
        builtins.listToAttrs (map target (upApps manifest system)) // rec {
          up = app (mkUpApp pkgs self.packages.${system}.up) "up" "up for this flake";
          default = up;
        });

      checks = forAllSystems (system: pkgs:
        let
          names = map (t: t.name) (upApps manifest system);
          problems = upApps.check manifest system self.apps.${system}
            ++ map (n: "the app name '${n}' clashes with the up app")
              (builtins.filter (n: builtins.elem n [ "up" "default" ]) names);
        in
        {
          package = self.packages.${system}.up;
          apps =
            if problems != [ ] then throw "checks.${system}.apps: ${lib.concatStringsSep "; " problems}"
            else
              pkgs.runCommand "up-apps-match-${system}" { } ''
                echo ${lib.escapeShellArg "${toString (builtins.length names)} targets on ${system}, each with its app: ${toString names}"} > $out
              '';
        });

      devShells = forAllSystems (system: pkgs: {
        default = pkgs.mkShell {
          inputsFrom = [ self.packages.${system}.up ];
          packages = [ pkgs.expect pkgs.tmux pkgs.zsh pkgs.fish pkgs.bash-completion ]
            ++ lib.optional (lib.meta.availableOn pkgs.stdenv.hostPlatform pkgs.gdb) pkgs.gdb;
        };
      });

      formatter = forAllSystems (system: pkgs: pkgs.nixfmt);
    };
}
