#ifndef UP_PLAN_H
#define UP_PLAN_H

#include <stddef.h>

#include "nix.h"

/* The command a target comes down to:
 * nix [--extra-experimental-features 'nix-command flakes'] run FLAKE#APP [-- ARG...] */
struct plan {
	char *profile;
	char *type;
	char *app;
	char *installable;  /* FLAKE#APP */
	char **argv;        /* NULL-terminated */
	size_t argc;
};

void plan_init(struct plan *pl);
void plan_build(struct plan *pl, const struct nix *nx, const char *flake,
		const char *profile, const char *type, const char *app,
		char *const *args, size_t nargs);
/* The argv, POSIX-shell-quoted on one line; a fresh string. */
char *plan_command(const struct plan *pl);
/* {profile, type, app, argv, command} as JSON; a fresh string. */
char *plan_json(const struct plan *pl);
/* Becomes the command; returns only when exec failed (errno set). */
void plan_exec(const struct plan *pl);
void plan_free(struct plan *pl);

#endif
