#ifndef UP_QUOTE_H
#define UP_QUOTE_H

#include "buf.h"

/* POSIX-shell quoting: `sh -c` of the output yields the input bytes exactly. */
void quote_word(struct buf *out, const char *word);
/* The words joined by single spaces, each quoted; a fresh string. */
char *quote_argv(char *const *argv);

#endif
