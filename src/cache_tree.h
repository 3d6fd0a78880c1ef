#ifndef UP_CACHE_TREE_H
#define UP_CACHE_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"

/* The cache's key of a flake (up(1) GIT AND THE CACHE): the state of a git work tree as a
 * flake sees it, summed into one digest: HEAD's commit, git's config, and
 * for every entry of the index its path, flags, mode and content. The
 * content of an entry whose stat data in the index still matches the file
 * (and is not racy: no newer than the index itself) is the blob id git
 * recorded; any other entry's content is read and hashed. No process is
 * spawned, no untracked file is looked at, nothing is written. */
struct cache_tree {
	char digest[65];
	char head[65];         /* the commit HEAD names ("" for an unborn branch) */
	size_t files;          /* index entries */
	size_t hashed;         /* of those, read because the index did not vouch */
	struct timespec newest; /* the latest change time of those read, and of the index */
	/* Why this tree is not to be cached, or "": an attributes file that
	 * makes git rewrite content on its way to nix (export-subst, whose
	 * $Format$ holds refs and relative dates; filter=, such as git-lfs or
	 * git-crypt), said as "FILE names WHAT, which git rewrites..."; or a
	 * checked-out submodule. */
	char rewrites[320];
	const char *why;       /* why the state cannot be read, when cache_tree_read fails */
};

/* An index entry's state, for up --doctor's account of what changed since
 * an entry was written (cache_diff): the hash of its path, and the start of
 * its content's id, of one of two kinds. */
struct cache_tree_state {
	uint64_t name;          /* FNV-1a of the path */
	unsigned char kind;     /* 'o': the blob id the index records (the work tree
				 * file matches it); 'w': the SHA-256 of the work tree
				 * file; '-': none (absent, beyond a link, unreadable) */
	unsigned char id[8];    /* the id's first bytes */
};

uint64_t cache_tree_name_hash(const char *path);

/* Reads the state of the work tree workdir (ending in '/') whose git
 * directory is gitdir and common directory commondir. false (why set) when
 * the index or HEAD cannot be read as this code knows them. With inspect
 * (a cold run: a change of any attributes file changes the key), the
 * attributes files are also read for what rewrites content. */
bool cache_tree_read(struct cache_tree *t, const char *workdir, const char *gitdir,
		     const char *commondir, bool inspect);
/* The same, and each index entry's state appended to states (an array of
 * struct cache_tree_state, in the index's order). */
bool cache_tree_read_states(struct cache_tree *t, const char *workdir, const char *gitdir,
			    const char *commondir, bool inspect, struct buf *states);

/* HEAD's commit id (hex) into id[65]: "" for an unborn branch; false when
 * HEAD cannot be read. */
bool cache_tree_head(const char *gitdir, const char *commondir, char id[65]);

#endif
