#ifndef UP_GIT_UNTRACKED_H
#define UP_GIT_UNTRACKED_H

#include <stdbool.h>

#include "buf.h"
#include "git_repo.h"

/* The warning about files a flake cannot see (up(1) GIT AND THE CACHE): untracked .nix
 * files and untracked files under profiles/, with the `git add` that fixes
 * it. Paths are relative to the work tree. */

/* Whether the flake may hold an untracked file worth the warning: false
 * only when none of the files in its directory (walked without following
 * links, a few thousand entries at most) is both worth it and absent from
 * git's index. No libgit2: a cold run asks it for the status only when
 * this says there may be something to warn about. */
bool untracked_maybe(const struct repo *r);
/* Whether an untracked path is worth the warning when nix runs (anywhere in
 * the flake). */
bool untracked_worth(const struct repo *r, const char *path);
/* Whether a warm run, which lists directories instead of walking the tree,
 * can see it: a .nix file at the flake's top, or anything under profiles/. */
bool untracked_seen_warm(const struct repo *r, const char *path);
/* The names a warm run lists, relative to the flake directory dir: its
 * .nix files, and profiles/NAME for each entry of profiles/. */
void untracked_listing(const char *dir, struct strlist *names);
/* The warning for paths, appended to notes (nothing when there are none).
 * Documentation (*.md, README*) is left out everywhere. */
void untracked_warn(struct buf *notes, const struct repo *r, const struct strlist *paths);
/* The paths but documentation: "a, b and N more" (at most max named) in
 * list, the `git -C DIR add -- ...` that tracks them in fix; how many. */
size_t untracked_describe(const struct repo *r, const struct strlist *paths, size_t max,
			  struct buf *list, struct buf *fix);
#endif
