#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "buf.h"
#include "cache_diff.h"
#include "cache_index.h"
#include "cache_stat.h"
#include "cache_tree.h"

enum { NAMED = 3,        /* files named, at most, in a message */
       SCOPE = 5 };      /* the key's inputs that name the flake: up-cache, flake, dir, attr, system */

/* One input of a key's text ("LABEL LEN:VALUE\n", cache_store.c). */
struct input {
	const char *label, *value;
	size_t label_len, len;
};

static bool next_input(const char **p, const char *end, struct input *in)
{
	for (const char *q = *p; q < end; q++) {
		if (*q != ' ' || q + 1 >= end || !isdigit((unsigned char)q[1]))
			continue;
		char *colon;
		unsigned long long n = strtoull(q + 1, &colon, 10);
		if (colon >= end || *colon != ':')
			continue;
		if (n >= (unsigned long long)(end - colon))
			return false;
		*in = (struct input){ *p, colon + 1, (size_t)(q - *p), (size_t)n };
		*p = colon + 1 + n + 1;
		return true;
	}
	return false;
}

void cache_diff_init(struct cache_diff *d, const char *dir, const char *key, size_t keylen)
{
	struct cache_key scope, made;
	struct buf records;
	buf_init(&records);
	buf_printf(&records, "%s/records", dir);
	struct input in;
	const char *p = key, *end = key + keylen;
	cache_key_init(&scope);
	cache_key_add(&scope, "up-last", "2");
	for (int i = 0; i < SCOPE && next_input(&p, end, &in); i++)
		buf_add(&scope.text, in.label, (size_t)(p - in.label));
	cache_open(&d->last, &scope, records.data);
	cache_key_init(&made);
	cache_key_add(&made, "up-made", "2");
	buf_add(&made.text, key, keylen);
	cache_open(&d->made, &made, records.data);
	buf_free(&records);
	cache_key_free(&scope);
	cache_key_free(&made);
}

void cache_diff_free(struct cache_diff *d)
{
	cache_free(&d->made);
	cache_free(&d->last);
}

/* The key's record: HEAD's id, then the tracked files' states (struct
 * cache_tree_state, from cache_tree). The flake's: the key alone, which
 * names the key's record. */
void cache_diff_save(const struct cache_diff *d, const char *key, size_t keylen, const char *head,
		     const struct buf *states)
{
	struct buf meta, blob;
	buf_init(&meta);
	buf_init(&blob);
	buf_add(&meta, key, keylen);
	buf_add(&blob, head, strlen(head) + 1);
	buf_add(&blob, buf_str(states), states->len);
	if (cache_put(&d->made, 0, &meta, blob.data, blob.len))
		cache_put(&d->last, 0, &meta, "", 0);
	buf_free(&meta);
	buf_free(&blob);
}

/* ---- the key's inputs ---- */

static bool has_input(const char *key, size_t keylen, const struct input *want)
{
	struct input in;
	for (const char *p = key, *end = key + keylen; next_input(&p, end, &in);)
		if (in.label_len == want->label_len && in.len == want->len &&
		    !memcmp(in.label, want->label, in.label_len) && !memcmp(in.value, want->value, in.len))
			return true;
	return false;
}

/* What an input is, to a person: a file's path, a variable's name. */
static void name_input(struct strlist *out, const struct input *in)
{
	size_t n = in->len;
	const char *cut = NULL;
	if (in->label_len == 3 && !memcmp(in->label, "env", 3))
		cut = memchr(in->value, '=', in->len);
	else if (in->len && in->value[0] == '/')
		for (const char *s = in->value; (s = memchr(s, ' ', (size_t)(in->value + in->len - s)));
		     s++)
			cut = s;   /* the path ends at the last space (" sha256:..." or " absent") */
	if (cut)
		n = (size_t)(cut - in->value);
	else if (in->value[0] != '/')
		return strlist_take(out, xstrndup(in->label, in->label_len));
	strlist_take(out, xstrndup(in->value, n));
}

/* Which group an input belongs to: 0 nix's, 1 git's, 2 the environment,
 * 3 up's own. */
static int group(const struct input *in)
{
	if (in->label_len == 3 && !memcmp(in->label, "env", 3))
		return in->len >= 11 && !memcmp(in->value, "NIX_CONFIG=", 11) ? 0 : 2;
	if (in->label_len >= 3 && !memcmp(in->label, "git", 3))
		return 1;
	if (in->label_len >= 3 && (!memcmp(in->label, "nix", 3) || !memcmp(in->label, "NIX", 3) ||
				   !memcmp(in->label, "reg", 3) || !memcmp(in->label, "tru", 3)))
		return 0;
	return 3;
}

/* "; WHAT (A, B, C, ...)": the names sorted, each once. */
static void say_list(struct buf *out, const char *what, struct strlist *names)
{
	if (!names->n)
		return;
	strlist_sort(names);
	buf_printf(out, "%s%s (", out->len ? "; " : "", what);
	for (size_t i = 0; i < names->n && i < NAMED; i++)
		buf_printf(out, "%s%s", i ? ", " : "", names->v[i]);
	buf_puts(out, names->n > NAMED ? ", ...)" : ")");
}

static void explain_key(struct buf *out, const char *then, size_t then_len, const char *key,
			size_t keylen)
{
	static const char *const what[] = { "nix's configuration changed", "git's configuration "
		"changed", "the environment changed", "up's cache format changed" };
	struct strlist names[4] = { { 0 } };
	struct input in;
	for (int side = 0; side < 2; side++) {
		const char *a = side ? then : key, *b = side ? key : then;
		size_t alen = side ? then_len : keylen, blen = side ? keylen : then_len;
		for (const char *p = a, *end = a + alen; next_input(&p, end, &in);)
			if (!has_input(b, blen, &in))
				name_input(&names[group(&in)], &in);
	}
	for (int g = 0; g < 4; g++) {
		say_list(out, what[g], &names[g]);
		strlist_free(&names[g]);
	}
}

/* ---- the tree ---- */

static int by_name(const void *a, const void *b)
{
	uint64_t x = ((const struct cache_tree_state *)a)->name, y = ((const struct cache_tree_state *)b)->name;
	return x < y ? -1 : x > y;
}

/* The content of a file now, as an id of the kind a record holds. */
static bool id_now(const char *path, unsigned char kind, unsigned char id[8])
{
	char hex[65];
	unsigned char oid[20];
	struct stat st;
	if (kind == 'o')
		return repo_hash_file(path, oid) && (memcpy(id, oid, 8), true);
	if (kind != 'w' || lstat(path, &st) != 0 ||
	    !cache_stat_content(path, S_ISLNK(st.st_mode) ? 'l' : S_ISREG(st.st_mode) ? 'f' : 'o', hex))
		return false;
	for (int i = 0; i < 8; i++)
		sscanf(hex + 2 * i, "%2hhx", &id[i]);
	return true;
}

/* The tracked files whose content differs from the record's: each file of
 * the index now, against the state recorded under its path's hash (in the
 * kind recorded: an index entry vouched for then and touched since is
 * hashed as git would); and the recorded ones no longer there. */
static void explain_files(struct buf *out, const char *blob, size_t len, struct repo *r)
{
	struct cache_index ix;
	size_t head_len = strlen(blob) + 1, n = (len - head_len) / sizeof(struct cache_tree_state);
	struct cache_tree_state *then = xreallocarray(NULL, n ? n : 1, sizeof *then);
	memcpy(then, blob + head_len, n * sizeof *then);
	qsort(then, n, sizeof *then, by_name);
	bool *seen = xcalloc(n ? n : 1, sizeof *seen);
	struct strlist changed = { 0 };
	size_t count = 0, gone = 0;
	struct buf path;
	buf_init(&path);
	if (!cache_index_read(&ix, r->workdir, r->gitdir)) {
		free(then);
		free(seen);
		return;
	}
	for (size_t i = 0; i < ix.n; i++) {
		const struct cache_index_entry *e = &ix.v[i];
		struct cache_tree_state key = { .name = cache_tree_name_hash(e->name) };
		struct cache_tree_state *was = bsearch(&key, then, n, sizeof *then, by_name);
		unsigned char id[8];
		bool same = false;
		if (was) {
			seen[was - then] = true;
			buf_reset(&path);
			buf_printf(&path, "%s%s", r->workdir, e->name);
			if (was->kind == 'o' && (e->unread || e->vouched))
				same = !memcmp(was->id, e->oid, 8);
			else if (was->kind != '-' && !e->linked && id_now(path.data, was->kind, id))
				same = !memcmp(was->id, id, 8);
			else
				same = was->kind == '-' && (e->linked || lstat(path.data, &(struct stat){ 0 }) != 0);
		}
		if (!same) {
			count++;
			strlist_add(&changed, e->name);
		}
	}
	for (size_t i = 0; i < n; i++)
		gone += !seen[i];
	if (count + gone) {
		char what[64];
		snprintf(what, sizeof what, "%zu tracked file%s changed", count + gone,
			 count + gone == 1 ? "" : "s");
		if (gone) {
			char more[48];
			snprintf(more, sizeof more, "%zu removed", gone);
			strlist_add(&changed, more);
		}
		say_list(out, what, &changed);
	}
	cache_index_free(&ix);
	strlist_free(&changed);
	buf_free(&path);
	free(then);
	free(seen);
}

char *cache_diff_explain(const struct cache_diff *d, const char *key, size_t keylen,
			 const char *head, struct repo *r)
{
	struct cache_entry e, last;
	struct cache made;
	struct buf out;
	bool got = cache_get(&d->made, &e);
	if (!got && cache_get(&d->last, &last)) {   /* no record of this key: the flake's last */
		struct cache_key then;
		cache_key_init(&then);
		cache_key_add(&then, "up-made", "2");
		buf_add(&then.text, buf_str(&last.meta), last.meta.len);
		cache_open(&made, &then, d->made.dir);
		got = cache_get(&made, &e);
		cache_free(&made);
		cache_key_free(&then);
		cache_entry_free(&last);
	}
	if (!got)
		return NULL;
	buf_init(&out);
	explain_key(&out, buf_str(&e.meta), e.meta.len, key, keylen);
	if (e.bloblen && memchr(e.blob, '\0', e.bloblen)) {
		if (strcmp(e.blob, head))
			buf_printf(&out, "%sHEAD moved from %.7s to %.7s", out.len ? "; " : "",
				   *e.blob ? e.blob : "(no commit)", *head ? head : "(no commit)");
		explain_files(&out, e.blob, e.bloblen, r);
	}
	if (!out.len)
		buf_puts(&out, "no file's content changed: git's index was written again, or a "
			 "tracked file was touched");
	cache_entry_free(&e);
	return buf_take(&out);
}
