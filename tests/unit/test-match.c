/* Which menu entries typed input means: one rule for Enter and for TAB. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "match.h"
#include "tap.h"

static const char *const basic[] = { "4k-abr", "default", "help", "list", "low-latency",
				     "mac-only", "vm-only", "weird" };
enum { NBASIC = sizeof basic / sizeof basic[0] };

/* The names selected, space-separated. */
static char *picked(const char *const *names, const size_t *pos, size_t k)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < k; i++)
		buf_printf(&b, "%s%s", i ? " " : "", names[pos[i]]);
	return buf_take(&b);
}

static void selects(const char *const *names, size_t n, const char *word, const char *want)
{
	size_t pos[64];
	size_t k = match_select(names, n, word, pos);
	char *got = picked(names, pos, k);
	tap_ok(!strcmp(got, want), "Enter on '%s' selects [%s] (got [%s])", word, want, got);
	free(got);
}

static void tab(const char *const *names, size_t n, const char *word, const char *want_text,
		const char *want)
{
	size_t pos[64];
	char *text;
	size_t k = match_complete(names, n, word, pos, &text);
	char *got = picked(names, pos, k);
	int same = !strcmp(got, want) && (want_text ? text && !strcmp(text, want_text) : !text);
	tap_ok(same, "TAB on '%s' gives '%s' of [%s] (got '%s' of [%s])", word,
	       want_text ? want_text : "(no change)", want, text ? text : "(no change)", got);
	free(text);
	free(got);
}

int main(void)
{
	selects(basic, NBASIC, "low-latency", "low-latency");
	selects(basic, NBASIC, "5", "low-latency");
	selects(basic, NBASIC, "lo", "low-latency");
	selects(basic, NBASIC, "LO", "low-latency");
	selects(basic, NBASIC, "abr", "4k-abr");
	selects(basic, NBASIC, "ABR", "4k-abr");
	selects(basic, NBASIC, "l", "list low-latency");
	selects(basic, NBASIC, "only", "mac-only vm-only");
	selects(basic, NBASIC, "zzz", "");
	selects(basic, NBASIC, "99", "");
	selects(basic, NBASIC, "0", "");
	/* digits alone are always a number, never a name nor part of one */
	const char *numeric[] = { "2", "10x", "b" };
	selects(numeric, 3, "2", "10x");
	selects(numeric, 3, "1", "2");
	selects(numeric, 3, "10", "");
	selects(numeric, 3, "03", "b");
	const char *svc[60];
	char svc_names[60][8];
	for (int i = 0; i < 60; i++) {
		snprintf(svc_names[i], sizeof svc_names[i], "svc%d", i);
		svc[i] = svc_names[i];
	}
	selects(svc, 60, "5", "svc4");
	tab(svc, 60, "5", NULL, "svc4");
	tab(svc, 60, "60", NULL, "svc59");
	tab(svc, 60, "61", NULL, "");
	tab(numeric, 3, "10", NULL, "");
	tab(svc, 60, "svc5", NULL, "svc5 svc50 svc51 svc52 svc53 svc54 svc55 svc56 svc57 svc58 svc59");
	const char *cased[] = { "Alpha", "alpha" };
	selects(cased, 2, "alpha", "alpha");
	selects(cased, 2, "ALPHA", "Alpha alpha");

	tab(basic, NBASIC, "lo", "low-latency", "low-latency");
	tab(basic, NBASIC, "LO", "low-latency", "low-latency");
	tab(basic, NBASIC, "Low-Latency", "low-latency", "low-latency");
	tab(basic, NBASIC, "low-latency", NULL, "low-latency");
	tab(basic, NBASIC, "l", NULL, "list low-latency");
	tab(basic, NBASIC, "abr", "4k-abr", "4k-abr");
	tab(basic, NBASIC, "only", NULL, "mac-only vm-only");
	tab(basic, NBASIC, "zz", NULL, "");
	tab(basic, NBASIC, "", NULL, "4k-abr default help list low-latency mac-only vm-only weird");
	const char *many[] = { "p-1", "p-10", "p-11", "q" };
	tab(many, 4, "p", "p-1", "p-1 p-10 p-11");
	tab(many, 4, "P-", "p-1", "p-1 p-10 p-11");
	tab(many, 4, "p-1", NULL, "p-1 p-10 p-11");
	const char *mixed[] = { "Low-a", "low-b" };
	tab(mixed, 2, "l", "Low-", "Low-a low-b");
	return tap_done();
}
