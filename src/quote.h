#ifndef UP_QUOTE_H
#define UP_QUOTE_H

#include "buf.h"

/* Quoting words for shells, so that a shell reads them back byte for byte
 * and expands nothing. */

/* POSIX shell: bare when every byte is plain, else single-quoted. */
void quote_word(struct buf *out, const char *word);
/* As quote_word(), for a word that may hold what must not reach a terminal
 * (control, invisible or invalid characters: text_unsafe()): such a word
 * is written "$(printf 'a\033b')", every such byte in octal, so that the
 * line is safe to show and, pasted into any POSIX shell, still yields the
 * word (unless it ends with a newline, which $(...) drops). */
void quote_visible(struct buf *out, const char *word);
/* The words joined by single spaces, each quoted as quote_word() does (the
 * first as a command word); `sh -c` of the text yields argv. A fresh string. */
char *quote_argv(char *const *argv);
/* Always single-quoted: what every POSIX shell and zsh read literally, even
 * where zsh would expand a bare word ('#' and '^' with EXTENDED_GLOB, a
 * leading '='). */
void quote_single(struct buf *out, const char *word);
/* fish's single quotes, in which only \\ and \' are escapes. */
void quote_fish(struct buf *out, const char *word);

#endif
