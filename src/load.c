#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "exitcode.h"
#include "load.h"
#include "options.h"
#include "platform.h"
#include "quote.h"
#include "repo.h"

enum { WARN_MAX = 10, FLAG_EXTRA_FEATURES = 1 };

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
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* Untracked files the flake cannot see but likely means to: .nix files and
 * anything under profiles/, with the git add that fixes it. */
static void warn_untracked(struct load *ld, const struct repo *r)
{
	struct buf profiles, fix;
	size_t warned = 0;
	buf_init(&profiles);
	buf_init(&fix);
	buf_printf(&profiles, "%s%sprofiles/", r->flake_rel, *r->flake_rel ? "/" : "");
	for (size_t i = 0; i < r->nuntracked; i++) {
		const char *path = r->untracked[i];
		if (!ends_with(path, ".nix") && strncmp(path, profiles.data, profiles.len))
			continue;
		buf_putc(&fix, ' ');
		size_t at = fix.len;
		quote_word(&fix, path);
		if (warned++ < WARN_MAX)
			buf_printf(&ld->notes, "up: warning: %s is not tracked by git, so the flake "
				   "cannot see it\n", fix.data + at);
	}
	if (warned > WARN_MAX)
		buf_printf(&ld->notes, "up: warning: ... and %zu more untracked files\n",
			   warned - WARN_MAX);
	if (warned) {
		buf_puts(&ld->notes, "  to make them part of the flake: git -C ");
		quote_word(&ld->notes, r->workdir);
		buf_printf(&ld->notes, " add --%s\n", fix.data);
	}
	buf_free(&profiles);
	buf_free(&fix);
}

/* What nix would see of the flake, as a cache key: false when it cannot be
 * known (no git, or a path: reference, which sees untracked files too). */
static bool make_key(struct load *ld, struct cache_key *key)
{
	const struct flake *fl = ld->flake;
	struct repo r;
	struct buf text;
	bool ok = false;
	if (!fl->dir || !strncmp(fl->ref, "path:", 5))
		return false;
	repo_init(&r);
	buf_init(&text);
	if (repo_open(&r, fl->dir)) {
		const char *conf = getenv("NIX_CONFIG");
		cache_key_add(key, "flake", fl->dir);
		cache_key_add(key, "attr", ld->attr);
		cache_key_add(key, "system", ld->system);
		nix_identity(ld->nix, &text);
		cache_key_add(key, "nix", text.data);
		cache_key_add(key, "nix-config", conf ? conf : "");
		buf_reset(&text);
		repo_head(&r, &text);
		cache_key_add(key, "head", text.data);
		ok = repo_scan(&r);
		for (size_t i = 0; ok && i < r.nchanged; i++)
			cache_key_add(key, r.changed[i].path, r.changed[i].blob);
		if (ok)
			warn_untracked(ld, &r);
	}
	buf_free(&text);
	repo_free(&r);
	return ok;
}

/* One nix eval, its failure told in nix's own words. */
static int eval(struct load *ld, const char *source, struct buf *json, struct buf *err)
{
	int rc = nix_eval(ld->nix, ld->flake->ref, ld->attr, json, err);
	if (rc == EXIT_MANIFEST)
		fail(err, rc, "could not evaluate %s (nix's error is above); fix it, or pick another "
		     "flake with --flake and attribute with --attr", source);
	return rc;
}

int manifest_load(struct manifest *m, struct load *ld, struct buf *err)
{
	struct cache_key key;
	struct cache c;
	struct buf json, source, ignored;
	unsigned flags = 0;
	int rc;
	cache_key_init(&key);
	memset(&c, 0, sizeof c);
	buf_init(&json);
	buf_init(&source);
	buf_init(&ignored);
	buf_printf(&source, "%s#%s", ld->flake->ref, ld->attr);
	if (make_key(ld, &key) && !ld->no_cache)
		cache_open(&c, &key, NULL);

	if (!ld->refresh && cache_get(&c, &json, &flags)) {
		nix_set_extra_features(ld->nix, flags & FLAG_EXTRA_FEATURES);
		if (manifest_parse(m, json.data, json.len, source.data, &ignored) == 0) {
			rc = 0;
			goto out;
		}
		cache_forget(&c); /* corrupt: evaluate afresh */
	}
	if ((rc = eval(ld, source.data, &json, err)) ||
	    (rc = manifest_parse(m, json.data, json.len, source.data, err)))
		goto out;
	cache_put(&c, json.data, json.len, nix_extra_features(ld->nix) ? FLAG_EXTRA_FEATURES : 0);
	if (nix_extra_features(ld->nix))
		buf_puts(&ld->notes, "up: this nix has 'nix-command flakes' disabled; adding "
			 "--extra-experimental-features 'nix-command flakes' to every nix command\n"
			 "  (add 'experimental-features = nix-command flakes' to nix.conf to drop it)\n");
out:
	cache_key_free(&key);
	cache_free(&c);
	buf_free(&json);
	buf_free(&source);
	buf_free(&ignored);
	return rc;
}

int manifest_load_named(struct manifest *m, const char *flake, const char *attr,
			const struct options *o, struct buf *said)
{
	struct buf err;
	struct flake fl;
	struct nix nx;
	struct platform pf;
	struct load ld;
	flake_init(&fl);
	nix_init(&nx);
	platform_init(&pf);
	load_init(&ld, &fl, attr, platform_system(&pf), &nx);
	ld.no_cache = o->no_cache;
	ld.refresh = o->refresh;
	buf_init(&err);
	int rc = flake_resolve(&fl, flake, &err);
	if (!rc)
		rc = manifest_load(m, &ld, &err);
	buf_add(said, buf_str(&ld.notes), ld.notes.len);
	buf_add(said, buf_str(&err), err.len);
	buf_free(&err);
	load_free(&ld);
	platform_free(&pf);
	flake_free(&fl);
	return rc;
}
