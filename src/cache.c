#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "cache.h"
#include "exitcode.h"
#include "flake.h"
#include "manifest.h"
#include "nix.h"
#include "quote.h"

static const char magic[] = "up-cache 1 flags=";

void cache_free(struct cache *c)
{
	free(c->path);
	free(c->workdir);
	for (size_t i = 0; i < c->nuntracked; i++)
		free(c->untracked[i]);
	free(c->untracked);
	memset(c, 0, sizeof *c);
}

/* $XDG_CACHE_HOME/up, else ~/.cache/up, created 0700; NULL if impossible. */
static char *cache_dir(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct buf b;
	buf_init(&b);
	if (xdg && xdg[0] == '/')
		buf_puts(&b, xdg);
	else if (home && home[0] == '/')
		buf_printf(&b, "%s/.cache", home);
	else
		return NULL;
	mkdir(b.data, 0700);
	buf_puts(&b, "/up");
	if (mkdir(b.data, 0700) < 0 && errno != EEXIST) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static void key_add(struct buf *key, const char *label, const char *value)
{
	/* Length-prefixed, so no two different inputs give the same text. */
	buf_printf(key, "%s %zu:%s\n", label, strlen(value), value);
}

/* The nix binary as it is now: where it lives and which file it is. */
static void key_nix(struct buf *key, const char *nix_bin)
{
	key_add(key, "nix", nix_bin);
	const char *path = getenv("PATH");
	struct stat st;
	if (strchr(nix_bin, '/')) {
		if (stat(nix_bin, &st) == 0)
			buf_printf(key, "nix-file %lld %lld %lld\n", (long long)st.st_ino,
				   (long long)st.st_size, (long long)st.st_mtime);
		return;
	}
	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "%.*s/%s", (int)n, n ? path : ".", nix_bin);
		int found = stat(p.data, &st) == 0 && S_ISREG(st.st_mode);
		if (found)
			buf_printf(key, "nix-file %s %lld %lld %lld\n", p.data, (long long)st.st_ino,
				   (long long)st.st_size, (long long)st.st_mtime);
		buf_free(&p);
		if (found)
			return;
		path = end ? end + 1 : NULL;
	}
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* Status of the work tree: what differs from HEAD goes into the key, what
 * is untracked and matters to the flake goes to the warnings. */
static int scan(struct cache *c, git_repository *repo, const char *flake_rel, struct buf *key)
{
	git_status_options opts;
	git_status_list *list = NULL;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (git_status_list_new(&list, repo, &opts) < 0)
		return -1;

	struct buf profiles;
	buf_init(&profiles);
	buf_printf(&profiles, "%s%sprofiles/", flake_rel, *flake_rel ? "/" : "");
	size_t n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
		if (!d)
			continue;
		const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (e->status == GIT_STATUS_WT_NEW) {
			bool inside = !*flake_rel || (!strncmp(path, flake_rel, strlen(flake_rel)) &&
						      path[strlen(flake_rel)] == '/');
			if (inside && (ends_with(path, ".nix") || !strncmp(path, profiles.data, profiles.len))) {
				c->untracked = xrealloc(c->untracked, (c->nuntracked + 1) * sizeof *c->untracked);
				c->untracked[c->nuntracked++] = xstrdup(path);
			}
			continue;
		}
		/* A tracked file that differs from HEAD: its content as Nix sees it. */
		struct buf full;
		git_oid oid;
		char hex[GIT_OID_HEXSZ + 1];
		buf_init(&full);
		buf_printf(&full, "%s%s", c->workdir, path);
		if (git_odb_hashfile(&oid, full.data, GIT_OBJECT_BLOB) == 0)
			git_oid_tostr(hex, sizeof hex, &oid);
		else
			snprintf(hex, sizeof hex, "absent");
		buf_printf(key, "changed %zu:%s %s\n", strlen(path), path, hex);
		buf_free(&full);
	}
	buf_free(&profiles);
	git_status_list_free(list);
	return 0;
}

void cache_init(struct cache *c, const char *flake_dir, const char *flake_ref,
		const char *attr, const char *nix_bin, const char *system, enum cache_mode mode)
{
	memset(c, 0, sizeof *c);
	c->mode = mode;
	/* Only plain local paths: a path: URL sees untracked files too. */
	if (!flake_dir || !strncmp(flake_ref, "path:", 5))
		return;

	git_libgit2_init();
	git_repository *repo = NULL;
	if (git_repository_open_ext(&repo, flake_dir, 0, NULL) < 0 || git_repository_is_bare(repo)) {
		git_repository_free(repo);
		git_libgit2_shutdown();
		return;
	}
	const char *workdir = git_repository_workdir(repo);
	c->workdir = xstrdup(workdir);
	size_t wl = strlen(workdir);
	const char *flake_rel = "";
	if (strlen(flake_dir) + 1 >= wl && !strncmp(flake_dir, workdir, wl - 1))
		flake_rel = flake_dir[wl - 1] == '/' ? flake_dir + wl : "";

	struct buf key;
	buf_init(&key);
	key_add(&key, "flake", flake_dir);
	key_add(&key, "attr", attr);
	key_add(&key, "system", system);
	key_nix(&key, nix_bin);
	const char *conf = getenv("NIX_CONFIG");
	key_add(&key, "nix-config", conf ? conf : "");
	git_oid head;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0)
		git_oid_tostr(hex, sizeof hex, &head);
	else
		snprintf(hex, sizeof hex, "unborn");
	key_add(&key, "head", hex);

	int scanned = scan(c, repo, flake_rel, &key);
	char *dir = mode == CACHE_OFF || scanned < 0 ? NULL : cache_dir();
	if (dir) {
		git_oid id;
		git_odb_hash(&id, key.data, key.len, GIT_OBJECT_BLOB);
		git_oid_tostr(hex, sizeof hex, &id);
		struct buf p;
		buf_init(&p);
		buf_printf(&p, "%s/%s", dir, hex);
		c->path = buf_take(&p);
		free(dir);
	}
	buf_free(&key);
	git_repository_free(repo);
	git_libgit2_shutdown();
}

void cache_warn_untracked(const struct cache *c)
{
	if (!c->nuntracked)
		return;
	struct buf fix;
	buf_init(&fix);
	buf_puts(&fix, "git -C ");
	quote_word(&fix, c->workdir);
	buf_puts(&fix, " add --");
	for (size_t i = 0; i < c->nuntracked; i++) {
		struct buf shown;
		buf_init(&shown);
		quote_word(&shown, c->untracked[i]);
		if (i < 10)
			fprintf(stderr, "up: warning: %s is not tracked by git, so the flake cannot see it\n",
				shown.data);
		buf_putc(&fix, ' ');
		buf_puts(&fix, shown.data);
		buf_free(&shown);
	}
	if (c->nuntracked > 10)
		fprintf(stderr, "up: warning: ... and %zu more untracked files\n", c->nuntracked - 10);
	fprintf(stderr, "  to make them part of the flake: %s\n", fix.data);
	buf_free(&fix);
}

bool cache_get(const struct cache *c, struct buf *json, unsigned *flags)
{
	if (!c->path || c->mode != CACHE_USE)
		return false;
	int fd = open(c->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return false;
	struct buf b;
	char chunk[65536];
	ssize_t n;
	buf_init(&b);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(&b, chunk, (size_t)n);
	close(fd);
	bool ok = n == 0 && b.len > sizeof magic && !memcmp(b.data, magic, sizeof magic - 1);
	char *nl = ok ? memchr(b.data, '\n', b.len) : NULL;
	if (nl) {
		*flags = (unsigned)strtoul(b.data + sizeof magic - 1, NULL, 10);
		size_t off = (size_t)(nl + 1 - b.data);
		json->len = 0;
		buf_add(json, b.data + off, b.len - off);
	}
	buf_free(&b);
	return nl != NULL;
}

void cache_put(const struct cache *c, const char *json, size_t len, unsigned flags)
{
	if (!c->path)
		return;
	struct buf tmp;
	buf_init(&tmp);
	buf_printf(&tmp, "%s.XXXXXX", c->path);
	int fd = mkstemp(tmp.data);
	if (fd < 0) {
		buf_free(&tmp);
		return;
	}
	struct buf body;
	buf_init(&body);
	buf_printf(&body, "%s%u\n", magic, flags);
	buf_add(&body, json, len);
	size_t off = 0;
	while (off < body.len) {
		ssize_t n = write(fd, body.data + off, body.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (close(fd) == 0 && off == body.len && rename(tmp.data, c->path) == 0) {
		buf_free(&tmp);
		buf_free(&body);
		return;
	}
	unlink(tmp.data);
	buf_free(&tmp);
	buf_free(&body);
}

void cache_forget(const struct cache *c)
{
	if (c->path)
		unlink(c->path);
}

/* One nix eval, its failures told in nix's own words. */
static int eval(struct nix *nx, const struct flake *fl, const char *attr,
		struct buf *json, bool quiet)
{
	int rc = nix_eval(nx, fl->ref, attr, json);
	if (quiet || !rc)
		return rc;
	if (rc == EXIT_NONIX)
		fprintf(stderr, "up: cannot run nix ('%s'): %s\n"
			"  install Nix (https://nixos.org/download; on Debian: apt-get install nix-bin),\n"
			"  or point UP_NIX at the nix binary\n", nix_bin(nx), nix_error(nx));
	else {
		fputs(nix_error(nx), stderr);
		fprintf(stderr, "up: could not evaluate %s#%s (nix's error is above); "
			"fix it, or pick another flake with --flake and attribute with --attr\n",
			fl->ref, attr);
	}
	return rc;
}

int cache_load(struct manifest *m, struct nix *nx, const struct flake *fl, const char *attr,
	       const char *system, enum cache_mode mode, bool quiet)
{
	struct cache c;
	struct buf json, err;
	unsigned flags = 0;
	int rc;
	buf_init(&json);
	buf_init(&err);
	cache_init(&c, fl->dir, fl->ref, attr, nix_bin(nx), system, mode);
	if (!quiet)
		cache_warn_untracked(&c);

	if (cache_get(&c, &json, &flags)) {
		nix_set_extra_features(nx, flags & 1);
		if (manifest_parse(m, json.data, json.len, &err) == 0)
			goto out_ok;
		cache_forget(&c); /* corrupt: evaluate afresh */
		err.len = 0;
	}
	if ((rc = eval(nx, fl, attr, &json, quiet)))
		goto out;
	if ((rc = manifest_parse(m, json.data, json.len, &err))) {
		if (!quiet)
			fprintf(stderr, "up: invalid manifest %s#%s: %s\n", fl->ref, attr, err.data);
		goto out;
	}
	cache_put(&c, json.data, json.len, nix_extra_features(nx) ? 1 : 0);
	if (!quiet && nix_extra_features(nx))
		fputs("up: this nix has 'nix-command flakes' disabled; adding "
		      "--extra-experimental-features 'nix-command flakes' to every nix command\n"
		      "  (add 'experimental-features = nix-command flakes' to nix.conf to drop it)\n",
		      stderr);
out_ok:
	rc = 0;
out:
	buf_free(&json);
	buf_free(&err);
	cache_free(&c);
	return rc;
}
