#ifndef UP_TARGET_H
#define UP_TARGET_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "manifest.h"
#include "nix.h"
#include "platform.h"

/* A target: one profile with one of the types it lists. */
struct target {
	size_t profile;
	size_t type;
};

/* Names to indexes; a NULL name takes the manifest default. Returns 0, or 64
 * with what went wrong, the closest names and the list in err. */
int target_resolve(struct target *tg, const struct manifest *m,
		   const char *profile, const char *type, struct buf *err);
/* Whether this machine can run it: 0, or 69 with the reason, the fix and
 * the runnable alternatives as full commands in err. */
int target_check(const struct target *tg, const struct manifest *m, struct platform *pf,
		 const struct nix *nx, const char *flake, char *const *args, size_t nargs,
		 struct buf *err);
/* --list: every target of the manifest (or of one profile), as a table or
 * as a JSON array of {profile, type, app, available, reason}. */
void target_list(FILE *out, const struct manifest *m, struct platform *pf,
		 size_t only_profile, bool json);

#endif
