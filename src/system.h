#ifndef UP_SYSTEM_H
#define UP_SYSTEM_H

#include <stdbool.h>

#include "buf.h"

/* Nix system strings, ARCH-KERNEL: "x86_64-linux", "aarch64-darwin", ... */

/* The system Nix calls a machine whose uname(2) reports sysname and
 * machine ("Linux", "x86_64" -> "x86_64-linux"; "Darwin", "arm64" ->
 * "aarch64-darwin"), appended to out. */
void system_from_uname(struct buf *out, const char *sysname, const char *machine);
/* Whether s names a CPU and a kernel Nix knows. */
bool system_valid(const char *s);

#endif
