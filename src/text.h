#ifndef UP_TEXT_H
#define UP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Text from a manifest, made fit to show: it is data, never markup. */

enum { TEXT_NAME_MAX = 64, TEXT_APP_MAX = 255 };

/* Free text made safe for one line on a terminal: control characters (C0,
 * DEL, C1) become spaces, invalid UTF-8 bytes become '?'. A fresh string. */
char *text_clean(const char *s);
/* A name as a message shows it: single-quoted, bytes outside printable
 * ASCII (and the quote and backslash) as \xHH, cut after 64 bytes. */
void text_show_name(struct buf *out, const char *name);
/* The name rule of SPEC §1: [A-Za-z0-9_][A-Za-z0-9_+-]*, 1 to max bytes
 * (TEXT_NAME_MAX for profiles and types, TEXT_APP_MAX for app names). */
bool text_is_name(const char *s, size_t max);

#endif
