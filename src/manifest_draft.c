/* Drafts, as the parser fills them, and their packed form, which
 * manifest.c reads (manifest_impl.h): the header, the tables, the lists,
 * then the strings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "manifest_impl.h"
#include "text.h"

void draft_free(struct draft *d)
{
	for (size_t i = 0; i < d->ntypes; i++) {
		struct draft_type *t = &d->types[i];
		free(t->name);
		free(t->description);
		strlist_free(&t->needs.systems);
		strlist_free(&t->needs.programs);
	}
	for (size_t i = 0; i < d->nprofiles; i++) {
		struct draft_profile *p = &d->profiles[i];
		free(p->name);
		free(p->description);
		free(p->types);
		if (p->apps)
			for (size_t k = 0; k < d->ntypes; k++)
				free(p->apps[k]);
		free(p->apps);
		if (p->app_of)
			for (size_t k = 0; k < p->ntypes; k++)
				free(p->app_of[k]);
		free(p->app_of);
		strlist_free(&p->aliases);
		strlist_free(&p->needs.systems);
		strlist_free(&p->needs.programs);
	}
	strlist_free(&d->warnings);
	free(d->types);
	free(d->type_order);
	free(d->profiles);
	free(d->name);
	free(d->description);
	free(d->app);
	memset(d, 0, sizeof *d);
	d->default_type = MANIFEST_NONE;
}

size_t draft_type_find(const struct draft *d, const char *name)
{
	for (size_t t = 0; t < d->ntypes; t++)
		if (!strcmp(d->types[t].name, name))
			return t;
	return MANIFEST_NONE;
}

size_t draft_profile_find(const struct draft *d, const char *name)
{
	for (size_t p = 0; p < d->nprofiles; p++)
		if (!strcmp(d->profiles[p].name, name))
			return p;
	return MANIFEST_NONE;
}

static bool strlist_find_any(const struct strlist *l, const char *s)
{
	for (size_t k = 0; k < l->n; k++)
		if (!strcmp(l->v[k], s))
			return true;
	return false;
}

size_t draft_profile_named(const struct draft *d, const char *name)
{
	size_t p = draft_profile_find(d, name);
	for (size_t i = 0; p == MANIFEST_NONE && i < d->nprofiles; i++)
		if (strlist_find_any(&d->profiles[i].aliases, name))
			p = i;
	return p;
}

bool draft_lists(const struct draft *d, size_t p, size_t t)
{
	for (size_t i = 0; i < d->profiles[p].ntypes; i++)
		if (d->profiles[p].types[i] == t)
			return true;
	return false;
}

enum template_part draft_template_part(const char *s, size_t *len)
{
	const char *rest;
	enum template_part part = (rest = skip_prefix(s, "{profile}")) ? TEMPLATE_PROFILE
				: (rest = skip_prefix(s, "{type}")) ? TEMPLATE_TYPE : TEMPLATE_TEXT;
	*len = rest ? (size_t)(rest - s) : 1;
	return part;
}

/* The app of profile p with type t: the override, else the template. */
static char *app(const struct draft *d, size_t p, size_t t)
{
	if (d->profiles[p].apps && d->profiles[p].apps[t])
		return xstrdup(d->profiles[p].apps[t]);
	struct buf b;
	buf_init(&b);
	for (const char *s = d->app; *s;) {
		size_t len;
		switch (draft_template_part(s, &len)) {
		case TEMPLATE_PROFILE: buf_puts(&b, d->profiles[p].name); break;
		case TEMPLATE_TYPE: buf_puts(&b, d->types[t].name); break;
		case TEMPLATE_TEXT: buf_putc(&b, *s); break;
		}
		s += len;
	}
	return buf_take(&b);
}

void draft_fill_apps(struct draft *d)
{
	for (size_t p = 0; p < d->nprofiles; p++) {
		struct draft_profile *pr = &d->profiles[p];
		pr->app_of = xcalloc(pr->ntypes, sizeof *pr->app_of);
		for (size_t i = 0; i < pr->ntypes; i++)
			pr->app_of[i] = app(d, p, pr->types[i]);
	}
}

/* The block being written: its bytes, where the next list word and the
 * next string go. */
struct pack {
	char *data;
	uint32_t list, strings, end;
};

static uint32_t string(struct pack *pk, const char *s)
{
	uint32_t at = pk->strings;
	size_t n = strlen(s) + 1;
	memcpy(pk->data + at, s, n);
	pk->strings += (uint32_t)n;
	return at;
}

/* Room for n list words; returns where they start. */
static uint32_t list(struct pack *pk, size_t n)
{
	uint32_t at = pk->list;
	pk->list += (uint32_t)(4 * n);
	return at;
}

static void put_word(struct pack *pk, uint32_t at, size_t i, uint32_t v)
{
	memcpy(pk->data + at + 4 * i, &v, 4);
}

/* n strings, and the list of their offsets; returns where the list starts. */
static uint32_t strings(struct pack *pk, char *const *v, size_t n)
{
	uint32_t at = list(pk, n);
	for (size_t k = 0; k < n; k++)
		put_word(pk, at, k, string(pk, v[k]));
	return at;
}

static struct mf_needs needs(struct pack *pk, const struct draft_needs *n)
{
	return (struct mf_needs){ (uint32_t)n->systems.n, strings(pk, n->systems.v, n->systems.n),
				  n->kvm, (uint32_t)n->programs.n,
				  strings(pk, n->programs.v, n->programs.n) };
}

struct named {
	const char *name;
	uint32_t index;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The sizes of everything: the list words, and the strings' bytes. */
static void measure_strings(const char *const *v, size_t n, size_t *words, size_t *chars)
{
	*words += n;
	for (size_t k = 0; k < n; k++)
		*chars += strlen(v[k]) + 1;
}

static void measure(const struct draft *d, size_t *words, size_t *chars)
{
	*words = d->ntypes;
	*chars = strlen(d->name) + strlen(d->description) + 2;
	measure_strings((const char *const *)d->warnings.v, d->warnings.n, words, chars);
	for (size_t t = 0; t < d->ntypes; t++) {
		const struct draft_needs *n = &d->types[t].needs;
		measure_strings((const char *const *)n->systems.v, n->systems.n, words, chars);
		measure_strings((const char *const *)n->programs.v, n->programs.n, words, chars);
		*chars += strlen(d->types[t].name) + strlen(d->types[t].description) + 2;
	}
	for (size_t p = 0; p < d->nprofiles; p++) {
		const struct draft_profile *pr = &d->profiles[p];
		measure_strings((const char *const *)pr->needs.systems.v, pr->needs.systems.n,
				words, chars);
		measure_strings((const char *const *)pr->needs.programs.v, pr->needs.programs.n,
				words, chars);
		/* Aliases twice: the profile's list, and the sorted table. */
		measure_strings((const char *const *)pr->aliases.v, pr->aliases.n, words, chars);
		measure_strings((const char *const *)pr->aliases.v, pr->aliases.n, words, chars);
		*words += 2 * pr->ntypes + pr->aliases.n;
		*chars += strlen(pr->name) + strlen(pr->description) + 2;
		for (size_t i = 0; i < pr->ntypes; i++)
			*chars += strlen(pr->app_of[i]) + 1;
	}
}

/* Every profile's aliases, sorted by name, as struct mf_alias at at. The
 * strings are the profiles' own: packed first, found again here. */
static void pack_aliases(struct pack *pk, const struct draft *d, uint32_t at)
{
	size_t n = 0;
	for (size_t p = 0; p < d->nprofiles; p++)
		n += d->profiles[p].aliases.n;
	struct named *v = xcalloc(n ? n : 1, sizeof *v);
	n = 0;
	for (size_t p = 0; p < d->nprofiles; p++)
		for (size_t k = 0; k < d->profiles[p].aliases.n; k++)
			v[n++] = (struct named){ d->profiles[p].aliases.v[k], (uint32_t)p };
	qsort(v, n, sizeof *v, by_name);
	for (size_t i = 0; i < n; i++) {
		put_word(pk, at, 2 * i, string(pk, v[i].name));
		put_word(pk, at, 2 * i + 1, v[i].index);
	}
	free(v);
}

bool manifest_pack(struct manifest *m, const struct draft *d)
{
	struct pack pk;
	size_t words, chars;
	measure(d, &words, &chars);
	size_t tables = sizeof(struct mf_head) + d->ntypes * sizeof(struct mf_type) +
			d->nprofiles * sizeof(struct mf_profile) + 4 * d->nprofiles;
	if (tables + 4 * words + chars >= MF_NONE)
		return false;
	pk.list = (uint32_t)tables;
	pk.strings = (uint32_t)(tables + 4 * words);
	pk.end = (uint32_t)(pk.strings + chars);
	pk.data = xcalloc(pk.end, 1);

	struct mf_head h = {
		.magic = MF_MAGIC, .version = MF_VERSION, .size = pk.end,
		.ntypes = (uint32_t)d->ntypes, .nprofiles = (uint32_t)d->nprofiles,
		.default_profile = d->default_profile == MANIFEST_NONE ? MF_NONE
				   : (uint32_t)d->default_profile,
		.flags = d->from_apps ? MF_FROM_APPS : 0,
		.default_type = d->default_type == MANIFEST_NONE ? MF_NONE : (uint32_t)d->default_type,
	};
	h.type_order = list(&pk, d->ntypes);
	for (size_t i = 0; i < d->ntypes; i++)
		put_word(&pk, h.type_order, i, (uint32_t)d->type_order[i]);
	for (size_t p = 0; p < d->nprofiles; p++)
		h.naliases += (uint32_t)d->profiles[p].aliases.n;
	h.aliases = list(&pk, 2 * (size_t)h.naliases);
	h.name = string(&pk, d->name);
	h.description = string(&pk, d->description);
	h.nwarnings = (uint32_t)d->warnings.n;
	h.warnings = strings(&pk, d->warnings.v, d->warnings.n);
	h.types = sizeof h;
	h.profiles = (uint32_t)(h.types + d->ntypes * sizeof(struct mf_type));
	h.sorted = (uint32_t)(h.profiles + d->nprofiles * sizeof(struct mf_profile));
	memcpy(pk.data, &h, sizeof h);

	for (size_t t = 0; t < d->ntypes; t++) {
		const struct draft_type *dt = &d->types[t];
		struct mf_type r = { string(&pk, dt->name), string(&pk, dt->description),
				     needs(&pk, &dt->needs) };
		memcpy(pk.data + h.types + t * sizeof r, &r, sizeof r);
	}
	struct named *order = xcalloc(d->nprofiles, sizeof *order);
	for (size_t p = 0; p < d->nprofiles; p++) {
		const struct draft_profile *dp = &d->profiles[p];
		struct mf_profile r = { string(&pk, dp->name), string(&pk, dp->description),
					(uint32_t)dp->ntypes, list(&pk, dp->ntypes), list(&pk, dp->ntypes),
					(uint32_t)dp->aliases.n,
					strings(&pk, dp->aliases.v, dp->aliases.n),
					needs(&pk, &dp->needs) };
		for (size_t i = 0; i < dp->ntypes; i++) {
			put_word(&pk, r.types, i, (uint32_t)dp->types[i]);
			put_word(&pk, r.apps, i, string(&pk, dp->app_of[i]));
		}
		memcpy(pk.data + h.profiles + p * sizeof r, &r, sizeof r);
		order[p] = (struct named){ dp->name, (uint32_t)p };
	}
	qsort(order, d->nprofiles, sizeof *order, by_name);
	for (size_t i = 0; i < d->nprofiles; i++)
		put_word(&pk, h.sorted, i, order[i].index);
	free(order);
	pack_aliases(&pk, d, h.aliases);
	manifest_free(m);
	m->data = pk.data;
	m->len = pk.end;
	return true;
}
