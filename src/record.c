#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "record.h"
#include "text.h"
#include "untracked.h"

static const char magic[] = "up-record 1";

void record_free(struct record *rc)
{
	deps_free(&rc->deps);
	strlist_free(&rc->listing);
	strlist_free(&rc->shown);
	strlist_free(&rc->changed);
}

/* ---- making it ---- */

/* Whether a file uses a flake's own metadata (self.rev, lastModified, ...):
 * then nix's answer depends on the whole tree, not only on the files it
 * read. Any such name that is not being defined counts. */
static bool uses_metadata(const char *path)
{
	static const char *const names[] = { "rev", "shortRev", "dirtyRev", "dirtyShortRev",
		"lastModified", "lastModifiedDate", "narHash", "revCount", NULL };
	struct buf text;
	char chunk[65536];
	size_t n;
	bool found = false;
	buf_init(&text);
	FILE *f = fopen(path, "re");
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&text, chunk, n);
	if (f)
		fclose(f);
	for (const char *s = buf_str(&text); *s && !found;) {
		if (!isalpha((unsigned char)*s) && *s != '_') {
			s++;
			continue;
		}
		const char *start = s;
		while (isalnum((unsigned char)*s) || *s == '_' || *s == '\'' || *s == '-')
			s++;
		const char *next = s + strspn(s, " \t\r\n");
		if (next[0] == '=' && next[1] != '=')
			continue; /* a definition, such as rev = "..." in a fetcher */
		for (size_t i = 0; names[i] && !found; i++)
			found = strlen(names[i]) == (size_t)(s - start) &&
				!strncmp(start, names[i], (size_t)(s - start));
	}
	buf_free(&text);
	return found;
}

/* The files the evaluation read, from nix's log: false when they cannot be
 * known, or when nix's answer depends on more than them (a store path in
 * it, or the flake's metadata in a file it read). */
static bool files_read(struct record *rc, const struct record_eval *ev)
{
	if (!deps_from_log(&rc->deps, buf_str(ev->log), ev->log->len, ev->flake_dir) ||
	    strstr(buf_str(ev->json), "/nix/store/"))
		return false;
	for (size_t i = 0; i < rc->deps.n; i++)
		if (text_ends_with(rc->deps.v[i].path, ".nix") && uses_metadata(rc->deps.v[i].path))
			return false;
	return true;
}

/* Every tracked change, as the git key records it. */
static void changes(const struct repo *r, struct strlist *out)
{
	struct buf line;
	buf_init(&line);
	for (size_t i = 0; i < r->nchanged; i++) {
		buf_reset(&line);
		buf_printf(&line, "%s %s", r->changed[i].blob, r->changed[i].path);
		strlist_add(out, line.data);
	}
	buf_free(&line);
}

/* What decides which untracked files are ignored (so never warned about):
 * the .gitignore of each directory from the work tree's top down to the
 * flake and its profiles/, and info/exclude. Changing one is a change. */
static void ignore_files(const struct repo *r, const char *flake_dir, struct deps *d)
{
	struct buf path;
	const char *rel = r->flake_rel;
	buf_init(&path);
	for (;;) {  /* workdir/.gitignore, then one more directory of rel each time */
		buf_reset(&path);
		buf_printf(&path, "%s%.*s%s.gitignore", r->workdir, (int)(rel - r->flake_rel),
			   r->flake_rel, rel > r->flake_rel ? "/" : "");
		deps_add(d, path.data);
		if (!*rel)
			break;
		rel += strcspn(rel + 1, "/") + 1;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/profiles/.gitignore", flake_dir);
	deps_add(d, path.data);
	buf_reset(&path);
	buf_printf(&path, "%s/info/exclude", r->commondir);
	deps_add(d, path.data);
	buf_free(&path);
}

bool record_make(struct record *rc, const struct record_eval *ev)
{
	struct strlist state = { 0 };
	struct buf path;
	memset(rc, 0, sizeof *rc);
	rc->git = !files_read(rc, ev);
	if (rc->git) {
		deps_free(&rc->deps);
		changes(ev->repo, &rc->changed);
	}
	/* The flake itself, and what names HEAD, its ref and the index. */
	buf_init(&path);
	for (int i = 0; i < 2; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", ev->flake_dir, i ? "flake.lock" : "flake.nix");
		deps_add(&rc->deps, path.data);
	}
	ignore_files(ev->repo, ev->flake_dir, &rc->deps);
	buf_free(&path);
	repo_state_files(ev->repo, &state);
	for (size_t i = 0; i < state.n; i++)
		deps_add(&rc->deps, state.v[i]);
	strlist_free(&state);
	untracked_listing(ev->flake_dir, &rc->listing);
	strlist_sort(&rc->listing);
	for (size_t i = 0; i < ev->repo->untracked.n; i++)
		if (untracked_seen_warm(ev->repo, ev->repo->untracked.v[i]))
			strlist_add(&rc->shown, ev->repo->untracked.v[i]);
	return deps_record(&rc->deps, &ev->start);
}

/* ---- reading it again ---- */

bool record_valid(const struct record *rc, struct repo *r)
{
	if (!deps_valid(&rc->deps))
		return false;
	if (!rc->git)
		return true;
	struct strlist now = { 0 };
	bool same = repo_scan(r);
	changes(r, &now);
	same = same && now.n == rc->changed.n;
	for (size_t i = 0; same && i < now.n; i++)
		same = !strcmp(now.v[i], rc->changed.v[i]);
	strlist_free(&now);
	return same;
}

void record_untracked(const struct record *rc, struct repo *r, const char *flake_dir,
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

void record_write(const struct record *rc, struct buf *out)
{
	struct buf deps;
	buf_init(&deps);
	deps_write(&rc->deps, &deps);
	buf_printf(out, "%s git=%d deps=%zu listing=%zu shown=%zu changed=%zu\n", magic, rc->git,
		   deps.len, rc->listing.n, rc->shown.n, rc->changed.n);
	buf_add(out, buf_str(&deps), deps.len);
	list_write(&rc->listing, out);
	list_write(&rc->shown, out);
	list_write(&rc->changed, out);
	buf_free(&deps);
}

bool record_read(struct record *rc, const struct buf *meta)
{
	const char *p = buf_str(meta), *end = p + meta->len;
	size_t depslen, listing, shown, changed;
	int git, used = 0;
	memset(rc, 0, sizeof *rc);
	if (strncmp(p, magic, sizeof magic - 1) ||
	    sscanf(p + sizeof magic - 1, " git=%d deps=%zu listing=%zu shown=%zu changed=%zu%n",
		   &git, &depslen, &listing, &shown, &changed, &used) != 5 ||
	    p[sizeof magic - 1 + (size_t)used] != '\n')
		return false;
	p += sizeof magic + (size_t)used;
	if (depslen > (size_t)(end - p))
		return false;
	char *deps = xstrndup(p, depslen);
	bool ok = deps_read(&rc->deps, deps, depslen);
	free(deps);
	p += depslen;
	rc->git = git != 0;
	return ok && list_read(&rc->listing, listing, &p, end) &&
	       list_read(&rc->shown, shown, &p, end) && list_read(&rc->changed, changed, &p, end) &&
	       p == end;
}
