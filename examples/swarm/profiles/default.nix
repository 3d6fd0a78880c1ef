# The test origin of an HLS load-testing swarm: eight profiles of the origin
# server, each run as a local process, an OCI container or a MicroVM, in
# that order. Apps are named test-origin-<profile>-<type>, as before up.
{
  version = 1;
  name = "test-origin";
  description = "HLS test origin for load tests: runner, container or MicroVM";
  app = "test-origin-{profile}-{type}";
  types = [
    { name = "runner"; description = "ffmpeg and nginx as local processes"; }
    { name = "container"; description = "The origin in an OCI container"; systems = [ "x86_64-linux" "aarch64-linux" ]; }
    { name = "vm"; description = "The origin in a MicroVM (QEMU, KVM)"; systems = [ "x86_64-linux" "aarch64-linux" ]; requires = [ "kvm" ]; }
  ];
  profiles = {
    default = { description = "2 s segments, 720p"; settings = { segment = 2; height = 720; }; };
    low-latency = { description = "1 s segments, short playlist"; settings = { segment = 1; height = 720; }; };
    # The container keeps the name the project's docs and scripts use.
    "4k-abr" = { description = "Multi-bitrate 4K ladder"; settings = { segment = 2; height = 2160; }; app.container = "test-origin-4k-container"; };
    stress-test = { description = "Throughput over latency: find the origin's limits"; aliases = [ "stress" ]; settings = { segment = 2; height = 480; }; };
    logged = { description = "With buffered segment logging"; settings = { segment = 2; height = 720; log = true; }; };
    debug = { description = "Verbose logs, no VM"; types = [ "runner" "container" ]; settings = { segment = 2; height = 720; verbose = true; }; };
    tap = { description = "MicroVM on a TAP device, for line-rate networking"; types = [ "vm" ]; settings = { segment = 2; height = 720; tap = true; }; };
    tap-logged = { description = "TAP networking with segment logging"; types = [ "vm" ]; settings = { segment = 2; height = 720; tap = true; log = true; }; };
  };
}
