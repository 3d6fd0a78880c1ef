#ifndef UP_CACHE_RECORD_H
#define UP_CACHE_RECORD_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "cache_tree.h"
#include "cache_stat.h"
#include "git_repo.h"

/* What a cache entry records besides the manifest (up(1) GIT AND THE CACHE):
 * the digest of the tracked tree as nix sees it (cache_tree), read anew on
 * each warm run, and what a warm run needs for the untracked warning. */
struct cache_record {
	char tree[65];          /* the digest of the tracked tree */
	struct cache_stat deps;       /* the ignore files (which untracked files are warned about) */
	struct strlist listing; /* the flake's top .nix files and profiles/ entries, as seen */
	struct strlist shown;   /* of those, the untracked ones (work tree paths) */
};

/* An evaluation to record. */
struct cache_record_eval {
	const char *flake_dir;
	struct repo *repo;           /* its status read */
	struct timespec start;       /* when nix started */
	const struct cache_tree *before;  /* the tree as it was when nix started */
};

/* Fills rc: false when nothing should be recorded (something changed
 * while nix read it, or the tree's state cannot be read). */
bool cache_record_make(struct cache_record *rc, const struct cache_record_eval *ev);
/* Whether everything rc depends on is as recorded. */
bool cache_record_valid(const struct cache_record *rc, const struct repo *r);
/* The untracked files a warm run warns about: those recorded and still
 * there, and whatever is new in the listing and untracked. */
void cache_record_untracked(const struct cache_record *rc, struct repo *r, const char *flake_dir,
		      struct strlist *out);
void cache_record_write(const struct cache_record *rc, struct buf *out);
bool cache_record_read(struct cache_record *rc, const struct buf *meta);
void cache_record_free(struct cache_record *rc);

#endif
