#ifndef UP_CACHE_STAT_H
#define UP_CACHE_STAT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

/* What an evaluation depended on (up(1) GIT AND THE CACHE): the files nix read, as they are
 * in the work tree, each with its identity (inode, size, times) when it was
 * recorded, so that a later run can tell by lstat() alone whether anything
 * nix would read again has changed. A file whose times are too close to
 * the evaluation to be trusted is checked by its content as well, until it
 * is old enough. */
struct dep {
	char *path;
	char kind;               /* 'f' file, 'd' directory, 'l' link, 'o' other, '-' absent */
	long long dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	char sha[65];            /* SHA-256 of the content, or "" */
};

struct cache_stat {
	struct dep *v;
	size_t n;
};

void cache_stat_init(struct cache_stat *d);
/* Adds a path (absolute) to record (repeats are dropped when recording). */
void cache_stat_add(struct cache_stat *d, const char *path);
/* Takes the identity of every path now, for an evaluation that started at
 * t0. false when one of them changed since shortly before t0: what nix read
 * is not known, so nothing should be recorded. */
bool cache_stat_record(struct cache_stat *d, const struct timespec *t0);
/* Whether every path is as recorded. */
bool cache_stat_valid(const struct cache_stat *d);
/* Drops the content checks of files now old enough to be trusted by their
 * identity alone; true when any was dropped (the record is worth writing
 * again). */
bool cache_stat_settle(struct cache_stat *d);
void cache_stat_write(const struct cache_stat *d, struct buf *out);
/* Reads what cache_stat_write() wrote; false when it is not that. */
bool cache_stat_read(struct cache_stat *d, const char *text, size_t len);
void cache_stat_free(struct cache_stat *d);

/* The SHA-256 of what path holds, by kind: 'f' a file's content, 'd' the
 * names in a directory, 'l' a link's target (any other kind: nothing).
 * False when it cannot be read. */
bool cache_stat_content(const char *path, char kind, char sha[65]);

#endif
