/* The rules of up(1) THE MANIFEST that look at more than one field: keys one typo
 * away from a known one (a warning), the app template and every target's
 * app (errors); and what a document that is no manifest at all is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json.h"
#include "manifest_impl.h"
#include "suggest.h"
#include "text.h"

void draft_near_keys(struct draft *d, const cJSON *obj, const char *where,
		     const char *const *known)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, obj) {
		const char *near = NULL;
		for (size_t k = 0; known[k]; k++) {
			if (!strcmp(e->string, known[k])) {
				near = NULL;
				break;
			}
			if (!near && suggest_distance(e->string, known[k]) == 1)
				near = known[k];
		}
		if (!near)
			continue;
		if (d->nwarned++ >= WARNINGS_MAX)
			continue;
		struct buf w;
		buf_init(&w);
		buf_printf(&w, "%s has the key ", where);
		text_show_name(&w, e->string);
		buf_printf(&w, ", which up does not know and ignores; did you mean '%s'?", near);
		strlist_take(&d->warnings, buf_take(&w));
	}
}

void draft_warned(struct draft *d)
{
	if (d->nwarned <= WARNINGS_MAX)
		return;
	struct buf w;
	buf_init(&w);
	buf_printf(&w, "... and %zu more keys like these", d->nwarned - WARNINGS_MAX);
	strlist_take(&d->warnings, buf_take(&w));
}

struct app_of {
	const char *app;
	size_t profile, type;
};

static int by_app(const void *a, const void *b)
{
	const struct app_of *x = a, *y = b;
	int c = strcmp(x->app, y->app);
	if (c)
		return c;
	return x->profile != y->profile ? (x->profile > y->profile) - (x->profile < y->profile)
		: (x->type > y->type) - (x->type < y->type);
}

int draft_check_apps(const struct draft *d, struct buf *msg)
{
	size_t n = 0, k = 0;
	for (size_t p = 0; p < d->nprofiles; p++)
		n += d->profiles[p].ntypes;
	struct app_of *v = xcalloc(n, sizeof *v);
	for (size_t p = 0; p < d->nprofiles; p++)
		for (size_t i = 0; i < d->profiles[p].ntypes; i++, k++)
			v[k] = (struct app_of){ d->profiles[p].app_of[i], p, d->profiles[p].types[i] };
	int rc = 0;
	for (k = 0; k < n && !rc; k++) {
		if (text_is_name(v[k].app, TEXT_APP_MAX))
			continue;
		buf_printf(msg, "field 'app' gives profile '%s' type '%s' the app ",
			   d->profiles[v[k].profile].name, d->types[v[k].type].name);
		text_show_name(msg, v[k].app);
		buf_puts(msg, ", which is not a valid app name (letters, digits, '_', '+', '-')");
		rc = EXIT_MANIFEST;
	}
	qsort(v, n, sizeof *v, by_app);
	for (k = 1; k < n && !rc; k++) {
		if (strcmp(v[k - 1].app, v[k].app))
			continue;
		const struct app_of *a = &v[k - 1], *b = &v[k];
		buf_printf(msg, "profile '%s' type '%s' and profile '%s' type '%s' both have the "
			   "app '%s', but every target needs an app of its own; give one of them "
			   "another with app.<type> = \"...\" in its profile, or change the 'app' "
			   "template", d->profiles[a->profile].name, d->types[a->type].name,
			   d->profiles[b->profile].name, d->types[b->type].name, a->app);
		rc = EXIT_MANIFEST;
	}
	free(v);
	return rc;
}

int draft_check_template(const char *app, struct buf *msg)
{
	/* Only {profile} and {type} may appear; any other brace is an error. */
	size_t len;
	for (const char *s = app; *s; s += len) {
		if (draft_template_part(s, &len) != TEMPLATE_TEXT)
			continue;
		if (*s == '{') {
			buf_puts(msg, "field 'app' ");
			text_show_name(msg, app);
			buf_puts(msg, ": only {profile} and {type} may appear in braces");
			return EXIT_MANIFEST;
		}
		if (*s == '}') {
			buf_puts(msg, "field 'app': '}' without a matching {profile} or {type}");
			return EXIT_MANIFEST;
		}
	}
	return 0;
}

int draft_not_manifest(const cJSON *root, struct buf *msg)
{
	enum { SHOWN = 6 };
	int n = cJSON_GetArraySize(root), k = 0;
	const cJSON *e;
	if (cJSON_IsObject(root) && n == 0)
		buf_puts(msg, "it is an empty attribute set");
	else if (cJSON_IsObject(root))
		buf_puts(msg, "it is an attribute set of");
	else if (cJSON_IsArray(root))
		buf_printf(msg, "it is a list of %d element%s", n, n == 1 ? "" : "s");
	else
		buf_printf(msg, "it is %s", json_kind(root));
	cJSON_ArrayForEach(e, (cJSON_IsObject(root) ? root : NULL)) {
		if (k++ == SHOWN) {
			buf_printf(msg, " and %d more", n - SHOWN);
			break;
		}
		buf_puts(msg, k > 1 ? ", " : " ");
		text_show_name(msg, e->string);
	}
	buf_puts(msg, ", while a manifest is an attribute set with version = 1, types and profiles; "
		 "name the attribute that holds it with --attr (the default is upManifest)");
	return EXIT_MANIFEST;
}

/* A name a profile answers to: its own (alias NULL) or an alias. */
struct answer {
	const char *name;
	size_t profile;
	bool alias;
};

static int by_answer(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->alias - y->alias);
}

int draft_check_aliases(const struct draft *d, struct buf *msg)
{
	size_t n = d->nprofiles;
	for (size_t p = 0; p < d->nprofiles; p++)
		n += d->profiles[p].aliases.n;
	if (n == d->nprofiles)
		return 0;
	struct answer *v = xcalloc(n, sizeof *v);
	n = 0;
	for (size_t p = 0; p < d->nprofiles; p++) {
		v[n++] = (struct answer){ d->profiles[p].name, p, false };
		for (size_t k = 0; k < d->profiles[p].aliases.n; k++)
			v[n++] = (struct answer){ d->profiles[p].aliases.v[k], p, true };
	}
	qsort(v, n, sizeof *v, by_answer);
	int rc = 0;
	for (size_t i = 1; i < n && !rc; i++) {
		const struct answer *a = &v[i - 1], *b = &v[i];
		if (strcmp(a->name, b->name))
			continue;
		/* b is an alias: a is a name, or an alias too. */
		buf_puts(msg, "profile ");
		text_show_name(msg, d->profiles[b->profile].name);
		buf_puts(msg, ": alias ");
		text_show_name(msg, b->name);
		if (!a->alias && a->profile == b->profile)
			buf_puts(msg, " is the profile's own name; drop it");
		else if (!a->alias)
			buf_puts(msg, " is the name of another profile; rename or drop the alias");
		else if (a->profile == b->profile)
			buf_puts(msg, " is given twice; drop one");
		else {
			buf_puts(msg, " is also an alias of profile ");
			text_show_name(msg, d->profiles[a->profile].name);
			buf_puts(msg, "; an alias names one profile");
		}
		rc = EXIT_MANIFEST;
	}
	free(v);
	return rc;
}
