#ifndef UP_DOCTOR_H
#define UP_DOCTOR_H

#include "options.h"

/* `up --doctor` (up(1) OPTIONS): each thing a run depends on, checked in turn and
 * told in one line, with a fix for each failure (--json: an object): nix
 * and its version, flakes, the flake and how it was found, git (untracked
 * files the flake cannot see, in the whole flake), the manifest, that every
 * target meant for this system has an app (one extra eval), this system,
 * KVM, the cache, and the completions of the user's shell. Returns 0 when
 * every target the manifest allows here can run, else 1 (70 when stdout
 * cannot be written). */
int doctor_main(const struct options *o);

#endif
