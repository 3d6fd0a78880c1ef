#ifndef UP_COMPLETIONS_H
#define UP_COMPLETIONS_H

#include "options.h"

/* SPEC §5. With --complete: answers a TAB press, one "NAME<TAB>DESCRIPTION"
 * a line for the words in o->words (the last one is the word under the
 * cursor); any trouble with the flake or its manifest answers nothing and
 * still returns 0, so that a TAB never prints errors. With --completions
 * SHELL: prints the completion script for bash, zsh or fish, which asks
 * `up --complete` at TAB time, or with --static embeds this flake's names.
 * Returns the exit status. */
int completions_main(const struct options *o);

#endif
