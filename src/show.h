#ifndef UP_SHOW_H
#define UP_SHOW_H

#include <stdbool.h>

#include "buf.h"
#include "manifest.h"
#include "nix.h"
#include "plan.h"
#include "platform.h"
#include "target.h"

/* `up --show PROFILE [TYPE]` (up(1) OPTIONS): what a target is before it runs: its
 * app, the app's program and description (one `nix eval` of
 * apps.<system>.<app>), the profile's and the type's descriptions, whether
 * it can run here and why not, and the command. */
struct show {
	const struct manifest *manifest;
	struct platform *platform;
	struct nix *nix;
	const struct plan_context *context;   /* the flake and the app's words */
	bool json;
};

/* Into out, for target tg. Returns 0; 65 when the flake has no such app
 * (what is known is shown first); 127 or 70 when nix cannot run. */
int show_target(const struct show *s, const struct target *tg, struct buf *out, struct buf *err);

#endif
