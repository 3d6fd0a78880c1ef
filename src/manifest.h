#ifndef UP_MANIFEST_H
#define UP_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The manifest of SPEC §1, parsed and validated. Read it through the
 * functions below; its fields belong to the manifest module (manifest.c,
 * manifest_parse.c). Indexes are stable: profiles in display order (an
 * attrset sorted, a list as given), types sorted. */
struct manifest_type;
struct manifest_profile;

struct manifest {
	char *name;
	char *description;
	char *app;                     /* the template */
	struct manifest_type *types;
	size_t ntypes;
	struct manifest_profile *profiles;
	size_t nprofiles;
	size_t default_profile;
	size_t default_type;           /* MANIFEST_NONE when not set */
};

#define MANIFEST_NONE ((size_t)-1)

void manifest_init(struct manifest *m);
/* Parses and validates the JSON of `nix eval --json`. Returns 0, or 65 with
 * "up: invalid manifest SOURCE: ..." naming the offending profile, type or
 * field in err. */
int manifest_parse(struct manifest *m, const char *json, size_t len, const char *source,
		   struct buf *err);
void manifest_free(struct manifest *m);

const char *manifest_name(const struct manifest *m);
const char *manifest_description(const struct manifest *m);   /* "" if none */

size_t manifest_profile_count(const struct manifest *m);
const char *manifest_profile_name(const struct manifest *m, size_t p);
const char *manifest_profile_description(const struct manifest *m, size_t p);
size_t manifest_profile_find(const struct manifest *m, const char *name);
size_t manifest_profile_default(const struct manifest *m);

/* The types profile p lists, in its order (all types when it lists none). */
size_t manifest_profile_type_count(const struct manifest *m, size_t p);
size_t manifest_profile_type(const struct manifest *m, size_t p, size_t i);
bool manifest_profile_lists(const struct manifest *m, size_t p, size_t t);
size_t manifest_type_default(const struct manifest *m, size_t p);

size_t manifest_type_count(const struct manifest *m);
const char *manifest_type_name(const struct manifest *m, size_t t);
const char *manifest_type_description(const struct manifest *m, size_t t);
size_t manifest_type_find(const struct manifest *m, const char *name);
/* The systems type t allows (n receives how many; 0: every system). */
const char *const *manifest_type_systems(const struct manifest *m, size_t t, size_t *n);
bool manifest_type_requires_kvm(const struct manifest *m, size_t t);

/* The flake app of target (p, t): the profile's override, else the template.
 * A fresh string. */
char *manifest_app(const struct manifest *m, size_t p, size_t t);

#endif
