#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "exitcode.h"

static void oom(void)
{
	fputs("up: out of memory\n", stderr);
	exit(EXIT_INTERNAL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = 0;
	while (len < n && s[len])
		len++;
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* What an empty buf points at: never written (cap 0 means no memory of
 * its own), as git's strbuf_slopbuf. */
char buf_empty[1];

void buf_init(struct buf *b)
{
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
}

static void reserve(struct buf *b, size_t extra)
{
	if (extra >= SIZE_MAX / 2 - b->len)
		oom();
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	if (b->cap) {
		b->data = xrealloc(b->data, cap);
	} else {            /* the shared "" (or a buf never initialised: empty) */
		char *fresh = xmalloc(cap);
		if (b->data && b->len)
			memcpy(fresh, b->data, b->len);
		fresh[b->len] = '\0';
		b->data = fresh;
	}
	b->cap = cap;
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';   /* len < b->len: b has memory of its own */
	}
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	buf_add(b, "", 0);
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : buf_empty;
}

char *buf_take(struct buf *b)
{
	char *s = b->cap ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

void buf_free(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b);
}

void strlist_take(struct strlist *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

void strlist_add(struct strlist *l, const char *s)
{
	strlist_take(l, xstrdup(s));
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	size_t k = 0;
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, by_text);
	for (size_t i = 0; i < l->n; i++) {
		if (k && !strcmp(l->v[k - 1], l->v[i]))
			free(l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

bool strlist_find(const struct strlist *sorted, const char *s)
{
	return sorted->n && bsearch(&s, sorted->v, sorted->n, sizeof *sorted->v, by_text);
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int fail(struct buf *err, int code, const char *fmt, ...)
{
	va_list ap;
	buf_puts(err, "up: ");
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
	buf_putc(err, '\n');
	return code;
}
