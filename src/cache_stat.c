#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_stat.h"
#include "fs.h"
#include "sha256.h"

/* Times closer than this to the evaluation's start are not trusted alone;
 * a change this close to it (the clock file systems stamp with is coarse)
 * counts as made during the evaluation. */
enum { RACY_NS = 2000000000, DURING_NS = 100000000 };

void cache_stat_init(struct cache_stat *d)
{
	d->v = NULL;
	d->n = 0;
}

void cache_stat_free(struct cache_stat *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].path);
	free(d->v);
	cache_stat_init(d);
}

void cache_stat_add(struct cache_stat *d, const char *path)
{
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	memset(&d->v[d->n], 0, sizeof d->v[d->n]);
	d->v[d->n].path = xstrdup(path);
	d->v[d->n].kind = '-';
	d->n++;
}

/* ---- identity ---- */

static long long ns_of(long long s, long long ns)
{
	return s * 1000000000LL + ns;
}

bool cache_stat_content(const char *path, char kind, char sha[65])
{
	struct sha256 h;
	sha256_init(&h);
	if (kind == 'f') {
		int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return false;
		char chunk[65536];
		ssize_t n;
		while ((n = read(fd, chunk, sizeof chunk)) > 0)
			sha256_add(&h, chunk, (size_t)n);
		close(fd);
		if (n < 0)
			return false;
	} else if (kind == 'd') {
		struct dirent **names;
		int n = scandir(path, &names, NULL, alphasort);
		if (n < 0)
			return false;
		for (int i = 0; i < n; i++) {
			sha256_add(&h, names[i]->d_name, strlen(names[i]->d_name) + 1);
			free(names[i]);
		}
		free(names);
	} else if (kind == 'l') {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target);
		if (n < 0)
			return false;
		sha256_add(&h, target, (size_t)n);
	}
	sha256_hex(&h, sha);
	return true;
}

/* The identity of path now, into e (its path and sha untouched); false
 * when it cannot be known. */
static bool identity(const char *path, struct dep *e)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		e->kind = '-';
		e->dev = e->ino = e->size = e->mtime_s = e->mtime_ns = e->ctime_s = e->ctime_ns = 0;
		return errno == ENOENT || errno == ENOTDIR;
	}
	e->kind = S_ISREG(st.st_mode) ? 'f' : S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l' : 'o';
	e->dev = (long long)st.st_dev;
	e->ino = (long long)st.st_ino;
	e->size = S_ISDIR(st.st_mode) ? 0 : (long long)st.st_size;
	e->mtime_s = (long long)FS_MTIME(st).tv_sec;
	e->mtime_ns = (long long)FS_MTIME(st).tv_nsec;
	e->ctime_s = (long long)FS_CTIME(st).tv_sec;
	e->ctime_ns = (long long)FS_CTIME(st).tv_nsec;
	return true;
}

static long long newest(const struct dep *e)
{
	long long m = ns_of(e->mtime_s, e->mtime_ns), c = ns_of(e->ctime_s, e->ctime_ns);
	return m > c ? m : c;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct dep *)a)->path, ((const struct dep *)b)->path);
}

bool cache_stat_record(struct cache_stat *d, const struct timespec *t0)
{
	long long start = ns_of(t0->tv_sec, t0->tv_nsec);
	size_t k = 0;
	if (d->n)
		qsort(d->v, d->n, sizeof *d->v, by_path);
	for (size_t i = 0; i < d->n; i++) {  /* each path once */
		if (k && !strcmp(d->v[k - 1].path, d->v[i].path))
			free(d->v[i].path);
		else
			d->v[k++] = d->v[i];
	}
	d->n = k;
	for (size_t i = 0; i < d->n; i++) {
		struct dep *e = &d->v[i];
		e->sha[0] = '\0';
		if (!identity(e->path, e))
			return false;
		if (e->kind == '-')
			continue;
		if (newest(e) >= start - DURING_NS)
			return false;
		if (newest(e) >= start - RACY_NS && !cache_stat_content(e->path, e->kind, e->sha))
			return false;
	}
	return true;
}

bool cache_stat_valid(const struct cache_stat *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct dep *e = &d->v[i];
		struct dep now;
		char sha[65];
		if (!identity(e->path, &now) || now.kind != e->kind || now.dev != e->dev ||
		    now.ino != e->ino || now.size != e->size || now.mtime_s != e->mtime_s ||
		    now.mtime_ns != e->mtime_ns || now.ctime_s != e->ctime_s ||
		    now.ctime_ns != e->ctime_ns)
			return false;
		if (e->sha[0] && (!cache_stat_content(e->path, e->kind, sha) || strcmp(sha, e->sha)))
			return false;
	}
	return true;
}

bool cache_stat_settle(struct cache_stat *d)
{
	struct timespec now;
	bool settled = false;
	clock_gettime(CLOCK_REALTIME, &now);
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sha[0] && newest(&d->v[i]) < ns_of(now.tv_sec, now.tv_nsec) - RACY_NS) {
			d->v[i].sha[0] = '\0';
			settled = true;
		}
	return settled;
}

/* ---- the record ---- */

void cache_stat_write(const struct cache_stat *d, struct buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct dep *e = &d->v[i];
		buf_printf(out, "%c %lld %lld %lld %lld %lld %lld %lld %s %zu:%s\n", e->kind, e->dev,
			   e->ino, e->size, e->mtime_s, e->mtime_ns, e->ctime_s, e->ctime_ns,
			   e->sha[0] ? e->sha : "-", strlen(e->path), e->path);
	}
}

bool cache_stat_read(struct cache_stat *d, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		struct dep e;
		char sha[65];
		size_t n;
		int used = 0;
		if (sscanf(p, "%c %lld %lld %lld %lld %lld %lld %lld %64s %zu:%n", &e.kind, &e.dev,
			   &e.ino, &e.size, &e.mtime_s, &e.mtime_ns, &e.ctime_s, &e.ctime_ns, sha, &n,
			   &used) != 10 || used <= 0 || n >= (size_t)(end - p - used) ||
		    p[used + n] != '\n' || !strchr("fdlo-", e.kind))
			return false;
		e.path = xstrndup(p + used, n);
		snprintf(e.sha, sizeof e.sha, "%s", strcmp(sha, "-") ? sha : "");
		d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
		d->v[d->n++] = e;
		p += used + n + 1;
	}
	return true;
}
