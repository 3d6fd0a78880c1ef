# relay's targets: its old apps (serve, vm-debug, ...) are theirs.
{
  version = 1; name = "relay";
  types = [
    { name = "local"; description = "The relay as a local process"; }
    { name = "vm"; description = "In a MicroVM (QEMU, KVM)"; systems = [ "x86_64-linux" "aarch64-linux" ]; requires = [ "kvm" ]; }
    { name = "container"; description = "In an OCI container"; }
  ];
  profiles = {
    release = { description = "As deployed"; app = { local = "serve"; vm = "vm"; container = "image-load"; }; };
    debug = { description = "Verbose logs"; app = { local = "serve-debug"; vm = "vm-debug"; }; };
  };
}
