/* The manifest cache: keys, entries, and that an entry answers only for
 * its own key. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "tap.h"

static const char *dir;

static void open_key(struct cache *c, const char *const *pairs)
{
	struct cache_key k;
	cache_key_init(&k);
	for (size_t i = 0; pairs[i]; i += 2)
		cache_key_add(&k, pairs[i], pairs[i + 1]);
	cache_open(c, &k, dir);
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

int main(void)
{
	const char *a[] = { "flake", "/x", "attr", "upManifest", NULL };
	const char *a2[] = { "flake", "/x", "attr", "upManifest", NULL };
	const char *b[] = { "flake", "/x", "attr", "other", NULL };
	const char *split1[] = { "a", "bc", NULL };
	const char *split2[] = { "ab", "c", NULL };
	const char *split3[] = { "a", "b c", NULL };
	const char *split4[] = { "a b", "c", NULL };
	struct cache ca, ca2, cb, s1, s2, s3, s4;
	struct buf json;
	unsigned flags = 99;
	buf_init(&json);
	if (!(dir = tap_scratch("up-cache")))
		return 1;

	open_key(&ca, a);
	open_key(&ca2, a2);
	open_key(&cb, b);
	open_key(&s1, split1);
	open_key(&s2, split2);
	open_key(&s3, split3);
	open_key(&s4, split4);
	size_t dl = strlen(dir);
	tap_ok(ca.path && !strncmp(ca.path, dir, dl) && ca.path[dl] == '/' &&
	       strlen(ca.path + dl + 1) == 32 && strspn(ca.path + dl + 1, "0123456789abcdef") == 32,
	       "an entry is named by 32 hex digits in the directory: %s", ca.path ? ca.path : "none");
	tap_ok(!strcmp(ca.path, ca2.path), "the same inputs name the same entry");
	tap_ok(strcmp(ca.path, cb.path), "another attribute names another entry");
	tap_ok(strcmp(s1.path, s2.path) && strcmp(s3.path, s4.path),
	       "inputs that only move a boundary name other entries");

	tap_ok(!cache_get(&ca, &json, &flags), "nothing stored: a miss");
	cache_put(&ca, "{\"version\":1}", 13, 1);
	tap_ok(cache_get(&ca, &json, &flags) && !strcmp(json.data, "{\"version\":1}") && flags == 1,
	       "what was put is got, with its flags");
	tap_ok(cache_get(&ca2, &json, &flags), "the same inputs hit");
	tap_ok(!cache_get(&cb, &json, &flags), "other inputs miss");
	struct stat st;
	tap_ok(stat(ca.path, &st) == 0 && (st.st_mode & 077) == 0, "an entry is private (0600)");

	/* An entry written for another key, found at this key's path, is no hit. */
	cache_put(&cb, "{\"other\":1}", 11, 0);
	rename(cb.path, ca.path);
	tap_ok(!cache_get(&ca, &json, &flags), "an entry for another key does not answer");
	write_file(ca.path, "up-cache 2 flags=0 key=9999\n");
	tap_ok(!cache_get(&ca, &json, &flags), "a truncated entry does not answer");
	write_file(ca.path, "up-cache 1 flags=0\n{\"version\":1}");
	tap_ok(!cache_get(&ca, &json, &flags), "an entry of another format does not answer");
	write_file(ca.path, "");
	tap_ok(!cache_get(&ca, &json, &flags), "an empty entry does not answer");
	cache_forget(&ca);
	tap_ok(access(ca.path, F_OK) != 0, "a forgotten entry is gone");

	/* No directory: the cache is off, and nothing fails. */
	struct cache none;
	struct cache_key k;
	cache_key_init(&k);
	setenv("XDG_CACHE_HOME", "relative", 1);
	unsetenv("HOME");
	cache_open(&none, &k, NULL);
	cache_put(&none, "{}", 2, 0);
	tap_ok(!none.path && !cache_get(&none, &json, &flags), "no cache directory: no cache, no failure");
	cache_key_free(&k);

	struct cache *all[] = { &ca, &ca2, &cb, &s1, &s2, &s3, &s4, &none };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		cache_free(all[i]);
	buf_free(&json);
	rmdir(dir);
	return tap_done();
}
