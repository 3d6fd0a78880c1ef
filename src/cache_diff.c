#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache_diff.h"

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
	cache_key_add(&scope, "up-last", "1");
	for (int i = 0; i < SCOPE && next_input(&p, end, &in); i++)
		buf_add(&scope.text, in.label, (size_t)(p - in.label));
	cache_open(&d->last, &scope, records.data);
	cache_key_init(&made);
	cache_key_add(&made, "up-made", "1");
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

/* The record's blob: HEAD's id, then each change as blob id and path,
 * each NUL-terminated. */
void cache_diff_save(const struct cache_diff *d, const char *key, size_t keylen, const char *head,
		     const struct repo *r)
{
	struct buf meta, blob;
	buf_init(&meta);
	buf_init(&blob);
	buf_add(&meta, key, keylen);
	buf_add(&blob, head, strlen(head) + 1);
	for (size_t i = 0; i < r->nchanged; i++) {
		buf_add(&blob, r->changed[i].blob, strlen(r->changed[i].blob) + 1);
		buf_add(&blob, r->changed[i].path, strlen(r->changed[i].path) + 1);
	}
	cache_put(&d->made, 0, &meta, blob.data, blob.len);
	cache_put(&d->last, 0, &meta, blob.data, blob.len);
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

/* The blob a path held: from the changes if it is one, else from HEAD's tree. */
static bool blob_of(struct repo *r, const char *head, const struct strlist *paths,
		    const struct strlist *blobs, const char *path, char blob[41])
{
	for (size_t i = 0; i < paths->n; i++)
		if (!strcmp(paths->v[i], path)) {
			snprintf(blob, 41, "%s", blobs->v[i]);
			return true;
		}
	return repo_blob_at(r, head, path, blob);
}

static void explain_tree(struct buf *out, const char *record, size_t len, const char *head,
			 struct repo *r)
{
	struct strlist then_paths = { 0 }, then_blobs = { 0 }, now_paths = { 0 }, now_blobs = { 0 };
	struct strlist candidates = { 0 }, changed = { 0 };
	const char *then_head = record, *end = record + len;
	for (const char *p = then_head + strlen(then_head) + 1; p < end;) {
		const char *blob = p, *path = blob + strlen(blob) + 1;
		if (path >= end)
			break;
		strlist_add(&then_blobs, blob);
		strlist_add(&then_paths, path);
		strlist_add(&candidates, path);
		p = path + strlen(path) + 1;
	}
	for (size_t i = 0; i < r->nchanged; i++) {
		strlist_add(&now_blobs, r->changed[i].blob);
		strlist_add(&now_paths, r->changed[i].path);
		strlist_add(&candidates, r->changed[i].path);
	}
	bool moved = strcmp(then_head, head) != 0;
	bool known = !moved || repo_commit_changes(r, then_head, head, &candidates);
	if (moved)
		buf_printf(out, "%sHEAD moved from %.7s to %.7s", out->len ? "; " : "",
			   *then_head ? then_head : "(no commit)", *head ? head : "(no commit)");
	strlist_sort(&candidates);
	for (size_t i = 0; known && i < candidates.n; i++) {
		char a[41], b[41];
		if (i && !strcmp(candidates.v[i], candidates.v[i - 1]))
			continue;
		if (!blob_of(r, then_head, &then_paths, &then_blobs, candidates.v[i], a) ||
		    !blob_of(r, head, &now_paths, &now_blobs, candidates.v[i], b)) {
			known = false;
			break;
		}
		if (strcmp(a, b))
			strlist_add(&changed, candidates.v[i]);
	}
	if (known && changed.n) {
		char what[48];
		snprintf(what, sizeof what, "%zu tracked file%s changed", changed.n,
			 changed.n == 1 ? "" : "s");
		say_list(out, what, &changed);
	}
	strlist_free(&then_paths);
	strlist_free(&then_blobs);
	strlist_free(&now_paths);
	strlist_free(&now_blobs);
	strlist_free(&candidates);
	strlist_free(&changed);
}

char *cache_diff_explain(const struct cache_diff *d, const char *key, size_t keylen,
			 const char *head, struct repo *r)
{
	struct cache_entry e;
	struct buf out;
	if (!cache_get(&d->made, &e) && !cache_get(&d->last, &e))
		return NULL;
	buf_init(&out);
	explain_key(&out, buf_str(&e.meta), e.meta.len, key, keylen);
	if (e.bloblen && e.blob[e.bloblen - 1] == '\0')
		explain_tree(&out, e.blob, e.bloblen, head, r);
	if (!out.len)
		buf_puts(&out, "no file's content changed: git's index was written again, or a "
			 "tracked file was touched");
	cache_entry_free(&e);
	return buf_take(&out);
}
