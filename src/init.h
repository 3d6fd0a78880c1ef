#ifndef UP_INIT_H
#define UP_INIT_H

#include <stdbool.h>

#include "buf.h"
#include "manifest.h"

/* --init (up(1) THE MANIFEST): a manifest drafted from the apps of a flake
 * without one. Names that share their last part (-runner, -vm, ...) become
 * profiles x types, a prefix they all share goes into the app template,
 * and every other app is a profile of its own with one type, "app", whose
 * app it names; names a manifest cannot give an app are left out, and the
 * draft says so. The draft is checked as up checks a manifest, and each of
 * its targets has the app it had. */
struct init {
	const struct manifest *apps;   /* the flake's apps (manifest_from_apps) */
	const char *flake;             /* its reference, as said */
	const char *dir;               /* its directory, or NULL when not local */
	const char *system;
	bool write;                    /* write profiles/default.nix, never over one */
};

/* The draft and the lines flake.nix needs on out (or, with write, the file
 * written and what is left to do on out). Returns 0, or 64 (a flake with a
 * manifest already, a file in the way, a flake that is not a directory) or
 * 70, saying why in err. */
int init_run(const struct init *in, struct buf *out, struct buf *err);

#endif
