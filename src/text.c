#include "config.h"

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

char *text_clean(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s >= 0x20 && *s < 0x7f)
		s++;
	if (!*s)
		return xstrdup(text); /* printable ASCII: nothing to clean */

	struct buf b;
	buf_init(&b);
	s = (const unsigned char *)text;
	while (*s) {
		size_t n = utf8_len(s);
		if (n == 0) {
			buf_putc(&b, '?');
			s++;
		} else if (n == 1 && (*s < 0x20 || *s == 0x7f)) {
			buf_putc(&b, ' ');
			s++;
		} else if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			buf_putc(&b, ' '); /* C1 control, U+0080..U+009F */
			s += 2;
		} else {
			buf_add(&b, (const char *)s, n);
			s += n;
		}
	}
	return buf_take(&b);
}

void text_show_name(struct buf *out, const char *name)
{
	size_t n = 0;
	buf_putc(out, '\'');
	for (const unsigned char *s = (const unsigned char *)name; *s; s++, n++) {
		if (n == TEXT_NAME_MAX) {
			buf_puts(out, "...");
			break;
		}
		if (*s < 0x20 || *s >= 0x7f || *s == '\\' || *s == '\'')
			buf_printf(out, "\\x%02x", *s);
		else
			buf_putc(out, (char)*s);
	}
	buf_putc(out, '\'');
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
