{
  description = "up example: the test origin of an HLS load-testing swarm, built with up's library";

  # No inputs: the library is pure (../../nix/lib.nix here; up.lib in a flake
  # that takes up as an input) and these apps are built without nixpkgs, so
  # that everything here works offline. A real flake builds its apps with
  # nixpkgs, one builder per type.
  outputs = { self }:
    let
      up = import ../../nix/lib.nix;
      manifest = import ./profiles/default.nix;
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: builtins.listToAttrs (map (system: { name = system; value = f system; }) systems);

      # One builder per type: target -> derivation with bin/<target.name>.
      builder = system: what: target: derivation {
        inherit system;
        name = target.name;
        builder = "/bin/sh";
        script = builtins.toFile "${target.name}.sh" ''
          #!/bin/sh
          echo "${target.name}: the test origin, profile ${target.profile}, as ${what}"
          echo "segments ${toString target.settings.segment} s, ${toString target.settings.height}p${if target.settings.tap or false then ", TAP networking" else ""}${if target.settings.log or false then ", segment logging" else ""}"
          echo "args: $*"
        '';
        args = [ "-c" "/bin/mkdir -p $out/bin && /bin/cp $script $out/bin/${target.name} && /bin/chmod 755 $out/bin/${target.name}" ];
      };
      builders = system: {
        runner = builder system "a local process";
        container = builder system "an OCI container";
        vm = builder system "a MicroVM";
      };
    in
    {
      upManifest = manifest;
      apps = forAllSystems (system: up.mkApps { inherit manifest system; builders = builders system; });
      checks = forAllSystems (system: {
        up-apps = up.mkCheck { inherit manifest system; apps = self.apps.${system}; };
      });
    };
}
