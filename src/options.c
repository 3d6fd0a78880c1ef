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
	{ OPT_MATRIX, "matrix", 0, "SYSTEM", "the CI matrix of every target and system, as JSON", false, true },
	{ OPT_INIT, "init", 0, NULL, "draft a manifest from the apps of a flake without one", false, false },
	{ OPT_WRITE, "write", 0, NULL, "with --init: write it to profiles/default.nix", false, false },
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

const char *options_app(void)
{
	const char *app = getenv("UP_AS_APP");
	return app && text_is_name(app, TEXT_APP_MAX) ? app : "up";
}

/* The same text as long as UP_AS_APP and UP_DEFAULT_FLAKE are: made once
 * (one look for flake.nix up the tree), valid until they change. */
const char *options_self(void)
{
	static char *self, *was_app, *was_ref;
	const char *app = getenv("UP_AS_APP"), *ref = getenv("UP_DEFAULT_FLAKE");
	if (self && !strcmp(was_app ? was_app : "\1", app ? app : "\1") &&
	    !strcmp(was_ref ? was_ref : "\1", ref ? ref : "\1"))
		return self;
	free(self);
	free(was_app);
	free(was_ref);
	was_app = app ? xstrdup(app) : NULL;
	was_ref = ref ? xstrdup(ref) : NULL;
	if (!app || !text_is_name(app, TEXT_APP_MAX))
		return self = xstrdup("up");
	/* Inside a flake (flake.nix here or above, as nix and up look) that
	 * is the one nix run .#APP runs; elsewhere the flake this up falls
	 * back to. */
	char *here = fs_find_up("flake.nix");
	struct buf b, q;
	buf_init(&b);
	buf_init(&q);
	if (ref && *ref && !here)
		buf_printf(&b, "%s#%s", ref, app);
	else
		buf_printf(&b, ".#%s", app);
	free(here);
	quote_word(&q, b.data);
	buf_reset(&b);
	buf_printf(&b, "nix run %s --", q.data);
	buf_free(&q);
	return self = buf_take(&b);
}

void options_usage(struct buf *out)
{
	const char *self = options_self();
	buf_printf(out, "Usage: %s [OPTION]... [PROFILE [TYPE]] [--] [ARG]...\n"
		   "Pick a target of a Nix flake (PROFILE x TYPE), check that this machine\n"
		   "can run it, print the exact `nix run` command and run it. Words after\n"
		   "TYPE go to the app; after PROFILE, up reads only its long options spelled\n"
		   "in full, and after -- nothing: `%s PROFILE TYPE -- --port 9000`.\n\n", self, self);
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
	case OPT_INIT: o->init = true; break;
	case OPT_MATRIX: o->matrix = true; o->matrix_system = value ? value : o->matrix_system; break;
	case OPT_WRITE: o->write = true; break;
	case OPT_FLAKE: o->flake = value; break;
	case OPT_ATTR: o->attr = value; o->attr_given = true; break;
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
			if (text_plain_ascii((unsigned char)*c))
				return fail(err, EXIT_USAGE, "unknown option '-%c'; try '%s --help'", *c,
					    options_self());
			return fail(err, EXIT_USAGE, "unknown option in '%s'; try '%s --help'", word,
				    options_self());
		}
		set(o, op->id, NULL);
	}
	return 0;
}

/* Whether word ("--NAME[=VALUE]") is one of up's long options spelled in
 * full: the only options up reads after PROFILE. */
static bool full_long(const char *word)
{
	const struct option_spec *op = options_named(word);
	return op && strlen(op->name) == strcspn(word + 2, "=");
}

/* A word after PROFILE that starts with '-' and is not one of up's long
 * options spelled in full: refused, with the command that gives it (and
 * what follows) to the app instead. */
static int refuse(int argc, char **argv, int at, struct buf *err)
{
	struct buf cmd;
	buf_init(&cmd);
	buf_puts(&cmd, options_self());
	for (int k = 1; k < argc; k++) {
		if (k == at)
			buf_puts(&cmd, " --");
		buf_putc(&cmd, ' ');
		quote_word(&cmd, argv[k]);
	}
	struct buf word;
	buf_init(&word);
	text_show_name(&word, argv[at]);
	int rc = fail(err, EXIT_USAGE, "%s after PROFILE is not an option of up's (there up reads "
		      "only its long options, spelled in full); to give it to the app, put -- before "
		      "it:\n  %s", word.data, cmd.data);
	buf_free(&word);
	buf_free(&cmd);
	return rc;
}

int options_parse(struct options *o, int argc, char **argv, struct buf *err)
{
	static char *none[] = { NULL };
	memset(o, 0, sizeof *o);
	o->argv0 = argc > 0 ? argv[0] : NULL;
	o->attr = "upManifest";
	o->args = none;

	/* Before PROFILE: options, short and abbreviated ones too. */
	int i = 1, rc;
	bool ended = false;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--")) {
			ended = true;
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
		if (i < argc && !ended)
			return fail(err, EXIT_USAGE, "--complete takes the words to complete after '--': "
				    "up --complete -- WORD...");
		o->words = argv + i;
		o->nwords = (size_t)(argc - i);
		return 0;
	}

	/* Then PROFILE, TYPE and the app's words (up(1) OPTIONS): until the
	 * first "--", a word that starts with '-' is one of up's long
	 * options spelled in full, or refused; after it, every word but
	 * PROFILE and TYPE is the app's, as it is. A "--" once PROFILE is
	 * given, or a word for the app, ends PROFILE and TYPE; a profile
	 * never starts with '-'. The app's words are gathered in place, at
	 * the start of what is left of argv. */
	for (int k = i; !ended && k < argc && strcmp(argv[k], "--"); k++) {
		/* (first, before argv is gathered in place: the refusal quotes it) */
		const struct option_spec *op = argv[k][0] == '-' && argv[k][1] ? options_named(argv[k]) : NULL;
		if (argv[k][0] == '-' && argv[k][1] && !full_long(argv[k]))
			return refuse(argc, argv, k, err);
		if (op && op->arg && !op->optional && !strchr(argv[k], '='))
			k++;   /* its value */
	}
	char **app = argv + i;
	size_t napp = 0;
	bool named = false;    /* PROFILE and TYPE can no longer be given */
	for (; i < argc; i++) {
		char *a = argv[i];
		bool dash = a[0] == '-' && a[1];
		if (!ended && !strcmp(a, "--")) {
			ended = true;
			named = named || o->profile;
			continue;
		}
		if (!ended && dash) {
			if ((rc = parse_long(o, argc, argv, &i, err)))
				return rc;
			continue;
		}
		if (!named && !dash && !o->profile) {
			o->profile = a;
		} else if (!named && !dash && !o->type) {
			o->type = a;
		} else {
			named = true;
			app[napp++] = a;
		}
	}
	app[napp] = NULL;
	o->args = app;
	o->nargs = napp;

	if (o->json && !o->dry_run && !o->list && !o->show && !o->doctor && !o->help && !o->version &&
	    !o->matrix)
		return fail(err, EXIT_USAGE, "--json goes with --dry-run, --list, --show or --doctor");
	if (o->list + o->show + o->doctor + o->dry_run > 1)
		return fail(err, EXIT_USAGE, "--dry-run, --list, --show and --doctor go one at a time");
	if (o->doctor && o->profile)
		return fail(err, EXIT_USAGE, "--doctor takes no PROFILE ('%s'): it checks every target",
			    o->profile);
	if (o->matrix && (o->profile || o->list || o->show || o->doctor || o->dry_run || o->init))
		return fail(err, EXIT_USAGE, "--matrix takes no PROFILE and goes alone (it prints JSON)");
	if (o->write && !o->init)
		return fail(err, EXIT_USAGE, "--write goes with --init");
	if (o->init && (o->profile || o->list || o->show || o->doctor || o->dry_run || o->json))
		return fail(err, EXIT_USAGE, "--init takes no PROFILE and goes alone (with --write)");
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
	if (!skip_prefix(word, "--"))
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
	bool named = false;  /* PROFILE and TYPE can no longer come */
	for (size_t i = 0; i + 1 < n; i++) {
		const char *a = w[i];
		bool dash = a[0] == '-' && a[1];
		if (!s->ended && !strcmp(a, "--")) {
			s->ended = true;
			named = named || s->positional;
			continue;
		}
		if (!s->ended && dash) {
			/* as options_parse() reads them: after PROFILE, long
			 * options spelled in full alone (any other is refused) */
			const struct option_spec *op = options_named(a);
			if (!op || !op->arg || (op->optional && !strchr(a, '=')) ||
			    (s->positional && !full_long(a)))
				continue;
			if (strchr(a, '='))
				note_value(s, op, strchr(a, '=') + 1);
			else if (i + 2 == n)
				s->value_of = op;
			else
				note_value(s, op, w[++i]);
			continue;
		}
		if (named || dash || s->positional >= 2) {
			named = true;
			s->positional = 2;    /* the app's words */
		} else if (s->positional++ == 0) {
			s->profile = a;
		}
	}
	if (named)
		s->positional = 2;
}
