{
  description = "up demo: the repository's manifest with offline apps (no inputs, no nixpkgs)";

  # Each app writes a small HLS media playlist shaped by its profile's settings
  # (to $UP_DEMO_OUT, else $TMPDIR/up-demo/APP: never inside the flake, where
  # it would be an untracked file) and says what it did. Built with plain `derivation` and /bin/sh, so
  # `nix run` works without network or a binary cache (sandbox off).
  outputs = { self }:
    let
      manifest = import ../../profiles/default.nix;
      upLib = import ../../nix/lib.nix;
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];

      q = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] (toString s) + "'";

      # One builder for every type: target -> app.
      mkApp = system: target:
        let
          seconds = target.settings.segmentSeconds or 2;
          script = builtins.toFile "${target.name}.sh" ''
            #!/bin/sh
            set -eu
            # outside the flake, so that git (and up) never see it
            out=''${UP_DEMO_OUT:-''${TMPDIR:-/tmp}/up-demo/${target.name}}
            mkdir -p "$out"
            {
              printf '#EXTM3U\n#EXT-X-VERSION:3\n'
              printf '#EXT-X-TARGETDURATION:%s\n#EXT-X-MEDIA-SEQUENCE:0\n' ${q seconds}
              for i in 0 1 2; do
                printf '#EXTINF:%s.000,\nsegment-%05d.ts\n' ${q seconds} "$i"
              done
              printf '#EXT-X-ENDLIST\n'
            } > "$out/index.m3u8"
            printf 'app=%s profile=%s type=%s\n' ${q target.name} ${q target.profile} ${q target.type}
            printf 'settings: %s s segments, %s, %s rendition(s)\n' ${q seconds} ${q (target.settings.resolution or "?")} ${q (target.settings.renditions or 1)}
            printf 'wrote %s/index.m3u8\n' "$out"
            printf 'args:'
            for a in "$@"; do printf ' [%s]' "$a"; done
            printf '\n'
          '';
          drv = derivation {
            name = target.name;
            inherit system;
            builder = "/bin/sh";
            args = [ "-c" "/bin/mkdir -p $out/bin && /bin/cp ${script} $out/bin/app && /bin/chmod 755 $out/bin/app" ];
          };
        in
        {
          type = "app";
          program = "${drv}/bin/app";
          meta.description = "${manifest.name} demo: profile ${target.profile}, type ${target.type}";
        };

      appsFor = system: upLib.mkApps {
        inherit manifest system;
        builders = builtins.mapAttrs (type: _: mkApp system) manifest.types;
      };
    in
    {
      upManifest = manifest;
      apps = builtins.listToAttrs (map (system: { name = system; value = appsFor system; }) systems);
      # The CI matrix (nix-github-actions' shape): a check per target and
      # system, building what its app runs (README: CI fan-out).
      githubActions = upLib.mkGithubActions { inherit manifest systems; apps = appsFor; };
    };
}
