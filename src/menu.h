#ifndef UP_MENU_H
#define UP_MENU_H

#include <stddef.h>

#include "manifest.h"
#include "platform.h"
#include "target.h"

/* The interactive menu of up(1) CHOOSING, on the terminal of stdin and stdout.
 *
 * profile: MANIFEST_NONE to ask for one, else that profile (only its type
 * is asked). type: the type to offer as the default, or MANIFEST_NONE for
 * the manifest's. Returns 0 with the choice in tg; 130 when cancelled
 * (Ctrl-C, or Ctrl-D on an empty line), with the terminal as it was and tg
 * untouched; 70 when the line editor cannot start. */
int menu_choose(struct target *tg, const struct manifest *m, struct platform *pf,
		size_t profile, size_t type);

#endif
