#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_trace.h"
#include "path.h"

/* A store path that is a copy of a local tree. */
struct tree {
	char *store;
	char *local;
	bool own;       /* the flake's own git tree */
};

struct reading {
	struct cache_trace *tr;
	const char *flake_dir;
	struct tree *trees;
	size_t ntrees;
	struct strlist paths;   /* store paths read, in the log's order */
};

/* The text of 'X' at *p (which must start with the quote), X holding no
 * quote: *p moves past the closing one. NULL when it is not there. */
static char *quoted(const char **p, const char *end)
{
	if (*p >= end || **p != '\'')
		return NULL;
	const char *start = *p + 1, *close = memchr(start, '\'', (size_t)(end - start));
	if (!close)
		return NULL;
	*p = close + 1;
	return xstrndup(start, (size_t)(close - start));
}

/* The local directory of a flake URL (git+file:///x?..., path:/x?...,
 * path:./x relative to the flake), percent-decoded; NULL for any other. */
static char *local_of(const char *url, const char *flake_dir, bool *git)
{
	*git = !strncmp(url, "git+file://", 11);
	const char *p = *git ? url + 11 : !strncmp(url, "path:", 5) ? url + 5 : NULL;
	if (!p || (*p != '/' && (*git || strncmp(p, "./", 2))))
		return NULL;
	struct buf b;
	buf_init(&b);
	if (*p != '/') {
		buf_puts(&b, flake_dir);
		p++;
	}
	path_percent_decode(&b, p, strcspn(p, "?#"));
	return buf_take(&b);
}

static void add_tree(struct reading *rd, char *store, char *url)
{
	bool git;
	char *local = local_of(url, rd->flake_dir, &git);
	free(url);
	if (!local || store[0] != '/') {
		free(local);
		free(store);
		return;
	}
	rd->trees = xreallocarray(rd->trees, rd->ntrees + 1, sizeof *rd->trees);
	rd->trees[rd->ntrees++] = (struct tree){ store, local,
		git && path_within(rd->flake_dir, local) };
}

/* Parses "PREFIX'A'" or "PREFIX'A'MIDDLE'B'" exactly: true when line has
 * the prefix; then *a (and *b) are set, or NULL when the rest is not of
 * that form. */
static bool form(const char *line, const char *end, const char *prefix, const char *middle,
		 char **a, char **b)
{
	size_t n = strlen(prefix);
	*a = *b = NULL;
	if ((size_t)(end - line) < n || memcmp(line, prefix, n))
		return false;
	const char *p = line + n;
	char *x = quoted(&p, end), *y = NULL;
	size_t m = middle ? strlen(middle) : 0;
	if (x && middle && (size_t)(end - p) > m && !memcmp(p, middle, m)) {
		p += m;
		y = quoted(&p, end);
	}
	if (x && p == end && (!middle || y)) {
		*a = x;
		*b = y;
	} else {
		free(x);
		free(y);
	}
	return true;
}

/* One line of the log. */
static void line(struct reading *rd, const char *s, const char *end)
{
	char *a, *b;
	if (form(s, end, "got tree ", " from ", &a, &b)) {
		if (!a)
			rd->tr->why = "a 'got tree' line of nix's log is not of the form this up reads";
		else
			add_tree(rd, a, b);
	} else if (form(s, end, "using substituted/cached input ", " in ", &a, &b)) {
		if (!a)
			rd->tr->why = "a 'using substituted/cached input' line of nix's log is not of the "
				      "form this up reads";
		else
			add_tree(rd, b, a);
	} else if (form(s, end, "evaluating file ", NULL, &a, &b) ||
		   form(s, end, "checking access to ", NULL, &a, &b) ||
		   form(s, end, "copied source ", " -> ", &a, &b)) {
		if (!a)
			rd->tr->why = "a file name in nix's log holds a quote, so the line cannot be read "
				      "exactly";
		else
			strlist_take(&rd->paths, a);
		free(b);
	}
}

/* The tree a store path is in, or NULL. */
static const struct tree *tree_of(const struct reading *rd, const char *path)
{
	for (size_t i = 0; i < rd->ntrees; i++) {
		size_t n = strlen(rd->trees[i].store);
		if (!strncmp(path, rd->trees[i].store, n) && (path[n] == '/' || !path[n]))
			return &rd->trees[i];
	}
	return NULL;
}

static bool in_store(const struct reading *rd, const char *path)
{
	for (size_t i = 0; i < rd->ntrees; i++) {
		const char *slash = strrchr(rd->trees[i].store, '/');
		size_t n = slash ? (size_t)(slash - rd->trees[i].store) : 0;
		if (n && !strncmp(path, rd->trees[i].store, n) && path[n] == '/')
			return true;
	}
	return !strncmp(path, "/nix/store/", 11);
}

bool cache_trace_read(struct cache_trace *tr, const char *log, size_t len, const char *flake_dir)
{
	struct reading rd = { tr, flake_dir, NULL, 0, { 0 } };
	struct buf local;
	memset(tr, 0, sizeof *tr);
	for (const char *p = log, *end = log + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		line(&rd, p, nl ? nl : end);
		p = nl ? nl + 1 : end;
	}
	const struct tree *own = NULL;
	for (size_t i = 0; i < rd.ntrees && !own; i++)
		own = rd.trees[i].own ? &rd.trees[i] : NULL;
	if (!tr->why && !own)
		tr->why = "nix's log does not say where it read the flake's own tree from";
	buf_init(&local);
	for (size_t i = 0; !tr->why && i < rd.paths.n; i++) {
		const char *path = rd.paths.v[i];
		const struct tree *t = tree_of(&rd, path);
		if (path[0] != '/' || (!t && in_store(&rd, path)))
			continue;  /* nix's own files; a locked input's (the lock names it) */
		buf_reset(&local);
		if (t)
			buf_printf(&local, "%s%s", t->local, path + strlen(t->store));
		else
			buf_puts(&local, path);
		if (t && t->own && (!strcmp(local.data, t->local) || !strcmp(local.data, flake_dir)))
			tr->whole = true;
		strlist_add(t && t->own ? &tr->own : &tr->inputs, local.data);
	}
	if (own)
		tr->store = xstrdup(own->store);
	buf_free(&local);
	for (size_t i = 0; i < rd.ntrees; i++) {
		free(rd.trees[i].store);
		free(rd.trees[i].local);
	}
	free(rd.trees);
	strlist_free(&rd.paths);
	return !tr->why;
}

/* ---- what reading a path depends on ---- */

static void walk(struct cache_trace *tr, const char *dir, size_t limit)
{
	DIR *d = opendir(dir);
	struct buf path;
	buf_init(&path);
	for (struct dirent *e; d && tr->read.n <= limit && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, ".git"))
			continue;
		struct stat st;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		strlist_add(&tr->read, path.data);
		if (lstat(path.data, &st) == 0 && S_ISDIR(st.st_mode))
			walk(tr, path.data, limit);
	}
	if (d)
		closedir(d);
	buf_free(&path);
}

static void expand(struct cache_trace *tr, const char *path, size_t limit)
{
	char *at = xstrdup(path);
	struct stat st;
	for (int hops = 0; hops < 40; hops++) {
		strlist_add(&tr->read, at);
		if (lstat(at, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		char target[4096];
		ssize_t n = readlink(at, target, sizeof target - 1);
		if (n <= 0)
			break;
		target[n] = '\0';
		struct buf next;
		buf_init(&next);
		if (target[0] == '/') {
			buf_puts(&next, target);
		} else {
			const char *slash = strrchr(at, '/');
			buf_printf(&next, "%.*s/%s", (int)(slash ? slash - at : 0), at, target);
		}
		free(at);
		at = buf_take(&next);
	}
	if (lstat(at, &st) == 0 && S_ISDIR(st.st_mode))
		walk(tr, at, limit);
	free(at);
}

bool cache_trace_expand(struct cache_trace *tr, size_t limit)
{
	for (size_t i = 0; i < tr->own.n && tr->read.n <= limit; i++)
		expand(tr, tr->own.v[i], limit);
	for (size_t i = 0; i < tr->inputs.n && tr->read.n <= limit; i++)
		expand(tr, tr->inputs.v[i], limit);
	if (tr->read.n > limit)
		tr->why = "the evaluation read directories holding too many files to check each";
	return !tr->why;
}

void cache_trace_free(struct cache_trace *tr)
{
	strlist_free(&tr->own);
	strlist_free(&tr->inputs);
	strlist_free(&tr->read);
	free(tr->store);
	memset(tr, 0, sizeof *tr);
}
