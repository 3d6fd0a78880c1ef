#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote.h"
#include "text.h"
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

bool untracked_is_doc(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);
	return !strncasecmp(base, "README", 6) || (n > 3 && !strcasecmp(base + n - 3, ".md"));
}

bool untracked_worth(const struct repo *r, const char *path)
{
	return !untracked_is_doc(path) &&
	       (ends_with(path, ".nix") || !strncmp(in_flake(r, path), "profiles/", 9));
}

bool untracked_seen_warm(const struct repo *r, const char *path)
{
	const char *rel = in_flake(r, path);
	return !untracked_is_doc(path) &&
	       (!strncmp(rel, "profiles/", 9) || (ends_with(rel, ".nix") && !strchr(rel, '/')));
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
			    untracked_is_doc(e->d_name) || (!sub && !ends_with(e->d_name, ".nix")))
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
	size_t n = 0;
	buf_init(&fix);
	for (size_t i = 0; i < paths->n; i++) {
		if (untracked_is_doc(paths->v[i]))
			continue;
		buf_putc(&fix, ' ');
		quote_visible(&fix, paths->v[i]);
		if (n++ < WARN_MAX) {
			buf_puts(notes, "up: warning: ");
			text_show_path(notes, paths->v[i]);
			buf_puts(notes, " is not tracked by git, so the flake cannot see it\n");
		}
	}
	if (n > WARN_MAX)
		buf_printf(notes, "up: warning: ... and %zu more untracked files\n", n - WARN_MAX);
	if (n) {
		buf_printf(notes, "  to make %s part of the flake: git -C ", n == 1 ? "it" : "them");
		untracked_quote_dir(notes, r->workdir);
		buf_printf(notes, " add --%s\n  (a scratch file is never reported once .gitignore "
			   "ignores it)\n", fix.data);
	}
	buf_free(&fix);
}

void untracked_quote_dir(struct buf *out, const char *dir)
{
	size_t n = strlen(dir);
	char *bare = xstrndup(dir, n > 1 && dir[n - 1] == '/' ? n - 1 : n);
	quote_visible(out, bare);
	free(bare);
}

size_t untracked_describe(const struct repo *r, const struct strlist *paths, size_t max,
			  struct buf *list, struct buf *fix)
{
	size_t n = 0;
	buf_puts(fix, "git -C ");
	untracked_quote_dir(fix, r->workdir);
	buf_puts(fix, " add --");
	for (size_t i = 0; i < paths->n; i++) {
		if (untracked_is_doc(paths->v[i]))
			continue;
		if (n++ < max) {
			buf_puts(list, n > 1 ? ", " : "");
			text_show_path(list, paths->v[i]);
		}
		buf_putc(fix, ' ');
		quote_visible(fix, paths->v[i]);
	}
	if (n > max)
		buf_printf(list, " and %zu more", n - max);
	return n;
}
