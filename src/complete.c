#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "complete.h"
#include "completions.h"
#include "exitcode.h"
#include "flake.h"
#include "cache_load.h"
#include "target.h"
#include "text.h"

/* A name that holds no control character: one line of the protocol. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x80 && !text_plain_ascii((unsigned char)*s))
			return false;
	return true;
}

void complete_query(struct complete_query *q, char *const *words, size_t n)
{
	static char empty[] = "";
	char *none[] = { empty };
	struct options_scan s;
	if (!n) {
		words = none;
		n = 1;
	}
	options_scan(&s, words, n);
	memset(q, 0, sizeof *q);
	q->word = q->cur = words[n - 1];
	q->flake = s.flake;
	q->attr = s.attr;
	q->profile = s.profile;
	const char *eq = strchr(q->cur, '=');
	if (s.value_of) {
		q->what = COMPLETE_VALUE;
		q->option = s.value_of;
	} else if (!s.ended && q->cur[0] == '-') {
		q->what = COMPLETE_OPTION;
		q->long_only = s.positional > 0;
		if (eq) {
			/* "--NAME=VALUE": the value, if NAME takes one. */
			q->option = options_named(q->cur);
			q->what = !q->option || !q->option->arg ? COMPLETE_NOTHING
				: q->option->id == OPT_LIST ? COMPLETE_PROFILE : COMPLETE_VALUE;
			q->lead = (size_t)(eq + 1 - q->cur);
			q->cur = eq + 1;
		}
	} else if (s.positional < 2 && !(s.positional == 0 && q->cur[0] == '-')) {
		q->what = s.positional == 0 ? COMPLETE_PROFILE : COMPLETE_TYPE;
	} else if (s.positional >= 2 || s.ended) {
		q->what = COMPLETE_FILES;      /* after TYPE, or after "--" a dash word */
	}
	/* An answer line echoes the word's start (--flake=...): a word with a
	 * control character in it (a tab, a newline) could break the lines,
	 * and no name or directory up offers holds one. */
	if (!printable(q->word))
		q->what = COMPLETE_NOTHING;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Directories whose path starts with cur, each with '/' appended and
 * "flake" or "directory" as description: hidden ones only when the name
 * being typed starts with '.'; "~/" is the shell's HOME. */
static void directories(struct buf *out, const char *lead, size_t leadlen, const char *cur)
{
	const char *slash = strrchr(cur, '/'), *home = getenv("HOME");
	size_t dlen = slash ? (size_t)(slash - cur) + 1 : 0;
	const char *base = cur + dlen;
	struct buf dir, path;
	struct strlist names = { 0 };
	buf_init(&dir);
	buf_init(&path);
	if (dlen == 0)
		buf_puts(&dir, "./");
	else if (skip_prefix(cur, "~/") && home)
		buf_printf(&dir, "%s%.*s", home, (int)dlen - 1, cur + 1);
	else
		buf_add(&dir, cur, dlen);
	DIR *d = opendir(dir.data);
	for (struct dirent *e; d && (e = readdir(d));) {
		const char *name = e->d_name;
		if (!skip_prefix(name, base) || !strcmp(name, ".") || !printable(name) ||
		    (name[0] == '.' && base[0] != '.') || (!strcmp(name, "..") && strcmp(base, "..")))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s%s", dir.data, name);
		if (!is_dir(path.data))
			continue;
		strlist_add(&names, name);
	}
	if (d)
		closedir(d);
	strlist_sort(&names);
	for (size_t i = 0; i < names.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s%s", dir.data, names.v[i]);
		buf_printf(out, "%.*s%.*s%s/\t%s\n", (int)leadlen, lead, (int)dlen, cur, names.v[i],
			   flake_has_nix(path.data) ? "flake" : "directory");
	}
	strlist_free(&names);
	buf_free(&dir);
	buf_free(&path);
}

static void values(struct buf *out, const struct complete_query *q)
{
	if (q->option->id == OPT_FLAKE) {
		directories(out, q->word, q->lead, q->cur);
		return;
	}
	for (size_t i = 0; q->option->id == OPT_COMPLETIONS && completions_shell(i); i++)
		if (skip_prefix(completions_shell(i), q->cur))
			buf_printf(out, "%.*s%s\tcompletion script for %s\n", (int)q->lead, q->word,
				   completions_shell(i), completions_shell(i));
}

struct option_answer {
	struct buf *out;
	const char *cur;
	bool long_only;
};

static void option_line(void *arg, const char *name, const char *help)
{
	struct option_answer *a = arg;
	if (skip_prefix(name, a->cur) && (!a->long_only || name[1] == '-'))
		buf_printf(a->out, "%s\t%s\n", name, help);
}

/* up's options; after PROFILE, the long ones alone (the only ones up reads there). */
static void options(struct buf *out, const char *cur, bool long_only)
{
	options_each_name(option_line, &(struct option_answer){ out, cur, long_only });
}

static int ascending(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* "NAME<TAB>DESCRIPTION", the description marked when rc says that this
 * machine cannot run it. */
static void candidate(struct buf *out, const struct complete_query *q, const char *name,
		      const char *desc, int rc)
{
	buf_printf(out, "%.*s%s\t%s%s%s\n", (int)q->lead, q->word, name, desc,
		   rc && *desc ? " " : "", rc ? UNAVAILABLE_MARK : "");
}

/* The profiles that start with cur (found by name, shown in manifest
 * order), or the types the profile lists. Only whether each can run here
 * is shown: reason and fix are scratch. */
static void names(struct buf *out, const struct complete_query *q, const struct manifest *m,
		  struct platform *pf)
{
	struct buf reason, fix;
	buf_init(&reason);
	buf_init(&fix);
	if (q->what == COMPLETE_PROFILE) {
		/* Matched by name; when no name matches, by alias, each shown
		 * once, as the profile (UP_COMPLETE_ALIASES=1: as the alias,
		 * for a shell that keeps only what starts with the word). */
		size_t first, afirst, k = manifest_profile_prefix(m, q->cur, &first);
		size_t ka = k ? 0 : manifest_alias_prefix(m, q->cur, &afirst);
		const char *as = getenv("UP_COMPLETE_ALIASES");
		if (ka && as && !strcmp(as, "1")) {
			for (size_t i = 0; i < ka; i++) {
				size_t p = manifest_alias_profile(m, afirst + i);
				buf_reset(&reason);
				buf_printf(&reason, "= %s: %s", manifest_profile_name(m, p),
					   manifest_profile_description(m, p));
				char *desc = buf_take(&reason);
				candidate(out, q, manifest_alias_name(m, afirst + i), desc,
					  pf ? target_profile_available(m, p, pf, &reason, &fix) : 0);
				free(desc);
			}
			ka = 0;
		}
		size_t *found = xcalloc(k + ka + 1, sizeof *found);
		for (size_t i = 0; i < k; i++)
			found[i] = manifest_profile_by_name(m, first + i);
		for (size_t i = 0; i < ka; i++)
			found[k + i] = manifest_alias_profile(m, afirst + i);
		k += ka;
		qsort(found, k, sizeof *found, ascending);
		size_t n = 0;
		for (size_t i = 0; i < k; i++)
			if (!n || found[n - 1] != found[i])
				found[n++] = found[i];
		k = n;
		for (size_t i = 0; i < k; i++) {
			buf_reset(&reason);
			buf_reset(&fix);
			candidate(out, q, manifest_profile_name(m, found[i]),
				  manifest_profile_description(m, found[i]),
				  pf ? target_profile_available(m, found[i], pf, &reason, &fix) : 0);
		}
		free(found);
	}
	size_t p = q->what == COMPLETE_TYPE ? manifest_profile_find(m, q->profile) : MANIFEST_NONE;
	for (size_t i = 0; p != MANIFEST_NONE && i < manifest_profile_type_count(m, p); i++) {
		size_t t = manifest_profile_type(m, p, i);
		buf_reset(&reason);
		buf_reset(&fix);
		if (skip_prefix(manifest_type_name(m, t), q->cur))
			candidate(out, q, manifest_type_name(m, t), manifest_type_description(m, t),
				  pf ? target_available(&(struct target){ p, t }, m, pf, &reason, &fix) : 0);
	}
	buf_free(&reason);
	buf_free(&fix);
}

void complete_answer(struct buf *out, const struct complete_query *q, const struct manifest *m,
		     struct platform *pf)
{
	switch (q->what) {
	case COMPLETE_VALUE: values(out, q); break;
	case COMPLETE_OPTION: options(out, q->cur, q->long_only); break;
	case COMPLETE_PROFILE:
	case COMPLETE_TYPE:
		/* A flake's apps have no types: after the app, its words. */
		if (m && q->what == COMPLETE_TYPE && manifest_from_apps(m))
			buf_puts(out, COMPLETE_FILES_LINE);
		else if (m)
			names(out, q, m, pf);
		break;
	case COMPLETE_FILES: buf_puts(out, COMPLETE_FILES_LINE); break;
	case COMPLETE_NOTHING: break;
	}
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

/* How long a TAB may wait for nix: UP_COMPLETE_TIMEOUT seconds (a
 * fraction allowed; 0: no bound), else COMPLETE_TIMEOUT_MS. */
static long timeout_ms(void)
{
	const char *v = getenv("UP_COMPLETE_TIMEOUT");
	char *end;
	double s = v && *v ? strtod(v, &end) : -1;
	if (!v || !*v || *end || s < 0 || s > 86400)
		return COMPLETE_TIMEOUT_MS;
	return s > 0 && s < 0.001 ? 1 : (long)(s * 1000);
}

/* The manifest of the flake the words name (else the one up would read). */
static bool load(struct manifest *m, const struct options *o, const struct complete_query *q)
{
	char *flake = q->flake ? expand_home(q->flake) : NULL;
	struct load_named rq = { flake ? flake : o->flake, q->attr ? q->attr : o->attr, o->no_cache,
				 o->refresh, timeout_ms(), q->attr || o->attr_given };
	bool ok = manifest_load_named(m, &rq, NULL) == 0;
	free(flake);
	return ok;
}

int complete_main(const struct options *o)
{
	struct complete_query q;
	struct manifest m;
	struct platform pf;
	struct buf out;
	complete_query(&q, o->words, o->nwords);
	manifest_init(&m);
	platform_init(&pf);
	buf_init(&out);
	bool loaded = (q.what == COMPLETE_PROFILE || q.what == COMPLETE_TYPE) && load(&m, o, &q);
	complete_answer(&out, &q, loaded ? &m : NULL, &pf);
	int rc = fwrite(buf_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) ?
		 EXIT_INTERNAL : EXIT_OK;
	buf_free(&out);
	manifest_free(&m);
	platform_free(&pf);
	return rc;
}
