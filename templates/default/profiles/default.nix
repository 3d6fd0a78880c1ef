# What this flake can run: profiles (what) x types (how). `up` shows them as
# a menu, checks that this machine can run the one chosen, and runs
# `nix run .#<profile>-<type>`. Pure Nix: no nixpkgs, no imports.
{
  version = 1;
  name = "service";
  description = "A service, run one way or another";
  defaults = { profile = "dev"; type = "local"; };

  types = {
    local = { description = "A process on this machine"; };
    vm = {
      description = "A VM under QEMU";
      systems = [ "x86_64-linux" "aarch64-linux" ];
      requires = [ "kvm" ];
    };
  };

  # Any key up does not know (settings here) is the apps' to read.
  profiles = {
    dev = { description = "Verbose, on port 8080"; settings = { port = 8080; log = "debug"; }; };
    staging = { description = "As in staging, on port 9090"; settings = { port = 9090; log = "info"; }; };
  };
}
