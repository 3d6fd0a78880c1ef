# One builder per type: target -> the derivation whose bin/<target.name>
# `nix run .#<target.name>` runs. (The project's real builders start nginx
# and ffmpeg, an OCI image, a MicroVM; these say what they would run.)
pkgs:
let
  origin = as: t: pkgs.writeShellScriptBin t.name ''
    echo "${t.name}: the test origin, profile ${t.profile}, as ${as}"
    echo "segments ${toString t.settings.segment} s, ${toString t.settings.height}p${if t.settings.tap or false then ", TAP networking" else ""}${if t.settings.log or false then ", segment logging" else ""}"
    echo "args: $*"
  '';
in
{
  runner = origin "a local process";
  container = origin "an OCI container";
  vm = origin "a MicroVM";
}
