# The HLS test origin's apps: one builder per manifest type. Each builder takes
# a target from nix/apps.nix ({ name, profile, type, settings }) and returns a
# derivation with bin/<target.name>, so the profile's `settings` in
# profiles/default.nix drive what runs.
#
#   runner     ffmpeg (test pattern + tone -> live HLS) and a small HTTP server
#   container  the runner as an OCI image, loaded into podman (or docker) and run
#   vm         a NixOS VM under QEMU whose systemd service is the runner
#
# Only builtins here besides `pkgs.*` derivations, so the generated scripts can
# be inspected without nixpkgs.
{ pkgs, nixosSystem ? throw "nix/hls-origin.nix: the vm type needs nixosSystem" }:
let
  inherit (builtins) concatLists concatStringsSep elemAt filter fromJSON genList isString split;

  # POSIX shell quoting for anything that comes from the manifest.
  q = s: "'" + builtins.replaceStrings [ "'" ] [ "'\\''" ] (toString s) + "'";
  qs = args: concatStringsSep " " (map q args);
  max = a: b: if a > b then a else b;
  even = x: max 2 (x / 2 * 2); # x264 wants even dimensions
  hostSystem = pkgs.stdenv.hostPlatform.system;

  defaults = { segmentSeconds = 2; resolution = "1280x720"; renditions = 1; bitrateKbps = 2500; fps = 30; };

  # ffmpeg arguments for a target: inputs and encoders (before the user's
  # arguments) and the HLS muxer options (after them, before the output).
  ffmpegFor = target:
    let
      s = defaults // target.settings;
      size = map fromJSON (filter isString (split "x" s.resolution));
      w = elemAt size 0;
      h = elemAt size 1;
      n = s.renditions;
      # Rendition i of n is (n-i)/n of the top size; bitrate scales with area.
      rendition = i:
        let k = n - i; in {
          i = toString i;
          w = toString (even (w * k / n));
          h = toString (even (h * k / n));
          kbps = max 200 (s.bitrateKbps * k * k / (n * n));
        };
      rs = genList rendition n;
      gop = toString (s.fps * s.segmentSeconds);
    in
    {
      inherit n;
      segmentSeconds = s.segmentSeconds;
      encode = [
        "-hide_banner" "-nostdin" "-loglevel" "warning"
        "-re" "-f" "lavfi" "-i" "testsrc2=size=${toString w}x${toString h}:rate=${toString s.fps}"
        "-re" "-f" "lavfi" "-i" "sine=frequency=1000:sample_rate=48000"
        "-filter_complex"
        ("[0:v]split=${toString n}" + concatStringsSep "" (map (r: "[s${r.i}]") rs) + ";"
          + concatStringsSep ";" (map (r: "[s${r.i}]scale=${r.w}:${r.h}[v${r.i}]") rs))
      ]
      ++ concatLists (map (r: [ "-map" "[v${r.i}]" "-map" "1:a" ]) rs)
      ++ [
        "-c:v" "libx264" "-preset" "veryfast" "-tune" "zerolatency" "-pix_fmt" "yuv420p"
        "-g" gop "-keyint_min" gop "-sc_threshold" "0"
      ]
      ++ concatLists (map
        (r: [
          "-b:v:${r.i}" "${toString r.kbps}k"
          "-maxrate:v:${r.i}" "${toString (r.kbps * 11 / 10)}k"
          "-bufsize:v:${r.i}" "${toString (r.kbps * 2)}k"
        ])
        rs)
      ++ [ "-c:a" "aac" "-b:a" "128k" "-ac" "2" ];
      hls = [
        "-f" "hls" "-hls_time" (toString s.segmentSeconds) "-hls_list_size" "6"
        "-hls_flags" "delete_segments+independent_segments+program_date_time"
        "-master_pl_name" "master.m3u8"
        "-var_stream_map" (concatStringsSep " " (map (r: "v:${r.i},a:${r.i}") rs))
      ];
    };

  # A static file server that an HLS player on another origin can use.
  serve = pkgs.writeText "hls-origin-serve.py" ''
    import functools
    import http.server
    import sys

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".m3u8": "application/vnd.apple.mpegurl",
            ".ts": "video/mp2t",
        }

        def end_headers(self):
            self.send_header("Access-Control-Allow-Origin", "*")
            live = self.path.split("?")[0].endswith(".m3u8")
            self.send_header("Cache-Control", "no-cache" if live else "max-age=60")
            super().end_headers()

    host, port, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    handler = functools.partial(Handler, directory=directory)
    http.server.ThreadingHTTPServer((host, port), handler).serve_forever()
  '';

  # The runner for a target's profile, as bin/NAME; the container and the VM
  # run the same script.
  runnerFor = pkgs: name: target:
    let ff = ffmpegFor target; in
    pkgs.writeShellApplication {
      inherit name;
      runtimeInputs = [ pkgs.ffmpeg-headless pkgs.python3 pkgs.coreutils ];
      meta.description = "HLS test origin, profile ${target.profile}";
      text = ''
        # Environment: PORT (8080), HOST (127.0.0.1), PUBLIC_URL (for the message).
        # Arguments are extra ffmpeg output options, e.g. -t 60.
        port=''${PORT:-8080}
        host=''${HOST:-127.0.0.1}
        public=''${PUBLIC_URL:-http://localhost:$port}
        dir=$(mktemp -d "''${TMPDIR:-/tmp}/hls-origin.XXXXXX")
        pids=()
        # shellcheck disable=SC2317 # called from the EXIT trap
        cleanup() {
          for pid in "''${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
          wait 2>/dev/null || true
          rm -rf "$dir"
        }
        trap cleanup EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM

        for i in $(seq 0 ${toString (ff.n - 1)}); do mkdir -p "$dir/stream_$i"; done
        echo "hls-origin: profile "${q target.profile}": ${toString ff.n} rendition(s), ${toString ff.segmentSeconds} s segments, in $dir" >&2

        ffmpeg ${qs ff.encode} "$@" ${qs ff.hls} \
          -hls_segment_filename "$dir/stream_%v/seg_%05d.ts" "$dir/stream_%v/index.m3u8" &
        pids+=("$!")
        python3 ${serve} "$host" "$port" "$dir" &
        pids+=("$!")

        until [ -e "$dir/master.m3u8" ]; do
          if ! kill -0 "''${pids[0]}" 2>/dev/null; then
            status=0
            wait "''${pids[0]}" || status=$?
            echo "hls-origin: ffmpeg exited (status $status) before the first segment" >&2
            exit $((status ? status : 1))
          fi
          sleep 0.2
        done
        echo "Playlist: $public/master.m3u8"

        status=0
        wait -n "''${pids[@]}" || status=$?
        exit "$status"
      '';
    };

  runner = target: runnerFor pkgs target.name target;

  container = target:
    let
      r = runnerFor pkgs "hls-origin-${target.profile}" target;
      image = pkgs.dockerTools.streamLayeredImage {
        name = "hls-origin-${target.profile}";
        extraCommands = "mkdir -m 1777 tmp";
        config = {
          Entrypoint = [ "${r}/bin/${r.name}" ];
          Env = [ "HOST=0.0.0.0" "PORT=8080" "TMPDIR=/tmp" ];
          ExposedPorts = { "8080/tcp" = { }; };
        };
      };
    in
    pkgs.writeShellApplication {
      name = target.name;
      text = ''
        # Environment: PORT (host port, 8080). Arguments go to the runner (ffmpeg options).
        if command -v podman >/dev/null 2>&1; then engine=podman
        elif command -v docker >/dev/null 2>&1; then engine=docker
        else
          echo ${q "${target.name}: needs podman or docker on PATH"} >&2
          exit 127
        fi
        image=${q "${image.imageName}:${image.imageTag}"}
        if ! "$engine" image inspect "$image" >/dev/null 2>&1; then
          echo "Loading $image into $engine..." >&2
          ${image} | "$engine" load >&2
        fi
        port=''${PORT:-8080}
        tty=()
        if [ -t 0 ] && [ -t 1 ]; then tty=(-it); fi
        exec "$engine" run --rm "''${tty[@]}" -p "$port:8080" \
          -e PUBLIC_URL="http://localhost:$port" "$image" "$@"
      '';
    };

  vm = target:
    let
      settings = defaults // target.settings;
      nixos = nixosSystem {
        modules = [
          ({ pkgs, ... }:
            let r = runnerFor pkgs "hls-origin-${target.profile}" target; in {
              nixpkgs.hostPlatform = hostSystem;
              networking.hostName = "hls-origin";
              networking.firewall.allowedTCPPorts = [ 8080 ];
              systemd.services.hls-origin = {
                description = "HLS test origin (profile ${target.profile})";
                wantedBy = [ "multi-user.target" ];
                after = [ "network.target" ];
                environment = { HOST = "0.0.0.0"; PORT = "8080"; };
                serviceConfig = {
                  ExecStart = "${r}/bin/${r.name}";
                  DynamicUser = true;
                  Restart = "on-failure";
                };
              };
              services.getty.autologinUser = "root";
              services.getty.helpLine = "HLS origin: journalctl -u hls-origin; from the host: http://localhost:PORT/master.m3u8 (PORT defaults to 8080)";
              virtualisation.vmVariant.virtualisation = {
                graphics = false;
                memorySize = settings.vmMemoryMB or 2048;
                cores = settings.vmCores or 2;
              };
              system.stateVersion = "25.05";
            })
        ];
      };
      run = nixos.config.system.build.vm;
    in
    pkgs.writeShellApplication {
      name = target.name;
      text = ''
        # Environment: PORT (host port forwarded to the guest's 8080), QEMU_NET_OPTS,
        # NIX_DISK_IMAGE (default: a temporary disk, removed afterwards).
        # Arguments go to QEMU.
        port=''${PORT:-8080}
        export QEMU_NET_OPTS="hostfwd=tcp::$port-:8080''${QEMU_NET_OPTS:+,$QEMU_NET_OPTS}"
        tmp=$(mktemp -d "''${TMPDIR:-/tmp}/hls-origin-vm.XXXXXX")
        trap 'rm -rf "$tmp"' EXIT
        export NIX_DISK_IMAGE=''${NIX_DISK_IMAGE:-$tmp/hls-origin.qcow2}
        echo "Playlist (once the VM has booted): http://localhost:$port/master.m3u8" >&2
        echo "Stop the VM with Ctrl-A X, or poweroff inside it." >&2
        status=0
        ${run}/bin/run-hls-origin-vm "$@" || status=$?
        exit "$status"
      '';
    };
in
{
  inherit runner container vm;
  # For inspection and tests: the ffmpeg arguments a target uses.
  inherit ffmpegFor;
}
