#ifndef UP_MATRIX_H
#define UP_MATRIX_H

#include "buf.h"
#include "manifest.h"
#include "nix.h"

/* --matrix[=SYSTEM] (up(1) CI FAN-OUT): the CI matrix in nix-github-actions'
 * shape, {"include": [{attr, kvm, name, os, profile, programs, system,
 * type}]}: the flake's own githubActions.matrix when it has one (one nix
 * eval, no build, no manifest needed), else the same computed from the
 * manifest, as up.lib.mkMatrix computes it, for the four systems GitHub
 * has runners for. SYSTEM keeps that system's entries alone. */
struct matrix {
	const struct manifest *manifest;   /* for matrix_computed() */
	struct nix *nix;
	const char *flake;
	const char *system;     /* --matrix=SYSTEM, or NULL */
};

/* The flake's own, one line of JSON on out: 0; 1 when it has none; 65
 * (nix's error, or not a matrix) or 127/70, saying why in err. */
int matrix_own(const struct matrix *mx, struct buf *out, struct buf *err);
/* Computed from the manifest: 0, or 64 (no manifest, a SYSTEM without a
 * known runner), saying why in err. */
int matrix_computed(const struct matrix *mx, struct buf *out, struct buf *err);

#endif
