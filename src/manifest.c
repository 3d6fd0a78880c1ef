/* The manifest as the rest of up reads it, from its packed form: names,
 * descriptions, which types each profile lists, the defaults, and every
 * target's app. Every offset is checked before it is followed, so that a
 * damaged cache entry cannot make up read outside the block. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "manifest_impl.h"

void manifest_init(struct manifest *m)
{
	m->data = NULL;
	m->len = 0;
}

void manifest_free(struct manifest *m)
{
	free(m->data);
	manifest_init(m);
}

static const struct mf_head *head(const struct manifest *m)
{
	return (const struct mf_head *)m->data;
}

/* The uint32_t at offset off + 4 * i, or MF_NONE when outside. */
static uint32_t word(const struct manifest *m, uint32_t off, size_t i)
{
	size_t at = off + 4 * i;
	if (at < sizeof(struct mf_head) || at + 4 > m->len || at % 4)
		return MF_NONE;
	uint32_t v;
	memcpy(&v, m->data + at, 4);
	return v;
}

static const char *str(const struct manifest *m, uint32_t off)
{
	return off && off < m->len ? m->data + off : "";
}

/* Record i of a table of count records of size bytes at offset table, into
 * r; all zero when i or the record is out of bounds. */
static void record_at(const struct manifest *m, uint32_t table, uint32_t count, size_t i,
		      void *r, size_t size)
{
	size_t at = table + i * size;
	memset(r, 0, size);
	if (i < count && at + size <= m->len)
		memcpy(r, m->data + at, size);
}

static struct mf_type type_at(const struct manifest *m, size_t t)
{
	struct mf_type r;
	record_at(m, head(m)->types, head(m)->ntypes, t, &r, sizeof r);
	return r;
}

static struct mf_profile profile_at(const struct manifest *m, size_t p)
{
	struct mf_profile r;
	record_at(m, head(m)->profiles, head(m)->nprofiles, p, &r, sizeof r);
	return r;
}

/* Whether a list of n words at off lies in the block. */
static bool fits(const struct manifest *m, uint32_t off, uint32_t n)
{
	return n == 0 || (off <= m->len && n <= (m->len - off) / 4);
}

/* Every list each type and profile points at lies in the block, so that a
 * damaged entry is refused (and evaluated afresh) rather than counted
 * through: the cost of one pass over the tables. */
static bool tables_fit(const struct manifest *m)
{
	const struct mf_head *h = head(m);
	for (size_t t = 0; t < h->ntypes; t++) {
		struct mf_type r = type_at(m, t);
		if (!fits(m, r.needs.systems, r.needs.nsystems))
			return false;
	}
	for (size_t p = 0; p < h->nprofiles; p++) {
		struct mf_profile r = profile_at(m, p);
		if (r.ntypes == 0 || !fits(m, r.types, r.ntypes) || !fits(m, r.apps, r.ntypes) ||
		    !fits(m, r.aliases, r.naliases) || !fits(m, r.needs.systems, r.needs.nsystems))
			return false;
	}
	return true;
}

bool manifest_adopt(struct manifest *m, char *data, size_t len)
{
	const struct mf_head *h = (const struct mf_head *)data;
	manifest_free(m);
	if (len < sizeof *h || (uintptr_t)data % 4 || h->magic != MF_MAGIC ||
	    h->version != MF_VERSION || h->size != len || data[len - 1] != '\0' ||
	    h->ntypes == 0 || h->nprofiles == 0 ||
	    h->types > len || h->ntypes > (len - h->types) / sizeof(struct mf_type) ||
	    h->profiles > len || h->nprofiles > (len - h->profiles) / sizeof(struct mf_profile) ||
	    h->sorted > len || h->nprofiles > (len - h->sorted) / 4 ||
	    h->type_order > len || h->ntypes > (len - h->type_order) / 4 ||
	    h->aliases > len || h->naliases > (len - h->aliases) / 8 ||
	    (h->default_profile >= h->nprofiles &&
	     !(h->default_profile == MF_NONE && (h->flags & MF_FROM_APPS))) ||
	    (h->default_type != MF_NONE && h->default_type >= h->ntypes)) {
		free(data);
		return false;
	}
	m->data = data;
	m->len = len;
	if (!tables_fit(m)) {
		manifest_free(m);
		return false;
	}
	return true;
}

const char *manifest_bytes(const struct manifest *m, size_t *len)
{
	*len = m->len;
	return m->data;
}

const char *manifest_name(const struct manifest *m) { return str(m, head(m)->name); }
const char *manifest_description(const struct manifest *m) { return str(m, head(m)->description); }
size_t manifest_profile_count(const struct manifest *m) { return head(m)->nprofiles; }
size_t manifest_type_count(const struct manifest *m) { return head(m)->ntypes; }
bool manifest_from_apps(const struct manifest *m) { return head(m)->flags & MF_FROM_APPS; }

size_t manifest_profile_default(const struct manifest *m)
{
	uint32_t p = head(m)->default_profile;
	return p == MF_NONE ? MANIFEST_NONE : p;
}

const char *manifest_profile_name(const struct manifest *m, size_t p)
{
	return str(m, profile_at(m, p).name);
}

const char *manifest_profile_description(const struct manifest *m, size_t p)
{
	return str(m, profile_at(m, p).description);
}

size_t manifest_profile_type_count(const struct manifest *m, size_t p)
{
	return profile_at(m, p).ntypes;
}

size_t manifest_profile_type(const struct manifest *m, size_t p, size_t i)
{
	uint32_t t = word(m, profile_at(m, p).types, i);
	return t < head(m)->ntypes ? t : 0;
}

const char *manifest_type_name(const struct manifest *m, size_t t)
{
	return str(m, type_at(m, t).name);
}

const char *manifest_type_description(const struct manifest *m, size_t t)
{
	return str(m, type_at(m, t).description);
}

static struct mf_needs needs_of(const struct manifest *m, enum manifest_of of, size_t i)
{
	return of == MANIFEST_TYPE ? type_at(m, i).needs : profile_at(m, i).needs;
}

size_t manifest_system_count(const struct manifest *m, enum manifest_of of, size_t i)
{
	return needs_of(m, of, i).nsystems;
}

const char *manifest_system(const struct manifest *m, enum manifest_of of, size_t i, size_t k)
{
	return str(m, word(m, needs_of(m, of, i).systems, k));
}

bool manifest_requires_kvm(const struct manifest *m, enum manifest_of of, size_t i)
{
	return needs_of(m, of, i).kvm != 0;
}

size_t manifest_program_count(const struct manifest *m, enum manifest_of of, size_t i)
{
	return needs_of(m, of, i).nprograms;
}

const char *manifest_program(const struct manifest *m, enum manifest_of of, size_t i, size_t k)
{
	return str(m, word(m, needs_of(m, of, i).programs, k));
}

size_t manifest_warning_count(const struct manifest *m)
{
	return head(m)->nwarnings;
}

const char *manifest_warning(const struct manifest *m, size_t i)
{
	return i < head(m)->nwarnings ? str(m, word(m, head(m)->warnings, i)) : "";
}

size_t manifest_profile_by_name(const struct manifest *m, size_t i)
{
	uint32_t p = word(m, head(m)->sorted, i);
	return p < head(m)->nprofiles ? p : 0;
}

/* The first position in name order whose name is not below key, comparing
 * at most n bytes (n: the whole name). */
static size_t lower_bound(const struct manifest *m, const char *key, size_t n)
{
	size_t lo = 0, hi = manifest_profile_count(m);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(manifest_profile_name(m, manifest_profile_by_name(m, mid)), key, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- aliases: a table sorted by name, of (name, profile) ---- */

const char *manifest_alias_name(const struct manifest *m, size_t i)
{
	return str(m, word(m, head(m)->aliases, 2 * i));
}

size_t manifest_alias_profile(const struct manifest *m, size_t i)
{
	uint32_t p = word(m, head(m)->aliases, 2 * i + 1);
	return p < head(m)->nprofiles ? p : 0;
}

static size_t alias_bound(const struct manifest *m, const char *key, size_t n)
{
	size_t lo = 0, hi = head(m)->naliases;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(manifest_alias_name(m, mid), key, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t manifest_alias_prefix(const struct manifest *m, const char *prefix, size_t *first)
{
	size_t n = strlen(prefix), i = alias_bound(m, prefix, n), k = i;
	while (k < head(m)->naliases && !strncmp(manifest_alias_name(m, k), prefix, n))
		k++;
	*first = i;
	return k - i;
}

size_t manifest_alias_count(const struct manifest *m, size_t p)
{
	return profile_at(m, p).naliases;
}

const char *manifest_alias(const struct manifest *m, size_t p, size_t k)
{
	return k < manifest_alias_count(m, p) ? str(m, word(m, profile_at(m, p).aliases, k)) : "";
}

size_t manifest_profile_find(const struct manifest *m, const char *name)
{
	size_t i = lower_bound(m, name, strlen(name) + 1);
	if (i < manifest_profile_count(m)) {
		size_t p = manifest_profile_by_name(m, i);
		if (!strcmp(manifest_profile_name(m, p), name))
			return p;
	}
	i = alias_bound(m, name, strlen(name) + 1);
	if (i < head(m)->naliases && !strcmp(manifest_alias_name(m, i), name))
		return manifest_alias_profile(m, i);
	return MANIFEST_NONE;
}

size_t manifest_profile_prefix(const struct manifest *m, const char *prefix, size_t *first)
{
	size_t n = strlen(prefix), i = lower_bound(m, prefix, n), k = i;
	while (k < manifest_profile_count(m) &&
	       !strncmp(manifest_profile_name(m, manifest_profile_by_name(m, k)), prefix, n))
		k++;
	*first = i;
	return k - i;
}

size_t manifest_type_in_order(const struct manifest *m, size_t i)
{
	uint32_t t = word(m, head(m)->type_order, i);
	return t < head(m)->ntypes ? t : 0;
}

size_t manifest_type_find(const struct manifest *m, const char *name)
{
	size_t lo = 0, hi = manifest_type_count(m);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(manifest_type_name(m, mid), name);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return MANIFEST_NONE;
}

static size_t listed_at(const struct manifest *m, size_t p, size_t t)
{
	for (size_t i = 0; i < manifest_profile_type_count(m, p); i++)
		if (manifest_profile_type(m, p, i) == t)
			return i;
	return MANIFEST_NONE;
}

bool manifest_profile_lists(const struct manifest *m, size_t p, size_t t)
{
	return listed_at(m, p, t) != MANIFEST_NONE;
}

size_t manifest_type_default(const struct manifest *m, size_t p)
{
	uint32_t t = head(m)->default_type;
	if (t != MF_NONE && manifest_profile_lists(m, p, t))
		return t;
	return manifest_profile_type(m, p, 0);
}

const char *manifest_app(const struct manifest *m, size_t p, size_t t)
{
	size_t i = listed_at(m, p, t);
	return i == MANIFEST_NONE ? "" : str(m, word(m, profile_at(m, p).apps, i));
}
