# App names for a manifest (SPEC §1, §7). Pure Nix, no nixpkgs, so the tests
# can check it with a real `nix eval` offline.
#
#   import ./nix/apps.nix manifest system
#     -> [ { name; profile; type; settings; } ... ]  the targets runnable on `system`
#   (import ./nix/apps.nix).all manifest
#     -> every target, whatever its systems
#   (import ./nix/apps.nix).check manifest system apps
#     -> what is wrong with a flake's `apps.<system>` ([ ] when nothing is)
#
# A target is each profile with each type it lists (a profile without `types`
# lists every type, in attribute-name order). Its app name is the profile's
# `app.<type>` if set, else the manifest's `app` template (default
# "{profile}-{type}") with {profile} and {type} replaced. A type without
# `systems` supports every system.
let
  inherit (builtins) attrNames concatMap elem filter isList length listToAttrs map replaceStrings;

  # Profiles as a list of attrsets with a `name`, in menu order.
  profiles = manifest:
    if isList manifest.profiles then manifest.profiles
    else map (name: manifest.profiles.${name} // { inherit name; }) (attrNames manifest.profiles);

  appName = manifest: profile: type:
    (profile.app or { }).${type}
      or (replaceStrings [ "{profile}" "{type}" ] [ profile.name type ] (manifest.app or "{profile}-{type}"));

  all = manifest: concatMap
    (profile: map
      (type: {
        name = appName manifest profile type;
        profile = profile.name;
        inherit type;
        settings = profile.settings or { };
      })
      (profile.types or (attrNames manifest.types)))
    (profiles manifest);

  supports = manifest: system: target:
    let type = manifest.types.${target.type}; in
    !(type ? systems) || elem system type.systems;

  forSystem = manifest: system: filter (supports manifest system) (all manifest);

  # Every target runnable on `system` has an app of its name; no two share one.
  check = manifest: system: apps:
    let
      targets = forSystem manifest system;
      names = map (t: t.name) targets;
      unique = attrNames (listToAttrs (map (name: { inherit name; value = null; }) names));
      shared = filter (n: length (filter (m: m == n) names) > 1) unique;
      missing = filter (t: (apps.${t.name}.type or null) != "app") targets;
    in
    map (t: "no app '${t.name}' for profile '${t.profile}', type '${t.type}' on ${system}") missing
    ++ map (n: "several targets on ${system} share the app name '${n}'") shared;
in
{
  inherit all forSystem check appName profiles;
  __functor = _self: forSystem;
}
