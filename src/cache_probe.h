#ifndef UP_CACHE_PROBE_H
#define UP_CACHE_PROBE_H

#include <stdbool.h>

#include "cache_store.h"
#include "nix.h"

/* Whether this nix's log names every file an evaluation reads (up(1) GIT AND THE CACHE),
 * proven rather than assumed: a throwaway flake in git is evaluated with
 * -vvv; it reads through every kind of access (import, readFile, readDir,
 * pathExists of a present and an absent file, hashFile, a symbolic link,
 * a directory copied whole with "${./dir}" and with builtins.path), and
 * the log must name each one, read by cache_trace. The verdict is kept in
 * the cache (its probe/ directory) under a key of the nix binary's
 * identity and configuration, so each nix is probed once. */
struct cache_probe {
	bool traced;        /* this nix's log can be trusted to name what it read */
	const char *why;    /* when not: why */
	bool ran;           /* the probe ran now (no kept verdict) */
};

/* The verdict for nx, from cache_dir's kept verdict or, when may_run, by
 * running the probe (nix stopped after timeout_ms, 0: never); without
 * either, not traced (a TAB never waits for a probe). cache_dir NULL:
 * nothing is kept. */
void cache_probe_run(struct cache_probe *p, struct nix *nx, const char *cache_dir,
		     long timeout_ms, bool may_run);

#endif
