#ifndef UP_MATRIX_H
#define UP_MATRIX_H

#include "buf.h"
#include "manifest.h"
#include "nix.h"

/* --matrix[=SYSTEM] (up(1) CI FAN-OUT): the CI matrix in nix-github-actions'
 * shape, {"include": [{attr, kvm, name, os, profile, programs, system,
 * type}]}: the flake's own githubActions.matrix when it has one (one nix
 * eval, no build), else the same computed from the manifest, for every
 * system it names (the four when it names none), as up.lib.mkMatrix
 * computes it. SYSTEM keeps that system's entries alone. */
struct matrix {
	const struct manifest *manifest;
	struct nix *nix;
	const char *flake;
	const char *system;     /* --matrix=SYSTEM, or NULL */
};

/* The matrix on out, one line of JSON. Returns 0, or 64 (no manifest, a
 * system without a known runner) or 65 (nix's error), saying why in err. */
int matrix_run(const struct matrix *mx, struct buf *out, struct buf *err);

#endif
