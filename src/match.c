#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "match.h"

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return !*needle;
}

/* The rule: prefixes ignoring case, else substrings ignoring case. */
static size_t matches(const char *const *names, size_t n, const char *word, size_t *pos,
		      bool *prefix)
{
	size_t k = 0, len = strlen(word);
	for (size_t i = 0; i < n; i++)
		if (!strncasecmp(names[i], word, len))
			pos[k++] = i;
	*prefix = k > 0;
	if (k || !len)
		return k;
	for (size_t i = 0; i < n; i++)
		if (contains_nocase(names[i], word))
			pos[k++] = i;
	return k;
}

bool match_is_number(const char *word)
{
	return *word && strspn(word, "0123456789") == strlen(word);
}

/* The entry a number names: 1 with it in pos[0], or 0 when out of range. */
static size_t numbered(size_t n, const char *word, size_t *pos)
{
	size_t len = strlen(word), num = 0;
	while (*word == '0' && len > 1)
		word++, len--;
	if (len <= 9)
		num = (size_t)strtoul(word, NULL, 10);
	if (num < 1 || num > n)
		return 0;
	pos[0] = num - 1;
	return 1;
}

size_t match_select(const char *const *names, size_t n, const char *word, size_t *pos)
{
	bool prefix;
	if (match_is_number(word))
		return numbered(n, word, pos);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], word)) {
			pos[0] = i;
			return 1;
		}
	return matches(names, n, word, pos, &prefix);
}

size_t match_complete(const char *const *names, size_t n, const char *word, size_t *pos,
		      char **text)
{
	bool prefix;
	*text = NULL;
	if (match_is_number(word))
		return numbered(n, word, pos);
	size_t k = matches(names, n, word, pos, &prefix), len = strlen(word);
	if (k == 0)
		return 0;
	const char *first = names[pos[0]];
	if (!prefix) {
		if (k == 1)
			*text = xstrdup(first);
		return k;
	}
	size_t common = strlen(first);
	for (size_t j = 1; j < k; j++) {
		size_t c = 0;
		while (c < common && tolower((unsigned char)names[pos[j]][c]) ==
					     tolower((unsigned char)first[c]))
			c++;
		common = c;
	}
	if (common > len || strncmp(first, word, len))
		*text = xstrndup(first, common);
	return k;
}
