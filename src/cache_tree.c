#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "fs.h"
#include "cache_index.h"
#include "cache_inputs.h"
#include "cache_stat.h"
#include "cache_tree.h"
#include "sha256.h"
#include "text.h"

enum { MODE_LINK = 0120000, MODE_GITLINK = 0160000, MODE_DIR = 040000, NAME_MASK = 0x0fff };

/* ---- HEAD ---- */

static bool hex_id(const char *s, size_t len)
{
	return (len == 40 || len == 64) && strspn(s, "0123456789abcdef") == len;
}

/* Whether a ref is one of a worktree's own, kept in its git directory
 * rather than the common one (gitrepository-layout(5)). */
static bool per_worktree(const char *ref)
{
	return skip_prefix(ref, "refs/worktree/") || skip_prefix(ref, "refs/bisect/") ||
	       skip_prefix(ref, "refs/rewritten/");
}

/* The id a ref names, from its loose file or packed-refs ("" if none). */
static bool resolve(const char *gitdir, const char *commondir, const char *ref, char id[65],
		    int depth)
{
	struct buf path, text;
	struct stat st;
	bool ok = false;
	if (depth > 5 || strstr(ref, "..") || !skip_prefix(ref, "refs/"))
		return false;
	const char *dir = per_worktree(ref) ? gitdir : commondir;
	buf_init(&path);
	buf_init(&text);
	buf_printf(&path, "%s/%s", dir, ref);
	if (fs_read_small(path.data, &text, 4096, &st)) {
		size_t len = strcspn(text.data, "\n");
		text.data[len] = '\0';
		const char *to = skip_prefix(text.data, "ref: ");
		if (to)
			ok = resolve(gitdir, commondir, to, id, depth + 1);
		else if ((ok = hex_id(text.data, len)))
			memcpy(id, text.data, len + 1);
	} else if (errno == ENOENT || errno == ENOTDIR) {
		buf_reset(&path);
		buf_printf(&path, "%s/packed-refs", dir);
		id[0] = '\0';
		ok = true;
		if (fs_read_small(path.data, &text, 64 << 20, &st)) {
			size_t reflen = strlen(ref);
			for (char *line = text.data, *nl; *line; line = nl + 1) {
				nl = line + strcspn(line, "\n");
				char *space = memchr(line, ' ', (size_t)(nl - line));
				if (space && line[0] != '#' && line[0] != '^' &&
				    (size_t)(nl - space - 1) == reflen && !memcmp(space + 1, ref, reflen) &&
				    hex_id(line, (size_t)(space - line))) {
					memcpy(id, line, (size_t)(space - line));
					id[space - line] = '\0';
					break;
				}
				if (!*nl)
					break;
			}
		} else if (errno != ENOENT) {
			ok = false;
		}
	}
	buf_free(&path);
	buf_free(&text);
	return ok;
}

bool cache_tree_head(const char *gitdir, const char *commondir, char id[65])
{
	struct buf path, text;
	struct stat st;
	bool ok = false;
	buf_init(&path);
	buf_init(&text);
	buf_printf(&path, "%s/HEAD", gitdir);
	if (fs_read_small(path.data, &text, 4096, &st)) {
		size_t len = strcspn(text.data, "\n");
		text.data[len] = '\0';
		const char *to = skip_prefix(text.data, "ref: ");
		if (to)
			ok = resolve(gitdir, commondir, to, id, 0);
		else if ((ok = hex_id(text.data, len)))
			memcpy(id, text.data, len + 1);
	}
	buf_free(&path);
	buf_free(&text);
	return ok;
}

/* ---- the digest ---- */

/* Adds a small file's content (or its absence) to the digest; into keep
 * (when not NULL) its text, read once. */
static void add_file_text(struct sha256 *h, const char *label, const char *path, struct buf *keep)
{
	struct buf text;
	struct stat st;
	buf_init(&text);
	bool got = fs_read_small(path, &text, 16 << 20, &st);
	sha256_add(h, label, strlen(label) + 1);
	sha256_add(h, got ? "y" : "n", 1);
	sha256_add(h, buf_str(&text), text.len);
	if (keep) {
		buf_free(keep);
		*keep = text;
	} else {
		buf_free(&text);
	}
}

static void add_file(struct sha256 *h, const char *label, const char *path)
{
	add_file_text(h, label, path, NULL);
}

/* A directory's identity (device, inode, owner), or its absence. */
static void add_identity(struct sha256 *h, const char *label, const char *path)
{
	struct stat st;
	char text[96];
	if (stat(path, &st) == 0)
		snprintf(text, sizeof text, "%llu %llu %lu", (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino, (unsigned long)st.st_uid);
	else
		snprintf(text, sizeof text, "absent");
	sha256_add(h, label, strlen(label) + 1);
	sha256_add(h, text, strlen(text) + 1);
}

/* What changes nix's answer with no tracked file changed: the history nix
 * 2.8 reads through git rev-list and git archive (revCount, lastModified),
 * which the shallow file, grafts and replace refs rewrite; the object
 * stores objects/info/alternates names (gone, and nix sees the tree as
 * dirty); and the owners of the work tree and the git directories (git
 * refuses a repository of another user unless safe.directory says so). */
static void add_history(struct sha256 *h, const char *workdir, const char *gitdir,
			const char *commondir)
{
	static const char *const files[] = { "shallow", "info/grafts", "objects/info/alternates" };
	struct buf path, text;
	struct stat st;
	buf_init(&path);
	buf_init(&text);
	for (int i = 0; i < 3; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", commondir, files[i]);
		add_file_text(h, files[i], path.data, i == 2 ? &text : NULL);
	}
	/* each store the alternates file names, by its identity */
	if (text.len) {
		for (char *line = text.data, *nl; *line; line = nl + 1) {
			nl = line + strcspn(line, "\n");
			char end = *nl;
			*nl = '\0';
			if (*line && *line != '#') {
				struct buf store;
				buf_init(&store);
				if (line[0] == '/')
					buf_puts(&store, line);
				else
					buf_printf(&store, "%s/objects/%s", commondir, line);
				add_identity(h, "alternate", store.data);
				buf_free(&store);
			}
			if (!end)
				break;
		}
	}
	/* the replace refs: loose ones by name and content, packed ones by their lines */
	struct strlist names = { 0 };
	buf_reset(&path);
	buf_printf(&path, "%s/refs/replace", commondir);
	DIR *d = opendir(path.data);
	for (struct dirent *de; d && (de = readdir(d));)
		if (de->d_name[0] != '.')
			strlist_add(&names, de->d_name);
	if (d)
		closedir(d);
	strlist_sort(&names);
	for (size_t i = 0; i < names.n; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/refs/replace/%s", commondir, names.v[i]);
		add_file(h, names.v[i], path.data);
	}
	strlist_free(&names);
	buf_reset(&path);
	buf_printf(&path, "%s/packed-refs", commondir);
	if (fs_read_small(path.data, &text, 64 << 20, &st)) {
		for (char *line = text.data, *nl; *line; line = nl + 1) {
			nl = line + strcspn(line, "\n");
			const char *space = memchr(line, ' ', (size_t)(nl - line));
			if (space && nl - space > 13 && !memcmp(space + 1, "refs/replace/", 13))
				sha256_add(h, line, (size_t)(nl - line) + 1);
			if (!*nl)
				break;
		}
	}
	/* nix 2.8 takes a tree for clean only when refs/heads holds an entry
	 * (git pack-refs --prune empties it, with nothing else changed) */
	buf_reset(&path);
	buf_printf(&path, "%s/refs/heads", commondir);
	bool heads = false;
	d = opendir(path.data);
	for (struct dirent *de; d && !heads && (de = readdir(d));)
		heads = strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	if (d)
		closedir(d);
	sha256_add(h, heads ? "refs/heads: some" : "refs/heads: none", 17);
	add_identity(h, "work tree", workdir);
	add_identity(h, "git dir", gitdir);
	add_identity(h, "common dir", commondir);
	buf_free(&path);
	buf_free(&text);
}

/* What the work tree holds at path now, into the digest: its mode as git
 * writes it, then a hash of its content (of a link: its target). */
static void later(struct timespec *newest, const struct timespec *t)
{
	if (t->tv_sec > newest->tv_sec || (t->tv_sec == newest->tv_sec && t->tv_nsec > newest->tv_nsec))
		*newest = *t;
}

/* (hex into id: "" when there is no content) */
static void worktree_content(struct sha256 *digest, const char *path, struct timespec *newest,
			     char hex[65])
{
	struct stat st;
	hex[0] = '\0';
	if (lstat(path, &st) != 0) {
		sha256_add(digest, "absent", 7);
		return;
	}
	later(newest, &FS_MTIME(st));
	later(newest, &FS_CTIME(st));
	char kind = S_ISLNK(st.st_mode) ? 'l' : S_ISREG(st.st_mode) ? 'f' : 'o';
	if (!cache_stat_content(path, kind, hex))
		snprintf(hex, 65, "%064d", 0);   /* unreadable: no content's hash */
	uint32_t m = S_ISLNK(st.st_mode) ? MODE_LINK : S_ISDIR(st.st_mode) ? MODE_DIR
		   : S_ISREG(st.st_mode) ? ((st.st_mode & 0100) ? 0100755 : 0100644) : 0;
	char mode[16];
	snprintf(mode, sizeof mode, "w%o", (unsigned)m);
	sha256_add(digest, mode, strlen(mode) + 1);
	sha256_add(digest, hex, 64);
}

uint64_t cache_tree_name_hash(const char *path)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h;
}

static void add_state(struct buf *states, const char *name, unsigned char kind, const char *hex,
		      const unsigned char *oid)
{
	struct cache_tree_state st;
	memset(&st, 0, sizeof st);
	st.name = cache_tree_name_hash(name);
	st.kind = kind;
	for (int i = 0; i < 8 && kind == 'w'; i++)
		sscanf(hex + 2 * i, "%2hhx", &st.id[i]);
	if (kind == 'o')
		memcpy(st.id, oid, sizeof st.id);
	buf_add(states, (const char *)&st, sizeof st);
}

/* Whether the attributes file at path makes git rewrite content for nix:
 * then t->rewrites says so (label: the file as the user knows it). Any
 * mention counts, comments too: a false alarm only costs speed. */
static void rewrites(struct cache_tree *t, const char *label, const char *path)
{
	struct buf text;
	struct stat st;
	if (t->rewrites[0])
		return;
	buf_init(&text);
	if (fs_read_small(path, &text, 16 << 20, &st)) {
		const char *what = strstr(text.data, "export-subst") ? "export-subst"
				 : strstr(text.data, "filter=") ? "a filter= attribute" : NULL;
		if (what)
			snprintf(t->rewrites, sizeof t->rewrites, "%s names %s, which git rewrites on "
				 "its way to nix", label, what);
	}
	buf_free(&text);
}

/* The index into the digest: the index file's identity (git writes a new
 * file, a new inode, each time, so while it holds, every entry holds), then
 * each entry the work tree no longer matches, with what the work tree holds. */
static void add_index(struct cache_tree *t, struct sha256 *h, const struct cache_index *ix,
		      const char *workdir, bool inspect, struct buf *states)
{
	char hex[65];
	struct buf path;
	long long id[6] = { (long long)ix->file.st_dev, (long long)ix->file.st_ino,
		(long long)ix->file.st_size, (long long)FS_MTIME(ix->file).tv_sec,
		(long long)FS_MTIME(ix->file).tv_nsec, (long long)FS_CTIME(ix->file).tv_nsec };
	sha256_add(h, ix->present ? "index" : "no index", ix->present ? 6 : 9);
	if (ix->present) {
		later(&t->newest, &FS_MTIME(ix->file));
		later(&t->newest, &FS_CTIME(ix->file));
	}
	if (ix->present)
		sha256_add(h, id, sizeof id);
	buf_init(&path);
	for (size_t i = 0; i < ix->n; i++) {
		const struct cache_index_entry *e = &ix->v[i];
		t->files++;
		const char *base = strrchr(e->name, '/');
		bool attributes = inspect && !strcmp(base ? base + 1 : e->name, ".gitattributes");
		if ((e->mode & 0170000) == MODE_GITLINK && e->vouched && !t->rewrites[0]) {
			/* a checked-out submodule: nix 2.8's git diff-index sees its
			 * commit and files, which the key does not hold */
			struct stat st;
			buf_reset(&path);
			buf_printf(&path, "%s%s/.git", workdir, e->name);
			if (lstat(path.data, &st) == 0)
				snprintf(t->rewrites, sizeof t->rewrites, "the submodule %s is checked out "
					 "(its commit and files are not in the key)", e->name);
		}
		if (states && (e->unread || e->vouched))
			add_state(states, e->name, 'o', NULL, e->oid);
		if (!attributes && !e->unread && e->vouched)
			continue;
		buf_reset(&path);
		buf_puts(&path, workdir);
		buf_puts(&path, e->name);
		if (attributes) {
			rewrites(t, e->name, path.data);
			if (!e->unread && e->vouched)
				continue;
		}
		unsigned char tag[4] = { (unsigned char)((e->flags & ~NAME_MASK) >> 8),
			(unsigned char)e->flags, (unsigned char)(e->ext >> 8), (unsigned char)e->ext };
		t->hashed++;
		sha256_add(h, e->name, strlen(e->name) + 1);
		sha256_add(h, tag, sizeof tag);
		hex[0] = '\0';
		if (e->linked)  /* beyond a symbolic link: git sees no file there */
			sha256_add(h, "beyond a link", 14);
		else
			worktree_content(h, path.data, &t->newest, hex);
		if (states && !e->unread && !e->vouched)
			add_state(states, e->name, hex[0] ? 'w' : '-', hex, NULL);
	}
	buf_free(&path);
}

/* Attributes outside the tree that make git rewrite content for nix: the
 * repository's, the user's (git's default core.attributesFile), the
 * system's, and any file a config file names (included: those of the
 * repository's config, to which the global configs' are added). */
static void outside_attributes(struct cache_tree *t, const char *commondir, struct strlist *included)
{
	struct buf file;
	buf_init(&file);
	buf_printf(&file, "%s/info/attributes", commondir);
	rewrites(t, ".git/info/attributes", file.data);
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	buf_reset(&file);
	if (xdg && *xdg)
		buf_printf(&file, "%s/git/attributes", xdg);
	else if (home && *home)
		buf_printf(&file, "%s/.config/git/attributes", home);
	if (file.len)
		rewrites(t, file.data, file.data);
	rewrites(t, "/etc/gitattributes", "/etc/gitattributes");
	struct strlist configs = { 0 };
	cache_inputs_git_configs(&configs);
	for (size_t i = 0; i < configs.n; i++)
		cache_inputs_git_includes(configs.v[i], NULL, included);
	strlist_free(&configs);
	for (size_t i = 0; i < included->n; i++)
		rewrites(t, included->v[i], included->v[i]);
	buf_free(&file);
}

bool cache_tree_read(struct cache_tree *t, const char *workdir, const char *gitdir,
		     const char *commondir, bool inspect)
{
	return cache_tree_read_states(t, workdir, gitdir, commondir, inspect, NULL);
}

bool cache_tree_read_states(struct cache_tree *t, const char *workdir, const char *gitdir,
			    const char *commondir, bool inspect, struct buf *states)
{
	struct buf file, text;
	struct stat st;
	struct sha256 h;
	struct cache_index ix;
	memset(t, 0, sizeof *t);
	memset(&ix, 0, sizeof ix);
	buf_init(&file);
	buf_init(&text);
	sha256_init(&h);
	buf_printf(&file, "%s/config", commondir);
	bool ok = true;
	if (fs_read_small(file.data, &text, 16 << 20, &st) && strstr(text.data, "objectformat"))
		ok = !(t->why = "the repository names an object format (SHA-256 ids are not read)");
	buf_reset(&file);
	buf_printf(&file, "%s/reftable", commondir);
	if (ok && lstat(file.data, &st) == 0)
		ok = !(t->why = "the repository keeps its refs in a reftable");
	if (ok && !cache_tree_head(gitdir, commondir, t->head))
		ok = !(t->why = "git's HEAD cannot be read");
	if (ok && !cache_index_read(&ix, workdir, gitdir))
		ok = !(t->why = ix.why);
	if (ok) {
		sha256_add(&h, "up-tree 3\n", 10);
		sha256_add(&h, t->head, strlen(t->head) + 1);
		static const char *const files[] = { "config", "config.worktree", "info/attributes" };
		struct strlist included = { 0 };
		for (int i = 0; i < 3; i++) {
			buf_reset(&file);
			buf_printf(&file, "%s/%s", i == 1 ? gitdir : commondir, files[i]);
			add_file_text(&h, files[i], file.data, &text);
			if (i < 2 && text.len)  /* what the repository's config includes, and its attributes file */
				cache_inputs_git_includes(file.data, &text, &included);
		}
		for (size_t i = 0; i < included.n; i++)
			add_file(&h, "included", included.v[i]);
		if (inspect)
			outside_attributes(t, commondir, &included);
		strlist_free(&included);
		add_history(&h, workdir, gitdir, commondir);
		add_index(t, &h, &ix, workdir, inspect, states);
		sha256_hex(&h, t->digest);
	}
	cache_index_free(&ix);
	buf_free(&file);
	buf_free(&text);
	return ok;
}
