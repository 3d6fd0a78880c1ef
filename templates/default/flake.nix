{
  description = "A service whose targets run with up";

  # Where up comes from: set it to the flake you took this template from.
  inputs.up.url = "github:OWNER/up";

  outputs = { self, up }: up.lib.mkFlake {
    inherit self;
    manifest = import ./profiles/default.nix;
    builders = system: import ./nix/targets.nix up.inputs.nixpkgs.legacyPackages.${system};
  };
}
