#ifndef UP_OPTIONS_H
#define UP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The command line of up(1) OPTIONS. Options come first (short ones and
 * abbreviations too); the first word that is not one is PROFILE, the next
 * TYPE, and the words after TYPE belong to the app. After PROFILE, a word
 * that starts with '-' is one of up's long options spelled in full, or
 * refused (64) with the command that gives it to the app: after the first
 * "--", every word but PROFILE and TYPE is the app's, as it is.
 *
 * One table in options.c describes every option; the parser, --help and
 * the completions all read it. */
enum option_id {
	OPT_DRY_RUN, OPT_YES, OPT_INTERACTIVE, OPT_JSON, OPT_LIST, OPT_FLAKE,
	OPT_ATTR, OPT_SHOW, OPT_DOCTOR, OPT_COMPLETIONS, OPT_STATIC, OPT_NO_CACHE,
	OPT_REFRESH, OPT_HELP, OPT_VERSION, OPT_COMPLETE, OPT_INIT, OPT_WRITE, OPT_MATRIX,
};

/* One option as the table describes it (read-only, public). */
struct option_spec {
	enum option_id id;
	const char *name;   /* the long name, without "--" */
	char letter;        /* the short name, or 0 */
	const char *arg;    /* the value's name in --help ("REF"), NULL for a flag */
	const char *help;   /* one line for --help and the completions */
	bool hidden;        /* left out of --help and the completions */
	bool optional;      /* the value is optional, given only as --NAME=VALUE */
};

struct options {
	const char *argv0;       /* how up was called (argv[0]), or NULL */
	bool dry_run;
	bool yes;
	bool interactive;
	bool json;
	bool list;               /* --list[=PROFILE] (the profile in .profile) */
	bool show;               /* --show [PROFILE [TYPE]]: what a target is */
	bool doctor;             /* --doctor: check everything a run needs */
	bool init;               /* --init: draft a manifest from the flake's apps */
	bool write;              /* --write: with --init, write it */
	bool matrix;             /* --matrix[=SYSTEM]: the CI matrix */
	const char *matrix_system; /* --matrix=SYSTEM, else NULL */
	bool help;
	bool version;
	bool complete;           /* --complete -- WORD...: answer a TAB press */
	const char *completions; /* --completions SHELL, else NULL */
	bool static_completions; /* --static */
	bool no_cache;           /* --no-cache: neither read nor write the cache */
	bool refresh;            /* --refresh: evaluate afresh, then write */
	const char *flake;       /* --flake, else NULL */
	const char *attr;        /* --attr, default "upManifest" */
	bool attr_given;         /* --attr was given */
	const char *list_profile; /* --list=PROFILE, else NULL */
	const char *profile;     /* NULL when not given (--list=PROFILE sets it) */
	const char *type;        /* NULL when not given */
	char **args;             /* NULL-terminated words for the app */
	size_t nargs;
	char **words;            /* with --complete: the words after "--" */
	size_t nwords;
};

/* Fills o from argv (not copied: o points into argv). Returns 0, or 64 with
 * a message naming the offending word in err. */
int options_parse(struct options *o, int argc, char **argv, struct buf *err);
/* How the user runs up, for the commands messages suggest: "up", or when
 * up runs as a flake's app (UP_AS_APP names it, set by the app's wrapper)
 * "nix run .#APP --" (the flake this up falls back to, UP_DEFAULT_FLAKE,
 * when the current directory holds no flake.nix). Valid until UP_AS_APP
 * or UP_DEFAULT_FLAKE changes. */
const char *options_self(void);
/* The name of up's app in the flake: UP_AS_APP when up runs as an app and
 * it is a name, else "up". */
const char *options_app(void);
/* --help's usage part, made from the table. */
void options_usage(struct buf *out);
/* The table, in --help's order; n receives its length. */
const struct option_spec *options_table(size_t *n);
/* Calls fn(arg, NAME, HELP) for each name of each visible option, in the
 * table's order: "-x" (when it has a letter), then "--name". */
void options_each_name(void (*fn)(void *arg, const char *name, const char *help), void *arg);

/* What the words of a command line being typed say, read as options_parse()
 * reads them but never refusing anything (for completion). The last word is
 * the one being typed; it is not read. */
struct options_scan {
	const char *flake;        /* the last --flake value, else NULL */
	const char *attr;         /* the last --attr value, else NULL */
	const char *profile;      /* the first positional word, else NULL */
	size_t positional;        /* positional words before the last one (2: TYPE is
				   * behind, the app's words begin) */
	bool ended;               /* a "--" ended up's options before the last word */
	const struct option_spec *value_of; /* the last word is this option's value */
};
void options_scan(struct options_scan *s, char *const *words, size_t n);
/* The visible option a word "--NAME[=VALUE]" names: the exact name, else the
 * only one NAME is a prefix of; NULL for none or several. */
const struct option_spec *options_named(const char *word);

#endif
