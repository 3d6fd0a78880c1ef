#include "config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "git_repo.h"
#include "path.h"
#include "text.h"

/* The libgit2 calls up makes, loaded once from UP_LIBGIT2 (configure). */
#define GIT_CALLS(X) \
	X(git_libgit2_init) X(git_repository_open_ext) X(git_repository_free) \
	X(git_repository_is_bare) X(git_odb_hashfile) \
	X(git_status_options_init) X(git_status_list_new) X(git_status_list_entrycount) \
	X(git_status_byindex) X(git_status_list_free) X(git_odb_hash)
static struct {
#define DECLARE(f) __typeof__(f) *f;
	GIT_CALLS(DECLARE)
#undef DECLARE
} lib;

static bool load_libgit2(void)
{
	static int loaded; /* 0 not yet, 1 loaded, -1 failed */
	if (loaded)
		return loaded > 0;
	loaded = -1;
	void *h = dlopen(UP_LIBGIT2, RTLD_LAZY | RTLD_LOCAL);
	if (!h)
		return false;
	void *sym;
#define LOOKUP(f) if (!(sym = dlsym(h, #f))) return false; memcpy(&lib.f, &sym, sizeof sym);
	GIT_CALLS(LOOKUP)
#undef LOOKUP
	if (lib.git_libgit2_init() < 0)
		return false;
	loaded = 1;
	return true;
}

void repo_init(struct repo *r)
{
	memset(r, 0, sizeof *r);
}

void repo_free(struct repo *r)
{
	strlist_free(&r->untracked);
	if (r->git)
		lib.git_repository_free(r->git);
	free(r->workdir);
	free(r->gitdir);
	free(r->commondir);
	free(r->flake_rel);
	repo_init(r);
}

/* The first line of a small file, without its newline; NULL if unreadable. */
static char *first_line(const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *got = fgets(line, sizeof line, f);
	fclose(f);
	if (!got)
		return NULL;
	line[strcspn(line, "\n")] = '\0';
	return xstrdup(line);
}

/* dir/.git as a repository: a directory, or a file "gitdir: PATH". */
static bool git_entry(struct repo *r, const char *dir)
{
	struct buf p;
	struct stat st;
	buf_init(&p);
	buf_printf(&p, "%s/.git", dir);
	bool found = lstat(p.data, &st) == 0;
	if (found && S_ISREG(st.st_mode)) {
		char *line = first_line(p.data);
		const char *to = line ? skip_prefix(line, "gitdir: ") : NULL;
		found = to != NULL;
		buf_reset(&p);
		if (found && to[0] == '/')
			buf_puts(&p, to);
		else if (found)
			buf_printf(&p, "%s/%s", dir, to);
		free(line);
	} else if (found && !S_ISDIR(st.st_mode)) {
		found = false;
	}
	if (found) {
		r->gitdir = buf_take(&p);
		buf_printf(&p, "%s/commondir", r->gitdir);
		char *common = first_line(p.data);
		buf_reset(&p);
		if (common && common[0] == '/')
			buf_puts(&p, common);
		else
			buf_printf(&p, "%s%s%s", r->gitdir, common ? "/" : "", common ? common : "");
		r->commondir = buf_take(&p);
		free(common);
	}
	buf_free(&p);
	return found;
}

bool repo_find(struct repo *r, const char *dir)
{
	char *top = xstrdup(dir);
	size_t len = strlen(top);
	for (;;) {
		if (git_entry(r, *top ? top : "/")) {
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "%s/", top);
			r->workdir = buf_take(&b);
			r->flake_rel = xstrdup(strlen(top) < len ? dir + strlen(top) + 1 : "");
			free(top);
			return true;
		}
		char *slash = strrchr(top, '/');
		if (!slash || !*top)
			break;
		*slash = '\0';
	}
	free(top);
	return false;
}


static bool open_git(struct repo *r)
{
	if (r->git)
		return true;
	if (!load_libgit2() || lib.git_repository_open_ext(&r->git, r->workdir, 0, NULL) < 0)
		return false;
	if (lib.git_repository_is_bare(r->git)) {
		lib.git_repository_free(r->git);
		r->git = NULL;
		return false;
	}
	return true;
}

/* The status, untracked directories walked, of the whole work tree or of
 * the paths below one (pathspec). */
static git_status_list *status(struct repo *r, const char *pathspec)
{
	git_status_options opts;
	git_status_list *list = NULL;
	char *spec[1] = { (char *)pathspec };
	if (!open_git(r))
		return NULL;
	lib.git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (pathspec) {
		opts.pathspec.strings = spec;
		opts.pathspec.count = 1;
	}
	if (lib.git_status_list_new(&list, r->git, &opts) < 0)
		return NULL;
	return list;
}

static const char *entry_path(const git_status_entry *e)
{
	const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
	return !d ? NULL : d->new_file.path ? d->new_file.path : d->old_file.path;
}

bool repo_scan(struct repo *r)
{
	if (r->scanned)
		return r->scanned > 0;
	git_status_list *list = status(r, NULL);
	r->scanned = list ? 1 : -1;
	if (!list)
		return false;
	size_t n = lib.git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = lib.git_status_byindex(list, i);
		const char *path = entry_path(e);
		if (!path)
			continue;
		if (e->status == GIT_STATUS_WT_NEW && path_within(path, r->flake_rel))
			strlist_add(&r->untracked, path);
	}
	lib.git_status_list_free(list);
	return true;
}

bool repo_untracked_under(struct repo *r, const char *path, struct strlist *found)
{
	git_status_list *list = status(r, path);
	if (!list)
		return false;
	size_t count = lib.git_status_list_entrycount(list);
	for (size_t i = 0; i < count; i++) {
		const git_status_entry *e = lib.git_status_byindex(list, i);
		const char *p = entry_path(e);
		if (e->status == GIT_STATUS_WT_NEW && p && *path && path_within(p, path))
			strlist_add(found, p);
	}
	lib.git_status_list_free(list);
	return true;
}

bool repo_hash_file(const char *path, unsigned char oid[20])
{
	git_oid id;
	char target[4096];
	struct stat st;
	if (!load_libgit2() || lstat(path, &st) != 0)
		return false;
	if (S_ISLNK(st.st_mode)) {   /* a link's blob is its target */
		ssize_t n = readlink(path, target, sizeof target);
		if (n < 0 || (size_t)n == sizeof target || lib.git_odb_hash(&id, target, (size_t)n, GIT_OBJECT_BLOB) < 0)
			return false;
	} else if (!S_ISREG(st.st_mode) || lib.git_odb_hashfile(&id, path, GIT_OBJECT_BLOB) < 0) {
		return false;
	}
	memcpy(oid, id.id, 20);
	return true;
}
