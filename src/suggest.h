#ifndef UP_SUGGEST_H
#define UP_SUGGEST_H

#include <stddef.h>

#include "buf.h"

/* "did you mean": the names closest to a mistyped word. */

/* The optimal string alignment distance between a and b (insertions,
 * deletions, substitutions and swaps of neighbours), or (size_t)-1 when
 * either is longer than SUGGEST_MAX_LEN. */
enum { SUGGEST_MAX_LEN = 128 };
size_t suggest_distance(const char *a, const char *b);
/* Appends "did you mean 'x', 'y' or 'z'?" with up to three names close to
 * word (a name that word starts counts as one typo); nothing when none is. */
void suggest(struct buf *out, const char *word, const char *const *names, size_t n);

#endif
