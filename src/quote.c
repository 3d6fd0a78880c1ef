#include "config.h"

#include <string.h>

#include "quote.h"
#include "text.h"

/* Bytes that mean nothing to a POSIX shell anywhere in a word. */
static int plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr("_@%+=:,./-", c));
}

/* Words a shell reads as syntax when they stand first (POSIX and bash). */
static int reserved(const char *word)
{
	static const char *const words[] = {
		"case", "do", "done", "elif", "else", "esac", "fi", "for",
		"if", "in", "then", "until", "while", "function", "select",
		"time", "coproc", NULL,
	};
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(word, words[i]))
			return 1;
	return 0;
}

/* A word that needs no quotes: '#' starts a comment only at the start of
 * a word, a command word holding '=' could read as an assignment, and zsh
 * expands a word starting with '=' (=ls is the path of ls). */
static int bare(const char *word, int command)
{
	const unsigned char *p = (const unsigned char *)word;
	if (!*p || *p == '=' || (command && reserved(word)))
		return 0;
	for (; *p; p++) {
		if (plain(*p) && !(command && *p == '='))
			continue;
		if (*p == '#' && p != (const unsigned char *)word)
			continue;
		return 0;
	}
	return 1;
}

void quote_single(struct buf *out, const char *word)
{
	/* Single quotes keep every byte literal; a quote itself is closed,
	 * escaped and reopened. */
	buf_putc(out, '\'');
	for (const char *p = word; *p; p++) {
		if (*p == '\'')
			buf_puts(out, "'\\''");
		else
			buf_putc(out, *p);
	}
	buf_putc(out, '\'');
}

static void quote(struct buf *out, const char *word, int command)
{
	if (bare(word, command))
		buf_puts(out, word);
	else
		quote_single(out, word);
}

void quote_word(struct buf *out, const char *word)
{
	quote(out, word, 0);
}

char *quote_argv(char *const *argv)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; argv[i]; i++) {
		if (i)
			buf_putc(&b, ' ');
		quote(&b, argv[i], i == 0);
	}
	return buf_take(&b);
}

void quote_fish(struct buf *out, const char *word)
{
	buf_putc(out, '\'');
	for (const char *p = word; *p; p++) {
		if (*p == '\\' || *p == '\'')
			buf_putc(out, '\\');
		buf_putc(out, *p);
	}
	buf_putc(out, '\'');
}

void quote_visible(struct buf *out, const char *word)
{
	size_t len;
	const char *p = word;
	while (*p && !text_unsafe(p, &len))
		p += len;
	if (!*p) {
		quote_word(out, word);
		return;
	}
	/* printf's format: every unsafe byte, '\'', '\\', '%' and a leading
	 * '-' (an option to printf) as octal. */
	buf_puts(out, "\"$(printf '");
	for (p = word; *p; p += len) {
		bool unsafe = text_unsafe(p, &len);
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)p[i];
			if (unsafe || c == '\'' || c == '\\' || c == '%' || (c == '-' && p == word))
				buf_printf(out, "\\%03o", c);
			else
				buf_putc(out, (char)c);
		}
	}
	buf_puts(out, "')\"");
}
