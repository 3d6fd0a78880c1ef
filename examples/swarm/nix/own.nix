# What the flake had before up, kept as it was: its load-test tool, its own
# default app (a load test against the default origin), an app for the
# report, and its lint check. up.lib.mkFlake merges up's outputs into these,
# system by system, and leaves every one of them in place.
{ systems, pkgsFor }:
let
  forAllSystems = f: builtins.listToAttrs (map (system: { name = system; value = f (pkgsFor system); }) systems);
  load = pkgs: pkgs.writeShellScriptBin "hls-load" ''echo "hls-load: 200 clients against ''${1:-http://localhost:8080}"'';
  report = pkgs: pkgs.writeShellScriptBin "hls-report" ''echo "hls-report: no results yet"'';
in
{
  packages = forAllSystems (pkgs: { hls-load = load pkgs; });
  apps = forAllSystems (pkgs: {
    default = { type = "app"; program = "${load pkgs}/bin/hls-load"; meta.description = "a load test against the default origin"; };
    report = { type = "app"; program = "${report pkgs}/bin/hls-report"; meta.description = "the last load test's report"; };
  });
  checks = forAllSystems (pkgs: { lint = report pkgs; });
}
