#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "flake.h"

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

static bool has_flake_nix(const char *dir)
{
	struct buf p;
	struct stat st;
	buf_init(&p);
	buf_printf(&p, "%s/flake.nix", dir);
	bool ok = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_free(&p);
	return ok;
}

/* A reference that names a local directory rather than a URL: nix reads
 * "path", "./path", "/path" as paths and "scheme:..." as URLs. */
static bool is_path(const char *ref)
{
	if (!strncmp(ref, "path:", 5))
		return true;
	const char *colon = strchr(ref, ':');
	const char *slash = strchr(ref, '/');
	return ref[0] == '.' || ref[0] == '/' || !colon || (slash && slash < colon);
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
	while (!has_flake_nix(dir)) {
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
	if (is_path(ref)) {
		bool scheme = !strncmp(ref, "path:", 5);
		char *real = realpath(scheme ? ref + 5 : ref, NULL);
		struct buf what;
		buf_init(&what);
		buf_printf(&what, "%s '%s'", source, ref);
		if (!real)
			fail(err, EXIT_USAGE, "%s is not a flake: %s; give a directory that holds "
			     "flake.nix", what.data, strerror(errno));
		else
			f->dir = flake_dir(real, !scheme, what.data, err);
		free(real);
		buf_free(&what);
		if (!f->dir)
			return EXIT_USAGE;
	}
	return 0;
}

/* The nearest directory at or above the current one holding flake.nix:
 * 1 found, 0 none, or -1 with errno when the current directory cannot be
 * known (deleted). */
static int walk_up(struct flake *f)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return -1;
	size_t len = strlen(cwd);
	for (;;) {
		const char *dir = cwd[0] ? cwd : "/";
		if (has_flake_nix(dir)) {
			f->ref = xstrdup(strlen(cwd) == len ? "." : dir);
			f->dir = xstrdup(dir);
			f->source = "the current directory";
			free(cwd);
			return 1;
		}
		char *slash = strrchr(cwd, '/');
		if (!slash || cwd[0] == '\0')
			break;
		*slash = '\0';
	}
	free(cwd);
	return 0;
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
