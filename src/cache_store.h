#ifndef UP_CACHE_STORE_H
#define UP_CACHE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The manifest cache of up(1) GIT AND THE CACHE under $XDG_CACHE_HOME/up/: a key (the text
 * of what names an entry) names an entry holding flags, a text the caller
 * reads (what the entry depends on) and a block of bytes (the packed
 * manifest). An entry answers only for the very key it was written for:
 * the key is kept in it and compared.
 *
 * The cache is used only when its directory is a real directory owned by
 * this user with mode 0700 (created so), and an entry only when it is a
 * regular file owned by this user; anything else is passed over, never
 * waited on. Entries are written whole or not at all; stale temporary files
 * and old entries are swept when one is written. Every failure only costs
 * speed. */
struct cache_key {
	struct buf text;
};

void cache_key_init(struct cache_key *k);
/* Adds one input; labels and values are length-prefixed, so different
 * inputs never make the same key. */
void cache_key_add(struct cache_key *k, const char *label, const char *value);
void cache_key_free(struct cache_key *k);

struct cache {
	char *dir;      /* the cache directory, or NULL: no cache */
	char *path;     /* the entry's file */
	char *key;      /* the key's text */
	size_t keylen;
	const char *off; /* why there is no cache, or NULL */
};

struct cache_entry {
	unsigned flags;
	struct buf meta;
	char *blob;     /* malloc'd */
	size_t bloblen;
};

/* The entry for key, in dir (NULL: up's directory under XDG_CACHE_HOME). */
void cache_open(struct cache *c, const struct cache_key *k, const char *dir);
/* The entry stored for the key: true on a hit. */
bool cache_get(const struct cache *c, struct cache_entry *e);
/* Stores an entry for the key, atomically, then sweeps the directory:
 * whether it was written. */
bool cache_put(const struct cache *c, unsigned flags, const struct buf *meta, const char *blob,
	       size_t bloblen);
/* Removes the entry (a damaged one). */
void cache_forget(const struct cache *c);
void cache_entry_free(struct cache_entry *e);
void cache_free(struct cache *c);

#endif
