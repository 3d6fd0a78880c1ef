/* Minimal TAP output for the unit tests. */
#ifndef UP_TAP_H
#define UP_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failures;

static void tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	if (!cond)
		tap_failures++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* A fresh scratch directory under $TMPDIR (else /tmp): its path, or NULL. */
#include <stdlib.h>
static __attribute__((unused)) char *tap_scratch(const char *name)
{
	static char path[4096];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	return mkdtemp(path);
}

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
