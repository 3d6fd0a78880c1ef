#ifndef UP_GIT_REPO_H
#define UP_GIT_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The git repository a flake lives in: what nix sees of it. A flake in git
 * sees the tracked files only, as they are in the work tree.
 *
 * Finding the repository and its HEAD, ref and index files needs no
 * libgit2; reading its status does, and libgit2 is loaded for it on first
 * need (dlopen), so that a run that needs no status never pays for it. */
struct git_repository;

struct repo {
	char *workdir;     /* the work tree, ending in '/' */
	char *gitdir;      /* its .git directory (a worktree's own one) */
	char *commondir;   /* where refs, packed-refs and objects live */
	char *flake_rel;   /* the flake's directory in the work tree ("" at the top) */
	struct git_repository *git;   /* once libgit2 opened it */
	struct strlist untracked;  /* untracked files in the flake's directory, not ignored */
	int scanned;       /* repo_scan(): 0 not yet, 1 read, -1 could not read */
};

void repo_init(struct repo *r);
/* Finds the repository holding dir (a real path) by looking for .git at or
 * above it: false when there is none. No libgit2. */
bool repo_find(struct repo *r, const char *dir);
/* Reads the status with libgit2: fills untracked. false when
 * libgit2 cannot be loaded or cannot read the repository. The status is
 * read once: a second call answers as the first did. */
bool repo_scan(struct repo *r);
/* The untracked files that git does not ignore at or below path (relative
 * to the work tree), appended to found. false when libgit2 cannot tell. */
bool repo_untracked_under(struct repo *r, const char *path, struct strlist *found);
/* The blob id git would give the file at path now (a link: its target),
 * into oid: false when libgit2 cannot be loaded or the file read. */
bool repo_hash_file(const char *path, unsigned char oid[20]);
void repo_free(struct repo *r);

#endif
