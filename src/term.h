#ifndef UP_TERM_H
#define UP_TERM_H

#include <stdbool.h>

/* Whether the terminal takes no escape sequence: TERM unset, empty or
 * "dumb". */
bool term_plain(void);
/* Whether to colour: the terminal takes escapes and NO_COLOR is unset or
 * empty. */
bool term_colour(void);

#endif
