{
  description = "up example: the test origin of an HLS load-testing swarm, adopting up";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.up.url = "github:OWNER/up"; # where you get up from
  inputs.up.inputs.nixpkgs.follows = "nixpkgs";

  outputs = { self, nixpkgs, up }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      pkgsFor = system: nixpkgs.legacyPackages.${system};
    in
    up.lib.mkFlake {
      inherit self systems;
      manifest = import ./profiles/default.nix;
      builders = system: import ./nix/targets.nix (pkgsFor system);
      # The flake's outputs from before up: its packages, its default app,
      # its report app and its lint check, all kept.
      outputs = import ./nix/own.nix { inherit systems pkgsFor; };
    };
}
