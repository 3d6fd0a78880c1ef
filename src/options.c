#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "fs.h"
#include "options.h"
#include "quote.h"
#include "text.h"

static const struct option_spec table[] = {
	{ OPT_DRY_RUN, "dry-run", 'n', NULL, "resolve and check, print the command, run nothing", false, false },
	{ OPT_YES, "yes", 'y', NULL, "never prompt: missing choices come from the defaults", false, false },
	{ OPT_INTERACTIVE, "interactive", 'i', NULL, "show the menu even when PROFILE is given", false, false },
	{ OPT_JSON, "json", 0, NULL, "JSON output of --dry-run, --list, --show, --doctor", false, false },
	{ OPT_LIST, "list", 'l', "PROFILE", "every target (of PROFILE), its app, whether it runs here", false, true },
	{ OPT_FLAKE, "flake", 0, "REF", "the flake to read and run (env UP_FLAKE)", false, false },
	{ OPT_ATTR, "attr", 0, "NAME", "the manifest attribute (default upManifest)", false, false },
	{ OPT_SHOW, "show", 0, NULL, "what PROFILE [TYPE] is, and whether it runs here", false, false },
	{ OPT_DOCTOR, "doctor", 0, NULL, "check all a run needs, one line each, with fixes", false, false },
	{ OPT_COMPLETIONS, "completions", 0, "SHELL", "print a completion script for bash, zsh or fish", false, false },
	{ OPT_STATIC, "static", 0, NULL, "with --completions: embed this flake's names", false, false },
	{ OPT_NO_CACHE, "no-cache", 0, NULL, "neither read nor write the manifest cache", false, false },
	{ OPT_REFRESH, "refresh", 0, NULL, "evaluate afresh and rewrite the cache entry", false, false },
	{ OPT_HELP, "help", 'h', NULL, "show this help and exit", false, false },
	{ OPT_VERSION, "version", 'V', NULL, "show the version and exit", false, false },
	{ OPT_COMPLETE, "complete", 0, NULL, "answer a TAB press: up --complete -- WORD...", true, false },
};
enum { NOPTS = sizeof table / sizeof table[0], HELP_COLUMN = 21 };

const struct option_spec *options_table(size_t *n)
{
	*n = NOPTS;
	return table;
}

void options_each_name(void (*fn)(void *arg, const char *name, const char *help), void *arg)
{
	struct buf name;
	buf_init(&name);
	for (size_t i = 0; i < NOPTS; i++) {
		if (table[i].hidden)
			continue;
		for (int form = table[i].letter ? 0 : 1; form < 2; form++) {
			buf_reset(&name);
			if (form == 0)
				buf_printf(&name, "-%c", table[i].letter);
			else
				buf_printf(&name, "--%s", table[i].name);
			fn(arg, name.data, table[i].help);
		}
	}
	buf_free(&name);
}

const char *options_self(void)
{
	static char *self;     /* made afresh each call: the environment may change */
	free(self);
	const char *app = getenv("UP_AS_APP"), *ref = getenv("UP_DEFAULT_FLAKE");
	if (!app || !text_is_name(app, TEXT_APP_MAX))
		return self = xstrdup("up");
	/* Inside a flake (flake.nix here or above, as nix and up look) that
	 * is the one nix run .#APP runs; elsewhere the flake this up falls
	 * back to. */
	char *here = fs_find_up("flake.nix");
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "nix run ");
	if (ref && *ref && !here)
		buf_printf(&b, "%s#%s", ref, app);
	else
		buf_printf(&b, ".#%s", app);
	free(here);
	struct buf q;
	buf_init(&q);
	quote_word(&q, b.data + 8);
	buf_reset(&b);
	buf_printf(&b, "nix run %s --", q.data);
	buf_free(&q);
	self = buf_take(&b);
	return self;
}

void options_usage(struct buf *out)
{
	const char *self = options_self();
	buf_printf(out, "Usage: %s [OPTION]... [PROFILE [TYPE]] [--] [ARG]...\n"
		   "Pick a target of a Nix flake (PROFILE x TYPE), check that this machine\n"
		   "can run it, print the exact `nix run` command and run it. Words after\n"
		   "TYPE go to the app.\n\n", self);
	for (size_t i = 0; i < NOPTS; i++) {
		const struct option_spec *op = &table[i];
		if (op->hidden)
			continue;
		if (op->letter)
			buf_printf(out, "  -%c, ", op->letter);
		else
			buf_puts(out, "      ");
		size_t start = out->len;
		buf_printf(out, "--%s%s%s%s", op->name, !op->arg ? "" : op->optional ? "[=" : " ",
			   op->arg ? op->arg : "", op->optional ? "]" : "");
		size_t used = out->len - start;
		buf_printf(out, "%*s%s\n", used + 2 > HELP_COLUMN ? 2 : (int)(HELP_COLUMN - used), "",
			   op->help);
	}
	buf_printf(out, "\nExamples:\n"
		   "  %s                     the menu (the defaults when no one is there)\n"
		   "  %s --list              every target, and whether it runs here\n"
		   "  %s PROFILE TYPE -- ARG run a target, ARG for its app\n", self, self, self);
	if (strcmp(self, "up"))
		buf_printf(out, "  %s --completions bash > ~/.up-completion.bash\n"
			   "                        then `source ~/.up-completion.bash` in ~/.bashrc: TAB completes\n"
			   "                        `nix run .#up -- ...` (zsh and fish: see man up)\n",
			   self);
	buf_puts(out, "\nExit status: 0 success (else the app's own), 64 usage, 65 manifest\n"
		 "invalid or eval failed, 69 target unavailable here, 70 internal error,\n"
		 "127 nix not found, 130 menu cancelled.\n");
}

static void set(struct options *o, enum option_id id, const char *value)
{
	switch (id) {
	case OPT_DRY_RUN: o->dry_run = true; break;
	case OPT_YES: o->yes = true; break;
	case OPT_INTERACTIVE: o->interactive = true; break;
	case OPT_JSON: o->json = true; break;
	case OPT_LIST: o->list = true; o->list_profile = value ? value : o->list_profile; break;
	case OPT_SHOW: o->show = true; break;
	case OPT_DOCTOR: o->doctor = true; break;
	case OPT_FLAKE: o->flake = value; break;
	case OPT_ATTR: o->attr = value; break;
	case OPT_COMPLETIONS: o->completions = value; break;
	case OPT_STATIC: o->static_completions = true; break;
	case OPT_NO_CACHE: o->no_cache = true; break;
	case OPT_REFRESH: o->refresh = true; break;
	case OPT_HELP: o->help = true; break;
	case OPT_VERSION: o->version = true; break;
	case OPT_COMPLETE: o->complete = true; break;
	}
}

/* A long option, unambiguous prefixes accepted as GNU getopt does. */
static const struct option_spec *find_long(const char *name, size_t len, bool hidden_too,
					   bool *ambiguous)
{
	const struct option_spec *hit = NULL;
	*ambiguous = false;
	for (size_t i = 0; i < NOPTS; i++) {
		if ((table[i].hidden && !hidden_too) || strncmp(table[i].name, name, len))
			continue;
		if (strlen(table[i].name) == len)
			return &table[i];
		if (hit)
			*ambiguous = true;
		hit = &table[i];
	}
	return *ambiguous ? NULL : hit;
}

static const struct option_spec *find_short(char c)
{
	for (size_t i = 0; i < NOPTS; i++)
		if (table[i].letter == c)
			return &table[i];
	return NULL;
}

/* "--name[=value]" at argv[*i]; the value may be the next word. */
static int parse_long(struct options *o, int argc, char **argv, int *i, struct buf *err)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	bool ambiguous;
	const struct option_spec *op = find_long(name, len, true, &ambiguous);
	if (!op && ambiguous) {
		struct buf which;
		buf_init(&which);
		for (size_t k = 0; k < NOPTS; k++)
			if (!strncmp(table[k].name, name, len))
				buf_printf(&which, "%s--%s", which.len ? ", " : "", table[k].name);
		int rc = fail(err, EXIT_USAGE, "ambiguous option '--%.*s': it could be %s; try '%s --help'",
			      (int)len, name, buf_str(&which), options_self());
		buf_free(&which);
		return rc;
	}
	if (!op)
		return fail(err, EXIT_USAGE, "unknown option '--%.*s'; try '%s --help'", (int)len,
			    name, options_self());
	const char *value = NULL;
	if (op->arg && op->optional) {
		value = eq ? eq + 1 : NULL;
		if (value && !*value)
			return fail(err, EXIT_USAGE, "option '--%s=' needs a value after the '='", op->name);
	} else if (op->arg) {
		if (eq)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else
			return fail(err, EXIT_USAGE, "option '--%s' needs a value", op->name);
		if (!*value)
			return fail(err, EXIT_USAGE, "option '--%s' needs a non-empty value", op->name);
	} else if (eq) {
		return fail(err, EXIT_USAGE, "option '--%s' takes no value", op->name);
	}
	set(o, op->id, value);
	return 0;
}

/* "-abc": flags only (no short option takes a value). */
static int parse_short(struct options *o, const char *word, struct buf *err)
{
	for (const char *c = word + 1; *c; c++) {
		const struct option_spec *op = find_short(*c);
		if (!op) {
			if ((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f)
				return fail(err, EXIT_USAGE, "unknown option '-%c'; try '%s --help'", *c,
					    options_self());
			return fail(err, EXIT_USAGE, "unknown option in '%s'; try '%s --help'", word,
				    options_self());
		}
		set(o, op->id, NULL);
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv, struct buf *err)
{
	static char *none[] = { NULL };
	memset(o, 0, sizeof *o);
	o->argv0 = argc > 0 ? argv[0] : NULL;
	o->attr = "upManifest";
	o->args = none;

	int i = 1, rc;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if ((rc = a[1] == '-' ? parse_long(o, argc, argv, &i, err) : parse_short(o, a, err)))
			return rc;
	}

	if (o->complete) {
		/* Everything after "--" is the command line being completed. */
		if (i < argc && i > 1 && strcmp(argv[i - 1], "--"))
			return fail(err, EXIT_USAGE, "--complete takes the words to complete after '--': "
				    "up --complete -- WORD...");
		o->words = argv + i;
		o->nwords = (size_t)(argc - i);
		return 0;
	}

	/* Positional words: PROFILE, TYPE, then the app's words. A "--" in
	 * place of PROFILE or TYPE ends them: what follows is the app's. No
	 * profile starts with '-': such a word (after "--") is the app's too. */
	if (i < argc && strcmp(argv[i], "--") && argv[i][0] != '-') {
		o->profile = argv[i++];
		if (i < argc && strcmp(argv[i], "--"))
			o->type = argv[i++];
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	o->args = argv + i;
	o->nargs = (size_t)(argc - i);

	if (o->json && !o->dry_run && !o->list && !o->show && !o->doctor && !o->help && !o->version)
		return fail(err, EXIT_USAGE, "--json goes with --dry-run, --list, --show or --doctor");
	if (o->list + o->show + o->doctor + o->dry_run > 1)
		return fail(err, EXIT_USAGE, "--dry-run, --list, --show and --doctor go one at a time");
	if (o->doctor && o->profile)
		return fail(err, EXIT_USAGE, "--doctor takes no PROFILE ('%s'): it checks every target",
			    o->profile);
	if (o->static_completions && !o->completions)
		return fail(err, EXIT_USAGE, "--static goes with --completions SHELL");
	if (o->list_profile && o->profile && strcmp(o->list_profile, o->profile))
		return fail(err, EXIT_USAGE, "--list=%s and PROFILE '%s' name two profiles; give one",
			    o->list_profile, o->profile);
	if (o->list_profile && !o->profile)
		o->profile = o->list_profile;
	if (o->list && o->type)
		return fail(err, EXIT_USAGE, "--list takes at most a PROFILE, not a TYPE ('%s')", o->type);
	if (o->show && o->nargs)
		return fail(err, EXIT_USAGE, "--show takes PROFILE [TYPE] and nothing after them ('%s')",
			    o->args[0]);
	return 0;
}

const struct option_spec *options_named(const char *word)
{
	bool ambiguous;
	if (strncmp(word, "--", 2))
		return NULL;
	return find_long(word + 2, strcspn(word + 2, "="), false, &ambiguous);
}

static void note_value(struct options_scan *s, const struct option_spec *op, const char *value)
{
	if (op->id == OPT_FLAKE)
		s->flake = value;
	else if (op->id == OPT_ATTR)
		s->attr = value;
}

void options_scan(struct options_scan *s, char *const *w, size_t n)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i + 1 < n; i++) {
		const char *a = w[i];
		if (!strcmp(a, "--")) {
			if (s->ended)
				s->positional = 2; /* what follows is the app's */
			s->ended = true;
			continue;
		}
		if (!s->ended && a[0] == '-' && a[1]) {
			const struct option_spec *op = options_named(a);
			if (!op || !op->arg || (op->optional && !strchr(a, '=')))
				continue;
			if (strchr(a, '='))
				note_value(s, op, strchr(a, '=') + 1);
			else if (i + 2 == n)
				s->value_of = op;
			else
				note_value(s, op, w[++i]);
			continue;
		}
		s->ended = true;
		if (s->positional == 0 && a[0] == '-')
			s->positional = 2; /* no profile: the app's words */
		else if (s->positional++ == 0)
			s->profile = a;
	}
}
