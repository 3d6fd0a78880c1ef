#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "flake.h"
#include "fs.h"
#include "path.h"
#include "text.h"

void flake_init(struct flake *f)
{
	f->ref = NULL;
	f->dir = NULL;
	f->source = NULL;
}

void flake_free(struct flake *f)
{
	free(f->ref);
	free(f->dir);
	flake_init(f);
}

bool flake_has_nix(const char *dir)
{
	struct buf p;
	struct stat st;
	buf_init(&p);
	buf_printf(&p, "%s/flake.nix", dir);
	bool ok = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_free(&p);
	return ok;
}

static bool exists(const char *dir, const char *name)
{
	struct buf p;
	struct stat st;
	buf_init(&p);
	buf_printf(&p, "%s/%s", dir, name);
	bool ok = lstat(p.data, &st) == 0;
	buf_free(&p);
	return ok;
}

/* How nix reads a reference: "/x", "./x", "." and "../x" (and any word
 * that is neither a registry name nor a URL) as a path; "path:X" and
 * "git+file:X" as local trees; "NAME" or "NAME/REF" as a registry name and
 * "SCHEME:..." as a URL, both elsewhere. */
enum ref_kind { REF_PATH, REF_PATH_URL, REF_GIT_FILE, REF_ELSEWHERE };

static enum ref_kind kind_of(const char *ref)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	if (ref[0] == '/' || ref[0] == '.')
		return REF_PATH;
	if (skip_prefix(ref, "path:"))
		return REF_PATH_URL;
	if (skip_prefix(ref, "git+file:"))
		return REF_GIT_FILE;
	size_t scheme = strspn(ref, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	if (scheme && ref[scheme] == ':')
		return REF_ELSEWHERE;
	bool id = strchr(alnum, ref[0]) && !(ref[0] >= '0' && ref[0] <= '9');
	for (const char *s = ref; id && *s && *s != '/' && *s != '?'; s++)
		id = strchr(alnum, *s) || *s == '_' || *s == '-';
	return id ? REF_ELSEWHERE : REF_PATH;
}

/* The value of key in a query ("a=1&dir=sub%2Ffl"), percent-decoded, or
 * NULL; *others is set when the query holds any other key. */
static char *query_value(const char *query, const char *key, bool *others)
{
	char *value = NULL;
	*others = false;
	for (const char *p = query; p && *p;) {
		size_t n = strcspn(p, "&"), k = strcspn(p, "=&");
		if (k == strlen(key) && !strncmp(p, key, k) && p[k] == '=' && !value) {
			struct buf b;
			buf_init(&b);
			path_percent_decode(&b, p + k + 1, n - k - 1);
			value = buf_take(&b);
		} else if (n) {
			*others = true;
		}
		p += n + (p[n] == '&');
	}
	return value;
}

/* The top of the git work tree holding dir, else dir itself (malloc'd). */
static char *git_top(const char *dir)
{
	char *top = xstrdup(dir);
	for (;;) {
		if (exists(top, ".git"))
			return top;
		char *slash = strrchr(top, '/');
		if (!slash || slash == top)
			break;
		*slash = '\0';
	}
	free(top);
	return xstrdup(dir);
}

/* The directory of the flake at path (a real path), as nix finds it: path
 * itself when it holds flake.nix, else (search) the nearest directory
 * above, not past a git repository's top or another file system. NULL,
 * with why not in err, when there is none. */
static char *flake_dir(const char *path, bool search, const char *what, struct buf *err)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fail(err, EXIT_USAGE, "%s is not a flake: %s is not a directory; give a directory "
		     "that holds flake.nix", what, path);
		return NULL;
	}
	char *dir = xstrdup(path);
	dev_t dev = st.st_dev;
	while (!flake_has_nix(dir)) {
		char *slash = strrchr(dir, '/');
		bool stop = !search || !strcmp(dir, "/") || !slash || exists(dir, ".git");
		if (!stop) {
			slash[slash == dir] = '\0';    /* the parent; "/" stays "/" */
			stop = stat(dir, &st) != 0 || st.st_dev != dev;
		}
		if (stop) {
			fail(err, EXIT_USAGE, "%s is not a flake: there is no flake.nix in %s%s; give a "
			     "directory that holds flake.nix", what, path,
			     search ? " or in a directory above it" : "");
			free(dir);
			return NULL;
		}
	}
	return dir;
}

/* The local directory of ref, a path, path: or git+file: reference:
 * its path part resolved (searched up from, for a plain path, as nix
 * does), then its dir= (from the top of the git work tree, for a path).
 * NULL with why in err; *dir NULL and 0 for a git+file: reference that
 * names a revision rather than the work tree. */
static int local_dir(const char *ref, enum ref_kind kind, const char *what, char **dir,
		     struct buf *err)
{
	const char *path = kind == REF_PATH ? ref : kind == REF_PATH_URL ? skip_prefix(ref, "path:")
			 : skip_prefix(ref, "git+file:");
	if (kind == REF_GIT_FILE && skip_prefix(path, "//"))
		path = skip_prefix(path, "//"); /* git+file://HOST/PATH: an empty host */
	const char *q = strchr(path, '?');
	char *part = xstrndup(path, q ? (size_t)(q - path) : strlen(path));
	bool others;
	char *sub = query_value(q ? q + 1 : NULL, "dir", &others);
	char *real = realpath(part, NULL), *found = NULL;
	*dir = NULL;
	int rc = 0;
	if (!real) {
		rc = fail(err, EXIT_USAGE, "%s is not a flake: %s; give a directory that holds "
			  "flake.nix", what, strerror(errno));
	} else if (others) {
		/* ?ref=, ?rev=: not the work tree; ?submodules=, ?lfs=: more than
		 * it; nix alone reads it */
	} else if (!sub) {
		found = flake_dir(real, kind == REF_PATH, what, err);
		rc = found ? 0 : EXIT_USAGE;
	} else {
		char *root = kind == REF_PATH ? flake_dir(real, true, what, err) : xstrdup(real);
		char *top = root && kind == REF_PATH ? git_top(root) : root ? xstrdup(root) : NULL;
		struct buf d;
		buf_init(&d);
		if (top)
			buf_printf(&d, "%s/%s", top, sub);
		found = top ? flake_dir(d.data, false, what, err) : NULL;
		rc = found ? 0 : EXIT_USAGE;
		buf_free(&d);
		free(root);
		free(top);
	}
	*dir = found;
	free(part);
	free(sub);
	free(real);
	return rc;
}

static int take(struct flake *f, const char *ref, const char *source, struct buf *err)
{
	if (ref[0] == '-')
		return fail(err, EXIT_USAGE, "%s '%s' starts with '-', which nix would read as an "
			    "option; for a directory of that name write ./%s", source, ref, ref);
	if (strchr(ref, '#'))
		return fail(err, EXIT_USAGE, "%s '%s' holds '#': give the flake alone; "
			    "up adds '#APP' itself", source, ref);
	f->ref = xstrdup(ref);
	f->source = source;
	enum ref_kind kind = kind_of(ref);
	if (kind == REF_ELSEWHERE)
		return 0;
	struct buf what;
	buf_init(&what);
	buf_printf(&what, "%s '%s'", source, ref);
	int rc = local_dir(ref, kind, what.data, &f->dir, err);
	buf_free(&what);
	return rc;
}

/* The nearest directory at or above the current one holding flake.nix:
 * 1 found, 0 none, or -1 with errno when the current directory cannot be
 * known (deleted). */
static int walk_up(struct flake *f)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return -1;
	char *dir = fs_find_up("flake.nix");
	if (!dir) {
		free(cwd);
		return errno ? -1 : 0;
	}
	f->ref = xstrdup(strcmp(dir, cwd) ? dir : ".");
	f->dir = dir;
	f->source = "the current directory";
	free(cwd);
	return 1;
}

int flake_resolve(struct flake *f, const char *option, struct buf *err)
{
	const char *env;
	if (option)
		return take(f, option, "--flake", err);
	if ((env = getenv("UP_FLAKE")) && *env)
		return take(f, env, "UP_FLAKE", err);
	int found = walk_up(f);
	if (found > 0)
		return 0;
	if (found < 0 && errno == ENOENT)
		return fail(err, EXIT_USAGE, "the current directory no longer exists (it was deleted); "
			    "cd to one that does, or name the flake with --flake REF");
	if (found < 0)
		return fail(err, EXIT_USAGE, "cannot tell the current directory (%s); cd to another, "
			    "or name the flake with --flake REF", strerror(errno));
	if ((env = getenv("UP_DEFAULT_FLAKE")) && *env)
		return take(f, env, "UP_DEFAULT_FLAKE", err);
	return fail(err, EXIT_USAGE, "no flake.nix here or in any directory above; run up inside "
		    "a flake, or name one with --flake REF (or UP_FLAKE=REF)");
}
