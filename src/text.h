#ifndef UP_TEXT_H
#define UP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Text from a manifest, made fit to show: it is data, never markup. */

enum { TEXT_NAME_MAX = 64, TEXT_APP_MAX = 255 };

/* Free text made safe for one line on a terminal: control characters (C0,
 * DEL, C1) become spaces, invalid UTF-8 bytes become '?', and characters
 * that change the text without showing (bidi controls such as U+202E,
 * zero-width ones such as U+200B) are shown as "<U+202E>". A fresh string. */
char *text_clean(const char *s);
/* Whether the character at s (*len bytes: a UTF-8 sequence, else one
 * byte) must not reach a terminal as it is: a control character, an
 * invisible one, or a byte that is not valid UTF-8. */
bool text_unsafe(const char *s, size_t *len);
/* A name as a message shows it: single-quoted, bytes outside printable
 * ASCII (and the quote and backslash) as \xHH, cut after 64 bytes. */
void text_show_name(struct buf *out, const char *name);
/* A path as a message shows it: as it is when it is printable ASCII without
 * spaces or quotes, else quoted as text_show_name() does, never cut. */
void text_show_path(struct buf *out, const char *path);
/* text with what text_unsafe() finds written as \xHH, each byte. */
void text_visible(struct buf *out, const char *text);
/* The name rule of up(1) THE MANIFEST: [A-Za-z0-9_][A-Za-z0-9_+-]*, 1 to max bytes
 * (TEXT_NAME_MAX for profiles and types, TEXT_APP_MAX for app names). */
bool text_is_name(const char *s, size_t max);
/* Whether s ends with suffix. */
bool text_ends_with(const char *s, const char *suffix);
/* Whether a byte is printable ASCII (a space to a tilde): what is shown as
 * it is wherever up writes text it did not make; C0 controls, DEL and
 * every byte of a longer UTF-8 sequence are not. */
static inline bool text_plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* s past prefix when s starts with it, else NULL (its length counted once,
 * here, rather than by hand at every call). */
const char *skip_prefix(const char *s, const char *prefix);
/* Natural order, for names: each is cut into runs of digits and runs of
 * anything else, compared run by run: two runs of digits as numbers (svc2
 * before svc10), any other two as strings (byte by byte, a prefix first);
 * names equal so (a1, a01) in byte order. nix/lib.nix sorts the same way.
 * <0, 0 or >0 as strcmp. */
int text_natural_cmp(const char *a, const char *b);

#endif
