#ifndef UP_COMPLETIONS_H
#define UP_COMPLETIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

/* `up --completions SHELL [--static]` (up(1) COMPLETIONS): prints the completion
 * script for bash, zsh or fish. The dynamic script asks `up --complete` at
 * TAB time; the static one embeds the options and this flake's names.
 *
 * A script is pieces of real shell code (src/shell/SHELL/PIECE, embedded at
 * build time): HEAD, then DYNAMIC or the embedded names and STATIC, then
 * COMMON. Every __up_answer prints the protocol's lines for the words after
 * "up"; COMMON turns them into the shell's candidates. Names and
 * descriptions are data all the way: the static scripts hold them as
 * single-quoted literals of their shell. */

/* The shells, in order: "bash", "zsh", "fish", then NULL. */
const char *completions_shell(size_t i);
/* Where the completion of shell (a name such as "bash") is installed, into
 * where: false when it is found nowhere a shell would load it from (or up
 * has none for that shell); how then says how to install it. */
bool completions_installed(const char *shell, struct buf *where, const char **how);
/* Returns 0; 64 for an unknown shell; 65, 127 or 70 when --static cannot
 * load the manifest; 70 when stdout cannot be written. */
int completions_main(const struct options *o);

#endif
