#ifndef UP_CACHE_LOAD_H
#define UP_CACHE_LOAD_H

#include <stdbool.h>

#include "buf.h"
#include "flake.h"
#include "manifest.h"
#include "nix.h"

/* Step 1 of a run (up(1) CHECKING, GIT AND THE CACHE): the manifest of a flake, from the cache
 * when its entry is still what nix would answer now, else from one
 * `nix eval --json` (parsed, validated, then stored with what it read).
 *
 * A warm run reads the entry and checks it: it reads git's index and
 * checks the tracked files' stat data as git does (cache_tree), lists two
 * directories for the untracked warning, and spawns no process. A cold run
 * reads the repository's status (libgit2) while nix evaluates. */
struct load {
	const struct flake *flake;
	const char *attr;
	bool attr_given;        /* named with --attr: a missing one is an error, not "no manifest" */
	const char *system;     /* this machine's, part of the cache key */
	bool no_cache;          /* neither read nor write the cache */
	bool refresh;           /* do not read the cache, but write it */
	bool quiet;             /* no warnings wanted (a TAB press, --doctor) */
	bool tab;               /* a TAB press: a failure remembered answers at once */
	bool cache_only;        /* never run nix: a current entry, or nothing (--help) */
	bool progress;          /* after a second of nix, say on the terminal what runs */
	bool explain;           /* when the entry is not current, say what changed (--doctor) */
	long timeout_ms;        /* stop nix after this long (0: never) */
	struct nix *nix;        /* learns whether the features flag is needed */
	struct buf notes;       /* warnings for the user, even on success */
	bool warm;              /* out: answered from the cache */
	bool missed;            /* out (cache_only): no current entry, so nothing */
	const char *uncached;   /* out: why there is no cache for it, or NULL */
	char *why;              /* (what uncached points to when it was made for this flake) */
	bool written;           /* out: an entry was written by this run */
	bool failure_kept;      /* out: nix failed, and that is kept a minute for a TAB */
	char *changed;          /* out (explain): what changed since the last entry was
				 * written, or NULL when none was */
	enum load_cache {       /* out: what became of the cache */
		LOAD_CACHE_USED,        /* read or written */
		LOAD_CACHE_NONE,        /* none for this flake (not local, path:, not in git) */
		LOAD_CACHE_OFF,         /* --no-cache */
		LOAD_CACHE_UNUSABLE,    /* the cache directory cannot be trusted (cache_store.h) */
	} cache;
};

void load_init(struct load *ld, const struct flake *fl, const char *attr, const char *system,
	       struct nix *nx);
/* Returns 0; 65 (eval failed or manifest invalid), 127 (no nix) or 70,
 * with what to do in err. */
int manifest_load(struct manifest *m, struct load *ld, struct buf *err);
void load_free(struct load *ld);

/* For the completion entry points, which need the manifest alone: that of
 * the flake named by flake (a --flake value; NULL: as up finds one) and
 * attr, nix stopped after timeout_ms (0: never). What to tell the user,
 * warnings and any error, goes to said; NULL: nothing is said (a TAB
 * press). */
struct load_named {
	const char *flake;
	const char *attr;
	bool no_cache, refresh;
	long timeout_ms;
	bool attr_given;
};
int manifest_load_named(struct manifest *m, const struct load_named *rq, struct buf *said);

#endif
