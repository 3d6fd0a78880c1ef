#ifndef UP_MATCH_H
#define UP_MATCH_H

#include <stddef.h>

/* Which of a menu's names a typed word means (up(1) CHOOSING). One rule for Enter
 * and TAB: a word matches the names it starts, ignoring case, else, when it
 * starts none, the names it is part of, ignoring case. */

/* Enter: the entries word selects, as positions into names written to pos
 * (room for n); returns how many. An exact name selects it alone, then a
 * number from 1 to n, then the rule above. */
size_t match_select(const char *const *names, size_t n, const char *word, size_t *pos);

/* TAB: the entries word matches (into pos, as above), and the text that
 * should replace word, as a fresh string in *text, or NULL when it cannot
 * be completed further: the longest prefix the names it starts share (in
 * the first one's case), or the one name it is part of. */
size_t match_complete(const char *const *names, size_t n, const char *word, size_t *pos,
		      char **text);

#endif
