#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "fs.h"

/* An entry: "up-cache 2 flags=F key=N\n", the N bytes of the key, the JSON. */
static const char magic[] = "up-cache 2 flags=";

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

void cache_open(struct cache *c, const struct cache_key *k, const char *dir)
{
	char *own = dir ? NULL : fs_xdg_dir("XDG_CACHE_HOME", ".cache");
	struct buf path;
	memset(c, 0, sizeof *c);
	if (!dir && !own)
		return;
	if (!dir && !fs_mkdirs(own)) {
		free(own);
		return;
	}
	buf_init(&path);
	buf_printf(&path, "%s/", dir ? dir : own);
	key_name(&path, k->text.data, k->text.len);
	c->path = buf_take(&path);
	c->key = xstrndup(k->text.data, k->text.len);
	c->keylen = k->text.len;
	free(own);
}

void cache_free(struct cache *c)
{
	free(c->path);
	free(c->key);
	memset(c, 0, sizeof *c);
}

static bool read_all(const char *path, struct buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(b, chunk, (size_t)n);
	close(fd);
	return n == 0;
}

/* The header "up-cache 2 flags=F key=N\n" of an entry: where its key
 * starts, or 0 when it is not one. */
static size_t header(const struct buf *b, unsigned *flags, size_t *keylen)
{
	const char *nl = b->len < sizeof magic ? NULL : memchr(b->data, '\n', b->len);
	int end = 0;
	if (!nl || memcmp(b->data, magic, sizeof magic - 1) ||
	    sscanf(b->data + sizeof magic - 1, "%u key=%zu%n", flags, keylen, &end) != 2 ||
	    b->data + sizeof magic - 1 + end != nl)
		return 0;
	return (size_t)(nl + 1 - b->data);
}

bool cache_get(const struct cache *c, struct buf *json, unsigned *flags)
{
	struct buf b;
	size_t keylen, at;
	unsigned f;
	bool hit = false;
	if (!c->path)
		return false;
	buf_init(&b);
	if (read_all(c->path, &b) && (at = header(&b, &f, &keylen)) && keylen == c->keylen &&
	    b.len - at >= keylen && !memcmp(b.data + at, c->key, keylen)) {
		buf_reset(json);
		buf_add(json, b.data + at + keylen, b.len - at - keylen);
		*flags = f;
		hit = true;
	}
	buf_free(&b);
	return hit;
}

void cache_put(const struct cache *c, const char *json, size_t len, unsigned flags)
{
	struct buf body;
	if (!c->path)
		return;
	buf_init(&body);
	buf_printf(&body, "%s%u key=%zu\n", magic, flags, c->keylen);
	buf_add(&body, c->key, c->keylen);
	buf_add(&body, json, len);
	fs_write_atomic(c->path, body.data, body.len);
	buf_free(&body);
}

void cache_forget(const struct cache *c)
{
	if (c->path)
		unlink(c->path);
}
