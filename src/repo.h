#ifndef UP_REPO_H
#define UP_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The git repository a flake lives in (libgit2): what nix sees of it. A
 * flake in git sees the tracked files only, as they are in the work tree. */
struct git_repository;

struct repo_change {
	char *path;        /* relative to the work tree */
	char blob[41];     /* the content's blob id, or "absent" */
};

struct repo {
	struct git_repository *git;
	char *workdir;     /* the work tree, ending in '/' */
	char *flake_rel;   /* the flake's directory in it ("" at the top) */
	struct repo_change *changed;  /* tracked files that differ from HEAD */
	size_t nchanged;
	char **untracked;  /* untracked files in the flake's directory */
	size_t nuntracked;
};

void repo_init(struct repo *r);
/* Opens the repository holding dir (a real path). false when there is
 * none, it is bare, or libgit2 fails: then nothing is known. */
bool repo_open(struct repo *r, const char *dir);
/* HEAD's commit id in hex, or "unborn". */
void repo_head(struct repo *r, struct buf *out);
/* Reads the status: fills changed and untracked. false if it cannot. */
bool repo_scan(struct repo *r);
void repo_free(struct repo *r);

#endif
