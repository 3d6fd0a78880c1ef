#include "config.h"

#include <stdio.h>
#include <string.h>

#include "exitcode.h"
#include "options.h"

enum opt_id {
	OPT_DRY_RUN, OPT_YES, OPT_INTERACTIVE, OPT_JSON, OPT_LIST,
	OPT_FLAKE, OPT_ATTR, OPT_HELP, OPT_VERSION, OPT_COMPLETIONS, OPT_STATIC,
	OPT_COMPLETE, OPT_NO_CACHE, OPT_REFRESH,
};

struct opt {
	const char *name; /* long name */
	char letter;      /* short name or 0 */
	bool value;       /* takes a value */
	enum opt_id id;
};

static const struct opt opts[] = {
	{ "dry-run", 'n', false, OPT_DRY_RUN },
	{ "yes", 'y', false, OPT_YES },
	{ "interactive", 'i', false, OPT_INTERACTIVE },
	{ "json", 0, false, OPT_JSON },
	{ "list", 'l', false, OPT_LIST },
	{ "flake", 0, true, OPT_FLAKE },
	{ "attr", 0, true, OPT_ATTR },
	{ "help", 'h', false, OPT_HELP },
	{ "version", 'V', false, OPT_VERSION },
	{ "completions", 0, true, OPT_COMPLETIONS },
	{ "static", 0, false, OPT_STATIC },
	{ "complete", 0, false, OPT_COMPLETE },
	{ "no-cache", 0, false, OPT_NO_CACHE },
	{ "refresh", 0, false, OPT_REFRESH },
};
enum { NOPTS = sizeof opts / sizeof opts[0] };

const char *options_usage(void)
{
	return "Usage: up [OPTION]... [PROFILE [TYPE]] [--] [ARG]...\n"
	       "Pick a target of a Nix flake (PROFILE x TYPE), check that this machine\n"
	       "can run it, print the exact `nix run` command and run it. Words after\n"
	       "TYPE go to the app.\n"
	       "\n"
	       "  -n, --dry-run        resolve and check, print the command, run nothing\n"
	       "  -y, --yes            never prompt: missing choices come from the defaults\n"
	       "  -i, --interactive    show the menu even when PROFILE is given\n"
	       "      --json           machine-readable output with --dry-run or --list\n"
	       "  -l, --list           every target, its app, and whether it runs here\n"
	       "      --flake REF      the flake to read and run (env UP_FLAKE)\n"
	       "      --attr NAME      the manifest attribute (default upManifest)\n"
	       "      --completions SHELL  print a completion script for bash, zsh or fish\n"
	       "      --static         with --completions: embed this flake's names\n"
	       "      --no-cache       neither read nor write the manifest cache\n"
	       "      --refresh        evaluate afresh and rewrite the cache entry\n"
	       "  -h, --help           show this help and exit\n"
	       "  -V, --version        show the version and exit\n"
	       "\n"
	       "Exit status: 0 success (else the app's own), 64 usage, 65 manifest\n"
	       "invalid or eval failed, 69 target unavailable here, 70 internal error,\n"
	       "127 nix not found, 130 menu cancelled.\n";
}

static void set(struct options *o, enum opt_id id, const char *value)
{
	switch (id) {
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_YES: o->yes = true; break;
	case OPT_INTERACTIVE: o->interactive = true; break;
	case OPT_JSON: o->json = true; break;
	case OPT_LIST: o->list = true; break;
	case OPT_FLAKE: o->flake = value; break;
	case OPT_ATTR: o->attr = value; break;
	case OPT_HELP: o->help = true; break;
	case OPT_VERSION: o->version = true; break;
	case OPT_COMPLETIONS: o->completions = value; break;
	case OPT_STATIC: o->static_completions = true; break;
	case OPT_COMPLETE: o->complete = true; break;
	case OPT_NO_CACHE: o->cache = CACHE_OFF; break;
	case OPT_REFRESH: o->cache = CACHE_REFRESH; break;
	}
}

/* A long option, unambiguous prefixes accepted as GNU getopt does. */
static const struct opt *find_long(const char *name, size_t len, int *ambiguous)
{
	const struct opt *hit = NULL;
	*ambiguous = 0;
	for (size_t i = 0; i < NOPTS; i++) {
		if (strncmp(opts[i].name, name, len))
			continue;
		if (strlen(opts[i].name) == len)
			return &opts[i];
		if (hit)
			*ambiguous = 1;
		hit = &opts[i];
	}
	return *ambiguous ? NULL : hit;
}

static const struct opt *find_short(char c)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (opts[i].letter == c)
			return &opts[i];
	return NULL;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return EXIT_USAGE; } while (0)

int options_parse(struct options *o, int argc, char **argv, char *err, size_t errlen)
{
	static char *none[] = { NULL };
	memset(o, 0, sizeof *o);
	o->attr = "upManifest";
	o->args = none;

	int i = 1;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int ambiguous;
			const struct opt *op = find_long(name, len, &ambiguous);
			if (!op)
				FAIL("%s option '--%.*s'; try 'up --help'",
				     ambiguous ? "ambiguous" : "unknown", (int)len, name);
			const char *value = NULL;
			if (op->value) {
				if (eq)
					value = eq + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					FAIL("option '--%s' needs a value", op->name);
				if (!*value)
					FAIL("option '--%s' needs a non-empty value", op->name);
			} else if (eq) {
				FAIL("option '--%s' takes no value", op->name);
			}
			set(o, op->id, value);
			continue;
		}
		for (const char *c = a + 1; *c; c++) {
			const struct opt *op = find_short(*c);
			if (!op) {
				if ((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f)
					FAIL("unknown option '-%c'; try 'up --help'", *c);
				FAIL("unknown option in '%s'; try 'up --help'", a);
			}
			set(o, op->id, NULL);
		}
	}

	if (o->complete) {
		/* Everything after "--" is the command line being completed. */
		if (i < argc && i > 1 && strcmp(argv[i - 1], "--"))
			FAIL("--complete takes the words to complete after '--': up --complete -- WORD...");
		o->words = argv + i;
		o->nwords = (size_t)(argc - i);
		return 0;
	}

	/* Positional words: PROFILE, TYPE, then the app's words. A "--" in
	 * place of PROFILE or TYPE ends them: what follows is the app's. */
	if (i < argc && strcmp(argv[i], "--")) {
		o->profile = argv[i++];
		if (i < argc && strcmp(argv[i], "--"))
			o->type = argv[i++];
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	o->args = argv + i;
	o->nargs = (size_t)(argc - i);

	if (o->json && !o->dry_run && !o->list && !o->help && !o->version)
		FAIL("--json goes with --dry-run or --list");
	if (o->static_completions && !o->completions)
		FAIL("--static goes with --completions SHELL");
	if (o->list && o->type)
		FAIL("--list takes at most a PROFILE, not a TYPE ('%s')", o->type);
	return 0;
}
