/* What the terminal takes, from the environment: escape sequences
 * (TERM), colour (NO_COLOR). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "term.h"

bool term_plain(void)
{
	const char *term = getenv("TERM");
	return !term || !*term || !strcmp(term, "dumb");
}

bool term_colour(void)
{
	const char *nocolor = getenv("NO_COLOR");
	return !term_plain() && !(nocolor && *nocolor);
}
