#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "repo.h"

void repo_init(struct repo *r)
{
	memset(r, 0, sizeof *r);
}

void repo_free(struct repo *r)
{
	for (size_t i = 0; i < r->nchanged; i++)
		free(r->changed[i].path);
	free(r->changed);
	for (size_t i = 0; i < r->nuntracked; i++)
		free(r->untracked[i]);
	free(r->untracked);
	free(r->workdir);
	free(r->flake_rel);
	if (r->git) {
		git_repository_free(r->git);
		git_libgit2_shutdown();
	}
	repo_init(r);
}

bool repo_open(struct repo *r, const char *dir)
{
	git_libgit2_init();
	if (git_repository_open_ext(&r->git, dir, 0, NULL) < 0 || git_repository_is_bare(r->git)) {
		git_repository_free(r->git);
		r->git = NULL;
		git_libgit2_shutdown();
		return false;
	}
	const char *workdir = git_repository_workdir(r->git);
	size_t wl = strlen(workdir);
	r->workdir = xstrdup(workdir);
	/* dir below the work tree: its part after "WORKDIR/" */
	if (strlen(dir) + 1 >= wl && !strncmp(dir, workdir, wl - 1) && dir[wl - 1] == '/')
		r->flake_rel = xstrdup(dir + wl);
	else
		r->flake_rel = xstrdup("");
	return true;
}

void repo_head(struct repo *r, struct buf *out)
{
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_reference_name_to_id(&head, r->git, "HEAD") == 0)
		buf_puts(out, git_oid_tostr(hex, sizeof hex, &head));
	else
		buf_puts(out, "unborn");
}

static bool in_flake(const struct repo *r, const char *path)
{
	size_t n = strlen(r->flake_rel);
	return !n || (!strncmp(path, r->flake_rel, n) && path[n] == '/');
}

static void add_change(struct repo *r, const char *path)
{
	struct repo_change *c;
	struct buf full;
	git_oid oid;
	r->changed = xreallocarray(r->changed, r->nchanged + 1, sizeof *r->changed);
	c = &r->changed[r->nchanged++];
	c->path = xstrdup(path);
	buf_init(&full);
	buf_printf(&full, "%s%s", r->workdir, path);
	if (git_odb_hashfile(&oid, full.data, GIT_OBJECT_BLOB) == 0)
		git_oid_tostr(c->blob, sizeof c->blob, &oid);
	else
		strcpy(c->blob, "absent");
	buf_free(&full);
}

bool repo_scan(struct repo *r)
{
	git_status_options opts;
	git_status_list *list = NULL;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&list, r->git, &opts) < 0)
		return false;
	size_t n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		if (!d)
			continue;
		const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (e->status != GIT_STATUS_WT_NEW) {
			add_change(r, path);
		} else if (in_flake(r, path)) {
			r->untracked = xreallocarray(r->untracked, r->nuntracked + 1, sizeof *r->untracked);
			r->untracked[r->nuntracked++] = xstrdup(path);
		}
	}
	git_status_list_free(list);
	return true;
}
