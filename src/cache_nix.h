#ifndef UP_CACHE_NIX_H
#define UP_CACHE_NIX_H

#include "nix.h"

/* What up learnt of a nix binary (nx->form: whether FLAKE#.ATTR names a
 * top-level output), kept in up's cache directory under the binary's
 * identity (path, inode, size, mtime), so that it is asked once per binary
 * rather than on every cold run. Either step only costs speed when the
 * cache cannot be used. */
void cache_nix_recall(struct nix *nx);
/* Keeps nx->form when this run learnt it. */
void cache_nix_keep(struct nix *nx);

#endif
