#include "config.h"

#include <dirent.h>
#include <string.h>

#include "quote.h"
#include "untracked.h"

enum { WARN_MAX = 10 };

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* path relative to the flake directory. */
static const char *in_flake(const struct repo *r, const char *path)
{
	size_t n = strlen(r->flake_rel);
	return n ? path + n + 1 : path;
}

bool untracked_worth(const struct repo *r, const char *path)
{
	return ends_with(path, ".nix") || !strncmp(in_flake(r, path), "profiles/", 9);
}

bool untracked_seen_warm(const struct repo *r, const char *path)
{
	const char *rel = in_flake(r, path);
	return !strncmp(rel, "profiles/", 9) || (ends_with(rel, ".nix") && !strchr(rel, '/'));
}

void untracked_listing(const char *dir, struct strlist *names)
{
	struct buf path;
	buf_init(&path);
	for (int sub = 0; sub < 2; sub++) {
		buf_reset(&path);
		buf_printf(&path, "%s%s", dir, sub ? "/profiles" : "");
		DIR *d = opendir(path.data);
		for (struct dirent *e; d && (e = readdir(d));) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
			    (!sub && !ends_with(e->d_name, ".nix")))
				continue;
			buf_reset(&path);
			buf_printf(&path, "%s%s", sub ? "profiles/" : "", e->d_name);
			strlist_add(names, path.data);
		}
		if (d)
			closedir(d);
	}
	buf_free(&path);
}

void untracked_warn(struct buf *notes, const struct repo *r, const struct strlist *paths)
{
	struct buf fix;
	buf_init(&fix);
	for (size_t i = 0; i < paths->n; i++) {
		buf_putc(&fix, ' ');
		size_t at = fix.len;
		quote_word(&fix, paths->v[i]);
		if (i < WARN_MAX)
			buf_printf(notes, "up: warning: %s is not tracked by git, so the flake "
				   "cannot see it\n", fix.data + at);
	}
	if (paths->n > WARN_MAX)
		buf_printf(notes, "up: warning: ... and %zu more untracked files\n",
			   paths->n - WARN_MAX);
	if (paths->n) {
		buf_puts(notes, "  to make them part of the flake: git -C ");
		quote_word(notes, r->workdir);
		buf_printf(notes, " add --%s\n", fix.data);
	}
	buf_free(&fix);
}
