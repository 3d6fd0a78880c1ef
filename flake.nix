{
  description = "up: one entry point for everything a Nix flake can run (example: an HLS test origin)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      inherit (nixpkgs) lib;
      upLib = import ./nix/lib.nix; # builtins only: targets, mkApps, problems, mkCheck
      # mkUpApp and mkFlake (below) need nixpkgs: up's package and its wrapper.

      # The single source of truth (up(1) THE MANIFEST; docs/DESIGN.md): menu, completions and apps.
      manifest = import ./profiles/default.nix;

      # Built with builtins only, and likewise the names in `apps`, so that the
      # shape of the outputs (and `nix eval .#upManifest`, which first looks in
      # packages.<system> and legacyPackages.<system>) never needs nixpkgs.
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: builtins.listToAttrs (map
        (system: { name = system; value = f system nixpkgs.legacyPackages.${system}; })
        systems);

      # The package, as nixpkgs would take it: nix/package.nix (flake-up).
      mkUp = pkgs: pkgs.callPackage ./nix/package.nix { };

      # `nix run <flake>#up` works from anywhere: up falls back to that flake
      # (lib.defaultFlake) when no flake.nix is found above the current
      # directory. UP_AS_APP tells up the app's name, so that its help and
      # its hints say `nix run .#NAME -- ...`.
      mkUpApp = { flake, system, ref ? null, name ? "up" }:
        let
          pkgs = nixpkgs.legacyPackages.${system};
          wrapped = pkgs.runCommand "up-app" { nativeBuildInputs = [ pkgs.makeWrapper ]; } ''
            makeWrapper ${lib.getExe self.packages.${system}.up} $out/bin/up \
              --set UP_DEFAULT_FLAKE ${lib.escapeShellArg (upLib.defaultFlake flake ref)} \
              --set UP_AS_APP ${lib.escapeShellArg name}
          '';
        in
        {
          type = "app";
          program = "${wrapped}/bin/up";
          # upApp: this app is up (lib.isUpApp; up --doctor reads it).
          meta = { description = "up: this flake's menu of targets"; upApp = true; };
        };

      # Everything a flake needs to be run with up, merged into the flake's
      # own outputs (`outputs`) system by system: upManifest, an app per
      # target the flake has no app for, up's own app (`app`, default "up")
      # in apps.<system>, the check in checks.<system>. Every output of the
      # flake's own stays as it is, on every system; its `default` app too:
      # up's app becomes apps.<system>.default only where the flake has none
      # (defaultApp = "if-absent"), always ("always") or never ("never").
      # An app of the flake's own under up's app's name would hide up, and
      # a target's app so named would be hidden: both refused, as is an own
      # checks.<system>.up-apps. `builders` is `system: { TYPE = target:
      # ...; }`, or a function of an attrset, `{ system, outputs, ... }:`,
      # given those it names: `outputs` is the flake's own per-system
      # outputs for that system (outputs.packages, outputs.apps, ...: before
      # up's are merged in, never `self`). `systems`: the flake's own (those
      # its per-system outputs have), else x86_64/aarch64 x linux/darwin.
      mkFlake =
        { self, manifest, builders ? { }, ref ? null, outputs ? { }, app ? "up", defaultApp ? "if-absent"
        , systems ? null, githubPlatforms ? { } }:
        let
          inherit (builtins) attrNames concatMap elem filter functionArgs intersectAttrs isAttrs
            isFunction listToAttrs;
          # The flake's own systems (those of its per-system outputs), else the four.
          perSystem = [ "packages" "legacyPackages" "apps" "checks" "devShells" "formatter" ];
          ownSystems = attrNames (listToAttrs (map (name: { inherit name; value = null; }) (concatMap
            (kind: if outputs ? ${kind} && isAttrs outputs.${kind} then attrNames outputs.${kind} else [ ])
            perSystem)));
          systems' = if systems != null then systems else if ownSystems != [ ] then ownSystems
            else [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
          forEach = f: listToAttrs (map (system: { name = system; value = f system; }) systems');
          own = kind: system: (outputs.${kind} or { }).${system} or { };
          # The flake's own outputs for one system, each read only when asked.
          ownFor = system: listToAttrs (map (kind: { name = kind; value = own kind system; })
            (filter (kind: outputs ? ${kind}) perSystem));
          buildersFor = system:
            if !isFunction builders then builders
            else if functionArgs builders == { } then builders system
            else builders (intersectAttrs (functionArgs builders) { inherit system; outputs = ownFor system; });
          upApp = system: mkUpApp { flake = self; inherit system ref; name = app; };
          default = system:
            if defaultApp == "always" || (defaultApp == "if-absent" && !(own "apps" system ? default))
            then { default = upApp system; } else { };
          other = if app == "menu" then "up-menu" else "menu";
          refuse = what: throw ("up.lib.mkFlake: " + what);
          clash = filter (t: t.name == app) (upLib.allTargets manifest);
          apps = system:
            let mine = own "apps" system; in
            if clash != [ ] then
              refuse ("profile '${(builtins.head clash).profile}' type '${(builtins.head clash).type}' has the app '${app}', "
                + "the name of up's own app: give the target another app (app.<type> in its profile), or up's app another name: app = \"${other}\";")
            else if mine ? ${app} && !upLib.isUpApp mine.${app} then
              refuse ("the flake's own outputs have apps.${system}.${app}, the name of up's own app, "
                + "so nix run .#${app} would not run up: drop that app from `outputs` (up's takes its place), "
                + "or give up's app another name: app = \"${other}\"; "
                + "(an app made by up.lib.mkUpApp keeps meta.upApp = true: extend its meta, do not replace it)")
            else
              upLib.mkApps { inherit manifest system; builders = buildersFor system; apps = mine; }
              // { ${app} = upApp system; } // mine // default system;
          checks = system:
            let mine = own "checks" system; in
            if mine ? up-apps then
              refuse "the flake's own outputs have checks.${system}.up-apps, the name of up's check: give it another name"
            else mine // { up-apps = upLib.mkCheck { inherit manifest system app; apps = self.apps.${system}; }; };
        in
        assert elem defaultApp [ "if-absent" "always" "never" ]
          || throw "up.lib.mkFlake: defaultApp is \"if-absent\", \"always\" or \"never\", not ${builtins.toJSON defaultApp}";
        outputs // {
          upManifest = manifest;
          apps = (outputs.apps or { }) // forEach apps;
          checks = (outputs.checks or { }) // forEach checks;
          # The CI matrix, unless the flake has a githubActions of its own:
          # for the systems GitHub has a runner for (githubPlatforms adds
          # to the labels up knows, or changes them).
          githubActions = outputs.githubActions or (let platforms = upLib.githubPlatforms // githubPlatforms; in
            upLib.mkGithubActions {
              inherit manifest platforms;
              systems = builtins.filter (system: platforms ? ${system}) systems';
              apps = system: self.apps.${system};
            });
        };
    in
    {
      upManifest = manifest;

      lib = upLib // { inherit mkUpApp mkFlake; };

      templates.default = {
        path = ./templates/default;
        description = "A flake with an up manifest, its apps and the check";
        welcomeText = ''
          # A flake whose targets run with up

          Edit, in this order:

          - `flake.nix`: set `inputs.up.url` to where you get up from (the
            template says `github:OWNER/up`), and pass `outputs = { ... };`
            to keep outputs of your own.
          - `profiles/default.nix`: the manifest, your profiles and types.
          - `nix/targets.nix`: one builder per type, `target -> derivation`.

          Then `git add -A` (a flake sees only what git tracks), and
          `nix run .#up` shows the menu; `nix flake check` checks that every
          target has its app.
        '';
      };

      packages = forAllSystems (system: pkgs: rec {
        up = mkUp pkgs;
        flake-up = up; # its name as a package (nixpkgs' up is another program)
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
