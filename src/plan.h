#ifndef UP_PLAN_H
#define UP_PLAN_H

#include <stddef.h>

#include "buf.h"
#include "nix.h"

/* The command a target comes down to:
 * nix [--extra-experimental-features 'nix-command flakes'] run FLAKE#APP [-- ARG...] */
struct plan {
	char *profile;
	char *type;
	char *app;
	char **argv;        /* NULL-terminated */
	size_t argc;
};

/* What every plan of a run shares: the nix, the flake and the app's words. */
struct plan_context {
	const struct nix *nix;
	const char *flake;
	char *const *args;
	size_t nargs;
};

void plan_init(struct plan *pl);
/* type: NULL for an app of a flake without a manifest. */
void plan_build(struct plan *pl, const struct plan_context *ctx, const char *profile,
		const char *type, const char *app);
/* The argv, POSIX-shell-quoted on one line; a fresh string. */
char *plan_command(const struct plan *pl);
/* {profile, type, app, argv, command} as JSON; a fresh string. */
char *plan_json(const struct plan *pl);
/* Becomes the command. Returns only when exec failed: 127 when the program
 * is not there, else 70, with the reason in err. */
int plan_exec(const struct plan *pl, struct buf *err);
void plan_free(struct plan *pl);

#endif
