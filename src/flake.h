#ifndef UP_FLAKE_H
#define UP_FLAKE_H

#include "buf.h"

/* Which flake to read and run (up(1) OPTIONS): --flake, UP_FLAKE, the nearest
 * directory at or above the current one holding flake.nix, UP_DEFAULT_FLAKE. */
struct flake {
	char *ref;          /* as given to nix: ".", an absolute path, or a flake URL */
	char *dir;          /* the flake's local directory, or NULL for a URL */
	const char *source; /* where ref came from, for messages */
};

void flake_init(struct flake *f);
/* option: the --flake value, or NULL. Returns 0, or 64 with a hint in err. */
int flake_resolve(struct flake *f, const char *option, struct buf *err);
void flake_free(struct flake *f);
/* Whether dir holds a flake.nix (a regular file). */
bool flake_has_nix(const char *dir);

#endif
