#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>

#include "cache_index.h"
#include "quote.h"
#include "text.h"
#include "git_untracked.h"

enum { WARN_MAX = 10 };

/* path relative to the flake directory. */
static const char *in_flake(const struct repo *r, const char *path)
{
	size_t n = strlen(r->flake_rel);
	return n ? path + n + 1 : path;
}

/* Documentation (*.md, README*), which no flake evaluates: never reported. */
static bool is_doc(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);
	return !strncasecmp(base, "README", 6) || (n > 3 && !strcasecmp(base + n - 3, ".md"));
}

bool untracked_worth(const struct repo *r, const char *path)
{
	return !is_doc(path) &&
	       (text_ends_with(path, ".nix") || skip_prefix(in_flake(r, path), "profiles/"));
}

enum { WALK_MAX = 4096 };   /* entries the walk looks at before it gives up */

static int by_path(const void *key, const void *entry)
{
	return strcmp(key, ((const struct cache_index_entry *)entry)->name);
}

/* dir (work tree relative, "" or ending in '/'): true when it holds a file
 * worth the warning that the index does not, or when *budget runs out. */
static bool walk(const struct repo *r, const struct cache_index *ix, struct buf *dir, size_t *budget)
{
	size_t len = dir->len;
	bool found = false;
	struct buf full;
	buf_init(&full);
	buf_printf(&full, "%s%s", r->workdir, buf_str(dir));
	DIR *d = opendir(full.data);
	buf_free(&full);
	if (!d)
		return false;
	for (struct dirent *e; !found && (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, ".git"))
			continue;
		if (!(*budget)--) {
			found = true;
			break;
		}
		buf_truncate(dir, len);
		buf_puts(dir, e->d_name);
		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			buf_init(&full);
			buf_printf(&full, "%s%s", r->workdir, buf_str(dir));
			type = lstat(full.data, &st) != 0 ? DT_UNKNOWN : S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
			buf_free(&full);
		}
		if (type == DT_DIR) {
			buf_putc(dir, '/');
			found = walk(r, ix, dir, budget);
		} else {
			found = untracked_worth(r, buf_str(dir)) &&
				!bsearch(buf_str(dir), ix->v, ix->n, sizeof *ix->v, by_path);
		}
	}
	closedir(d);
	buf_truncate(dir, len);
	return found;
}

bool untracked_maybe(const struct repo *r)
{
	struct cache_index ix;
	struct buf dir;
	size_t budget = WALK_MAX;
	if (!cache_index_read(&ix, r->workdir, r->gitdir))
		return true;
	buf_init(&dir);
	buf_printf(&dir, "%s%s", r->flake_rel, *r->flake_rel ? "/" : "");
	bool maybe = walk(r, &ix, &dir, &budget);
	buf_free(&dir);
	cache_index_free(&ix);
	return maybe;
}

bool untracked_seen_warm(const struct repo *r, const char *path)
{
	const char *rel = in_flake(r, path);
	return !is_doc(path) &&
	       (skip_prefix(rel, "profiles/") || (text_ends_with(rel, ".nix") && !strchr(rel, '/')));
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
			    is_doc(e->d_name) || (!sub && !text_ends_with(e->d_name, ".nix")))
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

/* The `git -C DIR add -- PATH...` that tracks paths but documentation,
 * appended to fix: how many it names. The directory and the paths are
 * quoted by quote_visible(), so nothing from a file name reaches the
 * terminal raw; names in messages are shown by text_show_path(). */
static size_t add_command(const struct repo *r, const struct strlist *paths, struct buf *fix)
{
	size_t n = 0, len = strlen(r->workdir);
	char *dir = xstrndup(r->workdir, len > 1 && r->workdir[len - 1] == '/' ? len - 1 : len);
	buf_puts(fix, "git -C ");
	quote_visible(fix, dir);
	buf_puts(fix, " add --");
	free(dir);
	for (size_t i = 0; i < paths->n; i++) {
		if (is_doc(paths->v[i]))
			continue;
		buf_putc(fix, ' ');
		quote_visible(fix, paths->v[i]);
		n++;
	}
	return n;
}

void untracked_warn(struct buf *notes, const struct repo *r, const struct strlist *paths)
{
	struct buf fix;
	buf_init(&fix);
	size_t n = add_command(r, paths, &fix), shown = 0;
	for (size_t i = 0; i < paths->n && shown < WARN_MAX; i++) {
		if (is_doc(paths->v[i]))
			continue;
		buf_puts(notes, "up: warning: ");
		text_show_path(notes, paths->v[i]);
		buf_puts(notes, " is not tracked by git, so the flake cannot see it\n");
		shown++;
	}
	if (n > WARN_MAX)
		buf_printf(notes, "up: warning: ... and %zu more untracked files\n", n - WARN_MAX);
	if (n)
		buf_printf(notes, "  to make %s part of the flake: %s\n  (a scratch file is never "
			   "reported once .gitignore ignores it)\n", n == 1 ? "it" : "them", fix.data);
	buf_free(&fix);
}

size_t untracked_describe(const struct repo *r, const struct strlist *paths, size_t max,
			  struct buf *list, struct buf *fix)
{
	size_t n = add_command(r, paths, fix), shown = 0;
	for (size_t i = 0; i < paths->n && shown < max; i++) {
		if (is_doc(paths->v[i]))
			continue;
		buf_puts(list, shown++ ? ", " : "");
		text_show_path(list, paths->v[i]);
	}
	if (n > max)
		buf_printf(list, " and %zu more", n - max);
	return n;
}
