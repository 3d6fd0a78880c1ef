#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (n == 0 || s[0] > 0xf4)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
		return 0;
	if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return n;
}

/* The code point of the valid UTF-8 sequence of n bytes at s. */
static unsigned long code_point(const unsigned char *s, size_t n)
{
	static const unsigned char lead[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = s[0] & lead[n];
	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

/* Whether code point cp changes text without showing (bidi, zero-width). */
static bool invisible(unsigned long cp)
{
	static const unsigned long ranges[][2] = {
		{ 0x00ad, 0x00ad }, { 0x061c, 0x061c }, { 0x180e, 0x180e },
		{ 0x200b, 0x200f }, { 0x2028, 0x202e }, { 0x2060, 0x2064 },
		{ 0x2066, 0x206f }, { 0xfeff, 0xfeff }, { 0xfff9, 0xfffb },
		{ 0xe0000, 0xe007f },
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/* What the character at s is (*len bytes: a UTF-8 sequence, else one). */
enum char_kind { PLAIN, INVALID, CONTROL, INVISIBLE };

static enum char_kind classify(const unsigned char *s, size_t *len)
{
	size_t n = utf8_len(s);
	*len = n ? n : 1;
	if (n == 0)
		return INVALID;
	if ((n == 1 && !text_plain_ascii(*s)) || (n == 2 && s[0] == 0xc2 && s[1] < 0xa0))
		return CONTROL; /* C0, DEL, C1 (U+0080..U+009F) */
	return n > 1 && invisible(code_point(s, n)) ? INVISIBLE : PLAIN;
}

bool text_unsafe(const char *text, size_t *len)
{
	return classify((const unsigned char *)text, len) != PLAIN;
}

char *text_clean(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (text_plain_ascii(*s))
		s++;
	if (!*s)
		return xstrdup(text); /* printable ASCII: nothing to clean */

	struct buf b;
	buf_init(&b);
	s = (const unsigned char *)text;
	for (size_t n; *s; s += n) {
		switch (classify(s, &n)) {
		case INVALID: buf_putc(&b, '?'); break;
		case CONTROL: buf_putc(&b, ' '); break;
		case INVISIBLE: buf_printf(&b, "<U+%04lX>", code_point(s, n)); break;
		case PLAIN: buf_add(&b, (const char *)s, n); break;
		}
	}
	return buf_take(&b);
}

static void show(struct buf *out, const char *name, size_t max)
{
	size_t n = 0;
	buf_putc(out, '\'');
	for (const unsigned char *s = (const unsigned char *)name; *s; s++, n++) {
		if (n == max) {
			buf_puts(out, "...");
			break;
		}
		if (!text_plain_ascii(*s) || *s == '\\' || *s == '\'')
			buf_printf(out, "\\x%02x", *s);
		else
			buf_putc(out, (char)*s);
	}
	buf_putc(out, '\'');
}

void text_show_name(struct buf *out, const char *name)
{
	show(out, name, TEXT_NAME_MAX);
}

void text_show_path(struct buf *out, const char *path)
{
	const char *s = path;
	while (*s != ' ' && text_plain_ascii((unsigned char)*s) && *s != '\'' && *s != '\\' && *s != '"')
		s++;
	if (*s || !*path)
		show(out, path, (size_t)-1);
	else
		buf_puts(out, path);
}

bool text_is_name(const char *s, size_t max)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '_';
		if (!word && (n == 0 || (c != '+' && c != '-')))
			return false;
		if (n == max)
			return false;
	}
	return n >= 1;
}

void text_visible(struct buf *out, const char *text)
{
	size_t len;
	for (const char *s = text; *s; s += len) {
		if (!text_unsafe(s, &len)) {
			buf_add(out, s, len);
			continue;
		}
		for (size_t i = 0; i < len; i++)
			buf_printf(out, "\\x%02x", (unsigned char)s[i]);
	}
}

bool text_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* The length of the run at s: digits, or anything else. */
static size_t run_len(const unsigned char *s)
{
	size_t n = 0;
	bool digits = isdigit(*s);
	while (s[n] && !isdigit(s[n]) == !digits)
		n++;
	return n;
}

int text_natural_cmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	while (*p && *q) {
		size_t m = run_len(p), n = run_len(q);
		const unsigned char *u = p, *v = q;
		size_t k = m, l = n;
		int c = 0;
		if (isdigit(*p) && isdigit(*q)) {   /* as numbers: leading zeros aside, longer is more */
			for (; k > 1 && *u == '0'; k--)
				u++;
			for (; l > 1 && *v == '0'; l--)
				v++;
			c = k != l ? (k < l ? -1 : 1) : memcmp(u, v, k);
		} else {                            /* as strings */
			c = memcmp(p, q, m < n ? m : n);
			c = c ? c : m != n ? (m < n ? -1 : 1) : 0;
		}
		if (c)
			return c < 0 ? -1 : 1;
		p += m;
		q += n;
	}
	return *p || *q ? (*p ? 1 : -1) : strcmp(a, b);
}

const char *skip_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) ? NULL : s + n;
}
