# One builder per type of the manifest: target -> derivation (or app). A
# target is { name; profile; type; settings; }; the derivation's
# bin/<name> is what `nix run .#<name>` runs, with the user's arguments.
pkgs:
let
  describe = t: "profile ${t.profile} (port ${toString t.settings.port}, log ${t.settings.log})";
in
{
  local = t: pkgs.writeShellScriptBin t.name ''
    echo "${t.name}: would start the service locally, ${describe t}, with: $*"
  '';
  vm = t: pkgs.writeShellScriptBin t.name ''
    echo "${t.name}: would boot a VM for ${describe t}, with: $*"
  '';
}
