#include "config.h"

#include <string.h>

#include "suggest.h"

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return (size_t)-1;
	/* Three rows of the matrix: two back for a swap, the one before, this one. */
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	size_t *older = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    older[j - 2] + 1 < v)
				v = older[j - 2] + 1;
			cur[j] = v;
		}
		size_t *t = older;
		older = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

void suggest(struct buf *out, const char *word, const char *const *names, size_t n)
{
	size_t limit = strlen(word) / 3 + 1;
	if (limit > 3)
		limit = 3;
	const char *best[3] = { NULL, NULL, NULL };
	size_t bestd[3] = { (size_t)-1, (size_t)-1, (size_t)-1 };
	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, names[i]);
		if (*word && !strncmp(names[i], word, strlen(word)) && d > 1)
			d = 1;
		if (d > limit)
			continue;
		for (size_t k = 0; k < 3; k++)
			if (d < bestd[k]) {
				for (size_t j = 2; j > k; j--) {
					best[j] = best[j - 1];
					bestd[j] = bestd[j - 1];
				}
				best[k] = names[i];
				bestd[k] = d;
				break;
			}
	}
	if (!best[0])
		return;
	size_t count = best[1] ? best[2] ? 3 : 2 : 1;
	buf_puts(out, "did you mean ");
	for (size_t k = 0; k < count; k++)
		buf_printf(out, "%s'%s'", k == 0 ? "" : k + 1 == count ? " or " : ", ", best[k]);
	buf_puts(out, "?");
}
