#ifndef UP_BUF_H
#define UP_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* The base every module stands on: allocation that cannot fail (running
 * out of memory prints "up: out of memory" and exits 70), a growable
 * string, and the error idiom of exitcode.h. */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for an array of n elements of size bytes; n * size is checked. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* The first n bytes of s (fewer if s ends first), NUL-terminated. */
char *xstrndup(const char *s, size_t n);

/* A growable byte string, always NUL-terminated: after buf_init() or
 * BUF_INIT, data is never NULL (an empty buf points at a shared "" that is
 * never written, as git's STRBUF_INIT does), so b.data can be printed or
 * compared at once. */
struct buf {
	char *data;
	size_t len;
	size_t cap;          /* 0: data is the shared "", no memory of its own */
};
extern char buf_empty[1];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_init(struct buf *b);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Cuts b to its first len bytes (len no more than b->len). */
void buf_truncate(struct buf *b, size_t len);
/* Empties b, keeping its memory; b->data is "" afterwards. */
void buf_reset(struct buf *b);
/* The text so far, "" when nothing was added (the same as b->data). */
const char *buf_str(const struct buf *b);
/* Hands the string over to the caller (never NULL) and resets b. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

/* A list of strings, each a copy. */
struct strlist {
	char **v;
	size_t n;
};

void strlist_add(struct strlist *l, const char *s);
/* Takes s over (malloc'd). */
void strlist_take(struct strlist *l, char *s);
/* Sorts the list (strcmp order), dropping repeats; then strlist_find() finds. */
void strlist_sort(struct strlist *l);
bool strlist_find(const struct strlist *sorted, const char *s);
void strlist_free(struct strlist *l);

/* The error idiom: appends "up: MESSAGE\n" to err and returns code, so that
 * a failing function ends with `return fail(err, EXIT_USAGE, "...", ...)`. */
int fail(struct buf *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
