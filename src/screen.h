#ifndef UP_SCREEN_H
#define UP_SCREEN_H

#include <stddef.h>

#include "tty.h"

/* What a menu screen shows: a header line and a numbered list, fitted to
 * the terminal so that nothing scrolls the header or the prompt away. */

/* One entry of a list. */
struct item {
	size_t index;           /* the profile or type in the manifest */
	const char *name;
	const char *desc;
	char *reason;           /* why this machine cannot run it; NULL if it can */
	char *fix;
};

/* "TITLE — DESCRIPTION" on one line, cut to the width. */
void screen_header(const struct tty *t, const char *title, const char *desc);
/* Lists k entries (positions into items; each numbered by its position + 1)
 * so that they fit the terminal with a line above and the prompt below:
 *  - one a line with descriptions and reasons, if they fit;
 *  - else the numbers and names in columns;
 *  - else as many as the columns hold, and "… N more: HINT". */
void screen_list(const struct tty *t, const struct item *items, const size_t *pos, size_t k,
		 const char *hint);

#endif
