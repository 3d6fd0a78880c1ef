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

/* Two strings equal; both shown when they are not. */
static __attribute__((unused)) void tap_is(const char *got, const char *want, const char *what)
{
	int same = got && want && !strcmp(got, want);
	tap_ok(same, "%s", what);
	if (!same)
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)", want ? want : "(null)");
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

/* Scratch files: a path under dir (one of four kept at a time), and a
 * file's whole text. */
static __attribute__((unused)) const char *tap_path(const char *dir, const char *name)
{
	static char path[4][4400];
	static int k;
	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

static __attribute__((unused)) void tap_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
