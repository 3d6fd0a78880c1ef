#ifndef UP_CACHE_DIFF_H
#define UP_CACHE_DIFF_H

#include <stddef.h>

#include "cache_store.h"
#include "git_repo.h"

/* What changed since a flake's entry was written, for up --doctor (up(1)
 * GIT AND THE CACHE). Beside each entry a record keeps the state it was
 * made from: the key's inputs (nix, its configuration, git's), HEAD's
 * commit and each tracked file's state (a hash of its path, the start of
 * its content's id); and one more record per flake, attribute and system
 * names the key of the last entry written. Written by a cold run that stores an
 * entry; read only by --doctor, which compares with the entry's own
 * record, or, when there is no entry for this key, with the last one. */
struct cache_diff {
	struct cache made;  /* the record beside the key's entry */
	struct cache last;  /* the flake's last record */
};

/* The records of the key, and of the flake it names (its flake, dir, attr
 * and system labels, the first of the key's inputs), kept in records/
 * under the cache directory dir. */
void cache_diff_init(struct cache_diff *d, const char *dir, const char *key, size_t keylen);
/* Keeps the state an entry of key was made from: head (hex, "" unborn) and
 * the tracked files' states (cache_tree_read_states). */
void cache_diff_save(const struct cache_diff *d, const char *key, size_t keylen, const char *head,
		     const struct buf *states);
/* What differs between the key's record (else the flake's last) and now
 * (key, head, r's index and work tree; libgit2 hashes a file the index no
 * longer vouches for), said for a person ("HEAD moved from 1a2b3c4 to
 * 5d6e7f8; 3 tracked files changed (flake.nix, a.nix, b.nix)"): a fresh
 * string, or NULL when there is no record. */
char *cache_diff_explain(const struct cache_diff *d, const char *key, size_t keylen,
			 const char *head, struct repo *r);
void cache_diff_free(struct cache_diff *d);

#endif
