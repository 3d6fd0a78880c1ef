#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache_trace.h"
#include "cache_record.h"
#include "git_untracked.h"

static const char magic[] = "up-record 2";

/* Paths a traced entry checks at most (directories read are walked). */
enum { TRACE_LIMIT = 10000 };

void record_free(struct record *rc)
{
	cache_stat_free(&rc->deps);
	strlist_free(&rc->listing);
	strlist_free(&rc->shown);
	free(rc->why);
}

/* ---- making it ---- */

/* Names that read a flake's metadata: nix's answer then depends on the
 * whole tree (its revision, whether it is dirty, its store path). */
static const char *const metadata[] = { "rev", "shortRev", "dirtyRev", "dirtyShortRev",
	"lastModified", "lastModifiedDate", "narHash", "revCount", "sourceInfo", "outPath", NULL };

static bool ident_char(char c, bool first)
{
	return isalpha((unsigned char)c) || c == '_' ||
	       (!first && (isdigit((unsigned char)c) || c == '\'' || c == '-'));
}

static bool word_is(const char *start, size_t n, const char *word)
{
	return strlen(word) == n && !strncmp(start, word, n);
}

/* What in a file's text may make nix's answer depend on the whole tree,
 * into what (false when nothing does): a name of the metadata above (not
 * where it is being defined, as `rev = "...";` in a fetcher); `self ?`, a
 * computed attribute of self or of builtins (self.${...}, self."...");
 * self interpolated ("${self}"); getAttr; and toString, which turns a path
 * into a string without copying it, so that the string holds the tree's
 * own store path. In flake.nix (top), whose package code nix reads but
 * does not run for the manifest, toString counts only when what follows it
 * is not a plain name, number or string. Words count wherever they are, in
 * strings and comments too: a false alarm costs speed only. */
static bool metadata_use(const char *text, bool top, const char **what)
{
	for (const char *s = text; *s;) {
		if (!ident_char(*s, true) || (s > text && (ident_char(s[-1], false) || s[-1] == '/'))) {
			s++; /* not a word's start; or a part of a path (./rev.nix) */
			continue;
		}
		const char *start = s, *before = start;
		while (ident_char(*s, false))
			s++;
		size_t n = (size_t)(s - start);
		const char *next = s + strspn(s, " \t\r\n");
		while (before > text && strchr(" \t\r\n", before[-1]))
			before--;
		bool computed = *next == '.' && strchr("\"$", next[1 + strspn(next + 1, " \t\r\n")]);
		if (word_is(start, n, "self") || word_is(start, n, "builtins")) {
			bool self = n == 4;
			if (self && *next == '?')
				return (*what = "self ?"), true;
			if (computed)
				return (*what = self ? "a computed attribute of self"
						     : "a computed attribute of builtins"), true;
			if (self && before - text >= 2 && before[-1] == '{' && before[-2] == '$')
				return (*what = "self in a string"), true;
			continue;
		}
		if (word_is(start, n, "getAttr"))
			return (*what = "getAttr"), true;
		if (word_is(start, n, "toString") &&
		    (!top || !(ident_char(*next, false) || *next == '"')))
			return (*what = "toString"), true;
		if (next[0] == '=' && next[1] != '=')
			continue; /* a definition */
		for (size_t i = 0; metadata[i]; i++)
			if (word_is(start, n, metadata[i]))
				return (*what = metadata[i]), true;
	}
	return false;
}

/* A regular file's text (at most 16 MiB), or false. */
static bool file_text(const char *path, struct buf *text)
{
	struct stat st;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "re");
	bool ok = f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (16 << 20);
	while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(text, chunk, n);
	if (f)
		fclose(f);
	return ok;
}

/* Whether text holds a run of at least min characters of part. */
static bool holds_part(const char *text, const char *part, size_t len, size_t min)
{
	char run[80];
	for (size_t i = 0; len >= min && i + min <= len && min < sizeof run; i++) {
		memcpy(run, part + i, min);
		run[min] = '\0';
		if (strstr(text, run))
			return true;
	}
	return false;
}

/* Why nix's answer may depend on more than the files it read, into why
 * (a fresh string), or false when it does not: nix's log, this nix, the
 * index and attributes, the files read, the answer itself. */
static bool untraceable(const struct record_eval *ev, struct cache_trace *tr,
			struct buf *why)
{
	const char *what;
	struct buf text;
	if (ev->untraced)
		return buf_puts(why, ev->untraced), true;
	if (ev->before->flagged)
		return buf_puts(why, "an index entry is assume-unchanged, skip-worktree, intent-to-add "
			       "or sparse, so git gives nix another file than the work tree's"), true;
	if (ev->before->odd_name)
		return buf_puts(why, "a tracked file name holds a quote, a backslash or a control "
			       "character, which nix's log cannot name without ambiguity"), true;
	if (ev->before->export_attr)
		return buf_puts(why, "an attributes file names export-subst or export-ignore, so "
			       "nix reads other content when the tree is clean"), true;
	if (!cache_trace_read(tr, buf_str(ev->log), ev->log->len, ev->flake_dir) ||
	    !cache_trace_expand(tr, TRACE_LIMIT))
		return buf_puts(why, tr->why), true;
	if (tr->whole)
		return buf_puts(why, "the evaluation read the flake's whole tree (./.)"), true;
	buf_init(&text);
	for (size_t i = 0; i < tr->own.n; i++) {
		buf_reset(&text);
		const char *base = strrchr(tr->own.v[i], '/');
		bool top = base && !strcmp(base, "/flake.nix") &&
			   (size_t)(base - tr->own.v[i]) == strlen(ev->flake_dir) &&
			   !strncmp(tr->own.v[i], ev->flake_dir, strlen(ev->flake_dir));
		if (file_text(tr->own.v[i], &text) && metadata_use(buf_str(&text), top, &what)) {
			buf_printf(why, "%s uses the flake's metadata (%s)", tr->own.v[i], what);
			buf_free(&text);
			return true;
		}
	}
	buf_free(&text);
	const char *json = buf_str(ev->json), *base = strrchr(tr->store, '/');
	if (strstr(json, tr->store) || (base && holds_part(json, base + 1, strcspn(base + 1, "-"), 5)))
		return buf_puts(why, "nix's answer holds the flake's store path or part of its hash"), true;
	if (ev->before->head[0] && holds_part(json, ev->before->head, strlen(ev->before->head), 7))
		return buf_puts(why, "nix's answer holds the flake's revision"), true;
	return false;
}

/* The files a traced entry depends on besides those nix read: the flake
 * itself, git's HEAD, ref, packed-refs and index, and the attributes files
 * outside the tree. */
static void traced_deps(struct record *rc, const struct record_eval *ev, const struct cache_trace *tr)
{
	struct strlist state = { 0 };
	struct buf path;
	buf_init(&path);
	for (size_t i = 0; i < tr->read.n; i++)
		cache_stat_add(&rc->deps, tr->read.v[i]);
	for (int i = 0; i < 2; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", ev->flake_dir, i ? "flake.lock" : "flake.nix");
		cache_stat_add(&rc->deps, path.data);
	}
	buf_reset(&path);
	buf_printf(&path, "%s/info/attributes", ev->repo->commondir);
	cache_stat_add(&rc->deps, path.data);
	repo_state_files(ev->repo, &state);
	for (size_t i = 0; i < state.n; i++)
		cache_stat_add(&rc->deps, state.v[i]);
	strlist_free(&state);
	buf_free(&path);
}

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

bool record_make(struct record *rc, const struct record_eval *ev)
{
	struct cache_trace tr;
	struct buf why;
	memset(rc, 0, sizeof *rc);
	memset(&tr, 0, sizeof tr);
	buf_init(&why);
	rc->mode = untraceable(ev, &tr, &why) ? RECORD_TREE : RECORD_TRACED;
	bool ok = true;
	if (rc->mode == RECORD_TRACED) {
		traced_deps(rc, ev, &tr);
	} else {
		/* The tree must be as it was when nix started. */
		struct cache_tree after;
		ok = cache_tree_read(&after, ev->repo->workdir, ev->repo->gitdir, ev->repo->commondir,
				     false) && !strcmp(after.digest, ev->before->digest);
		memcpy(rc->tree, ev->before->digest, sizeof rc->tree);
		rc->why = buf_take(&why);
	}
	cache_trace_free(&tr);
	buf_free(&why);
	ignore_files(ev->repo, ev->flake_dir, &rc->deps);
	untracked_listing(ev->flake_dir, &rc->listing);
	strlist_sort(&rc->listing);
	for (size_t i = 0; i < ev->repo->untracked.n; i++)
		if (untracked_seen_warm(ev->repo, ev->repo->untracked.v[i]))
			strlist_add(&rc->shown, ev->repo->untracked.v[i]);
	return cache_stat_record(&rc->deps, &ev->start) && ok;
}

/* ---- reading it again ---- */

bool record_valid(const struct record *rc, const struct repo *r)
{
	if (!cache_stat_valid(&rc->deps))
		return false;
	if (rc->mode == RECORD_TRACED)
		return true;
	struct cache_tree now;
	return cache_tree_read(&now, r->workdir, r->gitdir, r->commondir, false) &&
	       !strcmp(now.digest, rc->tree);
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
	const char *why = rc->why ? rc->why : "";
	buf_init(&deps);
	cache_stat_write(&rc->deps, &deps);
	buf_printf(out, "%s mode=%s tree=%s why=%zu deps=%zu listing=%zu shown=%zu\n", magic,
		   rc->mode == RECORD_TREE ? "tree" : "traced", rc->mode == RECORD_TREE ? rc->tree : "-",
		   strlen(why), deps.len, rc->listing.n, rc->shown.n);
	buf_puts(out, why);
	buf_add(out, buf_str(&deps), deps.len);
	list_write(&rc->listing, out);
	list_write(&rc->shown, out);
	buf_free(&deps);
}

bool record_read(struct record *rc, const struct buf *meta)
{
	const char *p = buf_str(meta), *end = p + meta->len;
	size_t whylen, depslen, listing, shown;
	char mode[8], tree[65];
	int used = 0;
	memset(rc, 0, sizeof *rc);
	if (strncmp(p, magic, sizeof magic - 1) ||
	    sscanf(p + sizeof magic - 1, " mode=%7s tree=%64s why=%zu deps=%zu listing=%zu shown=%zu%n",
		   mode, tree, &whylen, &depslen, &listing, &shown, &used) != 6 ||
	    p[sizeof magic - 1 + (size_t)used] != '\n' ||
	    (strcmp(mode, "tree") && strcmp(mode, "traced")))
		return false;
	p += sizeof magic + (size_t)used;
	rc->mode = strcmp(mode, "tree") ? RECORD_TRACED : RECORD_TREE;
	if (rc->mode == RECORD_TREE && (strlen(tree) != 64 || strspn(tree, "0123456789abcdef") != 64))
		return false;
	memcpy(rc->tree, tree, sizeof rc->tree);
	if (whylen > (size_t)(end - p))
		return false;
	rc->why = xstrndup(p, whylen);
	p += whylen;
	if (depslen > (size_t)(end - p))
		return false;
	char *deps = xstrndup(p, depslen);
	bool ok = cache_stat_read(&rc->deps, deps, depslen);
	free(deps);
	p += depslen;
	return ok && list_read(&rc->listing, listing, &p, end) &&
	       list_read(&rc->shown, shown, &p, end) && p == end;
}
