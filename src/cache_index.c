#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fs.h"
#include "platform.h"
#include "cache_index.h"

enum {
	ASSUME_VALID = 0x8000, EXTENDED = 0x4000, NAME_MASK = 0x0fff,
	SKIP_WORKTREE = 0x4000, INTENT_TO_ADD = 0x2000,   /* extended flags */
	ENTRY_FIXED = 62, HASH_LEN = 20,
	MODE_LINK = 0120000, MODE_GITLINK = 0160000, MODE_DIR = 040000,
	PER_THREAD = 4000, THREADS_MAX = 8
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* git's offset varint (varint.c), for version 4's name compression. */
static bool varint(const unsigned char **p, const unsigned char *end, size_t *out)
{
	if (*p >= end)
		return false;
	unsigned char c = *(*p)++;
	size_t v = c & 127;
	while (c & 128) {
		if (*p >= end || v > (SIZE_MAX >> 8))
			return false;
		c = *(*p)++;
		v = ((v + 1) << 7) + (c & 127);
	}
	*out = v;
	return true;
}

/* The entries of the index data (names into names), then a look at its
 * extensions: ix->why on failure. */
static bool parse(struct cache_index *ix, const unsigned char *p, size_t len, struct buf *names,
		  size_t **name_at)
{
	if (len < 12 + HASH_LEN || memcmp(p, "DIRC", 4))
		return (ix->why = "git's index has no header this up knows"), false;
	uint32_t version = be32(p + 4), count = be32(p + 8);
	if (version < 2 || version > 4)
		return (ix->why = "git's index is of a version this up does not read"), false;
	const unsigned char *q = p + 12, *end = p + len - HASH_LEN;
	if (count > (size_t)(end - q) / ENTRY_FIXED)
		return (ix->why = "git's index is cut short"), false;
	ix->v = xcalloc(count ? count : 1, sizeof *ix->v);
	*name_at = xcalloc(count ? count : 1, sizeof **name_at);
	size_t prev = 0, prev_len = 0;
	for (uint32_t i = 0; i < count; i++) {
		struct cache_index_entry *e = &ix->v[i];
		if ((size_t)(end - q) < ENTRY_FIXED)
			return (ix->why = "git's index is cut short"), false;
		e->flags = be16(q + 60);
		size_t fixed = ENTRY_FIXED;
		if (e->flags & EXTENDED) {
			if (version < 3 || (size_t)(end - q) < ENTRY_FIXED + 2)
				return (ix->why = "git's index has flags this up does not know"), false;
			e->ext = be16(q + 62);
			fixed += 2;
		}
		for (int k = 0; k < 9; k++)
			e->stat[k] = be32(q + (k < 6 ? 4 * k : 4 * k + 4)); /* mode sits at 24 */
		e->mode = be32(q + 24);
		memcpy(e->oid, q + 40, sizeof e->oid);
		const unsigned char *name = q + fixed;
		size_t keep = 0;
		if (version == 4) {
			size_t strip;
			if (!varint(&name, end, &strip) || strip > prev_len)
				return (ix->why = "git's index is damaged"), false;
			keep = prev_len - strip;
		}
		const unsigned char *nul = memchr(name, '\0', (size_t)(end - name));
		if (!nul)
			return (ix->why = "git's index is damaged"), false;
		(*name_at)[i] = names->len;
		if (keep)
			buf_add(names, names->data + prev, keep);
		buf_add(names, (const char *)name, (size_t)(nul - name));
		buf_putc(names, '\0');
		prev = (*name_at)[i];
		prev_len = names->len - prev - 1;
		e->unread = (e->flags & ASSUME_VALID) || (e->ext & (SKIP_WORKTREE | INTENT_TO_ADD)) ||
			    (e->mode & 0170000) == MODE_DIR;
		q = version == 4 ? nul + 1 : q + ((fixed + (size_t)(nul - name) + 8) & ~(size_t)7);
		if (q > end)
			return (ix->why = "git's index is damaged"), false;
		ix->n++;
	}
	while ((size_t)(end - q) >= 8) {  /* a split index keeps its entries elsewhere */
		uint32_t size = be32(q + 4);
		if (!memcmp(q, "link", 4))
			return (ix->why = "git's index is split (core.splitIndex)"), false;
		if (size > (size_t)(end - q) - 8)
			return (ix->why = "git's index is damaged"), false;
		q += 8 + size;
	}
	return true;
}

/* Whether the stat data git recorded still describes the file, as git's
 * own check decides, racy entries excluded. */
static bool vouched(const struct cache_index_entry *e, const struct stat *st,
		    const struct timespec *index_mtime)
{
	const uint32_t *s = e->stat;  /* ctime s, ns, mtime s, ns, dev, ino, uid, gid, size */
	bool nsec = s[1] || s[3];     /* a git built without nanoseconds writes 0 */
	if ((e->mode & 0170000) == MODE_LINK ? !S_ISLNK(st->st_mode)
	    : !S_ISREG(st->st_mode) || ((e->mode & 0100) != 0) != ((st->st_mode & 0100) != 0))
		return false;
	if (s[2] != (uint32_t)FS_MTIME(*st).tv_sec || s[0] != (uint32_t)FS_CTIME(*st).tv_sec ||
	    (nsec && (s[3] != (uint32_t)FS_MTIME(*st).tv_nsec || s[1] != (uint32_t)FS_CTIME(*st).tv_nsec)) ||
	    s[5] != (uint32_t)st->st_ino || s[6] != (uint32_t)st->st_uid ||
	    s[7] != (uint32_t)st->st_gid || s[8] != (uint32_t)st->st_size)
		return false;
	/* Racy: changed in the same tick as the index was written. */
	if ((long long)s[2] > (long long)index_mtime->tv_sec)
		return false;
	return (long long)s[2] < (long long)index_mtime->tv_sec ||
	       (nsec && (long long)s[3] < (long long)index_mtime->tv_nsec);
}

/* One thread's share of the lstat()s. */
struct share {
	struct cache_index *ix;
	const char *workdir;
	size_t from, to;
	bool late;              /* the deadline passed before the share was done */
};

static struct timespec deadline;  /* (CLOCK_MONOTONIC; 0: none) */

void cache_index_deadline(long ms)
{
	memset(&deadline, 0, sizeof deadline);
	if (ms > 0 && clock_gettime(CLOCK_MONOTONIC, &deadline) == 0) {
		deadline.tv_sec += ms / 1000 + (deadline.tv_nsec + ms % 1000 * 1000000L) / 1000000000L;
		deadline.tv_nsec = (deadline.tv_nsec + ms % 1000 * 1000000L) % 1000000000L;
	}
}

long cache_index_left(void)
{
	struct timespec now;
	if (!deadline.tv_sec && !deadline.tv_nsec)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (long)(deadline.tv_sec - now.tv_sec) * 1000 + (deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? ms : 0;
}

/* The open directories of the path being walked, one per component, kept
 * so that the next directory opens only the components it does not share
 * with the last (entries come sorted: one open per directory). */
enum { WALK_MAX = 64 };
struct walk {
	int top;
	int fd[WALK_MAX];       /* fd[i]: the first i + 1 components of path */
	size_t end[WALK_MAX];   /* where component i ends in path */
	int depth;
	char path[4096];
	bool linked;            /* the walk stopped at a symbolic link */
};

/* The directory dirname (len bytes, relative; empty: top), walked one
 * component at a time without following a symbolic link, as git walks a
 * tracked path: its fd, or -1 (linked set when a component is a link). */
static int walk_to(struct walk *w, const char *dirname, size_t len)
{
	int keep = 0;  /* the components shared with the last walk */
	while (keep < w->depth && w->end[keep] <= len && !memcmp(w->path, dirname, w->end[keep]) &&
	       (w->end[keep] == len || dirname[w->end[keep]] == '/'))
		keep++;
	while (w->depth > keep)
		close(w->fd[--w->depth]);
	memcpy(w->path, dirname, len);
	w->path[len] = '\0';
	w->linked = false;
	size_t at = keep ? w->end[keep - 1] + 1 : 0;
	while (at < len) {
		size_t n = strcspn(w->path + at, "/");
		if (w->depth == WALK_MAX)
			return -1;
		w->path[at + n] = '\0';
		int fd = openat(w->depth ? w->fd[w->depth - 1] : w->top, w->path + at,
				O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		w->path[at + n] = at + n < len ? '/' : '\0';
		if (fd < 0) {
			w->linked = errno == ELOOP || errno == ENOTDIR;
			return -1;
		}
		w->fd[w->depth] = fd;
		w->end[w->depth++] = at + n;
		at += n + 1;
	}
	return w->depth ? w->fd[w->depth - 1] : w->top;
}

static void *check(void *arg)
{
	struct share *sh = arg;
	struct walk w = { .top = open(sh->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
	int dir = -1;
	size_t dir_len = (size_t)-1;
	const char *dir_name = NULL;
	bool dir_linked = false;
	struct buf full;
	buf_init(&full);
	for (size_t i = sh->from; i < sh->to; i++) {
		struct cache_index_entry *e = &sh->ix->v[i];
		struct stat st;
		if ((i - sh->from) % 256 == 255 && cache_index_left() == 0) {
			sh->late = true;
			break;
		}
		const char *slash = strrchr(e->name, '/');
		size_t len = slash ? (size_t)(slash - e->name) : 0;
		bool got;
		if (w.top < 0 || len >= sizeof w.path) { /* the whole path, as lstat walks it */
			buf_reset(&full);
			buf_printf(&full, "%s%s", sh->workdir, e->name);
			got = lstat(full.data, &st) == 0;
		} else {
			if (len != dir_len || !dir_name || memcmp(dir_name, e->name, len)) {
				dir = walk_to(&w, e->name, len);
				dir_linked = dir < 0 && w.linked;
				dir_len = len;
				dir_name = e->name;
			}
			e->linked = dir < 0 && dir_linked;
			if (e->unread)  /* (git does not look at its file, but sees a link above it) */
				continue;
			got = dir >= 0 && fstatat(dir, slash ? slash + 1 : e->name, &st, AT_SYMLINK_NOFOLLOW) == 0;
		}
		if (e->unread)
			continue;
		if ((e->mode & 0170000) == MODE_GITLINK)
			e->vouched = got && S_ISDIR(st.st_mode);  /* a directory is the submodule */
		else
			e->vouched = got && vouched(e, &st, &FS_MTIME(sh->ix->file));
	}
	while (w.depth > 0)
		close(w.fd[--w.depth]);
	if (w.top >= 0)
		close(w.top);
	buf_free(&full);
	return NULL;
}

static bool check_all(struct cache_index *ix, const char *workdir)
{
	size_t n = ix->n / PER_THREAD + 1;
	size_t most = 2 * (size_t)platform_cpus(); /* a thread may wait on the disk */
	n = n > most ? most : n;
	n = n > THREADS_MAX ? THREADS_MAX : n;
	struct share shares[THREADS_MAX];
	pthread_t threads[THREADS_MAX];
	bool started[THREADS_MAX] = { false };
	for (size_t t = 0; t < n; t++) {
		shares[t] = (struct share){ ix, workdir, ix->n * t / n, ix->n * (t + 1) / n, false };
		started[t] = t > 0 && pthread_create(&threads[t], NULL, check, &shares[t]) == 0;
	}
	check(&shares[0]);
	for (size_t t = 1; t < n; t++) {
		if (started[t])
			pthread_join(threads[t], NULL);
		else
			check(&shares[t]);  /* no thread could be had: here, after all */
	}
	for (size_t t = 0; t < n; t++)
		if (shares[t].late)
			return false;
	return true;
}

bool cache_index_read(struct cache_index *ix, const char *workdir, const char *gitdir)
{
	struct buf path, names;
	size_t *name_at = NULL;
	memset(ix, 0, sizeof *ix);
	buf_init(&path);
	buf_init(&names);
	buf_printf(&path, "%s/index", gitdir);
	int fd = open(path.data, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	bool ok = true;
	if (fd < 0) {
		ok = errno == ENOENT || !(ix->why = "git's index cannot be read");
	} else {
		ok = fstat(fd, &ix->file) == 0 && S_ISREG(ix->file.st_mode);
		size_t want = ok ? (size_t)ix->file.st_size : 0, have = 0;
		ssize_t got = 0;
		unsigned char *mem = xmalloc(want + 1);   /* in one piece: it is large */
		while (ok && have < want && (got = read(fd, mem + have, want - have)) > 0)
			have += (size_t)got;
		mem[have] = 0;
		got = have == want ? 0 : -1;
		close(fd);
		ok = (ok && got == 0) || !(ix->why = "git's index cannot be read");
		ix->present = ok;
		ok = ok && parse(ix, mem, have, &names, &name_at);
		free(mem);
	}
	if (ok) {
		ix->names = buf_take(&names);
		for (size_t i = 0; i < ix->n; i++)
			ix->v[i].name = ix->names + name_at[i];
		ok = check_all(ix, workdir) ||
		     !(ix->why = "reading the work tree took longer than a TAB may wait (UP_COMPLETE_TIMEOUT)");
	}
	free(name_at);
	buf_free(&path);
	buf_free(&names);
	return ok;
}

void cache_index_free(struct cache_index *ix)
{
	free(ix->v);
	free(ix->names);
	memset(ix, 0, sizeof *ix);
}
