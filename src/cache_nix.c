#include "config.h"

#include "cache_nix.h"
#include "cache_store.h"

enum { FACT_ABSOLUTE = 1, FACT_RELATIVE = 2 };

/* The facts' entry, in the directory nix/ of up's cache directory (when
 * that one can be trusted): apart from the manifests. */
static void open_facts(struct cache *c, const struct nix *nx)
{
	struct cache_key key;
	struct buf id, dir;
	cache_key_init(&key);
	buf_init(&id);
	buf_init(&dir);
	nix_identity(nx, &id);
	cache_key_add(&key, "up-nix-facts", "1");
	cache_key_add(&key, "nix", id.data);
	cache_open(c, &key, NULL);
	if (c->dir) {
		buf_printf(&dir, "%s/nix", c->dir);
		cache_free(c);
		cache_open(c, &key, dir.data);
	}
	buf_free(&id);
	buf_free(&dir);
	cache_key_free(&key);
}

void cache_nix_recall(struct nix *nx)
{
	struct cache c;
	struct cache_entry e;
	if (nx->form != NIX_FORM_UNKNOWN)
		return;
	open_facts(&c, nx);
	if (c.path && cache_get(&c, &e)) {
		nx->form = e.flags & FACT_ABSOLUTE ? NIX_FORM_ABSOLUTE
			 : e.flags & FACT_RELATIVE ? NIX_FORM_RELATIVE : NIX_FORM_UNKNOWN;
		cache_entry_free(&e);
	}
	cache_free(&c);
}

void cache_nix_keep(struct nix *nx)
{
	struct cache c;
	struct buf meta;
	if (!nx->form_learnt)
		return;
	open_facts(&c, nx);
	buf_init(&meta);
	if (c.path)
		cache_put(&c, nx->form == NIX_FORM_ABSOLUTE ? FACT_ABSOLUTE : FACT_RELATIVE, &meta, "", 0);
	nx->form_learnt = false;
	buf_free(&meta);
	cache_free(&c);
}
