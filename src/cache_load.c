#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "cache_diff.h"
#include "cache_index.h"
#include "cache_nix.h"
#include "cache_store.h"
#include "cache_inputs.h"
#include "cache_tree.h"
#include "exitcode.h"
#include "fs.h"
#include "cache_load.h"
#include "platform.h"
#include "cache_record.h"
#include "git_repo.h"
#include "git_untracked.h"
#include "json.h"
#include "manifest_eval.h"
#include "text.h"

/* An entry's flags. A failed evaluation is kept as an entry too (its blob:
 * "failed SECONDS", when), and answers a TAB for FAILED_FOR seconds. */
enum { FLAG_EXTRA_FEATURES = 1, FLAG_FAILED = 2, FAILED_FOR = 60 };

void load_init(struct load *ld, const struct flake *fl, const char *attr, const char *system,
	       struct nix *nx)
{
	memset(ld, 0, sizeof *ld);
	ld->flake = fl;
	ld->attr = attr;
	ld->system = system;
	ld->nix = nx;
	buf_init(&ld->notes);
}

void load_free(struct load *ld)
{
	buf_free(&ld->notes);
	free(ld->why);
	free(ld->changed);
}

/* What names the entry: the inputs known before any evaluation. */
static void make_key(const struct load *ld, struct cache_key *key)
{
	cache_key_add(key, "up-cache", "7");
	cache_key_add(key, "flake", ld->flake->ref);
	cache_key_add(key, "dir", ld->flake->dir);
	cache_key_add(key, "attr", ld->attr);
	/* (named with --attr, a missing one is an error, not the flake's apps) */
	cache_key_add(key, "attr-given", ld->attr_given ? "yes" : "no");
	cache_key_add(key, "system", ld->system);
	cache_inputs_add(key, ld->nix);
}

static bool store(const struct cache *c, const struct cache_record *rc, const struct manifest *m,
		  unsigned flags)
{
	struct buf meta;
	size_t len;
	const char *bytes = manifest_bytes(m, &len);
	buf_init(&meta);
	cache_record_write(rc, &meta);
	bool ok = cache_put(c, flags, &meta, bytes, len);
	buf_free(&meta);
	return ok;
}

/* Whether the inputs the key holds are still what they were when the run
 * began: what changed while nix ran is not stored. */
static bool same_key(const struct load *ld, const struct cache *c)
{
	struct cache_key key;
	cache_key_init(&key);
	make_key(ld, &key);
	bool same = c->key && key.text.len == c->keylen && !memcmp(key.text.data, c->key, c->keylen);
	cache_key_free(&key);
	return same;
}

/* A failure remembered: a TAB answers nothing at once, for FAILED_FOR
 * seconds after it, rather than run a failing nix again; any other run
 * runs nix and shows its error. */
static bool failed_lately(const struct load *ld, const struct cache_entry *e)
{
	char text[32];
	long long when;
	time_t now = time(NULL);
	size_t n = e->bloblen < sizeof text - 1 ? e->bloblen : sizeof text - 1;
	memcpy(text, e->blob, n);
	text[n] = '\0';
	return ld->tab && sscanf(text, "failed %lld", &when) == 1 && when <= (long long)now &&
	       (long long)now - when < FAILED_FOR;
}

static bool store_failure(const struct cache *c, const struct cache_record *rc)
{
	struct buf meta, blob;
	buf_init(&meta);
	buf_init(&blob);
	cache_record_write(rc, &meta);
	buf_printf(&blob, "failed %lld", (long long)time(NULL));
	bool ok = cache_put(c, FLAG_FAILED, &meta, blob.data, blob.len);
	buf_free(&meta);
	buf_free(&blob);
	return ok;
}

/* A warm run: 1 with the entry, if everything it depends on is as
 * recorded; -1 when it is a failure remembered for a TAB; else 0. */
static int warm(struct load *ld, struct manifest *m, struct repo *r, const struct cache *c)
{
	struct cache_entry e;
	struct cache_record rc;
	if (!cache_get(c, &e))
		return 0;
	bool ok = cache_record_read(&rc, &e.meta) && cache_record_valid(&rc, r);
	if (ok && (e.flags & FLAG_FAILED)) {
		int failed = failed_lately(ld, &e) ? -1 : 0;
		cache_record_free(&rc);
		cache_entry_free(&e);
		return failed;
	}
	if (ok) {
		ok = manifest_adopt(m, e.blob, e.bloblen);
		e.blob = NULL;
		if (!ok)
			cache_forget(c); /* damaged: evaluated afresh */
	}
	if (ok) {
		nix_set_extra_features(ld->nix, e.flags & FLAG_EXTRA_FEATURES);
		if (!ld->quiet) {
			struct strlist untracked = { 0 };
			cache_record_untracked(&rc, r, ld->flake->dir, &untracked);
			untracked_warn(&ld->notes, r, &untracked);
			strlist_free(&untracked);
		}
		if (cache_stat_settle(&rc.deps)) /* old enough now: written again, trusted by stat */
			ld->written = store(c, &rc, m, e.flags);
	}
	cache_record_free(&rc);
	cache_entry_free(&e);
	return ok ? 1 : 0;
}

/* Why nix's answer may depend on more than the key holds, in flake.lock
 * (a fresh string), or NULL: a flake.lock git does not track (nix does not
 * see it, and locks the inputs anew on every evaluation: from the network,
 * for most), or one that locks a local directory (path:, or git+file: of a
 * local repository), whose files the key does not cover. tracked: whether
 * the index holds flake.lock. */
static char *lock_uncacheable(const char *flake_dir, bool tracked)
{
	struct buf path, text, why;
	struct stat st;
	buf_init(&path);
	buf_init(&text);
	buf_init(&why);
	buf_printf(&path, "%s/flake.lock", flake_dir);
	if (lstat(path.data, &st) == 0 && !tracked)
		buf_puts(&why, "flake.lock is not tracked by git, so nix does not see it and locks the "
			 "inputs anew on every evaluation (git add flake.lock)");
	cJSON *doc = !why.len && fs_read_small(path.data, &text, 64 << 20, &st)
		? cJSON_ParseWithLength(text.data, text.len) : NULL;
	const cJSON *nodes = doc ? cJSON_GetObjectItemCaseSensitive(doc, "nodes") : NULL;
	for (const cJSON *n = cJSON_IsObject(nodes) ? nodes->child : NULL; n && !why.len; n = n->next) {
		const cJSON *locked = cJSON_GetObjectItemCaseSensitive(n, "locked");
		const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(locked, "type"));
		const char *url = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(locked, "url"));
		if ((type && !strcmp(type, "path")) ||
		    (type && !strcmp(type, "git") && url && skip_prefix(url, "file:")))
			buf_printf(&why, "the input '%s' is a local directory (%s), whose files the key "
				   "does not cover", n->string, type);
	}
	cJSON_Delete(doc);
	buf_free(&path);
	buf_free(&text);
	return why.len ? buf_take(&why) : (buf_free(&why), NULL);
}

/* Whether the index (its states, cache_tree_read_states) holds the flake's
 * file name. */
static bool in_index(const struct buf *states, const struct repo *r, const char *name)
{
	struct buf path;
	buf_init(&path);
	buf_printf(&path, "%s%s%s", r->flake_rel, *r->flake_rel ? "/" : "", name);
	uint64_t h = cache_tree_name_hash(path.data);
	buf_free(&path);
	const struct cache_tree_state *v = (const void *)buf_str(states);
	for (size_t i = 0; i < states->len / sizeof *v; i++)
		if (v[i].name == h)
			return true;
	return false;
}

/* What a cold run does while nix evaluates: a look for untracked files
 * worth the warning, and only when there may be one, the repository's
 * status (libgit2, whose loading costs more than the rest of the run). */
struct meanwhile {
	struct repo *repo;
	bool scanned;
};

static void scan(void *arg)
{
	struct meanwhile *mw = arg;
	mw->scanned = !untracked_maybe(mw->repo) || repo_scan(mw->repo);
}

/* A cold run: one nix eval (reading the status meanwhile), then the entry. */
static int cold(struct load *ld, struct manifest *m, struct repo *r, const struct cache *c,
		struct buf *err)
{
	struct buf source;
	struct meanwhile mw = { r, false };
	struct nix_request rq = { .flake = ld->flake->ref,
				  .meanwhile = r->workdir && (c->path || !ld->quiet) ? scan : NULL, .arg = &mw,
				  .timeout_ms = ld->timeout_ms, .progress = ld->progress };
	struct cache_tree before;
	struct cache_record_eval ev = { ld->flake->dir, r, { 0, 0 }, &before };
	/* The tracked tree as nix is about to see it: the entry's key. */
	struct buf states = BUF_INIT;   /* each tracked file's, for --doctor (cache_diff) */
	bool tree = c->path && cache_tree_read_states(&before, r->workdir, r->gitdir, r->commondir,
						      true, &states);
	bool lock_tracked = tree && in_index(&states, r, "flake.lock");
	char *unlocked = tree && !before.rewrites[0] ? lock_uncacheable(ld->flake->dir, lock_tracked)
		       : NULL;
	if (c->path && !tree)
		ld->uncached = before.why;
	else if (tree && before.rewrites[0])
		ld->uncached = ld->why = xstrdup(before.rewrites);
	else if (unlocked)
		ld->uncached = ld->why = unlocked;
	tree = tree && !ld->why;
	buf_init(&source);
	buf_printf(&source, "%s#%s", ld->flake->ref, ld->attr);
	clock_gettime(CLOCK_REALTIME, &ev.start);
	long left = ld->tab ? cache_index_left() : -1;   /* a TAB's bound: what is left is nix's */
	if (left > 0)
		rq.timeout_ms = left;
	rq.timed_out = left == 0;
	struct manifest_eval what = { ld->nix, &rq, ld->attr, ld->attr_given, ld->system,
				      ld->tab ? cache_index_left : NULL };
	if (left != 0)
		cache_nix_recall(ld->nix);
	int rc = left == 0 ? fail(err, EXIT_MANIFEST, "no time left to evaluate %s", source.data)
		 : manifest_eval(&what, m, err);
	cache_nix_keep(ld->nix);
	if (tree && !lock_tracked && !ld->why && (unlocked = lock_uncacheable(ld->flake->dir, false))) {
		ld->uncached = ld->why = unlocked;   /* nix wrote a flake.lock git does not track */
		tree = false;
	}
	if (mw.scanned && !ld->quiet) {
		struct strlist worth = { 0 };
		for (size_t i = 0; i < r->untracked.n; i++)
			if (untracked_worth(r, r->untracked.v[i]))
				strlist_add(&worth, r->untracked.v[i]);
		untracked_warn(&ld->notes, r, &worth);
		strlist_free(&worth);
	}
	struct cache_record record = { 0 };
	/* A failure nix answered (not a timeout, not a signal), unless asked
	 * to evaluate afresh. */
	bool failed = rc == EXIT_MANIFEST && !rq.timed_out && !rq.killed && !ld->refresh;
	struct cache_diff last;
	if (tree && mw.scanned)
		cache_diff_init(&last, c->dir, c->key, c->keylen);
	if (tree && mw.scanned && ld->explain && !ld->refresh)
		ld->changed = cache_diff_explain(&last, c->key, c->keylen, before.head, r);
	if ((!rc || failed) && mw.scanned && tree && same_key(ld, c) && cache_record_make(&record, &ev)) {
		if (!rc)
			ld->written = store(c, &record, m,
					    nix_extra_features(ld->nix) ? FLAG_EXTRA_FEATURES : 0);
		else
			ld->failure_kept = store_failure(c, &record);
		if (ld->written)  /* what it was made from, for --doctor to compare */
			cache_diff_save(&last, c->key, c->keylen, before.head, &states);
	}
	if (tree && mw.scanned)
		cache_diff_free(&last);
	buf_free(&states);
	cache_record_free(&record);
	if (!rc && nix_extra_features(ld->nix))
		buf_puts(&ld->notes, "up: this nix has 'nix-command flakes' disabled; adding "
			 "--extra-experimental-features 'nix-command flakes' to every nix command\n"
			 "  (add 'experimental-features = nix-command flakes' to nix.conf to drop it)\n");
	buf_free(&source);
	return rc;
}

int manifest_load(struct manifest *m, struct load *ld, struct buf *err)
{
	struct repo r;
	struct cache c;
	const struct flake *fl = ld->flake;
	repo_init(&r);
	memset(&c, 0, sizeof c);
	/* Only local flakes in git: a path: reference sees untracked files too. */
	ld->cache = LOAD_CACHE_NONE;
	if (!fl->dir)
		ld->uncached = "the flake is not a local directory";
	else if (skip_prefix(fl->ref, "path:"))
		ld->uncached = "a path: reference sees untracked files too";
	else if (!repo_find(&r, fl->dir))
		ld->uncached = "the flake is not in a git repository";
	else if (ld->no_cache) {
		ld->uncached = "--no-cache";
		ld->cache = LOAD_CACHE_OFF;
	} else {
		struct cache_key key;
		cache_key_init(&key);
		make_key(ld, &key);
		cache_open(&c, &key, NULL);
		cache_key_free(&key);
		ld->uncached = c.off;
		ld->cache = c.off ? LOAD_CACHE_UNUSABLE : LOAD_CACHE_USED;
	}
	int hit = ld->refresh ? 0 : warm(ld, m, &r, &c);
	ld->warm = hit > 0;
	/* A TAB bounded in time: what is left of the bound is nix's, and past
	 * it (the key took that long to read) nothing is answered. */
	long left = ld->tab ? cache_index_left() : -1;
	ld->missed = hit <= 0 && ld->cache_only;
	int rc = hit > 0 ? 0 : hit < 0 || left == 0 || ld->missed ? EXIT_MANIFEST
		 : cold(ld, m, &r, &c, err);
	for (size_t i = 0; !rc && !ld->quiet && i < manifest_warning_count(m); i++)
		buf_printf(&ld->notes, "up: warning: %s\n", manifest_warning(m, i));
	cache_free(&c);
	repo_free(&r);
	return rc;
}

int manifest_load_named(struct manifest *m, const struct load_named *rq, struct buf *said)
{
	struct flake fl;
	struct nix nx;
	struct platform pf;
	struct load ld;
	struct buf err;
	flake_init(&fl);
	nix_init(&nx);
	platform_init(&pf);
	load_init(&ld, &fl, rq->attr, platform_system(&pf), &nx);
	ld.no_cache = rq->no_cache;
	ld.refresh = rq->refresh;
	ld.attr_given = rq->attr_given;
	ld.quiet = !said;
	ld.tab = !said;
	ld.timeout_ms = rq->timeout_ms;
	if (!said)   /* a TAB: reading the key counts against the bound too */
		cache_index_deadline(rq->timeout_ms);
	buf_init(&err);
	int rc = flake_resolve(&fl, rq->flake, &err);
	if (!rc)
		rc = manifest_load(m, &ld, &err);
	if (said) {
		buf_add(said, buf_str(&ld.notes), ld.notes.len);
		buf_add(said, buf_str(&err), err.len);
	}
	buf_free(&err);
	load_free(&ld);
	platform_free(&pf);
	flake_free(&fl);
	return rc;
}
