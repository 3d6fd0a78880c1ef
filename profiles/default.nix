# The manifest of this flake's runnable targets (up(1) THE MANIFEST): the single source of
# truth for up's menu, its completions and the flake's apps.
#
# Pure Nix on purpose: no nixpkgs, no <...> paths, no imports, so that
# `nix eval .#upManifest` and the tests work offline. `up` ignores the keys it
# does not know; `settings` below is read by the apps in flake.nix.
{
  version = 1;
  name = "hls-origin";
  description = "HLS test origin: a synthetic live stream (test pattern and tone) served over HTTP";
  app = "{profile}-{type}";
  defaults = { profile = "default"; type = "runner"; };

  types = {
    runner = {
      description = "Local process: ffmpeg and an HTTP server on this machine";
    };
    container = {
      description = "OCI image run with podman or docker";
      systems = [ "x86_64-linux" "aarch64-linux" ];
      requires = [ { program = [ "podman" "docker" ]; } ];
    };
    vm = {
      description = "NixOS VM under QEMU";
      systems = [ "x86_64-linux" "aarch64-linux" ];
      requires = [ "kvm" ];
    };
  };

  # Settings every app understands:
  #   segmentSeconds  HLS segment length (also the keyframe interval)
  #   resolution      "WxH" of the top rendition
  #   renditions      number of variants; rendition i of n is (n-i)/n of the top size
  #   bitrateKbps     video bitrate of the top rendition (lower ones scale by area)
  #   fps             frame rate
  profiles = {
    default = {
      description = "2 s segments, 720p";
      settings = { segmentSeconds = 2; resolution = "1280x720"; renditions = 1; bitrateKbps = 2500; fps = 30; };
    };
    low-latency = {
      description = "1 s segments, 720p";
      types = [ "runner" "vm" ];
      settings = { segmentSeconds = 1; resolution = "1280x720"; renditions = 1; bitrateKbps = 2500; fps = 30; };
    };
    "4k-abr" = {
      description = "Multi-bitrate 4K: 2160p, 1440p and 720p variants";
      app = { container = "origin-4k-container"; };
      settings = { segmentSeconds = 4; resolution = "3840x2160"; renditions = 3; bitrateKbps = 16000; fps = 30; };
    };
    stress-test = {
      description = "Many parallel renditions (12 variants from 480p down)";
      types = [ "runner" "container" ];
      settings = { segmentSeconds = 2; resolution = "854x480"; renditions = 12; bitrateKbps = 1200; fps = 25; };
    };
  };
}
