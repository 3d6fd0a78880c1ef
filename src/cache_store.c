#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache_store.h"
#include "fs.h"

/* An entry: "up-cache 3 flags=F key=K meta=M blob=B\n", then K bytes of
 * key, M of meta, B of blob. */
static const char magic[] = "up-cache 3 flags=";

enum {
	HEAD_MAX = 128,
	NAME_LEN = 32,             /* hex digits of an entry's name */
	KEEP = 64,                 /* entries kept at most */
	TEMP_AGE = 10 * 60,        /* seconds before a temporary file is stale */
	ENTRY_AGE = 30 * 24 * 3600 /* seconds before an unused entry is stale */
};

void cache_key_init(struct cache_key *k)
{
	buf_init(&k->text);
	buf_add(&k->text, "", 0);
}

void cache_key_add(struct cache_key *k, const char *label, const char *value)
{
	buf_printf(&k->text, "%s %zu:%s\n", label, strlen(value), value);
}

void cache_key_free(struct cache_key *k)
{
	buf_free(&k->text);
}

/* The entry's name: 128 bits of two FNV-1a hashes in hex. It need not be
 * secure: the key itself is kept in the entry and compared on reading. */
static void key_name(struct buf *out, const char *key, size_t len)
{
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	for (size_t i = 0; i < len; i++) {
		h[0] = (h[0] ^ (unsigned char)key[i]) * 0x100000001b3ULL;
		h[1] = (h[1] ^ (unsigned char)key[len - 1 - i]) * 0x100000001b3ULL;
	}
	buf_printf(out, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}

/* dir, made if missing, when it is this user's own real directory, 0700. */
static const char *trust(const char *dir)
{
	struct stat st;
	if (lstat(dir, &st) != 0 && (errno != ENOENT || !fs_mkdirs(dir) || lstat(dir, &st) != 0))
		return "the cache directory cannot be made";
	if (!S_ISDIR(st.st_mode))
		return "the cache directory is not a directory (a symbolic link or a file)";
	if (st.st_uid != geteuid())
		return "the cache directory belongs to another user";
	if ((st.st_mode & 07777) != 0700 && chmod(dir, 0700) != 0)
		return "the cache directory is open to others and cannot be made private";
	return NULL;
}

void cache_open(struct cache *c, const struct cache_key *k, const char *dir)
{
	struct buf path;
	memset(c, 0, sizeof *c);
	c->dir = dir ? xstrdup(dir) : fs_xdg_dir("XDG_CACHE_HOME", ".cache");
	if (!c->dir) {
		c->off = "neither XDG_CACHE_HOME nor HOME is an absolute path";
		return;
	}
	if ((c->off = trust(c->dir))) {
		free(c->dir);
		c->dir = NULL;
		return;
	}
	buf_init(&path);
	buf_printf(&path, "%s/", c->dir);
	key_name(&path, k->text.data, k->text.len);
	c->path = buf_take(&path);
	c->key = xstrndup(k->text.data, k->text.len);
	c->keylen = k->text.len;
}

void cache_free(struct cache *c)
{
	free(c->dir);
	free(c->path);
	free(c->key);
	memset(c, 0, sizeof *c);
}

void cache_entry_free(struct cache_entry *e)
{
	buf_free(&e->meta);
	free(e->blob);
	e->blob = NULL;
	e->bloblen = 0;
}

static bool read_at(int fd, char *to, size_t len, off_t at)
{
	while (len) {
		ssize_t n = pread(fd, to, len, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		to += n;
		len -= (size_t)n;
		at += n;
	}
	return true;
}

/* The parts of an entry of size bytes, after its header. */
static bool read_entry(const struct cache *c, int fd, size_t size, struct cache_entry *e)
{
	char head[HEAD_MAX + 1];
	size_t keylen, metalen, bloblen;
	int end = 0;
	ssize_t n = pread(fd, head, HEAD_MAX, 0);
	if (n <= (ssize_t)sizeof magic)
		return false;
	head[n] = '\0';
	if (memcmp(head, magic, sizeof magic - 1) ||
	    sscanf(head + sizeof magic - 1, "%u key=%zu meta=%zu blob=%zu%n", &e->flags, &keylen,
		   &metalen, &bloblen, &end) != 4 || head[sizeof magic - 1 + (size_t)end] != '\n')
		return false;
	size_t at = sizeof magic + (size_t)end;
	if (keylen != c->keylen || metalen > size || bloblen > size ||
	    at + keylen + metalen + bloblen != size)
		return false;
	char *key = xmalloc(keylen + 1);
	bool same = read_at(fd, key, keylen, (off_t)at) && !memcmp(key, c->key, keylen);
	free(key);
	if (!same)
		return false;
	char *meta = xmalloc(metalen + 1);
	bool got = read_at(fd, meta, metalen, (off_t)(at + keylen));
	buf_reset(&e->meta);
	buf_add(&e->meta, meta, metalen);
	free(meta);
	e->blob = xmalloc(bloblen ? bloblen : 1);
	e->bloblen = bloblen;
	return got && read_at(fd, e->blob, bloblen, (off_t)(at + keylen + metalen));
}

bool cache_get(const struct cache *c, struct cache_entry *e)
{
	struct stat st;
	buf_init(&e->meta);
	e->blob = NULL;
	e->bloblen = 0;
	if (!c->path)
		return false;
	/* Never a FIFO or device to wait on, never another user's file. */
	int fd = open(c->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		  read_entry(c, fd, (size_t)st.st_size, e);
	close(fd);
	if (!ok)
		cache_entry_free(e);
	return ok;
}

/* Temporary files left by a run that was killed, and entries past the age
 * or count bound. */
static void sweep(const char *dir)
{
	struct { char *name; time_t mtime; } *kept = NULL;
	size_t n = 0;
	time_t now = time(NULL);
	DIR *d = opendir(dir);
	struct buf path;
	buf_init(&path);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		struct stat st;
		if (strspn(e->d_name, "0123456789abcdef") != NAME_LEN ||
		    (len != NAME_LEN && (len != NAME_LEN + 7 || e->d_name[NAME_LEN] != '.')))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		if (lstat(path.data, &st) != 0 || st.st_uid != geteuid())
			continue;
		bool temporary = len != NAME_LEN;
		if (!S_ISREG(st.st_mode) || now - st.st_mtime > (temporary ? TEMP_AGE : ENTRY_AGE)) {
			unlink(path.data);
		} else if (!temporary) {
			kept = xreallocarray(kept, n + 1, sizeof *kept);
			kept[n].name = xstrdup(path.data);
			kept[n++].mtime = st.st_mtime;
		}
	}
	if (d)
		closedir(d);
	/* Past the count: the least recently written go. */
	while (n > KEEP) {
		size_t oldest = 0;
		for (size_t i = 1; i < n; i++)
			if (kept[i].mtime < kept[oldest].mtime)
				oldest = i;
		unlink(kept[oldest].name);
		free(kept[oldest].name);
		kept[oldest] = kept[--n];
	}
	for (size_t i = 0; i < n; i++)
		free(kept[i].name);
	free(kept);
	buf_free(&path);
}

bool cache_put(const struct cache *c, unsigned flags, const struct buf *meta, const char *blob,
	       size_t bloblen)
{
	struct fs_atomic file;
	if (!c->path || !fs_atomic_open(&file, c->path))
		return false;
	fprintf(file.file, "%s%u key=%zu meta=%zu blob=%zu\n", magic, flags, c->keylen, meta->len,
		bloblen);
	bool ok = fwrite(c->key, 1, c->keylen, file.file) == c->keylen &&
		  fwrite(buf_str(meta), 1, meta->len, file.file) == meta->len &&
		  fwrite(blob, 1, bloblen, file.file) == bloblen;
	if (!fs_atomic_commit(&file, ok))
		return false;
	sweep(c->dir);
	return true;
}

void cache_forget(const struct cache *c)
{
	if (c->path)
		unlink(c->path);
}
