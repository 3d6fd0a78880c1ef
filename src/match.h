#ifndef UP_MATCH_H
#define UP_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/* Which of a menu's names a typed word means (up(1) CHOOSING). One rule for Enter
 * and TAB: a word matches the names it starts, ignoring case, else, when it
 * starts none, the names it is part of, ignoring case. */

/* Whether word is a number: digits alone, which always mean the entry the
 * full list shows with that number, never names that hold the digits. */
bool match_is_number(const char *word);

/* Enter: the entries word selects, as positions into names written to pos
 * (room for n); returns how many. A number selects entry 1 to n (none when
 * out of range), an exact name selects it alone, then the rule above. */
size_t match_select(const char *const *names, size_t n, const char *word, size_t *pos);

/* TAB: the entries word matches (into pos, as above; a number: the one it
 * names), and the text that should replace word, as a fresh string in
 * *text, or NULL when it cannot be completed further (or is a number): the
 * longest prefix the names it starts share (in the first one's case), or
 * the one name it is part of. */
size_t match_complete(const char *const *names, size_t n, const char *word, size_t *pos,
		      char **text);

#endif
