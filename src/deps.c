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

#include "deps.h"
#include "sha256.h"
#include "text.h"

/* Times closer than this to the evaluation's start are not trusted alone;
 * a change this close to it (the clock file systems stamp with is coarse)
 * counts as made during the evaluation. */
enum { RACY_NS = 2000000000, DURING_NS = 100000000 };

#if defined(__APPLE__)
#define MTIME(st) (st).st_mtimespec
#define CTIME(st) (st).st_ctimespec
#else
#define MTIME(st) (st).st_mtim
#define CTIME(st) (st).st_ctim
#endif

void deps_init(struct deps *d)
{
	d->v = NULL;
	d->n = 0;
}

void deps_free(struct deps *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].path);
	free(d->v);
	deps_init(d);
}

void deps_add(struct deps *d, const char *path)
{
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	memset(&d->v[d->n], 0, sizeof d->v[d->n]);
	d->v[d->n].path = xstrdup(path);
	d->v[d->n].kind = '-';
	d->n++;
}

/* ---- nix's log ---- */

/* Reading a log: the trees nix copied, and the paths it read. */
struct tree {
	char *store;
	char *local;    /* the local directory the store path is a copy of */
};

struct log {
	const char *flake_dir;
	struct tree *trees;
	size_t ntrees;
	char **paths;
	size_t npaths;
};

/* X, in a line that starts with prefix followed by 'X'. */
static char *quoted(const char *line, size_t len, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (len < n + 1 || strncmp(line, prefix, n) || line[n] != '\'')
		return NULL;
	const char *start = line + n + 1, *end = memchr(start, '\'', len - n - 1);
	if (!end)
		return NULL;
	*rest = end + 1;
	return xstrndup(start, (size_t)(end - start));
}

/* The local directory of a flake URL: git+file:///x?... and path:/x?...
 * (path:./x is relative to the flake), percent-decoded; NULL for any other
 * kind of source. */
static char *local_of(const char *url, const char *flake_dir)
{
	const char *p = !strncmp(url, "git+file://", 11) ? url + 11
		      : !strncmp(url, "path:", 5) ? url + 5 : NULL;
	if (!p || (*p != '/' && (p == url + 11 || strncmp(p, "./", 2))))
		return NULL;
	struct buf b;
	buf_init(&b);
	if (*p != '/') {
		buf_puts(&b, flake_dir);
		p++;
	}
	text_percent_decode(&b, p, strcspn(p, "?#"));
	return buf_take(&b);
}

static void add_tree(struct log *lg, char *store, char *url)
{
	char *local = local_of(url, lg->flake_dir);
	free(url);
	if (!local) {
		free(store);
		return;
	}
	lg->trees = xreallocarray(lg->trees, lg->ntrees + 1, sizeof *lg->trees);
	lg->trees[lg->ntrees++] = (struct tree){ store, local };
}

/* One log line: a tree, or a path nix read. */
static void log_line(struct log *lg, const char *line, size_t len)
{
	const char *rest;
	char *a, *b;
	if ((a = quoted(line, len, "got tree ", &rest))) {
		if ((b = quoted(rest, len - (size_t)(rest - line), " from ", &rest)))
			add_tree(lg, a, b);
		else
			free(a);
	} else if ((a = quoted(line, len, "using substituted/cached input ", &rest))) {
		if ((b = quoted(rest, len - (size_t)(rest - line), " in ", &rest)))
			add_tree(lg, b, a);
		else
			free(a);
	} else if ((a = quoted(line, len, "evaluating file ", &rest)) ||
		   (a = quoted(line, len, "checking access to ", &rest))) {
		lg->paths = xreallocarray(lg->paths, lg->npaths + 1, sizeof *lg->paths);
		lg->paths[lg->npaths++] = a;
	}
}

/* The local path of path, read from a store copy; NULL when it is in the
 * store but not a copy of a local tree (a locked input: the lock says what
 * it is). */
static char *mapped(const struct log *lg, const char *path)
{
	for (size_t i = 0; i < lg->ntrees; i++) {
		size_t n = strlen(lg->trees[i].store);
		if (!strncmp(path, lg->trees[i].store, n) && (path[n] == '/' || !path[n])) {
			struct buf b;
			buf_init(&b);
			buf_printf(&b, "%s%s", lg->trees[i].local, path + n);
			return buf_take(&b);
		}
	}
	for (size_t i = 0; i < lg->ntrees; i++) {
		const char *slash = strrchr(lg->trees[i].store, '/');
		size_t n = slash ? (size_t)(slash - lg->trees[i].store) : 0;
		if (n && !strncmp(path, lg->trees[i].store, n) && path[n] == '/')
			return NULL; /* in the same store */
	}
	return xstrdup(path);
}

bool deps_from_log(struct deps *d, const char *text, size_t len, const char *flake_dir)
{
	struct log lg = { flake_dir, NULL, 0, NULL, 0 };
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		log_line(&lg, p, n);
		p += n + 1;
	}
	bool own = false, read_flake = false;
	for (size_t i = 0; i < lg.ntrees; i++)
		own = own || text_path_within(flake_dir, lg.trees[i].local);
	for (size_t i = 0; i < lg.npaths; i++) {
		char *local = mapped(&lg, lg.paths[i]);
		if (local) {
			read_flake = read_flake || text_path_within(local, flake_dir);
			deps_add(d, local);
		}
		free(local);
		free(lg.paths[i]);
	}
	for (size_t i = 0; i < lg.ntrees; i++) {
		free(lg.trees[i].store);
		free(lg.trees[i].local);
	}
	free(lg.trees);
	free(lg.paths);
	return own && read_flake;
}

/* ---- identity ---- */

static long long ns_of(long long s, long long ns)
{
	return s * 1000000000LL + ns;
}

/* The content of a file, the names in a directory, the target of a link. */
static bool content(const char *path, char kind, char sha[65])
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
	e->mtime_s = (long long)MTIME(st).tv_sec;
	e->mtime_ns = (long long)MTIME(st).tv_nsec;
	e->ctime_s = (long long)CTIME(st).tv_sec;
	e->ctime_ns = (long long)CTIME(st).tv_nsec;
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

bool deps_record(struct deps *d, const struct timespec *t0)
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
		if (newest(e) >= start - RACY_NS && !content(e->path, e->kind, e->sha))
			return false;
	}
	return true;
}

bool deps_valid(const struct deps *d)
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
		if (e->sha[0] && (!content(e->path, e->kind, sha) || strcmp(sha, e->sha)))
			return false;
	}
	return true;
}

bool deps_settle(struct deps *d)
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

void deps_write(const struct deps *d, struct buf *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct dep *e = &d->v[i];
		buf_printf(out, "%c %lld %lld %lld %lld %lld %lld %lld %s %zu:%s\n", e->kind, e->dev,
			   e->ino, e->size, e->mtime_s, e->mtime_ns, e->ctime_s, e->ctime_ns,
			   e->sha[0] ? e->sha : "-", strlen(e->path), e->path);
	}
}

bool deps_read(struct deps *d, const char *text, size_t len)
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
