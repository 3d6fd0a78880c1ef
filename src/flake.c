#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
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

static int has_flake_nix(const char *dir)
{
	struct buf p;
	struct stat st;
	buf_init(&p);
	buf_printf(&p, "%s/flake.nix", dir);
	int ok = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
	buf_free(&p);
	return ok;
}

/* A reference that names a local directory rather than a URL: nix reads
 * "path", "./path", "/path" as paths and "scheme:..." as URLs. */
static int is_path(const char *ref)
{
	if (!strncmp(ref, "path:", 5))
		return 1;
	const char *colon = strchr(ref, ':');
	const char *slash = strchr(ref, '/');
	return ref[0] == '.' || ref[0] == '/' || !colon || (slash && slash < colon);
}

static int take(struct flake *f, const char *ref, const char *source,
		char *err, size_t errlen)
{
	if (ref[0] == '-') {
		snprintf(err, errlen,
			 "%s '%s' starts with '-', which nix would read as an option; "
			 "for a directory of that name write ./%s", source, ref, ref);
		return EXIT_USAGE;
	}
	if (strchr(ref, '#')) {
		snprintf(err, errlen,
			 "%s '%s' holds '#': give the flake alone; up adds '#APP' itself",
			 source, ref);
		return EXIT_USAGE;
	}
	f->ref = xstrdup(ref);
	f->source = source;
	if (is_path(ref)) {
		const char *path = strncmp(ref, "path:", 5) ? ref : ref + 5;
		char *real = realpath(path, NULL);
		if (!real) {
			snprintf(err, errlen, "%s '%s': %s; give a directory that holds flake.nix",
				 source, ref, strerror(errno));
			return EXIT_USAGE;
		}
		f->dir = real;
	}
	return 0;
}

int flake_resolve(struct flake *f, const char *option, char *err, size_t errlen)
{
	const char *env;
	if (option)
		return take(f, option, "--flake", err, errlen);
	if ((env = getenv("UP_FLAKE")) && *env)
		return take(f, env, "UP_FLAKE", err, errlen);

	char *cwd = getcwd(NULL, 0);
	if (cwd) {
		size_t len = strlen(cwd);
		for (;;) {
			if (has_flake_nix(cwd[0] ? cwd : "/")) {
				if (strlen(cwd) == len)
					f->ref = xstrdup(".");
				else
					f->ref = xstrdup(cwd[0] ? cwd : "/");
				f->dir = xstrdup(cwd[0] ? cwd : "/");
				f->source = "the current directory";
				free(cwd);
				return 0;
			}
			char *slash = strrchr(cwd, '/');
			if (!slash || cwd[0] == '\0')
				break;
			*slash = '\0';
		}
		free(cwd);
	}
	if ((env = getenv("UP_DEFAULT_FLAKE")) && *env)
		return take(f, env, "UP_DEFAULT_FLAKE", err, errlen);
	snprintf(err, errlen,
		 "no flake.nix here or in any directory above; run up inside a flake, "
		 "or name one with --flake REF (or UP_FLAKE=REF)");
	return EXIT_USAGE;
}
