#ifndef UP_CACHE_DIFF_H
#define UP_CACHE_DIFF_H

#include <stddef.h>

#include "cache_store.h"
#include "git_repo.h"

/* What changed since a flake's entry was written, for up --doctor (up(1)
 * GIT AND THE CACHE). Beside each entry a record keeps the state it was
 * made from: the key's inputs (nix, its configuration, git's), HEAD's
 * commit and the tracked files that differed from it, with their blob
 * ids; and one more such record per flake, attribute and system keeps
 * that of the last entry written. Written by a cold run that stores an
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
/* Keeps the state an entry of key was made from, in both records: head
 * (hex, "" unborn) and r's changes (repo_scan read). */
void cache_diff_save(const struct cache_diff *d, const char *key, size_t keylen, const char *head,
		     const struct repo *r);
/* What differs between the key's record (else the flake's last) and now (key, head, r's changes), said
 * for a person ("HEAD moved from 1a2b3c4 to 5d6e7f8; 3 tracked files
 * changed (flake.nix, a.nix, b.nix)"): a fresh string, or NULL when there
 * is no record. */
char *cache_diff_explain(const struct cache_diff *d, const char *key, size_t keylen,
			 const char *head, struct repo *r);
void cache_diff_free(struct cache_diff *d);

#endif
