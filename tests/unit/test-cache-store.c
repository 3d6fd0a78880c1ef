/* The manifest cache: keys, entries, that an entry answers only for its own
 * key, and that nothing but this user's own directory and files is used. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "cache_store.h"
#include "tap.h"

static const char *dir;

static void open_key(struct cache *c, const char *const *pairs, const char *where)
{
	struct cache_key k;
	cache_key_init(&k);
	for (size_t i = 0; pairs[i]; i += 2)
		cache_key_add(&k, pairs[i], pairs[i + 1]);
	cache_open(c, &k, where);
	cache_key_free(&k);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void put(const struct cache *c, const char *meta, const char *blob, unsigned flags)
{
	struct buf m;
	buf_init(&m);
	buf_puts(&m, meta);
	cache_put(c, flags, &m, blob, strlen(blob) + 1);
	buf_free(&m);
}

static bool got(const struct cache *c, const char *meta, const char *blob, unsigned flags)
{
	struct cache_entry e;
	bool hit = cache_get(c, &e);
	bool same = hit && !strcmp(buf_str(&e.meta), meta) && e.bloblen == strlen(blob) + 1 &&
		    !memcmp(e.blob, blob, e.bloblen) && e.flags == flags;
	if (hit)
		cache_entry_free(&e);
	return same;
}

static bool hit(const struct cache *c)
{
	struct cache_entry e;
	bool h = cache_get(c, &e);
	if (h)
		cache_entry_free(&e);
	return h;
}

static size_t entries(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 0;
	if (p) {
		if (fscanf(p, "%lu", &n) != 1)
			n = 0;
		pclose(p);
	}
	return n;
}

static void keys(void)
{
	const char *a[] = { "flake", "/x", "attr", "upManifest", NULL };
	const char *b[] = { "flake", "/x", "attr", "other", NULL };
	const char *split1[] = { "a", "bc", NULL }, *split2[] = { "ab", "c", NULL };
	const char *split3[] = { "a", "b c", NULL }, *split4[] = { "a b", "c", NULL };
	struct cache ca, ca2, cb, s1, s2, s3, s4;
	open_key(&ca, a, dir);
	open_key(&ca2, a, dir);
	open_key(&cb, b, dir);
	open_key(&s1, split1, dir);
	open_key(&s2, split2, dir);
	open_key(&s3, split3, dir);
	open_key(&s4, split4, dir);
	size_t dl = strlen(dir);
	tap_ok(ca.path && !strncmp(ca.path, dir, dl) && ca.path[dl] == '/' &&
	       strlen(ca.path + dl + 1) == 32 && strspn(ca.path + dl + 1, "0123456789abcdef") == 32,
	       "an entry is named by 32 hex digits in the directory: %s", ca.path ? ca.path : "none");
	tap_ok(!strcmp(ca.path, ca2.path), "the same inputs name the same entry");
	tap_ok(strcmp(ca.path, cb.path), "another attribute names another entry");
	tap_ok(strcmp(s1.path, s2.path) && strcmp(s3.path, s4.path),
	       "inputs that only move a boundary name other entries");

	tap_ok(!hit(&ca), "nothing stored: a miss");
	put(&ca, "recorded\n", "BLOB", 1);
	tap_ok(got(&ca, "recorded\n", "BLOB", 1), "what was put is got: flags, text and bytes");
	tap_ok(got(&ca2, "recorded\n", "BLOB", 1), "the same inputs hit");
	tap_ok(!hit(&cb), "other inputs miss");
	struct stat st;
	tap_ok(stat(ca.path, &st) == 0 && (st.st_mode & 077) == 0, "an entry is private (0600)");
	tap_ok(stat(dir, &st) == 0 && (st.st_mode & 07777) == 0700, "the directory is 0700");

	/* An entry written for another key, found at this key's path, is no hit. */
	put(&cb, "other\n", "OTHER", 0);
	rename(cb.path, ca.path);
	tap_ok(!hit(&ca), "an entry for another key does not answer");
	write_file(ca.path, "up-cache 3 flags=0 key=9999 meta=1 blob=1\n");
	tap_ok(!hit(&ca), "a truncated entry does not answer");
	write_file(ca.path, "up-cache 2 flags=0 key=3\nabc{}");
	tap_ok(!hit(&ca), "an entry of another format does not answer");
	write_file(ca.path, "");
	tap_ok(!hit(&ca), "an empty entry does not answer");
	cache_forget(&ca);
	tap_ok(access(ca.path, F_OK) != 0, "a forgotten entry is gone");

	/* Special files and files of other users are passed over, never waited on. */
	mkfifo(ca.path, 0600);
	tap_ok(!hit(&ca), "a FIFO at the entry's path is no entry (and does not hang)");
	put(&ca, "after\n", "FIFO", 0);
	tap_ok(got(&ca, "after\n", "FIFO", 0), "and is replaced by the next entry");
	if (geteuid() == 0) {
		tap_ok(chown(ca.path, 65534, 65534) == 0 && !hit(&ca), "another user's entry is passed over");
		unlink(ca.path);
	} else {
		tap_ok(1, "another user's entry is passed over # SKIP not root");
	}

	struct cache *all[] = { &ca, &ca2, &cb, &s1, &s2, &s3, &s4 };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		cache_free(all[i]);
}

/* Writing sweeps: stale temporary files, and entries past the count. */
static void sweep(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/0123456789abcdef0123456789abcdef.AbC123", dir);
	write_file(path, "half an entry");
	struct timeval old[2] = { { 1000, 0 }, { 1000, 0 } };
	utimes(path, old);
	for (int i = 0; i < 80; i++) {
		char key[32];
		const char *pairs[] = { "n", key, NULL };
		struct cache c;
		snprintf(key, sizeof key, "%d", i);
		open_key(&c, pairs, dir);
		put(&c, "m\n", "b", 0);
		cache_free(&c);
	}
	tap_ok(access(path, F_OK) != 0, "a stale temporary file is swept away");
	tap_ok(entries() <= 64, "entries past the count are swept away (%zu left)", entries());
}

/* A directory that is not this user's own private one is not used. */
static void trust(void)
{
	const char *a[] = { "k", "v", NULL };
	char link[4200], shared[4200];
	struct cache c;
	snprintf(link, sizeof link, "%s.link", dir);
	symlink(dir, link);
	open_key(&c, a, link);
	tap_ok(!c.path && c.off, "a symbolic link as the directory: no cache (%s)", c.off ? c.off : "");
	cache_free(&c);
	unlink(link);
	snprintf(shared, sizeof shared, "%s.shared", dir);
	mkdir(shared, 0777);
	chmod(shared, 0777);
	open_key(&c, a, shared);
	struct stat st;
	tap_ok(c.path && stat(shared, &st) == 0 && (st.st_mode & 07777) == 0700,
	       "this user's own directory open to others is made private before use");
	cache_free(&c);
	if (geteuid() == 0) {
		chown(shared, 65534, 65534);
		open_key(&c, a, shared);
		tap_ok(!c.path && c.off, "another user's directory: no cache (%s)", c.off ? c.off : "");
		struct stat after;
		tap_ok(stat(shared, &after) == 0 && after.st_uid == 65534, "and it is left as it is");
		cache_free(&c);
	} else {
		tap_ok(1, "another user's directory: no cache # SKIP not root");
		tap_ok(1, "and it is left as it is # SKIP not root");
	}
	rmdir(shared);

	struct cache none;
	struct cache_key k;
	cache_key_init(&k);
	setenv("XDG_CACHE_HOME", "relative", 1);
	unsetenv("HOME");
	cache_open(&none, &k, NULL);
	put(&none, "m\n", "b", 0);
	tap_ok(!none.path && !hit(&none), "no cache directory known: no cache, no failure");
	cache_free(&none);
	cache_key_free(&k);
}

int main(void)
{
	if (!(dir = tap_scratch("up-cache")))
		return 1;
	keys();
	sweep();
	trust();
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_ok(0, "the scratch directory is removed");
	return tap_done();
}
