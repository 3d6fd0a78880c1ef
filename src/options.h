#ifndef UP_OPTIONS_H
#define UP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "cache.h"

/* The command line of SPEC §2. Options come first; the first word that is
 * not an option is PROFILE, the next TYPE, and every word after TYPE (a
 * leading "--" dropped) belongs to the app. */
struct options {
	bool dry_run;
	bool yes;
	bool interactive;
	bool json;
	bool list;
	bool help;
	bool version;
	bool complete;        /* --complete -- WORD...: answer a TAB press */
	const char *completions; /* --completions SHELL, else NULL */
	bool static_completions; /* --static */
	enum cache_mode cache; /* --no-cache, --refresh */
	const char *flake;    /* --flake, else NULL */
	const char *attr;     /* --attr, default "upManifest" */
	const char *profile;  /* NULL when not given */
	const char *type;     /* NULL when not given */
	char **args;          /* NULL-terminated words for the app */
	size_t nargs;
	char **words;         /* with --complete: the words after "--" */
	size_t nwords;
};

/* Fills o from argv (not copied: o points into argv). Returns 0, or 64 with a
 * message naming the offending word in err. */
int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen);

/* The text of --help's usage part. */
const char *options_usage(void);

#endif
