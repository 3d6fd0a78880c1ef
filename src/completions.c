/* Shell completions (SPEC §5): the `up --complete` protocol and the bash,
 * zsh and fish scripts that use it (or, with --static, embed its answers).
 *
 * Names and descriptions are data all the way: the protocol prints them as
 * lines, the dynamic scripts read those lines without evaluating them, and
 * the static scripts hold them as single-quoted literals of their shell. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cache.h"
#include "completions.h"
#include "exitcode.h"
#include "flake.h"
#include "manifest.h"
#include "nix.h"
#include "platform.h"
#include "quote.h"

/* One of up's options as --help lists it. The usage text is the single
 * source of option names and descriptions, so completions cannot drift. */
struct copt {
	char *name;     /* "--flake" or "-n" */
	char *desc;
	bool value;     /* takes a value: the usage names one ("--flake REF") */
};

struct copts {
	struct copt *v;
	size_t n;
};

static char *dup_n(const char *s, size_t n)
{
	struct buf b;
	buf_init(&b);
	buf_add(&b, s, n);
	return buf_take(&b);
}

static void copts_add(struct copts *t, const char *name, size_t len,
		      const char *desc, size_t dlen, bool value)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n].name = dup_n(name, len);
	t->v[t->n].desc = dup_n(desc, dlen);
	t->v[t->n].value = value;
	t->n++;
}

/* A line "  -n, --dry-run        TEXT" or "      --flake REF      TEXT":
 * the names, whether a value follows them, and the text after the first
 * run of two spaces. Other lines are not options. */
static void parse_usage_line(struct copts *t, const char *line, size_t len)
{
	size_t i = strspn(line, " ");
	if (i >= len || line[i] != '-')
		return;
	size_t end = i;
	while (end < len && !(line[end] == ' ' && end + 1 < len && line[end + 1] == ' '))
		end++;
	size_t d = end;
	while (d < len && line[d] == ' ')
		d++;
	bool value = false;
	for (size_t k = i; k < end; k++)
		if (line[k] != '-' && line[k] != ' ' && line[k] != ',' &&
		    (k == i || line[k - 1] == ' ' || line[k - 1] == ','))
			value = true;
	for (size_t k = i; k < end;) {
		size_t n = strcspn(line + k, " ,");
		if (k + n > end)
			n = end - k;
		if (line[k] == '-')
			copts_add(t, line + k, n, line + d, len - d, value);
		k += n;
		k += strspn(line + k, " ,");
	}
}

static void copts_load(struct copts *t)
{
	t->v = NULL;
	t->n = 0;
	for (const char *s = options_usage(); *s;) {
		size_t len = strcspn(s, "\n");
		parse_usage_line(t, s, len);
		s += len + (s[len] == '\n');
	}
}

static void copts_free(struct copts *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].desc);
	}
	free(t->v);
}

/* The long option a word names, as options_parse() takes it: the exact
 * name, else the only one it is a prefix of. "--flake=X" names --flake. */
static const struct copt *long_option(const struct copts *t, const char *word)
{
	if (strncmp(word, "--", 2))
		return NULL;
	size_t len = strcspn(word, "=");
	const struct copt *hit = NULL;
	bool many = false;
	for (size_t i = 0; i < t->n; i++) {
		if (strncmp(t->v[i].name, word, len))
			continue;
		if (t->v[i].name[len] == '\0')
			return &t->v[i];
		many = many || hit;
		hit = &t->v[i];
	}
	return many ? NULL : hit;
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void put(const char *prefix, const char *name, const char *desc)
{
	printf("%s%s\t%s\n", prefix, name, desc);
}

/* The shells, in the order --completions names them. */
struct shell {
	const char *name;
	const char *const *head;     /* comment lines; zsh's starts #compdef */
	const char *const *dynamic;  /* __up_answer asking up */
	const char *const *fixed;    /* __up_answer from embedded names */
	const char *const *common;   /* reading answers, registering */
	const char *open;            /* starts an array; %s is its name */
	const char *item;            /* goes before each element */
	const char *close;           /* ends an array */
	void (*quote)(struct buf *out, const char *s);
	size_t base;                 /* index of an array's first element */
};

enum { NSHELLS = 3 };
static const struct shell shells[NSHELLS];

/* --- The protocol ---------------------------------------------------- */

/* What the words before the current one say, read as options_parse()
 * reads a command line. */
struct scan {
	const char *flake;        /* the last --flake value, else NULL */
	const char *attr;         /* the last --attr value, else NULL */
	const char *profile;      /* the first positional word */
	size_t pos;               /* positional words before the current one */
	bool done;                /* options have ended */
	const struct copt *value; /* the current word is this option's value */
};

static void note_value(struct scan *s, const struct copt *op, const char *v)
{
	if (!strcmp(op->name, "--flake"))
		s->flake = v;
	else if (!strcmp(op->name, "--attr"))
		s->attr = v;
}

static void scan_words(struct scan *s, const struct copts *t, char **w, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		const char *a = w[i];
		if (!s->done && !strcmp(a, "--")) {
			s->done = true;
			continue;
		}
		if (!s->done && a[0] == '-' && a[1]) {
			const struct copt *op = long_option(t, a);
			if (!op || !op->value)
				continue;
			if (strchr(a, '='))
				note_value(s, op, strchr(a, '=') + 1);
			else if (i + 2 == n)
				s->value = op;
			else
				note_value(s, op, w[++i]);
			continue;
		}
		if (s->done && !strcmp(a, "--")) {
			s->pos = 2;     /* what follows is the app's */
			continue;
		}
		s->done = true;
		if (s->pos++ == 0)
			s->profile = a;
	}
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name that holds no control character: one line of the protocol. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory part of the current word, as a path to open: "~/" is
 * the shell's, and an empty part is the current directory. */
static void dir_path(struct buf *b, const char *cur, size_t dlen)
{
	const char *home = getenv("HOME");
	if (dlen == 0) {
		buf_puts(b, "./");
	} else if (starts_with(cur, "~/") && home) {
		buf_puts(b, home);
		buf_add(b, cur + 1, dlen - 1);
	} else {
		buf_add(b, cur, dlen);
	}
}

/* Directories whose path starts with cur, each with '/' appended: hidden
 * ones only when the name being typed starts with '.'. */
static void complete_dirs(const char *prefix, const char *cur)
{
	const char *slash = strrchr(cur, '/');
	size_t dlen = slash ? (size_t)(slash - cur) + 1 : 0;
	const char *base = cur + dlen;
	struct buf dir, path;
	buf_init(&dir);
	buf_init(&path);
	dir_path(&dir, cur, dlen);
	char **names = NULL;
	size_t n = 0;
	DIR *d = opendir(dir.data);
	for (struct dirent *e; d && (e = readdir(d));) {
		const char *name = e->d_name;
		if (!starts_with(name, base) || !strcmp(name, ".") || !printable(name) ||
		    (name[0] == '.' && base[0] != '.') || (!strcmp(name, "..") && strcmp(base, "..")))
			continue;
		path.len = 0;
		buf_printf(&path, "%s%s", dir.data, name);
		if (!is_dir(path.data))
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof *names, compare);
	for (size_t i = 0; i < n; i++) {
		path.len = 0;
		buf_printf(&path, "%s%s/flake.nix", dir.data, names[i]);
		struct stat st;
		bool flake = stat(path.data, &st) == 0 && S_ISREG(st.st_mode);
		printf("%s%.*s%s/\t%s\n", prefix, (int)dlen, cur, names[i],
		       flake ? "flake" : "directory");
		free(names[i]);
	}
	free(names);
	buf_free(&dir);
	buf_free(&path);
}

static void complete_value(const struct copt *op, const char *prefix, const char *cur)
{
	if (!strcmp(op->name, "--flake"))
		complete_dirs(prefix, cur);
	else if (!strcmp(op->name, "--completions"))
		for (size_t i = 0; i < NSHELLS; i++)
			if (starts_with(shells[i].name, cur))
				printf("%s%s\tcompletion script for %s\n", prefix,
				       shells[i].name, shells[i].name);
}

/* A word starting with '-' before the options end: an option, or with
 * "--name=" the value of that option. */
static void complete_option(const struct copts *t, const char *cur)
{
	const char *eq = strchr(cur, '=');
	if (eq) {
		const struct copt *op = long_option(t, cur);
		if (op && op->value) {
			char *prefix = dup_n(cur, (size_t)(eq - cur) + 1);
			complete_value(op, prefix, eq + 1);
			free(prefix);
		}
		return;
	}
	for (size_t i = 0; i < t->n; i++)
		if (starts_with(t->v[i].name, cur))
			put("", t->v[i].name, t->v[i].desc);
}

/* "~" and "~/..." in a --flake value, as the shell will expand them. */
static char *expand_home(const char *v)
{
	const char *home = getenv("HOME");
	struct buf b;
	buf_init(&b);
	if (home && v[0] == '~' && (v[1] == '\0' || v[1] == '/')) {
		buf_puts(&b, home);
		v++;
	}
	buf_puts(&b, v);
	return buf_take(&b);
}

/* The manifest of a flake (resolved as up resolves it) and attribute,
 * through the cache as every run loads it. Quiet: no message at all, as
 * at TAB time. */
static int load(struct manifest *m, const struct options *o, const char *flake_option,
		const char *attr, bool quiet)
{
	struct flake fl;
	struct nix nx;
	struct platform pf;
	char msg[512];
	flake_init(&fl);
	nix_init(&nx);
	platform_init(&pf);
	int rc = flake_resolve(&fl, flake_option, msg, sizeof msg);
	if (rc && !quiet)
		fprintf(stderr, "up: %s\n", msg);
	if (rc == 0)
		rc = cache_load(m, &nx, &fl, attr, platform_system(&pf), o->cache, quiet);
	nix_free(&nx);
	flake_free(&fl);
	return rc;
}

static void complete_profiles(const struct manifest *m, const char *cur)
{
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		const char *name = manifest_profile_name(m, p);
		if (starts_with(name, cur) && manifest_valid_name(name))
			put("", name, manifest_profile_description(m, p));
	}
}

/* Only the types that profile lists, in its order. */
static void complete_types(const struct manifest *m, const char *profile, const char *cur)
{
	size_t p = manifest_profile_find(m, profile);
	if (p == MANIFEST_NONE)
		return;
	for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
		size_t t = manifest_profile_type(m, p, i);
		const char *name = manifest_type_name(m, t);
		if (starts_with(name, cur) && manifest_valid_name(name))
			put("", name, manifest_type_description(m, t));
	}
}

/* PROFILE (the first positional word) or TYPE (the second), from the
 * flake the words name, else the one up would read. */
static void complete_names(const struct options *o, const struct scan *s, const char *cur)
{
	struct manifest m;
	manifest_init(&m);
	char *flake = s->flake ? expand_home(s->flake) : NULL;
	if (load(&m, o, flake ? flake : o->flake, s->attr ? s->attr : o->attr, true) == 0) {
		if (s->pos == 0)
			complete_profiles(&m, cur);
		else
			complete_types(&m, s->profile, cur);
	}
	free(flake);
	manifest_free(&m);
}

static int answer(const struct options *o)
{
	static char none[] = "";
	char *empty[] = { none };
	char **w = o->nwords ? o->words : empty;
	size_t n = o->nwords ? o->nwords : 1;
	const char *cur = w[n - 1];
	struct copts t;
	struct scan s = { 0 };
	copts_load(&t);
	scan_words(&s, &t, w, n);
	if (s.value)
		complete_value(s.value, "", cur);
	else if (!s.done && cur[0] == '-')
		complete_option(&t, cur);
	else if (s.pos < 2)
		complete_names(o, &s, cur);
	copts_free(&t);
	return fflush(stdout) ? EXIT_INTERNAL : EXIT_OK;
}

/* --- The scripts ----------------------------------------------------- */

/* Single quotes that every POSIX shell and zsh read literally, even for
 * words quote_word() would leave bare (zsh globs '#' and '^' with
 * EXTENDED_GLOB and expands a leading '='). */
static void quote_zsh(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s; s++)
		if (*s == '\'')
			buf_puts(out, "'\\''");
		else
			buf_putc(out, *s);
	buf_putc(out, '\'');
}

/* fish's single quotes: only \\ and \' are escapes inside them. */
static void quote_fish(struct buf *out, const char *s)
{
	buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
	buf_putc(out, '\'');
}

static void put_lines(struct buf *b, const char *const *lines)
{
	for (; *lines; lines++) {
		buf_puts(b, *lines);
		buf_putc(b, '\n');
	}
}

static void array_open(struct buf *b, const struct shell *sh, const char *name)
{
	buf_printf(b, sh->open, name);
}

static void array_item(struct buf *b, const struct shell *sh, const char *s)
{
	buf_puts(b, sh->item);
	sh->quote(b, s);
}

/* An element "NAME<TAB>DESCRIPTION": one line of the protocol. */
static void array_line(struct buf *b, const struct shell *sh, const char *name, const char *desc)
{
	struct buf line;
	buf_init(&line);
	buf_printf(&line, "%s\t%s", name, desc);
	array_item(b, sh, line.data);
	buf_free(&line);
}

static void put_options(struct buf *b, const struct shell *sh, const struct copts *t)
{
	array_open(b, sh, "__up_opt_lines");
	for (size_t i = 0; i < t->n; i++)
		array_line(b, sh, t->v[i].name, t->v[i].desc);
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_value_opts");
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].value)
			array_item(b, sh, t->v[i].name);
	buf_puts(b, sh->close);
}

static void put_names(struct buf *b, const struct shell *sh, const struct manifest *m)
{
	struct buf idx;
	buf_init(&idx);
	array_open(b, sh, "__up_profile_lines");
	for (size_t p = 0; p < manifest_profile_count(m); p++)
		array_line(b, sh, manifest_profile_name(m, p), manifest_profile_description(m, p));
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_profile_types");
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		idx.len = 0;
		buf_add(&idx, "", 0);
		for (size_t i = 0; i < manifest_profile_type_count(m, p); i++)
			buf_printf(&idx, "%s%zu", i ? " " : "",
				   manifest_profile_type(m, p, i) + sh->base);
		array_item(b, sh, idx.data);
	}
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_type_lines");
	for (size_t t = 0; t < manifest_type_count(m); t++)
		array_line(b, sh, manifest_type_name(m, t), manifest_type_description(m, t));
	buf_puts(b, sh->close);
	buf_free(&idx);
}

static int put_static(struct buf *b, const struct shell *sh, const struct options *o)
{
	struct manifest m;
	struct copts t;
	manifest_init(&m);
	int rc = load(&m, o, o->flake, o->attr, false);
	if (rc == 0) {
		copts_load(&t);
		buf_printf(b, "\n# Static: the names of the manifest %s are embedded below, so no up\n"
			   "# runs at TAB time. Regenerate with up --completions %s --static.\n",
			   manifest_name(&m), sh->name);
		put_options(b, sh, &t);
		put_names(b, sh, &m);
		put_lines(b, sh->fixed);
		copts_free(&t);
	}
	manifest_free(&m);
	return rc;
}

static const struct shell *find_shell(const char *name)
{
	for (size_t i = 0; i < NSHELLS; i++)
		if (!strcmp(shells[i].name, name))
			return &shells[i];
	return NULL;
}

static int script(const struct options *o)
{
	const struct shell *sh = find_shell(o->completions);
	struct buf b;
	buf_init(&b);
	if (!sh) {
		manifest_show_name(&b, o->completions);
		fprintf(stderr, "up: unknown shell %s for --completions: give bash, zsh or fish\n",
			b.data);
		buf_free(&b);
		return EXIT_USAGE;
	}
	int rc = 0;
	put_lines(&b, sh->head);
	if (o->static_completions)
		rc = put_static(&b, sh, o);
	else
		put_lines(&b, sh->dynamic);
	put_lines(&b, sh->common);
	if (rc == 0 && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout))) {
		fprintf(stderr, "up: cannot write the completion script: %s\n", strerror(errno));
		rc = EXIT_INTERNAL;
	}
	buf_free(&b);
	return rc;
}

int completions_main(const struct options *o)
{
	return o->complete ? answer(o) : script(o);
}

/* --- The scripts' text, one string a line ------------------------------
 * Each script is HEAD, then DYNAMIC or (embedded names and) STATIC, then
 * COMMON. Every __up_answer prints the protocol's lines for the words after
 * "up"; COMMON turns them into the shell's candidates. */

static const char *const bash_head[] = {
	"# bash completion for up                                   -*- shell-script -*-",
	"# Load it with `source <(up --completions bash)`, or install it as \"up\" in",
	"# bash-completion's completionsdir. Candidates are data: bash never",
	"# expands them (COMPREPLY is set element by element).",
	NULL,
};

static const char *const bash_dynamic[] = {
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, asked of up at TAB time.",
	"__up_answer()",
	"{",
	"\tcommand up --complete -- \"$@\" 2>/dev/null",
	"}",
	NULL,
};

static const char *const bash_static[] = {
	"",
	"# The unique long option a word names (prefixes count, as up takes them):",
	"# its index in __up_opt_lines in REPLY.",
	"__up_option()",
	"{",
	"\tlocal i name hit=-1 many=",
	"\tfor ((i = 0; i < ${#__up_opt_lines[@]}; i++)); do",
	"\t\tname=${__up_opt_lines[i]%%$'\\t'*}",
	"\t\tif [[ $name == \"$1\" ]]; then",
	"\t\t\tREPLY=$i",
	"\t\t\treturn 0",
	"\t\tfi",
	"\t\t[[ $name == \"$1\"* ]] || continue",
	"\t\tif ((hit < 0)); then hit=$i; else many=1; fi",
	"\tdone",
	"\t[[ $hit -ge 0 && -z $many ]] && REPLY=$hit",
	"}",
	"",
	"__up_takes_value()",
	"{",
	"\tlocal v",
	"\t__up_option \"$1\" || return",
	"\tfor v in \"${__up_value_opts[@]}\"; do",
	"\t\t[[ ${__up_opt_lines[REPLY]%%$'\\t'*} == \"$v\" ]] && return 0",
	"\tdone",
	"\treturn 1",
	"}",
	"",
	"# The values of option $1 that start with $3, each after the text $2.",
	"__up_value()",
	"{",
	"\tlocal d",
	"\tcase $1 in",
	"\t--flake)",
	"\t\twhile IFS= read -r d; do",
	"\t\t\t[[ $d != *$'\\t'* ]] || continue",
	"\t\t\tif [[ $d == '~/'* ]]; then",
	"\t\t\t\t[[ -d $HOME/${d#'~/'} ]] || continue",
	"\t\t\telse",
	"\t\t\t\t[[ -d $d ]] || continue",
	"\t\t\tfi",
	"\t\t\t[[ ${d##*/} == .* && ${3##*/} != .* ]] && continue",
	"\t\t\tprintf '%s%s/\\tdirectory\\n' \"$2\" \"$d\"",
	"\t\tdone < <(compgen -d -- \"$3\")",
	"\t\t;;",
	"\t--completions)",
	"\t\tfor d in bash zsh fish; do",
	"\t\t\t[[ $d == \"$3\"* ]] && printf '%s%s\\tcompletion script for %s\\n' \"$2\" \"$d\" \"$d\"",
	"\t\tdone",
	"\t\t;;",
	"\tesac",
	"}",
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, from the names above.",
	"__up_answer()",
	"{",
	"\tlocal -a a=(\"$@\")",
	"\tlocal n=$# i=0 w done= pos=0 profile= line t REPLY IFS=$' \\t\\n'",
	"\tlocal cur=${a[n-1]}",
	"\twhile ((i < n - 1)); do",
	"\t\tw=${a[i]}",
	"\t\tif [[ -z $done ]]; then",
	"\t\t\tif [[ $w == -- ]]; then",
	"\t\t\t\tdone=1 i=$((i + 1))",
	"\t\t\t\tcontinue",
	"\t\t\tfi",
	"\t\t\tif [[ $w == -?* ]]; then",
	"\t\t\t\tif [[ $w == --* && $w != *=* ]] && __up_takes_value \"$w\"; then",
	"\t\t\t\t\tif ((i + 2 == n)); then",
	"\t\t\t\t\t\t__up_value \"${__up_opt_lines[REPLY]%%$'\\t'*}\" '' \"$cur\"",
	"\t\t\t\t\t\treturn",
	"\t\t\t\t\tfi",
	"\t\t\t\t\ti=$((i + 1))",
	"\t\t\t\tfi",
	"\t\t\t\ti=$((i + 1))",
	"\t\t\t\tcontinue",
	"\t\t\tfi",
	"\t\t\tdone=1",
	"\t\telif [[ $w == -- ]]; then",
	"\t\t\tpos=2 i=$((i + 1))",
	"\t\t\tcontinue",
	"\t\tfi",
	"\t\tpos=$((pos + 1)) i=$((i + 1))",
	"\t\t((pos == 1)) && profile=$w",
	"\tdone",
	"\tif [[ -z $done && $cur == -* ]]; then",
	"\t\tif [[ $cur == --*=* ]]; then",
	"\t\t\t__up_takes_value \"${cur%%=*}\" &&",
	"\t\t\t\t__up_value \"${__up_opt_lines[REPLY]%%$'\\t'*}\" \"${cur%%=*}=\" \"${cur#*=}\"",
	"\t\t\treturn",
	"\t\tfi",
	"\t\tfor line in \"${__up_opt_lines[@]}\"; do",
	"\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\tdone",
	"\telif ((pos == 0)); then",
	"\t\tfor line in \"${__up_profile_lines[@]}\"; do",
	"\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\tdone",
	"\telif ((pos == 1)); then",
	"\t\tfor ((i = 0; i < ${#__up_profile_lines[@]}; i++)); do",
	"\t\t\t[[ ${__up_profile_lines[i]%%$'\\t'*} == \"$profile\" ]] || continue",
	"\t\t\tfor t in ${__up_profile_types[i]}; do",
	"\t\t\t\tline=${__up_type_lines[t]}",
	"\t\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\t\tdone",
	"\t\t\treturn",
	"\t\tdone",
	"\tfi",
	"\treturn 0",
	"}",
	NULL,
};

static const char *const bash_common[] = {
	"",
	"# A word as the command will see it: quotes and backslashes removed, and",
	"# nothing expanded or run. The result is in REPLY.",
	"__up_dequote()",
	"{",
	"\tlocal s=$1 out= q= c i",
	"\tif [[ $s != *[\\'\\\"\\\\]* ]]; then",
	"\t\tREPLY=$s",
	"\t\treturn",
	"\tfi",
	"\tfor ((i = 0; i < ${#s}; i++)); do",
	"\t\tc=${s:i:1}",
	"\t\tif [[ $q == \"'\" ]]; then",
	"\t\t\tif [[ $c == \"'\" ]]; then q=; else out+=$c; fi",
	"\t\telif [[ $q == '\"' ]]; then",
	"\t\t\tif [[ $c == '\"' ]]; then",
	"\t\t\t\tq=",
	"\t\t\telif [[ $c == '\\' && ${s:i+1:1} == [\\\"\\\\\\$\\`] ]]; then",
	"\t\t\t\tout+=${s:i+1:1} i=$((i + 1))",
	"\t\t\telse",
	"\t\t\t\tout+=$c",
	"\t\t\tfi",
	"\t\telif [[ $c == [\\'\\\"] ]]; then",
	"\t\t\tq=$c",
	"\t\telif [[ $c == '\\' ]]; then",
	"\t\t\tout+=${s:i+1:1} i=$((i + 1))",
	"\t\telse",
	"\t\t\tout+=$c",
	"\t\tfi",
	"\tdone",
	"\tREPLY=$out",
	"}",
	"",
	"# Without bash-completion: the words of COMP_WORDS joined again where bash",
	"# split them at a COMP_WORDBREAKS character such as '=' or ':'.",
	"__up_join_words()",
	"{",
	"\tlocal line=${COMP_LINE:0:COMP_POINT} i piece lead",
	"\twords=() cword=-1",
	"\tfor ((i = 0; i <= COMP_CWORD; i++)); do",
	"\t\tpiece=${COMP_WORDS[i]}",
	"\t\tlead=${line%%[![:space:]]*}",
	"\t\tline=${line#\"$lead\"}",
	"\t\t((i == COMP_CWORD)) && piece=$line",
	"\t\tif ((cword < 0)) || [[ -n $lead ]]; then",
	"\t\t\tcword=$((cword + 1))",
	"\t\t\twords[cword]=$piece",
	"\t\telse",
	"\t\t\twords[cword]+=$piece",
	"\t\tfi",
	"\t\tline=${line#\"$piece\"}",
	"\tdone",
	"\tcur=${words[cword]}",
	"}",
	"",
	"# Sets the caller's cur, words and cword: the command line up to the",
	"# cursor, split as the shell splits it, dequoted.",
	"__up_words()",
	"{",
	"\tlocal i REPLY",
	"\tif declare -F _comp_get_words >/dev/null; then",
	"\t\t_comp_get_words -n =: cur words cword",
	"\telif declare -F _get_comp_words_by_ref >/dev/null; then",
	"\t\t_get_comp_words_by_ref -n =: cur words cword",
	"\telse",
	"\t\t__up_join_words",
	"\tfi",
	"\tfor ((i = 0; i < cword; i++)); do",
	"\t\t__up_dequote \"${words[i]}\"",
	"\t\twords[i]=$REPLY",
	"\tdone",
	"\t__up_dequote \"$cur\"",
	"\tcur=$REPLY",
	"}",
	"",
	"# COMPREPLY for the words after \"up\" (the last one is the word under the",
	"# cursor): the names of the answers that start with it, set one by one.",
	"__up_reply()",
	"{",
	"\tlocal cur=${!#} line name pre= p dirs=",
	"\tlocal -a names=()",
	"\tif [[ $COMP_WORDBREAKS == *=* && $cur == *=* ]]; then",
	"\t\tpre=${cur%=*}=",
	"\tfi",
	"\tif [[ $COMP_WORDBREAKS == *:* && $cur == *:* ]]; then",
	"\t\tp=${cur%:*}:",
	"\t\t((${#p} > ${#pre})) && pre=$p",
	"\tfi",
	"\twhile IFS= read -r line; do",
	"\t\tname=${line%%$'\\t'*}",
	"\t\t[[ -n $name && $name == \"$cur\"* ]] || continue",
	"\t\tif [[ $name == */ ]]; then",
	"\t\t\t# a directory: readline appends the / (after any quote)",
	"\t\t\tdirs=1 name=${name%/}",
	"\t\tfi",
	"\t\tnames+=(\"${name#\"$pre\"}\")",
	"\tdone < <(__up_answer \"$@\")",
	"\t[[ -n $dirs ]] && compopt -o filenames -o nospace 2>/dev/null",
	"\tCOMPREPLY=(\"${names[@]}\")",
	"\treturn 0",
	"}",
	"",
	"_up()",
	"{",
	"\tlocal cur words cword",
	"\t__up_words",
	"\t__up_reply \"${words[@]:1:cword-1}\" \"$cur\"",
	"}",
	"",
	"# nix run REF#up [--] WORD...: the words complete as up's own, from the",
	"# flake REF; every other nix command goes to nix's completion unchanged.",
	"__up_nix()",
	"{",
	"\tlocal cur words cword i=1 ref",
	"\t__up_words",
	"\twhile ((i < cword)) && [[ ${words[i]} == -* ]]; do i=$((i + 1)); done",
	"\tif ((i < cword)) && [[ ${words[i]} == run ]]; then",
	"\t\ti=$((i + 1))",
	"\t\twhile ((i < cword)) && [[ ${words[i]} == -* ]]; do i=$((i + 1)); done",
	"\t\tif ((i < cword)) && [[ ${words[i]} == *'#up' ]]; then",
	"\t\t\tref=${words[i]%'#up'}",
	"\t\t\ti=$((i + 1))",
	"\t\t\t((i < cword)) && [[ ${words[i]} == -- ]] && i=$((i + 1))",
	"\t\t\t__up_reply --flake \"${ref:-.}\" \"${words[@]:i:cword-i}\" \"$cur\"",
	"\t\t\treturn",
	"\t\tfi",
	"\tfi",
	"\t\"$__up_nix_orig\" \"$@\"",
	"}",
	"",
	"# Wraps nix's completion function (loading it first if bash-completion",
	"# has not yet), keeping its name and options; a spec this does not know",
	"# is left alone.",
	"__up_hook_nix()",
	"{",
	"\tlocal IFS=$' \\t\\n' spec f= j",
	"\tlocal -a w opts=()",
	"\tspec=$(complete -p nix 2>/dev/null)",
	"\tif [[ -z $spec ]]; then",
	"\t\tif declare -F _comp_load >/dev/null; then",
	"\t\t\t_comp_load -- nix >/dev/null 2>&1",
	"\t\telif declare -F __load_completion >/dev/null; then",
	"\t\t\t__load_completion nix >/dev/null 2>&1",
	"\t\tfi",
	"\t\tspec=$(complete -p nix 2>/dev/null)",
	"\tfi",
	"\tread -ra w <<<\"$spec\"",
	"\tfor ((j = 1; j < ${#w[@]} - 1; j++)); do",
	"\t\tcase ${w[j]} in",
	"\t\t-F) j=$((j + 1)) f=${w[j]} ;;",
	"\t\t-o) j=$((j + 1)) opts+=(-o \"${w[j]}\") ;;",
	"\t\t--) ;;",
	"\t\t*) return 0 ;;",
	"\t\tesac",
	"\tdone",
	"\t[[ -n $f && $f != __up_nix && ${w[${#w[@]}-1]} == nix ]] || return 0",
	"\t__up_nix_orig=$f",
	"\tcomplete \"${opts[@]}\" -F __up_nix nix",
	"}",
	"",
	"__up_hook_nix",
	"complete -F _up up",
	NULL,
};

static const char *const zsh_head[] = {
	"#compdef up",
	"# zsh completion for up. Install it as \"_up\" in a directory of $fpath",
	"# (site-functions), or load it after compinit with",
	"# `source <(up --completions zsh)`. Candidates are data: compadd and",
	"# _describe take them as they are, nothing evaluates them.",
	NULL,
};

static const char *const zsh_dynamic[] = {
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, asked of up at TAB time.",
	"__up_answer()",
	"{",
	"\tcommand up --complete -- \"$@\" 2>/dev/null",
	"}",
	NULL,
};

static const char *const zsh_static[] = {
	"",
	"# The unique long option a word names (prefixes count, as up takes them):",
	"# its index in __up_opt_lines in REPLY.",
	"__up_option()",
	"{",
	"\temulate -L zsh",
	"\tlocal i name hit=0 many=0",
	"\tfor (( i = 1; i <= $#__up_opt_lines; i++ )); do",
	"\t\tname=${__up_opt_lines[i]%%$'\\t'*}",
	"\t\tif [[ $name == \"$1\" ]]; then",
	"\t\t\tREPLY=$i",
	"\t\t\treturn 0",
	"\t\tfi",
	"\t\t[[ $name == \"$1\"* ]] || continue",
	"\t\tif (( hit )); then many=1; else hit=$i; fi",
	"\tdone",
	"\t(( hit && !many )) && REPLY=$hit",
	"}",
	"",
	"__up_takes_value()",
	"{",
	"\temulate -L zsh",
	"\t__up_option \"$1\" || return",
	"\t(( ${__up_value_opts[(Ie)${__up_opt_lines[REPLY]%%$'\\t'*}]} ))",
	"}",
	"",
	"# The values of option $1 that start with $3, each after the text $2.",
	"__up_value()",
	"{",
	"\temulate -L zsh",
	"\tlocal d pat",
	"\tcase $1 in",
	"\t(--flake)",
	"\t\tif [[ $3 == '~/'* ]]; then",
	"\t\t\tpat=\"${(b)HOME}/${(b)3#'~/'}*(N-/)\"",
	"\t\telse",
	"\t\t\tpat=\"${(b)3}*(N-/)\"",
	"\t\tfi",
	"\t\tfor d in ${~pat}; do",
	"\t\t\t[[ $3 == '~/'* ]] && d=\"~/${d#$HOME/}\"",
	"\t\t\t[[ $d == *$'\\t'* ]] || printf '%s%s/\\tdirectory\\n' \"$2\" \"$d\"",
	"\t\tdone",
	"\t\t;;",
	"\t(--completions)",
	"\t\tfor d in bash zsh fish; do",
	"\t\t\t[[ $d == \"$3\"* ]] && printf '%s%s\\tcompletion script for %s\\n' \"$2\" \"$d\" \"$d\"",
	"\t\tdone",
	"\t\t;;",
	"\tesac",
	"}",
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, from the names above.",
	"__up_answer()",
	"{",
	"\temulate -L zsh",
	"\tlocal -a a types",
	"\tlocal n=$# i=1 w done=0 pos=0 profile= line t REPLY cur",
	"\ta=(\"$@\")",
	"\tcur=$a[n]",
	"\twhile (( i < n )); do",
	"\t\tw=$a[i]",
	"\t\tif (( !done )); then",
	"\t\t\tif [[ $w == -- ]]; then",
	"\t\t\t\tdone=1 i=$(( i + 1 ))",
	"\t\t\t\tcontinue",
	"\t\t\tfi",
	"\t\t\tif [[ $w == -?* ]]; then",
	"\t\t\t\tif [[ $w == --* && $w != *=* ]] && __up_takes_value \"$w\"; then",
	"\t\t\t\t\tif (( i + 1 == n )); then",
	"\t\t\t\t\t\t__up_value \"${__up_opt_lines[REPLY]%%$'\\t'*}\" '' \"$cur\"",
	"\t\t\t\t\t\treturn",
	"\t\t\t\t\tfi",
	"\t\t\t\t\ti=$(( i + 1 ))",
	"\t\t\t\tfi",
	"\t\t\t\ti=$(( i + 1 ))",
	"\t\t\t\tcontinue",
	"\t\t\tfi",
	"\t\t\tdone=1",
	"\t\telif [[ $w == -- ]]; then",
	"\t\t\tpos=2 i=$(( i + 1 ))",
	"\t\t\tcontinue",
	"\t\tfi",
	"\t\tpos=$(( pos + 1 )) i=$(( i + 1 ))",
	"\t\t(( pos == 1 )) && profile=$w",
	"\tdone",
	"\tif (( !done )) && [[ $cur == -* ]]; then",
	"\t\tif [[ $cur == --*=* ]]; then",
	"\t\t\t__up_takes_value \"${cur%%=*}\" &&",
	"\t\t\t\t__up_value \"${__up_opt_lines[REPLY]%%$'\\t'*}\" \"${cur%%=*}=\" \"${cur#*=}\"",
	"\t\t\treturn",
	"\t\tfi",
	"\t\tfor line in \"${__up_opt_lines[@]}\"; do",
	"\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\tdone",
	"\telif (( pos == 0 )); then",
	"\t\tfor line in \"${__up_profile_lines[@]}\"; do",
	"\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\tdone",
	"\telif (( pos == 1 )); then",
	"\t\tfor (( i = 1; i <= $#__up_profile_lines; i++ )); do",
	"\t\t\t[[ ${__up_profile_lines[i]%%$'\\t'*} == \"$profile\" ]] || continue",
	"\t\t\ttypes=(${=__up_profile_types[i]})",
	"\t\t\tfor t in \"${types[@]}\"; do",
	"\t\t\t\tline=$__up_type_lines[t]",
	"\t\t\t\t[[ ${line%%$'\\t'*} == \"$cur\"* ]] && printf '%s\\n' \"$line\"",
	"\t\t\tdone",
	"\t\t\treturn 0",
	"\t\tdone",
	"\tfi",
	"\treturn 0",
	"}",
	NULL,
};

static const char *const zsh_common[] = {
	"",
	"# Offers the answers for the words after \"up\" (the last one is the word",
	"# under the cursor): names with their descriptions, directories as paths.",
	"__up_offer()",
	"{",
	"\tlocal line name desc lead",
	"\tlocal -a lines described dirs",
	"\tlines=(\"${(@f)$(__up_answer \"$@\")}\")",
	"\tfor line in \"${lines[@]}\"; do",
	"\t\tname=${line%%$'\\t'*}",
	"\t\t[[ -n $name ]] || continue",
	"\t\tif [[ $name == */ ]]; then",
	"\t\t\tdirs+=(\"$name\")",
	"\t\t\tcontinue",
	"\t\tfi",
	"\t\t# _describe reads NAME:DESCRIPTION with backslash escapes",
	"\t\tname=${${name//\\\\/\\\\\\\\}//:/\\\\:}",
	"\t\tdesc=${${line#\"${line%%$'\\t'*}\"}#$'\\t'}",
	"\t\tdescribed+=(\"$name${desc:+:${desc//\\\\/\\\\\\\\}}\")",
	"\tdone",
	"\tif (( $#dirs )); then",
	"\t\t# a leading ~/ stays as typed (compadd would quote the ~)",
	"\t\tlead=${(M)dirs[1]#(*=|)\\~/}",
	"\t\tif [[ -n $lead ]] && compset -P \"${(b)lead}\"; then",
	"\t\t\tcompadd -S '' -- \"${dirs[@]#$lead}\"",
	"\t\telse",
	"\t\t\tcompadd -S '' -- \"${dirs[@]}\"",
	"\t\tfi",
	"\tfi",
	"\t(( $#described )) && _describe -t up-words 'up' described",
	"\treturn 0",
	"}",
	"",
	"_up()",
	"{",
	"\t__up_offer \"${(@Q)words[2,CURRENT-1]}\" \"${(Q)PREFIX}\"",
	"}",
	"",
	"# nix run REF#up [--] WORD...: the words complete as up's own, from the",
	"# flake REF; every other nix command goes to nix's completion unchanged.",
	"__up_nix()",
	"{",
	"\tlocal i=2 ref",
	"\twhile (( i < CURRENT )) && [[ $words[i] == -* ]]; do i=$(( i + 1 )); done",
	"\tif (( i < CURRENT )) && [[ $words[i] == run ]]; then",
	"\t\ti=$(( i + 1 ))",
	"\t\twhile (( i < CURRENT )) && [[ $words[i] == -* ]]; do i=$(( i + 1 )); done",
	"\t\tref=${(Q)words[i]}",
	"\t\tif (( i < CURRENT )) && [[ $ref == *'#up' ]]; then",
	"\t\t\tref=${ref%'#up'}",
	"\t\t\ti=$(( i + 1 ))",
	"\t\t\t(( i < CURRENT )) && [[ $words[i] == -- ]] && i=$(( i + 1 ))",
	"\t\t\t__up_offer --flake \"${ref:-.}\" \"${(@Q)words[i,CURRENT-1]}\" \"${(Q)PREFIX}\"",
	"\t\t\treturn",
	"\t\tfi",
	"\tfi",
	"\t\"$__up_nix_orig\" \"$@\"",
	"}",
	"",
	"# Wraps the completion compinit set for nix, if any, keeping it for",
	"# every other nix command.",
	"__up_hook_nix()",
	"{",
	"\t(( $+_comps[nix] )) || return 0",
	"\t[[ $_comps[nix] == __up_nix ]] && return 0",
	"\ttypeset -g __up_nix_orig=$_comps[nix]",
	"\tcompdef __up_nix nix",
	"}",
	"",
	"if [[ $funcstack[1] == _up ]]; then",
	"\t__up_hook_nix",
	"\t_up \"$@\"",
	"elif (( $+functions[compdef] )); then",
	"\t__up_hook_nix",
	"\tcompdef _up up",
	"else",
	"\tprint -u2 'up: zsh completion needs compinit: run \"autoload -Uz compinit && compinit\" first'",
	"fi",
	NULL,
};

static const char *const fish_head[] = {
	"# fish completion for up. Load it with `up --completions fish | source`, or",
	"# install it as up.fish in a directory of $fish_complete_path",
	"# (vendor_completions.d). Candidates are data: they come out of a command",
	"# substitution as lines and are never evaluated.",
	NULL,
};

static const char *const fish_dynamic[] = {
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, asked of up at TAB time.",
	"function __up_answer",
	"    command up --complete -- $argv 2>/dev/null",
	"end",
	NULL,
};

static const char *const fish_static[] = {
	"",
	"# The unique long option a word names (prefixes count, as up takes them):",
	"# its index in __up_opt_lines.",
	"function __up_option",
	"    set -l hit 0",
	"    set -l many 0",
	"    set -l n (string length -- $argv[1])",
	"    for i in (seq (count $__up_opt_lines))",
	"        set -l name (string split -m1 \\t -- $__up_opt_lines[$i])[1]",
	"        if test \"$name\" = \"$argv[1]\"",
	"            echo $i",
	"            return 0",
	"        end",
	"        set -l start (string sub -l $n -- $name)",
	"        test \"$start\" = \"$argv[1]\"; or continue",
	"        if test $hit -gt 0",
	"            set many 1",
	"        else",
	"            set hit $i",
	"        end",
	"    end",
	"    test $hit -gt 0 -a $many -eq 0; and echo $hit",
	"end",
	"",
	"# The name of the option word $argv[1] names, if it takes a value.",
	"function __up_value_option",
	"    set -l i (__up_option $argv[1]); or return",
	"    set -l name (string split -m1 \\t -- $__up_opt_lines[$i])[1]",
	"    contains -- $name $__up_value_opts; and echo $name",
	"end",
	"",
	"# The lines of $argv[2..] whose names start with $argv[1].",
	"function __up_starting",
	"    set -l re '^'(string escape --style=regex -- \"$argv[1]\")",
	"    string match -re -- $re $argv[2..-1]",
	"end",
	"",
	"# The values of option $argv[1] that start with $argv[3], each after the",
	"# text $argv[2].",
	"function __up_value",
	"    switch $argv[1]",
	"        case --flake",
	"            # the word as typed (escaped, a leading ~ kept) for fish's own",
	"            # directory completion",
	"            set -l typed (string escape --no-quoted -- \"$argv[3]\" | string replace -r -- '^\\\\\\\\~' '~')",
	"            for d in (__fish_complete_directories \"$typed\")",
	"                set -l path (string split -m1 \\t -- $d)[1]",
	"                printf '%s%s\\tdirectory\\n' \"$argv[2]\" \"$path\"",
	"            end",
	"        case --completions",
	"            for s in bash zsh fish",
	"                string match -q -- \"$argv[3]*\" $s",
	"                and printf '%s%s\\tcompletion script for %s\\n' \"$argv[2]\" $s $s",
	"            end",
	"    end",
	"end",
	"",
	"# The answers for the words after \"up\" (the last one is the word under the",
	"# cursor): one \"NAME<TAB>DESCRIPTION\" a line, from the names above.",
	"function __up_answer",
	"    set -l n (count $argv)",
	"    set -l cur $argv[$n]",
	"    set -l done 0",
	"    set -l pos 0",
	"    set -l profile",
	"    set -l i 1",
	"    while test $i -lt $n",
	"        set -l w $argv[$i]",
	"        if test $done -eq 0",
	"            if test \"$w\" = --",
	"                set done 1",
	"                set i (math $i + 1)",
	"                continue",
	"            end",
	"            if string match -qr -- '^-.' $w",
	"                if string match -qr -- '^--[^=]*$' $w; and set -l opt (__up_value_option $w)",
	"                    if test (math $i + 1) -eq $n",
	"                        __up_value $opt '' \"$cur\"",
	"                        return",
	"                    end",
	"                    set i (math $i + 1)",
	"                end",
	"                set i (math $i + 1)",
	"                continue",
	"            end",
	"            set done 1",
	"        else if test \"$w\" = --",
	"            set pos 2",
	"            set i (math $i + 1)",
	"            continue",
	"        end",
	"        set pos (math $pos + 1)",
	"        set i (math $i + 1)",
	"        test $pos -eq 1; and set profile $w",
	"    end",
	"    if test $done -eq 0; and string match -q -- '-*' \"$cur\"",
	"        if string match -qr -- '^--[^=]*=' \"$cur\"",
	"            set -l name (string split -m1 = -- \"$cur\")",
	"            set -l opt (__up_value_option $name[1]); or return 0",
	"            __up_value $opt \"$name[1]=\" \"$name[2]\"",
	"            return 0",
	"        end",
	"        __up_starting \"$cur\" $__up_opt_lines",
	"    else if test $pos -eq 0",
	"        __up_starting \"$cur\" $__up_profile_lines",
	"    else if test $pos -eq 1",
	"        for i in (seq (count $__up_profile_lines))",
	"            set -l name (string split -m1 \\t -- $__up_profile_lines[$i])[1]",
	"            test \"$name\" = \"$profile\"; or continue",
	"            for t in (string split ' ' -- $__up_profile_types[$i])",
	"                __up_starting \"$cur\" $__up_type_lines[$t]",
	"            end",
	"            return 0",
	"        end",
	"    end",
	"    return 0",
	"end",
	NULL,
};

static const char *const fish_common[] = {
	"",
	"# The words after \"up\", the word under the cursor last and dequoted.",
	"function __up_complete",
	"    set -l words (commandline -opc)",
	"    set -l cur (commandline -ct | string unescape)",
	"    __up_answer $words[2..-1] \"$cur\"",
	"end",
	"",
	"# nix run REF#up [--] WORD...: sets __up_nix_args to the words as up's own",
	"# (with --flake REF first), or fails for any other nix command.",
	"function __up_nix_words",
	"    set -l w (commandline -opc)",
	"    set -l n (count $w)",
	"    set -l i 2",
	"    while test $i -le $n; and string match -q -- '-*' $w[$i]",
	"        set i (math $i + 1)",
	"    end",
	"    test $i -le $n; and test \"$w[$i]\" = run; or return 1",
	"    set i (math $i + 1)",
	"    while test $i -le $n; and string match -q -- '-*' $w[$i]",
	"        set i (math $i + 1)",
	"    end",
	"    test $i -le $n; and string match -q -- '*#up' $w[$i]; or return 1",
	"    set -l ref (string replace -r -- '#up$' '' $w[$i])",
	"    test -n \"$ref\"; or set ref .",
	"    set i (math $i + 1)",
	"    if test $i -le $n; and test \"$w[$i]\" = --",
	"        set i (math $i + 1)",
	"    end",
	"    set -g __up_nix_args --flake $ref $w[$i..-1]",
	"end",
	"",
	"# nix's own completion (_nix, from its nix.fish) answers for every other",
	"# nix command; for nix run REF#up it is silenced, so only up's words show.",
	"function __up_wrap_nix",
	"    functions -q _nix; or return 0",
	"    functions _nix | string match -q '*__up_nix_orig*'; and return 0",
	"    functions -e __up_nix_orig",
	"    functions -c _nix __up_nix_orig",
	"    function _nix",
	"        __up_nix_words; and return 0",
	"        __up_nix_orig $argv",
	"    end",
	"end",
	"",
	"function __up_nix_run_up",
	"    __up_wrap_nix",
	"    __up_nix_words",
	"end",
	"",
	"function __up_nix_complete",
	"    __up_nix_words; or return 0",
	"    set -l cur (commandline -ct | string unescape)",
	"    __up_answer $__up_nix_args \"$cur\"",
	"end",
	"",
	"# Fish loads nix's completion at the first nix TAB, and asks it before the",
	"# hook below: load it now, so that it is wrapped from the first TAB on.",
	"if not functions -q _nix",
	"    for dir in $fish_complete_path",
	"        if test -f $dir/nix.fish",
	"            complete -C 'nix ' >/dev/null",
	"            break",
	"        end",
	"    end",
	"end",
	"__up_wrap_nix",
	"complete -c nix -n __up_nix_run_up -f -a '(__up_nix_complete)'",
	"complete -c up -f -a '(__up_complete)'",
	NULL,
};

static const struct shell shells[NSHELLS] = {
	{ "bash", bash_head, bash_dynamic, bash_static, bash_common,
	  "%s=(", "\n\t", "\n)\n", quote_word, 0 },
	{ "zsh", zsh_head, zsh_dynamic, zsh_static, zsh_common,
	  "typeset -ga %s=(", "\n\t", "\n)\n", quote_zsh, 1 },
	{ "fish", fish_head, fish_dynamic, fish_static, fish_common,
	  "set -g %s", " \\\n    ", "\n", quote_fish, 1 },
};
