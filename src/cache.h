#ifndef UP_CACHE_H
#define UP_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "flake.h"
#include "manifest.h"
#include "nix.h"

/* The git repository a flake lives in (libgit2), and the manifest cache of
 * SPEC §6 under $XDG_CACHE_HOME/up/. The key covers the flake directory,
 * the attribute, the nix binary, the system, HEAD and the content of every
 * tracked file that differs from HEAD: whatever Nix would see. */
enum cache_mode { CACHE_USE, CACHE_REFRESH, CACHE_OFF };

struct cache {
	enum cache_mode mode;
	char *path;        /* the entry's file, or NULL: not cached */
	char *workdir;     /* the repository's work tree, or NULL */
	char **untracked;  /* untracked .nix files and files under profiles/ */
	size_t nuntracked;
};

/* Looks at the repository of flake_dir (NULL: not a local flake) and
 * computes the key. Never fails: without git, no cache. */
void cache_init(struct cache *c, const char *flake_dir, const char *flake_ref,
		const char *attr, const char *nix_bin, const char *system, enum cache_mode mode);
/* Tells the user about untracked files the flake cannot see, with the fix. */
void cache_warn_untracked(const struct cache *c);
/* The cached JSON and flags for the key: true on a hit. */
bool cache_get(const struct cache *c, struct buf *json, unsigned *flags);
/* Stores JSON for the key (temporary file, then rename); failures only cost speed. */
void cache_put(const struct cache *c, const char *json, size_t len, unsigned flags);
/* Removes a bad entry. */
void cache_forget(const struct cache *c);
void cache_free(struct cache *c);

/* Step 1 of a run: the manifest for (flake, attr), from the cache when the
 * key matches, else from one `nix eval --json` (then stored). Says what went
 * wrong on stderr unless quiet. Returns 0, 65, 127 or 70. */
int cache_load(struct manifest *m, struct nix *nx, const struct flake *fl, const char *attr,
	       const char *system, enum cache_mode mode, bool quiet);

#endif
