#ifndef UP_CACHE_H
#define UP_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The manifest cache of SPEC §6 under $XDG_CACHE_HOME/up/: a key (the text
 * of everything the entry depends on) names an entry holding flags and the
 * manifest's JSON. An entry answers only for the very key it was written
 * for: the key is kept in it and compared. Every failure only costs speed. */
struct cache_key {
	struct buf text;
};

void cache_key_init(struct cache_key *k);
/* Adds one input; labels and values are length-prefixed, so different
 * inputs never make the same key. */
void cache_key_add(struct cache_key *k, const char *label, const char *value);
void cache_key_free(struct cache_key *k);

struct cache {
	char *path;     /* the entry's file, or NULL: no cache */
	char *key;      /* the key's text */
	size_t keylen;
};

/* The entry for key, in dir (NULL: up's directory under XDG_CACHE_HOME,
 * created 0700). Without a usable directory the cache stays off. */
void cache_open(struct cache *c, const struct cache_key *k, const char *dir);
/* The JSON and flags stored for the key: true on a hit. */
bool cache_get(const struct cache *c, struct buf *json, unsigned *flags);
/* Stores JSON and flags for the key, atomically. */
void cache_put(const struct cache *c, const char *json, size_t len, unsigned flags);
/* Removes the entry (a corrupt one). */
void cache_forget(const struct cache *c);
void cache_free(struct cache *c);

#endif
