#ifndef UP_NIX_H
#define UP_NIX_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The nix binary (UP_NIX, else "nix" on PATH) and whether this run needs
 * --extra-experimental-features 'nix-command flakes'. */
struct nix {
	const char *bin;
	bool extra_features;
	char *error;    /* nix's stderr after a failed call */
};

void nix_init(struct nix *nx);
/* `nix eval --json FLAKE#ATTR` into out. Returns 0, 127 (no nix) or 65 (eval
 * failed: nix_error() holds nix's own text). Retries once with the
 * experimental features when nix says they are disabled. */
int nix_eval(struct nix *nx, const char *flake, const char *attr, struct buf *out);
/* The words that start every nix command of this run: the binary, then the
 * feature flag if needed. Returns how many (at most NIX_PREFIX_MAX). */
enum { NIX_PREFIX_MAX = 3 };
size_t nix_prefix(const struct nix *nx, const char **words);
bool nix_extra_features(const struct nix *nx);
/* For a manifest from the cache: what the eval that made it needed. */
void nix_set_extra_features(struct nix *nx, bool on);
const char *nix_bin(const struct nix *nx);
const char *nix_error(const struct nix *nx);
void nix_free(struct nix *nx);

#endif
