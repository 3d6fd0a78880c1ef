/* Files an entry depends on, recorded and checked again, and content
 * checks where the times are too close to trust. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cache_stat.h"
#include "tap.h"

#define at(name) tap_path(dir, name)
#define write_file tap_write

static const char *dir;

static struct timespec now_plus(long long ns)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	long long v = (long long)t.tv_sec * 1000000000LL + t.tv_nsec + ns;
	t.tv_sec = (time_t)(v / 1000000000LL);
	t.tv_nsec = (long)(v % 1000000000LL);
	return t;
}

static void record(void)
{
	struct cache_stat d, back;
	struct buf text;
	struct timespec later = now_plus(5000000000LL), soon = now_plus(1000000000LL);
	struct timespec earlier = now_plus(-1000000000LL);
	write_file(at("a.nix"), "{ a = 1; }");
	mkdir(at("dir"), 0700);
	cache_stat_init(&d);
	cache_stat_add(&d, at("a.nix"));
	cache_stat_add(&d, at("missing.nix"));
	cache_stat_add(&d, at("dir"));
	tap_ok(cache_stat_record(&d, &later) && cache_stat_valid(&d), "recorded files are valid while unchanged");
	tap_ok(!d.v[0].sha[0] && !d.v[2].sha[0], "old enough: no content check");
	write_file(at("a.nix"), "{ a = 2; }");
	tap_ok(!cache_stat_valid(&d), "an edit (same size) is seen");
	write_file(at("missing.nix"), "{ }");
	tap_ok(cache_stat_record(&d, &later) && !d.v[1].sha[0], "recorded again");
	unlink(at("missing.nix"));
	tap_ok(!cache_stat_valid(&d), "a file gone is seen");
	tap_ok(cache_stat_record(&d, &later), "recorded again");
	write_file(at("missing.nix"), "{ }");
	tap_ok(!cache_stat_valid(&d), "a file that was absent and appears is seen");
	tap_ok(cache_stat_record(&d, &later), "recorded again");
	write_file(at("dir/new"), "");
	tap_ok(!cache_stat_valid(&d), "a directory's new entry is seen");

	/* Times close to the evaluation: content is checked too. */
	tap_ok(cache_stat_record(&d, &soon) && d.v[0].sha[0] && d.v[2].sha[0],
	       "a file changed shortly before the evaluation: its content is recorded");
	buf_init(&text);
	cache_stat_write(&d, &text);
	cache_stat_init(&back);
	tap_ok(cache_stat_read(&back, text.data, text.len) && back.n == d.n &&
	       !strcmp(back.v[0].sha, d.v[0].sha) && !strcmp(back.v[1].path, d.v[1].path),
	       "the record reads back as written");
	write_file(at("a.nix"), "{ a = 3; }");
	struct dep same = d.v[0];
	/* As if the file system had not told the change apart: */
	struct cache_stat now;
	cache_stat_init(&now);
	cache_stat_add(&now, at("a.nix"));
	cache_stat_record(&now, &later);
	d.v[0].ino = now.v[0].ino;
	d.v[0].mtime_s = now.v[0].mtime_s;
	d.v[0].mtime_ns = now.v[0].mtime_ns;
	d.v[0].ctime_s = now.v[0].ctime_s;
	d.v[0].ctime_ns = now.v[0].ctime_ns;
	cache_stat_free(&now);
	tap_ok(!cache_stat_valid(&d), "a change the times cannot show is seen by its content");
	d.v[0] = same;
	tap_ok(!cache_stat_settle(&d), "content checks stay while the times are recent");
	buf_free(&text);
	cache_stat_free(&back);

	tap_ok(!cache_stat_record(&d, &earlier), "a file changed during the evaluation: nothing is recorded");
	tap_ok(!cache_stat_read(&back, "f 1 2\n", 6), "a damaged record is refused");
	cache_stat_free(&back);
	cache_stat_free(&d);
}

int main(void)
{
	if (!(dir = tap_scratch("up-deps")))
		return 1;
	record();
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_ok(0, "the scratch directory is removed");
	return tap_done();
}
