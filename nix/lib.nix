# up's library for flakes (docs/DESIGN.md, the flake): builtins only, no nixpkgs, so that it
# evaluates offline and costs nothing to import.
#
#   targets manifest system       the targets that can run on system:
#                                 [ { name; profile; type; settings; } ... ]
#   allTargets manifest           every target, whatever its systems
#   appName manifest profile type the app of a target (the same rule as up)
#   mkApps { manifest; system; builders; apps ? { }; }
#                                 apps.<system>: one app per target that has
#                                 none in apps (the flake's own), built by
#                                 builders.<type> (target -> derivation or app)
#   problems { manifest; system; apps; app ? "up"; }
#                                 what is wrong with apps.<system>: [ "..." ]
#   mkCheck { manifest; system; apps; app ? "up"; }
#                                 a check for checks.<system> that fails (at
#                                 evaluation, naming each problem) unless every
#                                 target has its app, no two targets (on any
#                                 system) share one, none is called up,
#                                 <app> or default, and apps.<system>.<app>,
#                                 if there is one, is up's own (isUpApp)
#   isUpApp app                   whether an app is up's: its meta carries
#                                 upApp = true (mkUpApp puts it there)
#   githubPlatforms               GitHub's runner labels for each system
#   mkMatrix { manifest; systems; platforms ? githubPlatforms;
#              attrPrefix ? "githubActions.checks"; }
#                                 the CI matrix, nix-github-actions' shape:
#                                 { include = [ { name; system; os; attr;
#                                 profile; type; kvm; programs; } ] }, one
#                                 entry per target and system it is meant for
#   mkGithubActions { manifest; systems; apps; platforms ? ...; }
#                                 githubActions: checks.<system>.<app> (each
#                                 builds what the target's app runs; apps:
#                                 system -> apps.<system>) and the matrix
#   defaultFlake flake ref        what a flake's up app falls back to
#                                 (UP_DEFAULT_FLAKE): ref, a public reference
#                                 such as "github:me/service", pinned to the
#                                 flake's revision when known; without ref,
#                                 the flake's source in the store
#
# A target is a profile with a type it lists (a profile without `types`
# lists every type, in the manifest's order: a list as given, an attrset
# in natural order, svc2 before svc10, as up shows it). Its app is the profile's `app.<type>` if set,
# else the manifest's `app` template ("{profile}-{type}"). A target can run
# on a system when both its type and its profile allow it (`systems`).
let
  inherit (builtins) attrNames concatMap concatStringsSep elem filter isAttrs isList
    length listToAttrs map replaceStrings;

  # Natural order, as up shows an attrset's names (text_natural_cmp in
  # src/text.c): each name cut into runs of digits and runs of anything
  # else, compared run by run, two runs of digits as numbers, any other two
  # as strings; names equal so, as strings.
  runs = s: map (r: if isList r then { digits = builtins.head r; } else r)
    (filter (r: r != "") (builtins.split "([0-9]+)" s));
  number = d: let m = builtins.match "0*([0-9]+)" d; in if m == null then d else builtins.head m;
  runsLess = xs: ys:
    if xs == [ ] || ys == [ ] then xs == [ ] && ys != [ ]
    else
      let
        x = builtins.head xs; y = builtins.head ys;
        both = isAttrs x && isAttrs y;
        u = if both then number x.digits else if isAttrs x then x.digits else x;
        v = if both then number y.digits else if isAttrs y then y.digits else y;
        lu = builtins.stringLength u; lv = builtins.stringLength v;
      in
      if both && lu != lv then lu < lv
      else if u != v then u < v
      else runsLess (builtins.tail xs) (builtins.tail ys);
  naturalLess = a: b:
    let r = runs a; s = runs b; in
    if runsLess r s then true else if runsLess s r then false else a < b;
  naturalNames = set: builtins.sort naturalLess (attrNames set);

  # Profiles as a list of attrsets with a `name`, in menu order.
  profiles = manifest:
    if isList manifest.profiles then manifest.profiles
    else map (name: manifest.profiles.${name} // { inherit name; }) (naturalNames manifest.profiles);

  # Types likewise: their names in the author's order (a list as given, an
  # attrset in natural order), and each one's settings by name.
  typeNames = manifest:
    if isList manifest.types then map (t: t.name) manifest.types else naturalNames manifest.types;
  typeOf = manifest: name:
    if isList manifest.types then builtins.head (filter (t: t.name == name) manifest.types)
    else manifest.types.${name};

  appName = manifest: profile: type:
    (profile.app or { }).${type}
      or (replaceStrings [ "{profile}" "{type}" ] [ profile.name type ] (manifest.app or "{profile}-{type}"));

  # Every target, with the profile it comes from.
  pairs = manifest: concatMap
    (profile: map
      (type: {
        inherit profile;
        target = {
          name = appName manifest profile type;
          profile = profile.name;
          inherit type;
          settings = profile.settings or { };
        };
      })
      (profile.types or (typeNames manifest)))
    (profiles manifest);

  allows = system: x: !(x ? systems) || elem system x.systems;

  allTargets = manifest: map (p: p.target) (pairs manifest);

  # The targets meant for system, each with the profile it comes from.
  pairsFor = manifest: system: filter
    (p: allows system (typeOf manifest p.target.type) && allows system p.profile)
    (pairs manifest);

  targets = manifest: system: map (p: p.target) (pairsFor manifest system);

  # A builder's result as an app: an app as it is, a derivation as its
  # program bin/<meta.mainProgram or the target's name>. The result is an
  # app before the builder runs, so listing and checking the apps never
  # builds (or even evaluates) one.
  asApp = manifest: target: built:
    let
      app = isAttrs built && (built.type or null) == "app";
      description = built.meta.description or null;
    in
    {
      type = "app";
      program = if app then built.program else "${built}/bin/${built.meta.mainProgram or target.name}";
      meta.description = if description != null then description
        else "${manifest.name or "up"}: profile ${target.profile}, type ${target.type}";
    };

  # A target whose app the flake already has (apps) is not built: a type
  # needs a builder only for the targets that have no app.
  mkApps = { manifest, system, builders, apps ? { } }: listToAttrs (map
    (t: {
      inherit (t) name;
      # Without a builder, not an app at all (problems lists it as missing).
      value = if builders ? ${t.type} then asApp manifest t (builders.${t.type} t)
        else throw "up: no builder for type '${t.type}' (needed by app '${t.name}', which the flake does not have): give builders.${t.type} = target: ...;, or the flake's own apps.${system}.${t.name}";
    })
    (filter (t: !(apps ? ${t.name})) (targets manifest system)));

  # up's own app says so in its meta (mkUpApp); --doctor and mkCheck read it.
  isUpApp = app: isAttrs app && ((app.meta or { }).upApp or false) == true;

  problems = { manifest, system, apps, app ? "up" }:
    let
      ts = targets manifest system;
      names = map (t: t.name) ts;
      unique = attrNames (listToAttrs (map (name: { inherit name; value = null; }) names));
      # Every target, on any system, needs an app of its own (as up says).
      byApp = builtins.groupBy (t: t.name) (allTargets manifest);
      shared = filter (group: length group > 1) (builtins.attrValues byApp);
      both = group: let a = builtins.elemAt group 0; b = builtins.elemAt group 1; in
        "profile '${a.profile}' type '${a.type}' and profile '${b.profile}' type '${b.type}' both have the app '${a.name}'";
      # (A target with neither app nor builder stops here, with mkApps'
      # message naming both ways out.)
      missing = filter (t: (apps.${t.name}.type or null) != "app") ts;
      hidden = apps ? ${app} && !(isUpApp apps.${app});
      reserved = filter (n: elem n [ "up" app "default" ]) unique;
    in
    map (t: "no app '${t.name}' for profile '${t.profile}', type '${t.type}' on ${system}") missing
    ++ map both shared
    ++ map (n: "a target's app is called '${n}', the name of up's own app") reserved
    ++ (if hidden then [ "apps.${system}.${app} is not up's own app (its meta has no upApp = true), so nix run .#${app} does not run up: drop it, or name up's app otherwise (an app made by mkUpApp keeps meta.upApp = true)" ] else [ ]);

  mkCheck = { manifest, system, apps, app ? "up" }:
    let found = problems { inherit manifest system apps app; }; in
    if found != [ ] then throw "up: the manifest and apps.${system} disagree: ${concatStringsSep "; " found}"
    else derivation {
      name = "up-apps-match";
      inherit system;
      builder = "/bin/sh";
      args = [ "-c" "echo ${toString (length (targets manifest system))} targets, each with its app > $out" ];
    };
  # GitHub's documented runner labels, each system's (a label or a list).
  githubPlatforms = {
    x86_64-linux = [ "ubuntu-24.04" ];
    aarch64-linux = [ "ubuntu-24.04-arm" ];
    x86_64-darwin = [ "macos-15-intel" ];
    aarch64-darwin = [ "macos-15" ];
  };

  # What a target needs of the machine that runs it, from its type and its
  # profile: KVM, and programs (each requirement a list, one of them on PATH).
  needs = manifest: p:
    let requires = (typeOf manifest p.target.type).requires or [ ] ++ p.profile.requires or [ ]; in
    { kvm = elem "kvm" requires; programs = map (r: r.program) (filter isAttrs requires); };

  mkMatrix = { manifest, systems, platforms ? githubPlatforms, attrPrefix ? "githubActions.checks" }: {
    include = concatMap
      (system: map
        (p: {
          inherit (p.target) name profile type;
          inherit system;
          os = let os = platforms.${system}
            or (throw "up: no GitHub runner known for ${system}: give platforms.${system} = [ \"LABEL\" ];");
            in if isList os then os else [ os ];
          attr = "${attrPrefix}.${system}.\"${p.target.name}\"";
        } // needs manifest p)
        (pairsFor manifest system))
      systems;
  };

  # A check that builds what an app runs, and finds it executable; the
  # program is an environment variable, never shell text.
  appCheck = system: name: app: derivation {
    name = "up-app-${builtins.substring 0 160 name}";   # (a store name's bound)
    inherit system;
    inherit (app) program;
    builder = "/bin/sh";
    args = [ "-c" "test -x \"$program\" && printf '%s\\n' \"$program\" >\"$out\"" ];
  };

  mkGithubActions = { manifest, systems, apps, platforms ? githubPlatforms }: {
    checks = listToAttrs (map
      (system: {
        name = system;
        value = listToAttrs (map
          (t: { inherit (t) name; value = appCheck system t.name (apps system).${t.name}; })
          (targets manifest system));
      })
      systems);
    matrix = mkMatrix { inherit manifest systems platforms; };
  };

  defaultFlake = flake: ref:
    if ref == null then "${flake}"
    else if flake ? rev then "${ref}${if builtins.match ".*[?].*" ref != null then "&" else "?"}rev=${flake.rev}"
    else ref;
in
{
  inherit targets allTargets appName mkApps isUpApp problems mkCheck githubPlatforms mkMatrix
    mkGithubActions defaultFlake;
}
