/* "did you mean": the distance between words and the names it offers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "tap.h"

static void offers(const char *word, const char *const *names, size_t n, const char *want)
{
	struct buf b;
	buf_init(&b);
	suggest(&b, word, names, n);
	tap_ok(!strcmp(buf_str(&b), want), "'%s': \"%s\" (got \"%s\")", word, want, buf_str(&b));
	buf_free(&b);
}

int main(void)
{
	struct { const char *a, *b; size_t d; } d[] = {
		{ "", "", 0 }, { "abc", "abc", 0 }, { "", "abc", 3 }, { "abc", "", 3 },
		{ "kitten", "sitting", 3 }, { "ab", "ba", 1 }, { "low-latncy", "low-latency", 1 },
		{ "lwo-latency", "low-latency", 1 }, { "abcd", "acbd", 1 }, { "ca", "abc", 3 },
	};
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
		tap_ok(suggest_distance(d[i].a, d[i].b) == d[i].d, "distance('%s', '%s') is %zu (got %zu)",
		       d[i].a, d[i].b, d[i].d, suggest_distance(d[i].a, d[i].b));

	char *longer = malloc(SUGGEST_MAX_LEN + 2), *longest = malloc(SUGGEST_MAX_LEN + 2);
	memset(longer, 'a', SUGGEST_MAX_LEN);
	longer[SUGGEST_MAX_LEN] = '\0';
	memset(longest, 'a', SUGGEST_MAX_LEN + 1);
	longest[SUGGEST_MAX_LEN + 1] = '\0';
	tap_ok(suggest_distance(longer, longer) == 0 && suggest_distance(longer, "b") == SUGGEST_MAX_LEN,
	       "words of the longest length are measured");
	tap_ok(suggest_distance(longest, "a") == (size_t)-1, "longer words are not measured");
	free(longer);
	free(longest);

	const char *profiles[] = { "4k-abr", "default", "help", "list", "low-latency", "stress-test" };
	offers("low-latncy", profiles, 6, "did you mean 'low-latency'?");
	offers("defualt", profiles, 6, "did you mean 'default'?");
	offers("lo", profiles, 6, "did you mean 'low-latency'?");
	offers("zzzzzz", profiles, 6, "");
	offers("", profiles, 6, "");
	const char *types[] = { "runner", "container", "vm", "mac" };
	offers("vmm", types, 4, "did you mean 'vm'?");
	const char *close[] = { "p-1", "p-2", "p-3", "p-4" };
	offers("p-0", close, 4, "did you mean 'p-1', 'p-2' or 'p-3'?");
	const char *two[] = { "cat", "car", "dog" };
	offers("cap", two, 3, "did you mean 'cat' or 'car'?");
	return tap_done();
}
