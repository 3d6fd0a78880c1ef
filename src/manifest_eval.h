#ifndef UP_MANIFEST_EVAL_H
#define UP_MANIFEST_EVAL_H

#include <stdbool.h>

#include "buf.h"
#include "manifest.h"
#include "nix.h"

/* What a cold run asks nix (up(1) THE MANIFEST): the manifest at
 * FLAKE#ATTR, parsed; when the flake has none (nix answers that it does
 * not provide the attribute, and ATTR was not named with --attr), its apps
 * for this system instead, one more nix run (manifest_parse_apps). */
struct manifest_eval {
	struct nix *nix;
	struct nix_request *rq;  /* the flake and how to run nix; attr and apply are set here */
	const char *attr;
	bool attr_given;         /* --attr: missing is an error, as it is */
	const char *system;
	long (*left)(void);      /* a TAB: the ms left of its bound, for the second run; else NULL */
};

/* Returns 0, or 65 (with nix's error and what to do), 127 or 70, in err. */
int manifest_eval(struct manifest_eval *ev, struct manifest *m, struct buf *err);

#endif
