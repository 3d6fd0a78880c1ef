#ifndef UP_CACHE_INDEX_H
#define UP_CACHE_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* git's index (gitformat-index: versions 2 to 4, SHA-1 ids), read as git
 * reads it, and the check git makes of each entry against the work tree
 * (ie_match_stat): whether the file's stat data still vouches for the blob
 * the entry records. An entry changed in the same tick as the index was
 * written (racy) is not vouched for. The lstat()s are shared among threads
 * on a large index, as git's core.preloadIndex does, each thread opening
 * each directory once. No process, no untracked file, nothing written. */
struct cache_index_entry {
	const char *name;       /* relative to the work tree */
	uint32_t mode;          /* as git records it: 0100644, 0100755, 0120000, 0160000, 040000 */
	uint16_t flags, ext;    /* the entry's flags and extended flags */
	unsigned char oid[20];  /* the blob (SHA-1) the entry records */
	bool unread;            /* git does not look at the work tree file (see below) */
	bool vouched;           /* the work tree file is what the entry records (a
				 * submodule: its path is a directory) */
	bool linked;            /* a directory on its path is a symbolic link, so
				 * git sees no file there */
	uint32_t stat[9];       /* ctime s/ns, mtime s/ns, dev, ino, uid, gid, size (truncated) */
};

struct cache_index {
	struct cache_index_entry *v;
	size_t n;
	char *names;            /* the entries' names, each NUL-terminated */
	struct stat file;       /* the index file's own stat data */
	bool present;           /* there is an index (none yet: no tracked file) */
	const char *why;        /* why it cannot be read, when cache_index_read fails */
};

/* Reads gitdir's index and checks each entry against workdir (ending in
 * '/'). unread entries: assume-unchanged, skip-worktree, intent-to-add and
 * sparse directories, whose files git does not compare. */
bool cache_index_read(struct cache_index *ix, const char *workdir, const char *gitdir);
void cache_index_free(struct cache_index *ix);
/* A bound on the reads of this process from now (ms; 0: none): past it,
 * cache_index_read stops checking the work tree and fails (a TAB answers
 * nothing rather than wait on a slow disk). How long is left: ms, 0 when
 * past, -1 when there is no bound. */
void cache_index_deadline(long ms);
long cache_index_left(void);

#endif
