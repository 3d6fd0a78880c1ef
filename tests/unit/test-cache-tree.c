/* The tree mode's view of git: an index written here byte by byte (versions
 * 2, 3 and 4, flags, extensions), each entry checked against the work tree
 * as git checks it (racy entries included), and the digest of the tree. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache_index.h"
#include "cache_record.h"
#include "cache_tree.h"
#include "fs.h"
#include "tap.h"

#define at(name) tap_path(work, name)
#define write_file tap_write

static char work[4096], gitdir[4200];



/* An index being written. */
struct ix {
	unsigned char data[8192];
	size_t len;
	uint32_t version, count;
	char prev[256];
};

static void put32(struct ix *x, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };
	memcpy(x->data + x->len, b, 4);
	x->len += 4;
}

static void put16(struct ix *x, uint16_t v)
{
	x->data[x->len++] = (unsigned char)(v >> 8);
	x->data[x->len++] = (unsigned char)v;
}

static void start(struct ix *x, uint32_t version)
{
	memset(x, 0, sizeof *x);
	memcpy(x->data, "DIRC", 4);
	x->len = 12;
	x->version = version;
}

/* An entry for the work tree file name, with its stat data as it is now
 * (size_delta makes it stale), flags and extended flags. */
static void entry(struct ix *x, const char *name, uint16_t flags, uint16_t ext, int size_delta)
{
	struct stat st;
	size_t at0 = x->len, n = strlen(name);
	if (lstat(at(name), &st) != 0)
		memset(&st, 0, sizeof st);
	put32(x, (uint32_t)FS_CTIME(st).tv_sec);
	put32(x, (uint32_t)FS_CTIME(st).tv_nsec);
	put32(x, (uint32_t)FS_MTIME(st).tv_sec);
	put32(x, (uint32_t)FS_MTIME(st).tv_nsec);
	put32(x, (uint32_t)st.st_dev);
	put32(x, (uint32_t)st.st_ino);
	put32(x, S_ISLNK(st.st_mode) ? 0120000 : (st.st_mode & 0100) ? 0100755 : 0100644);
	put32(x, (uint32_t)st.st_uid);
	put32(x, (uint32_t)st.st_gid);
	put32(x, (uint32_t)(st.st_size + size_delta));
	memset(x->data + x->len, 0xab, 20);
	x->len += 20;
	put16(x, (uint16_t)(flags | (ext ? 0x4000 : 0) | (n < 0xfff ? n : 0xfff)));
	if (ext)
		put16(x, ext);
	if (x->version == 4) {
		size_t common = 0;
		while (x->prev[common] && x->prev[common] == name[common])
			common++;
		x->data[x->len++] = (unsigned char)(strlen(x->prev) - common); /* < 128 here */
		memcpy(x->data + x->len, name + common, n - common + 1);
		x->len += n - common + 1;
		snprintf(x->prev, sizeof x->prev, "%s", name);
	} else {
		memcpy(x->data + x->len, name, n);
		x->len = at0 + ((62 + (ext ? 2 : 0) + n + 8) & ~(size_t)7);
	}
	x->count++;
}

/* Writes it as .git/index, its time stamp at_s seconds from the newest
 * file's (0: the same instant, as a racy index). */
static void finish(struct ix *x, const char *extension, long at_s, const struct stat *newest)
{
	unsigned char count[4] = { (unsigned char)(x->count >> 24), (unsigned char)(x->count >> 16),
				   (unsigned char)(x->count >> 8), (unsigned char)x->count };
	unsigned char version[4] = { 0, 0, 0, (unsigned char)x->version };
	memcpy(x->data + 4, version, 4);
	memcpy(x->data + 8, count, 4);
	if (extension) {
		memcpy(x->data + x->len, extension, 4);
		x->len += 4;
		put32(x, 0);
	}
	memset(x->data + x->len, 0, 20); /* the checksum, which is not checked */
	x->len += 20;
	char path[4300];
	snprintf(path, sizeof path, "%s/index", gitdir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, x->data, x->len) != (ssize_t)x->len)
			tap_ok(0, "the index is written");
		struct timespec times[2] = { FS_MTIME(*newest), FS_MTIME(*newest) };
		times[0].tv_sec += at_s;
		times[1].tv_sec += at_s;
		futimens(fd, times);
		close(fd);
	}
}

static const struct cache_index_entry *find(const struct cache_index *ix, const char *name)
{
	for (size_t i = 0; i < ix->n; i++)
		if (!strcmp(ix->v[i].name, name))
			return &ix->v[i];
	return NULL;
}

static void index_entries(void)
{
	struct ix x;
	struct cache_index ix;
	struct stat st;
	char wd[4300];
	snprintf(wd, sizeof wd, "%s/", work);
	write_file(at("a.nix"), "{ a = 1; }");
	mkdir(at("dir"), 0700);
	write_file(at("dir/b.txt"), "b");
	write_file(at("dir/c.txt"), "c");
	symlink("a.nix", at("link"));
	lstat(at("dir/c.txt"), &st);

	start(&x, 2);
	entry(&x, "a.nix", 0, 0, 0);
	entry(&x, "dir/b.txt", 0, 0, 0);
	entry(&x, "dir/c.txt", 0, 0, 1);
	entry(&x, "gone.nix", 0, 0, 0);
	entry(&x, "link", 0, 0, 0);
	finish(&x, NULL, 5, &st);
	bool read = cache_index_read(&ix, wd, gitdir);
	tap_ok(read && ix.n == 5, "a version 2 index is read (%zu entries)", ix.n);
	tap_ok(find(&ix, "a.nix") && find(&ix, "a.nix")->vouched && find(&ix, "dir/b.txt")->vouched,
	       "files whose stat data matches are vouched for");
	tap_ok(find(&ix, "link") && find(&ix, "link")->vouched && find(&ix, "link")->mode == 0120000,
	       "so is a symbolic link");
	tap_ok(find(&ix, "dir/c.txt") && !find(&ix, "dir/c.txt")->vouched, "another size: not vouched for");
	tap_ok(find(&ix, "gone.nix") && !find(&ix, "gone.nix")->vouched, "a file gone: not vouched for");
	cache_index_free(&ix);

	struct stat a;
	lstat(at("a.nix"), &a);
	start(&x, 2);
	entry(&x, "a.nix", 0, 0, 0);
	finish(&x, NULL, 0, &a);
	tap_ok(cache_index_read(&ix, wd, gitdir) && ix.n == 1 && !ix.v[0].vouched,
	       "racy: an entry as new as the index itself is not vouched for");
	cache_index_free(&ix);

	start(&x, 3);
	entry(&x, "a.nix", 0x8000, 0, 0);
	entry(&x, "dir/b.txt", 0, 0x4000, 0);
	entry(&x, "dir/c.txt", 0, 0x2000, 0);
	finish(&x, NULL, 5, &st);
	tap_ok(cache_index_read(&ix, wd, gitdir) && ix.n == 3 && ix.v[0].unread && ix.v[1].unread &&
	       ix.v[2].unread, "version 3: assume-unchanged, skip-worktree and intent-to-add are seen");
	cache_index_free(&ix);

	start(&x, 4);
	entry(&x, "dir/b.txt", 0, 0, 0);
	entry(&x, "dir/c.txt", 0, 0, 0);
	entry(&x, "link", 0, 0, 0);
	finish(&x, NULL, 5, &st);
	tap_ok(cache_index_read(&ix, wd, gitdir) && ix.n == 3 && !strcmp(ix.v[1].name, "dir/c.txt") &&
	       !strcmp(ix.v[2].name, "link") && ix.v[1].vouched,
	       "version 4: names compressed against the one before");
	cache_index_free(&ix);

	start(&x, 2);
	entry(&x, "a.nix", 0, 0, 0);
	finish(&x, "link", 5, &st);
	read = cache_index_read(&ix, wd, gitdir);
	tap_ok(!read && ix.why && strstr(ix.why, "split"),
	       "a split index is not read: %s", ix.why ? ix.why : "(no reason)");
	cache_index_free(&ix);

	char path[4300];
	snprintf(path, sizeof path, "%s/index", gitdir);
	write_file(path, "DIRC\0\0\0\2\0\0\0\7garbage");
	tap_ok(!cache_index_read(&ix, wd, gitdir) && ix.why, "a damaged index is not read");
	cache_index_free(&ix);
}

static void digest(void)
{
	struct ix x;
	struct stat st;
	struct cache_tree t1, t2;
	char wd[4300], path[4300];
	snprintf(wd, sizeof wd, "%s/", work);
	snprintf(path, sizeof path, "%s/HEAD", gitdir);
	write_file(path, "ref: refs/heads/main\n");
	snprintf(path, sizeof path, "%s/refs", gitdir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/refs/heads", gitdir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/packed-refs", gitdir);
	write_file(path, "# pack-refs with: peeled\n1111111111111111111111111111111111111111 refs/heads/main\n");
	lstat(at("dir/c.txt"), &st);
	start(&x, 2);
	entry(&x, "a.nix", 0, 0, 0);
	entry(&x, "dir/c.txt", 0, 0, 1);
	finish(&x, NULL, 5, &st);
	bool ok = cache_tree_read(&t1, wd, gitdir, gitdir, true) &&
		  cache_tree_read(&t2, wd, gitdir, gitdir, false);
	tap_ok(ok && !strcmp(t1.digest, t2.digest) && t1.files == 2 && t1.hashed == 1,
	       "the same tree, the same digest (%zu files, %zu read)", t1.files, t1.hashed);
	write_file(at("dir/c.txt"), "C");
	tap_ok(cache_tree_read(&t2, wd, gitdir, gitdir, false) && strcmp(t1.digest, t2.digest),
	       "an edit of a file the index does not vouch for changes it");
	write_file(at("dir/c.txt"), "c");
	tap_ok(cache_tree_read(&t2, wd, gitdir, gitdir, false) && !strcmp(t1.digest, t2.digest),
	       "and its old content gives the old digest");
	write_file(at("a.nix"), "{ a = 2; }");
	tap_ok(cache_tree_read(&t2, wd, gitdir, gitdir, false) && strcmp(t1.digest, t2.digest),
	       "an edit of a file the index vouched for changes it");
	snprintf(path, sizeof path, "%s/refs/heads/main", gitdir);
	write_file(path, "2222222222222222222222222222222222222222\n");
	char head[65];
	tap_ok(cache_tree_head(gitdir, gitdir, head) && !strcmp(head, "2222222222222222222222222222222222222222"),
	       "HEAD: a loose ref before packed-refs");
	tap_ok(cache_tree_read(&t1, wd, gitdir, gitdir, false) && strcmp(t1.digest, t2.digest),
	       "another commit changes it");
	unlink(path);
	tap_ok(cache_tree_head(gitdir, gitdir, head) && !strcmp(head, "1111111111111111111111111111111111111111"),
	       "HEAD: from packed-refs");
	snprintf(path, sizeof path, "%s/HEAD", gitdir);
	write_file(path, "ref: refs/heads/unborn\n");
	tap_ok(cache_tree_head(gitdir, gitdir, head) && !head[0], "HEAD: an unborn branch");
	/* A linked worktree: its own git directory holds HEAD and its
	 * per-worktree refs; the common one, the others. */
	char own[4300], ref[4400];
	snprintf(own, sizeof own, "%s/worktrees-wt", gitdir);
	mkdir(own, 0700);
	snprintf(ref, sizeof ref, "%s/HEAD", own);
	write_file(ref, "ref: refs/bisect/bad\n");
	snprintf(ref, sizeof ref, "%s/refs", own);
	mkdir(ref, 0700);
	snprintf(ref, sizeof ref, "%s/refs/bisect", own);
	mkdir(ref, 0700);
	snprintf(ref, sizeof ref, "%s/refs/bisect/bad", own);
	write_file(ref, "3333333333333333333333333333333333333333\n");
	tap_ok(cache_tree_head(own, gitdir, head) && !strcmp(head, "3333333333333333333333333333333333333333"),
	       "HEAD: a per-worktree ref (refs/bisect/) from the worktree's own git directory");
	snprintf(ref, sizeof ref, "%s/HEAD", own);
	write_file(ref, "ref: refs/heads/main\n");
	tap_ok(cache_tree_head(own, gitdir, head) && !strcmp(head, "1111111111111111111111111111111111111111"),
	       "HEAD: a branch from the common directory");
	snprintf(path, sizeof path, "%s/config", gitdir);
	write_file(path, "[extensions]\n\tobjectformat = sha256\n");
	tap_ok(!cache_tree_read(&t1, wd, gitdir, gitdir, false) && t1.why, "SHA-256 repositories are not read");
}

/* Defences a shell test cannot show on every nix: a directory on a
 * tracked path turned into a link; the content of an entry git does not
 * compare (skip-worktree); a file that changed after nix started. */
static void defences(void)
{
	struct ix x;
	struct stat st;
	struct cache_tree t1, t2;
	char wd[4300], path[4300], cmd[13000];
	snprintf(wd, sizeof wd, "%s/", work);
	snprintf(path, sizeof path, "%s/config", gitdir);
	write_file(path, "");
	snprintf(path, sizeof path, "%s/HEAD", gitdir);
	write_file(path, "ref: refs/heads/main\n");
	snprintf(path, sizeof path, "%s/lk", work);
	mkdir(path, 0700);
	write_file(at("lk/x.txt"), "x");
	write_file(at("s.nix"), "{ }");
	lstat(at("s.nix"), &st);
	start(&x, 3);
	entry(&x, "lk/x.txt", 0, 0, 1);          /* not vouched for: its content counts */
	entry(&x, "s.nix", 0, 0x4000, 0);        /* skip-worktree */
	finish(&x, NULL, -100, &st);
	tap_ok(cache_tree_read(&t1, wd, gitdir, gitdir, false), "a tree with a skip-worktree entry is read");
	write_file(at("s.nix"), "{ a = 1; }");
	tap_ok(cache_tree_read(&t2, wd, gitdir, gitdir, false) && strcmp(t1.digest, t2.digest),
	       "an edit of a skip-worktree file changes the digest (nix may read the work tree's)");
	write_file(at("s.nix"), "{ }");
	snprintf(cmd, sizeof cmd, "mv '%s/lk' '%s/lk-real' && ln -s lk-real '%s/lk'", work, work, work);
	tap_ok(system(cmd) == 0 && cache_tree_read(&t2, wd, gitdir, gitdir, false) &&
	       strcmp(t1.digest, t2.digest),
	       "a directory on a tracked path replaced by a link to a copy: another digest (git sees no file there)");
	snprintf(cmd, sizeof cmd, "rm '%s/lk' && mv '%s/lk-real' '%s/lk'", work, work, work);
	tap_ok(system(cmd) == 0 && cache_tree_read(&t2, wd, gitdir, gitdir, false) &&
	       !strcmp(t1.digest, t2.digest), "... and back: the same digest");

	/* cache_record_make: nothing read may have changed after nix started */
	struct repo r;
	repo_init(&r);
	r.workdir = wd;
	r.gitdir = r.commondir = gitdir;
	r.flake_rel = (char *)"";
	struct cache_record rc;
	struct cache_record_eval ev = { work, &r, { 0, 0 }, &t1 };
	lstat(at("lk/x.txt"), &st);
	ev.start = FS_MTIME(st);
	ev.start.tv_sec -= 1;
	tap_ok(!cache_record_make(&rc, &ev), "a file read for the key newer than nix's start: nothing recorded");
	cache_record_free(&rc);
	clock_gettime(CLOCK_REALTIME, &ev.start);
	ev.start.tv_sec += 10;
	tap_ok(cache_record_make(&rc, &ev), "... and once all is older than it, the record is made");
	cache_record_free(&rc);
}

/* Indexes that real git wrote (tests/fixtures/index, from one small
 * repository: a.nix, dir/b.txt (executable), dir/sub/c.txt, link (a
 * symbolic link) and two long names): version 2; 3 with an intent-to-add
 * entry (new.txt) and a skip-worktree one (dir/sub/c.txt); 4, whose names
 * are prefix-compressed; a split index (core.splitIndex), refused. */
static void real_indexes(void)
{
	const char *top = getenv("top_srcdir");
	const char *all = "a.nix dir/b.txt dir/sub/c.txt link long-name-to-compress-in-version-4.txt "
			  "long-name-to-compress-in-version-4.txz";
	static const struct { const char *file, *names, *unread; } cases[] = {
		{ "v2", "", "" },
		{ "v3-extended", " new.txt", "dir/sub/c.txt new.txt" },
		{ "v4", " new.txt", "dir/sub/c.txt new.txt" },
	};
	char dir[4300], from[4400], to[4400];
	snprintf(dir, sizeof dir, "%s/real", work);
	mkdir(dir, 0700);
	snprintf(to, sizeof to, "%s/index", dir);
	for (size_t k = 0; k <= sizeof cases / sizeof *cases; k++) {
		const char *file = k < sizeof cases / sizeof *cases ? cases[k].file : "split";
		struct buf text, names, unread;
		struct stat st;
		struct cache_index ix;
		buf_init(&text);
		buf_init(&names);
		buf_init(&unread);
		snprintf(from, sizeof from, "%s/tests/fixtures/index/%s", top ? top : ".", file);
		bool got = fs_read_small(from, &text, 1 << 20, &st);
		FILE *f = got ? fopen(to, "wb") : NULL;
		got = f && fwrite(text.data, 1, text.len, f) == text.len;
		if (f)
			fclose(f);
		bool ok = got && cache_index_read(&ix, work, dir);
		if (k == sizeof cases / sizeof *cases) {
			tap_ok(got && !ok && ix.why && strstr(ix.why, "split"),
			       "git's split index: refused, said (%s)", got && ix.why ? ix.why : "not read");
		} else {
			for (size_t i = 0; ok && i < ix.n; i++) {
				buf_printf(&names, "%s%s", i ? " " : "", ix.v[i].name);
				if (ix.v[i].unread)
					buf_printf(&unread, "%s%s", unread.len ? " " : "", ix.v[i].name);
			}
			struct buf want;
			buf_init(&want);
			buf_printf(&want, "%s%s", all, cases[k].names);
			tap_is(ok ? names.data : "(not read)", want.data, file);
			tap_is(unread.data, cases[k].unread, "... the entries git takes unread");
			const struct cache_index_entry *b = ok ? find(&ix, "dir/b.txt") : NULL;
			const struct cache_index_entry *l = ok ? find(&ix, "link") : NULL;
			tap_ok(b && b->mode == 0100755 && l && l->mode == 0120000,
			       "... modes: executable, symbolic link");
			buf_free(&want);
		}
		if (got)
			cache_index_free(&ix);
		buf_free(&text);
		buf_free(&names);
		buf_free(&unread);
	}
}

int main(void)
{
	char *scratch = tap_scratch("up-tree");
	if (!scratch)
		return 1;
	snprintf(work, sizeof work, "%s", scratch);
	snprintf(gitdir, sizeof gitdir, "%s/.git", work);
	mkdir(gitdir, 0700);
	index_entries();
	digest();
	defences();
	real_indexes();
	char cmd[4300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
	if (system(cmd) != 0)
		tap_ok(0, "the scratch directory is removed");
	return tap_done();
}
