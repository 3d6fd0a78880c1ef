#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache_record.h"
#include "git_untracked.h"

static const char magic[] = "up-record 3";

void cache_record_free(struct cache_record *rc)
{
	cache_stat_free(&rc->deps);
	strlist_free(&rc->listing);
	strlist_free(&rc->shown);
}

/* ---- making it ---- */

/* What decides which untracked files are ignored (so never warned about):
 * the .gitignore of each directory from the work tree's top down to the
 * flake and its profiles/, and info/exclude. Changing one is a change. */
static void ignore_files(const struct repo *r, const char *flake_dir, struct cache_stat *d)
{
	struct buf path;
	const char *rel = r->flake_rel;
	buf_init(&path);
	for (;;) {  /* workdir/.gitignore, then one more directory of rel each time */
		buf_reset(&path);
		buf_printf(&path, "%s%.*s%s.gitignore", r->workdir, (int)(rel - r->flake_rel),
			   r->flake_rel, rel > r->flake_rel ? "/" : "");
		cache_stat_add(d, path.data);
		if (!*rel)
			break;
		rel += strcspn(rel + 1, "/") + 1;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/profiles/.gitignore", flake_dir);
	cache_stat_add(d, path.data);
	buf_reset(&path);
	buf_printf(&path, "%s/info/exclude", r->commondir);
	cache_stat_add(d, path.data);
	buf_free(&path);
}

bool cache_record_make(struct cache_record *rc, const struct cache_record_eval *ev)
{
	memset(rc, 0, sizeof *rc);
	/* The tree must be as it was when nix started. */
	struct cache_tree after;
	const struct repo *r = ev->repo;
	bool ok = cache_tree_read(&after, r->workdir, r->gitdir, r->commondir, false) &&
		  !strcmp(after.digest, ev->before->digest);
	/* ... and nothing read for it changed since (changed and changed back
	 * while nix ran, it gives the same digest) */
	ok = ok && (after.newest.tv_sec < ev->start.tv_sec ||
		    (after.newest.tv_sec == ev->start.tv_sec && after.newest.tv_nsec < ev->start.tv_nsec));
	memcpy(rc->tree, ev->before->digest, sizeof rc->tree);
	ignore_files(ev->repo, ev->flake_dir, &rc->deps);
	untracked_listing(ev->flake_dir, &rc->listing);
	strlist_sort(&rc->listing);
	for (size_t i = 0; i < ev->repo->untracked.n; i++)
		if (untracked_seen_warm(ev->repo, ev->repo->untracked.v[i]))
			strlist_add(&rc->shown, ev->repo->untracked.v[i]);
	return cache_stat_record(&rc->deps, &ev->start) && ok;
}

/* ---- reading it again ---- */

bool cache_record_valid(const struct cache_record *rc, const struct repo *r)
{
	if (!cache_stat_valid(&rc->deps))
		return false;
	struct cache_tree now;
	return cache_tree_read(&now, r->workdir, r->gitdir, r->commondir, false) &&
	       !strcmp(now.digest, rc->tree);
}

void cache_record_untracked(const struct cache_record *rc, struct repo *r, const char *flake_dir,
		      struct strlist *out)
{
	struct strlist now = { 0 };
	struct buf path;
	struct stat st;
	buf_init(&path);
	for (size_t i = 0; i < rc->shown.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s%s", r->workdir, rc->shown.v[i]);
		if (lstat(path.data, &st) == 0)
			strlist_add(out, rc->shown.v[i]);
	}
	untracked_listing(flake_dir, &now);
	for (size_t i = 0; i < now.n; i++) {
		if (strlist_find(&rc->listing, now.v[i]))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s%s%s", r->flake_rel, *r->flake_rel ? "/" : "", now.v[i]);
		repo_untracked_under(r, path.data, out);
	}
	strlist_sort(out);
	strlist_free(&now);
	buf_free(&path);
}

/* ---- its text ---- */

static void list_write(const struct strlist *l, struct buf *out)
{
	for (size_t i = 0; i < l->n; i++)
		buf_printf(out, "%zu:%s\n", strlen(l->v[i]), l->v[i]);
}

/* count items "LEN:TEXT\n" from *p; false when they are not there. */
static bool list_read(struct strlist *l, size_t count, const char **p, const char *end)
{
	for (size_t i = 0; i < count; i++) {
		char *colon;
		size_t n = strtoul(*p, &colon, 10);
		if (colon == *p || colon >= end || *colon != ':' || n >= (size_t)(end - colon - 1) ||
		    colon[1 + n] != '\n')
			return false;
		strlist_take(l, xstrndup(colon + 1, n));
		*p = colon + 2 + n;
	}
	return true;
}

void cache_record_write(const struct cache_record *rc, struct buf *out)
{
	struct buf deps;
	buf_init(&deps);
	cache_stat_write(&rc->deps, &deps);
	buf_printf(out, "%s tree=%s deps=%zu listing=%zu shown=%zu\n", magic, rc->tree, deps.len,
		   rc->listing.n, rc->shown.n);
	buf_add(out, buf_str(&deps), deps.len);
	list_write(&rc->listing, out);
	list_write(&rc->shown, out);
	buf_free(&deps);
}

bool cache_record_read(struct cache_record *rc, const struct buf *meta)
{
	const char *p = buf_str(meta), *end = p + meta->len;
	size_t depslen, listing, shown;
	char tree[65];
	int used = 0;
	memset(rc, 0, sizeof *rc);
	if (strncmp(p, magic, sizeof magic - 1) ||
	    sscanf(p + sizeof magic - 1, " tree=%64s deps=%zu listing=%zu shown=%zu%n",
		   tree, &depslen, &listing, &shown, &used) != 4 ||
	    p[sizeof magic - 1 + (size_t)used] != '\n' ||
	    strlen(tree) != 64 || strspn(tree, "0123456789abcdef") != 64)
		return false;
	p += sizeof magic + (size_t)used;
	memcpy(rc->tree, tree, sizeof rc->tree);
	if (depslen > (size_t)(end - p))
		return false;
	char *deps = xstrndup(p, depslen);
	bool ok = cache_stat_read(&rc->deps, deps, depslen);
	free(deps);
	p += depslen;
	return ok && list_read(&rc->listing, listing, &p, end) &&
	       list_read(&rc->shown, shown, &p, end) && p == end;
}
