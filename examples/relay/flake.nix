{
  description = "relay: an RTMP-to-HLS relay (example: a flake-utils project adopting up)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.flake-utils.url = "github:numtide/flake-utils";
  inputs.up.url = "github:OWNER/up"; # where you get up from
  inputs.up.inputs.nixpkgs.follows = "nixpkgs";

  outputs = { self, nixpkgs, flake-utils, up }: up.lib.mkFlake {
    inherit self;
    manifest = import ./profiles/default.nix;
    # Only debug's container has no app of its own: made from its image.
    builders = { system, outputs }: {
      container = t: flake-utils.lib.mkApp { drv = outputs.packages."image-${t.profile}"; };
    };
    outputs =
    flake-utils.lib.eachDefaultSystem (system:
      let
        pkgs = nixpkgs.legacyPackages.${system};
        # The relay, its MicroVM and its OCI image, each a release or a debug
        # build. (The real ones build nginx-rtmp and ffmpeg; these say what
        # they would run.)
        say = name: what: flavour: pkgs.writeShellApplication {
          inherit name;
          text = ''echo "${name}: the relay (${flavour}) ${what}, args: $*"'';
        };
        relay = say "relay" "as a local process";
        vm = say "run-vm" "in a MicroVM";
        image = say "image-load" "in an OCI container";
        inherit (flake-utils.lib) mkApp;
      in
      {
        packages = {
          default = relay "release";
          relay-debug = relay "debug";
          image = image "release";
          image-debug = image "debug";
        };
        # The names its README and scripts use.
        apps = {
          default = mkApp { drv = relay "release"; };
          serve = mkApp { drv = relay "release"; };
          serve-debug = mkApp { drv = relay "debug"; };
          vm = mkApp { drv = vm "release"; };
          vm-debug = mkApp { drv = vm "debug"; };
          image-load = mkApp { drv = image "release"; };
          bench = mkApp { drv = pkgs.writeShellApplication { name = "bench"; text = ''echo "bench: 100 streams"''; }; };
        };
        checks.format = pkgs.runCommand "format" { } "echo ok >$out";
        devShells.default = pkgs.mkShell { packages = [ (relay "debug") ]; };
      });
  };
}
