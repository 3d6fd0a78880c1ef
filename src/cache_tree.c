#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cache_tree.h"
#include "sha256.h"

#if defined(__APPLE__)
#define MTIME(st) (st).st_mtimespec
#define CTIME(st) (st).st_ctimespec
#else
#define MTIME(st) (st).st_mtim
#define CTIME(st) (st).st_ctim
#endif

/* Index entry flags (git's read-cache.c and Documentation/gitformat-index). */
enum {
	ASSUME_VALID = 0x8000, EXTENDED = 0x4000, NAME_MASK = 0x0fff,
	SKIP_WORKTREE = 0x4000, INTENT_TO_ADD = 0x2000,   /* in the extended flags */
	ENTRY_FIXED = 62, HASH_LEN = 20,
	MODE_LINK = 0120000, MODE_GITLINK = 0160000, MODE_DIR = 040000
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* A whole file into b (emptied first); false when it cannot be read. At
 * most max bytes: a larger file is not read. */
static bool slurp(const char *path, struct buf *b, size_t max, struct stat *st)
{
	buf_reset(b);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return false;
	bool ok = fstat(fd, st) == 0 && S_ISREG(st->st_mode) && (size_t)st->st_size <= max;
	char chunk[65536];
	ssize_t n = 0;
	while (ok && (n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	close(fd);
	return ok && n == 0;
}

/* ---- HEAD ---- */

static bool hex_id(const char *s, size_t len)
{
	return (len == 40 || len == 64) && strspn(s, "0123456789abcdef") == len;
}

/* The id a ref names, from its loose file or packed-refs ("" if none). */
static bool resolve(const char *commondir, const char *ref, char id[65], int depth)
{
	struct buf path, text;
	struct stat st;
	bool ok = false;
	if (depth > 5 || strstr(ref, "..") || strncmp(ref, "refs/", 5))
		return false;
	buf_init(&path);
	buf_init(&text);
	buf_printf(&path, "%s/%s", commondir, ref);
	if (slurp(path.data, &text, 4096, &st)) {
		size_t len = strcspn(text.data, "\n");
		text.data[len] = '\0';
		if (!strncmp(text.data, "ref: ", 5))
			ok = resolve(commondir, text.data + 5, id, depth + 1);
		else if ((ok = hex_id(text.data, len)))
			memcpy(id, text.data, len + 1);
	} else if (errno == ENOENT || errno == ENOTDIR) {
		buf_reset(&path);
		buf_printf(&path, "%s/packed-refs", commondir);
		id[0] = '\0';
		ok = true;
		if (slurp(path.data, &text, 64 << 20, &st)) {
			size_t reflen = strlen(ref);
			for (char *line = text.data, *nl; *line; line = nl + 1) {
				nl = line + strcspn(line, "\n");
				char *space = memchr(line, ' ', (size_t)(nl - line));
				if (space && line[0] != '#' && line[0] != '^' &&
				    (size_t)(nl - space - 1) == reflen && !memcmp(space + 1, ref, reflen) &&
				    hex_id(line, (size_t)(space - line))) {
					memcpy(id, line, (size_t)(space - line));
					id[space - line] = '\0';
					break;
				}
				if (!*nl)
					break;
			}
		} else if (errno != ENOENT) {
			ok = false;
		}
	}
	buf_free(&path);
	buf_free(&text);
	return ok;
}

bool cache_tree_head(const char *gitdir, const char *commondir, char id[65])
{
	struct buf path, text;
	struct stat st;
	bool ok = false;
	buf_init(&path);
	buf_init(&text);
	buf_printf(&path, "%s/HEAD", gitdir);
	if (slurp(path.data, &text, 4096, &st)) {
		size_t len = strcspn(text.data, "\n");
		text.data[len] = '\0';
		if (!strncmp(text.data, "ref: ", 5))
			ok = resolve(commondir, text.data + 5, id, 0);
		else if ((ok = hex_id(text.data, len)))
			memcpy(id, text.data, len + 1);
	}
	buf_free(&path);
	buf_free(&text);
	return ok;
}

/* ---- the index ---- */

/* Adds a small file's content (or its absence) to the digest. */
static void add_file(struct sha256 *h, const char *label, const char *path)
{
	struct buf text;
	struct stat st;
	buf_init(&text);
	bool got = slurp(path, &text, 16 << 20, &st);
	sha256_add(h, label, strlen(label) + 1);
	sha256_add(h, got ? "y" : "n", 1);
	sha256_add(h, buf_str(&text), text.len);
	buf_free(&text);
}

/* What the work tree holds at path now: its mode as git writes it, and a
 * hash of its content (the target of a link). */
static void worktree_content(const char *path, const struct stat *st, bool exists, char out[80])
{
	struct sha256 h;
	char hex[65];
	sha256_init(&h);
	if (!exists) {
		snprintf(out, 80, "absent");
		return;
	}
	if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target);
		sha256_add(&h, target, n > 0 ? (size_t)n : 0);
	} else if (S_ISREG(st->st_mode)) {
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
		char chunk[65536];
		ssize_t n = -1;
		while (fd >= 0 && (n = read(fd, chunk, sizeof chunk)) > 0)
			sha256_add(&h, chunk, (size_t)n);
		if (fd >= 0)
			close(fd);
		if (n < 0)
			sha256_add(&h, "\0unreadable", 11);
	}
	sha256_hex(&h, hex);
	unsigned mode = S_ISLNK(st->st_mode) ? MODE_LINK : S_ISDIR(st->st_mode) ? MODE_DIR
		      : S_ISREG(st->st_mode) ? ((st->st_mode & 0100) ? 0100755 : 0100644) : 0;
	snprintf(out, 80, "%o:%s", mode, hex);
}

/* Whether the stat data git recorded still describes the file, as git's
 * own check decides (ie_match_stat), racy entries excluded. */
static bool vouched(const unsigned char *e, const struct stat *st, const struct timespec *index_mtime)
{
	uint32_t mode = be32(e + 24);
	uint32_t ms = be32(e + 8), mns = be32(e + 12), cs = be32(e + 0), cns = be32(e + 4);
	bool nsec = mns || cns;  /* a git built without nanoseconds writes 0 */
	if ((mode & 0170000) == MODE_LINK ? !S_ISLNK(st->st_mode)
	    : !S_ISREG(st->st_mode) || ((mode & 0100) != 0) != ((st->st_mode & 0100) != 0))
		return false;
	if (ms != (uint32_t)MTIME(*st).tv_sec || cs != (uint32_t)CTIME(*st).tv_sec ||
	    (nsec && (mns != (uint32_t)MTIME(*st).tv_nsec || cns != (uint32_t)CTIME(*st).tv_nsec)) ||
	    be32(e + 20) != (uint32_t)st->st_ino || be32(e + 28) != (uint32_t)st->st_uid ||
	    be32(e + 32) != (uint32_t)st->st_gid || be32(e + 36) != (uint32_t)st->st_size)
		return false;
	/* Racy: changed in the same tick as the index was written. */
	if ((long long)ms > (long long)index_mtime->tv_sec)
		return false;
	if ((long long)ms == (long long)index_mtime->tv_sec &&
	    (!nsec || (long long)mns >= (long long)index_mtime->tv_nsec))
		return false;
	return true;
}

static bool odd(const char *name)
{
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7f || *s == '\'' || *s == '\\')
			return true;
	return false;
}

/* Whether an attributes file names an export attribute. */
static bool exports(const char *path)
{
	struct buf text;
	struct stat st;
	buf_init(&text);
	bool found = slurp(path, &text, 16 << 20, &st) &&
		     (strstr(text.data, "export-subst") || strstr(text.data, "export-ignore"));
	buf_free(&text);
	return found;
}

struct reading {
	struct cache_tree *t;
	struct sha256 h;
	struct buf path;       /* workdir + the entry's name */
	size_t workdir_len;
	struct timespec index_mtime;
	bool inspect;
};

static void entry(struct reading *rd, const unsigned char *e, uint16_t flags, uint16_t ext)
{
	struct stat st;
	char content[80];
	const char *name = rd->path.data + rd->workdir_len;
	uint32_t mode = be32(e + 24);
	bool exists = lstat(rd->path.data, &st) == 0;
	bool unread = (flags & ASSUME_VALID) || (ext & (SKIP_WORKTREE | INTENT_TO_ADD)) ||
		      (mode & 0170000) == MODE_DIR;
	rd->t->files++;
	rd->t->flagged = rd->t->flagged || unread;
	rd->t->odd_name = rd->t->odd_name || odd(name);
	if ((mode & 0170000) == MODE_GITLINK) {
		snprintf(content, sizeof content, "gitlink");
	} else if (!unread && exists && vouched(e, &st, &rd->index_mtime)) {
		static const char digits[] = "0123456789abcdef";
		char *o = content + snprintf(content, sizeof content, "%o:", (unsigned)mode);
		for (int i = 0; i < HASH_LEN; i++) {
			*o++ = digits[e[40 + i] >> 4];
			*o++ = digits[e[40 + i] & 15];
		}
		*o = '\0';
	} else {
		rd->t->hashed++;
		worktree_content(rd->path.data, &st, exists, content);
	}
	if ((mode & 0170000) == MODE_GITLINK)
		sha256_add(&rd->h, e + 40, HASH_LEN);
	sha256_add(&rd->h, name, strlen(name) + 1);
	char tag[16];
	snprintf(tag, sizeof tag, "%04x%04x", flags & ~NAME_MASK, ext);
	sha256_add(&rd->h, tag, strlen(tag));
	sha256_add(&rd->h, content, strlen(content) + 1);
	if (rd->inspect && !rd->t->export_attr) {
		const char *base = strrchr(name, '/');
		if (!strcmp(base ? base + 1 : name, ".gitattributes"))
			rd->t->export_attr = exports(rd->path.data);
	}
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

/* Every entry of the index data, then its extensions; t->why on failure. */
static bool entries(struct reading *rd, const unsigned char *p, size_t len)
{
	if (len < 12 + HASH_LEN || memcmp(p, "DIRC", 4))
		return (rd->t->why = "git's index has no header this up knows"), false;
	uint32_t version = be32(p + 4), count = be32(p + 8);
	if (version < 2 || version > 4)
		return (rd->t->why = "git's index is of a version this up does not read"), false;
	const unsigned char *q = p + 12, *end = p + len - HASH_LEN;
	for (uint32_t i = 0; i < count; i++) {
		if ((size_t)(end - q) < ENTRY_FIXED)
			return (rd->t->why = "git's index is cut short"), false;
		uint16_t flags = be16(q + 60), ext = 0;
		size_t fixed = ENTRY_FIXED;
		if (flags & EXTENDED) {
			if (version < 3 || (size_t)(end - q) < ENTRY_FIXED + 2)
				return (rd->t->why = "git's index has flags this up does not know"), false;
			ext = be16(q + 62);
			fixed += 2;
		}
		const unsigned char *name = q + fixed;
		rd->path.len = version == 4 ? rd->path.len : rd->workdir_len;
		if (version == 4) {
			size_t strip;
			if (!varint(&name, end, &strip) || strip > rd->path.len - rd->workdir_len)
				return (rd->t->why = "git's index is damaged"), false;
			rd->path.len -= strip;
		}
		const unsigned char *nul = memchr(name, '\0', (size_t)(end - name));
		if (!nul)
			return (rd->t->why = "git's index is damaged"), false;
		buf_add(&rd->path, (const char *)name, (size_t)(nul - name));
		entry(rd, q, flags, ext);
		q = version == 4 ? nul + 1 : q + ((fixed + (size_t)(nul - name) + 8) & ~(size_t)7);
		if (q > end)
			return (rd->t->why = "git's index is damaged"), false;
	}
	while ((size_t)(end - q) >= 8) {  /* extensions: a split index keeps entries elsewhere */
		uint32_t size = be32(q + 4);
		if (!memcmp(q, "link", 4))
			return (rd->t->why = "git's index is split (core.splitIndex)"), false;
		if (size > (size_t)(end - q) - 8)
			return (rd->t->why = "git's index is damaged"), false;
		q += 8 + size;
	}
	return true;
}

bool cache_tree_read(struct cache_tree *t, const char *workdir, const char *gitdir,
		     const char *commondir, bool inspect)
{
	struct reading rd = { .t = t, .inspect = inspect };
	struct buf index, file;
	struct stat st;
	char head[65];
	memset(t, 0, sizeof *t);
	buf_init(&index);
	buf_init(&file);
	buf_init(&rd.path);
	sha256_init(&rd.h);
	buf_printf(&file, "%s/config", commondir);
	bool ok = true;
	if (slurp(file.data, &index, 16 << 20, &st) && strstr(index.data, "objectformat"))
		ok = !(t->why = "the repository names an object format (SHA-256 ids are not read)");
	buf_reset(&file);
	buf_printf(&file, "%s/reftable", commondir);
	if (ok && lstat(file.data, &st) == 0)
		ok = !(t->why = "the repository keeps its refs in a reftable");
	if (ok && !cache_tree_head(gitdir, commondir, head))
		ok = !(t->why = "git's HEAD cannot be read");
	if (ok) {
		sha256_add(&rd.h, "up-tree 1\n", 10);
		sha256_add(&rd.h, head, strlen(head) + 1);
		buf_reset(&file);
		buf_printf(&file, "%s/config", commondir);
		add_file(&rd.h, "config", file.data);
		buf_reset(&file);
		buf_printf(&file, "%s/config.worktree", gitdir);
		add_file(&rd.h, "config.worktree", file.data);
		buf_reset(&file);
		buf_printf(&file, "%s/info/attributes", commondir);
		add_file(&rd.h, "attributes", file.data);
		if (inspect)
			t->export_attr = exports(file.data);
		buf_reset(&file);
		buf_printf(&file, "%s/index", gitdir);
		if (!slurp(file.data, &index, (size_t)1 << 31, &st)) {
			/* No index yet: no tracked file. */
			ok = errno == ENOENT || !(t->why = "git's index cannot be read");
		} else {
			rd.index_mtime = MTIME(st);
			buf_puts(&rd.path, workdir);
			rd.workdir_len = rd.path.len;
			ok = entries(&rd, (const unsigned char *)index.data, index.len);
		}
	}
	if (ok)
		sha256_hex(&rd.h, t->digest);
	buf_free(&index);
	buf_free(&file);
	buf_free(&rd.path);
	return ok;
}
