#ifndef UP_MANIFEST_H
#define UP_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The manifest of up(1) THE MANIFEST, parsed and validated, read through the functions
 * below (its form is the manifest module's own: manifest_impl.h). Indexes
 * are stable: profiles in display order (an attrset sorted, a list as
 * given), types sorted by name (manifest_type_in_order() gives their
 * display order, by the same rule as profiles). Every query takes the same time whatever the size
 * of the manifest; finding a name takes a binary search. */
struct manifest {
	char *data;       /* the packed form */
	size_t len;
};

#define MANIFEST_NONE ((size_t)-1)

void manifest_init(struct manifest *m);
/* Parses and validates the JSON of `nix eval --json`. Returns 0, or 65 with
 * "up: invalid manifest SOURCE: ..." naming the offending profile, type or
 * field in err. */
int manifest_parse(struct manifest *m, const char *json, size_t len, const char *source,
		   struct buf *err);
/* A flake without a manifest (up(1) THE MANIFEST): the JSON of its apps for
 * this system, {NAME: DESCRIPTION or null}, as a manifest whose profiles
 * are the apps, each with one type that has no name, its app the name as
 * a flake reference's fragment takes it (quoted, "a.b", when it holds a
 * '.'); the default the app called default, else none. Returns 0, or 65
 * when there is no app to offer, saying so in err. */
int manifest_parse_apps(struct manifest *m, const char *json, size_t len, const char *flake,
			struct buf *err);
/* Whether m is a flake's apps rather than its manifest: targets have no
 * type, words after PROFILE are the app's, and there may be no default. */
bool manifest_from_apps(const struct manifest *m);
/* The packed form, to store as it is (valid while m is unchanged). */
const char *manifest_bytes(const struct manifest *m, size_t *len);
/* Takes over data (malloc'd, len bytes) stored by manifest_bytes(): true
 * when it is a packed manifest of this up; else it is freed. */
bool manifest_adopt(struct manifest *m, char *data, size_t len);
void manifest_free(struct manifest *m);

const char *manifest_name(const struct manifest *m);
const char *manifest_description(const struct manifest *m);   /* "" if none */

size_t manifest_profile_count(const struct manifest *m);
const char *manifest_profile_name(const struct manifest *m, size_t p);
const char *manifest_profile_description(const struct manifest *m, size_t p);
/* The profile called name, or that has name among its aliases. */
size_t manifest_profile_find(const struct manifest *m, const char *name);
/* MANIFEST_NONE only for a flake's apps without a default app. */
size_t manifest_profile_default(const struct manifest *m);
/* The profiles whose names start with prefix: how many, and where they
 * start in name order; manifest_profile_by_name(m, i) is the i-th. */
size_t manifest_profile_prefix(const struct manifest *m, const char *prefix, size_t *first);
size_t manifest_profile_by_name(const struct manifest *m, size_t i);
/* Profile p's aliases, as given. */
size_t manifest_alias_count(const struct manifest *m, size_t p);
const char *manifest_alias(const struct manifest *m, size_t p, size_t k);
/* The aliases that start with prefix: how many, and where they start in
 * name order; manifest_alias_name(m, i) is the i-th one and
 * manifest_alias_profile(m, i) its profile. */
const char *manifest_alias_name(const struct manifest *m, size_t i);
size_t manifest_alias_prefix(const struct manifest *m, const char *prefix, size_t *first);
size_t manifest_alias_profile(const struct manifest *m, size_t i);

/* The types profile p lists, in its order (all types when it lists none). */
size_t manifest_profile_type_count(const struct manifest *m, size_t p);
size_t manifest_profile_type(const struct manifest *m, size_t p, size_t i);
bool manifest_profile_lists(const struct manifest *m, size_t p, size_t t);
size_t manifest_type_default(const struct manifest *m, size_t p);

size_t manifest_type_count(const struct manifest *m);
/* The i-th type in display order (an attrset sorted, a list as given). */
size_t manifest_type_in_order(const struct manifest *m, size_t i);
const char *manifest_type_name(const struct manifest *m, size_t t);
const char *manifest_type_description(const struct manifest *m, size_t t);
size_t manifest_type_find(const struct manifest *m, const char *name);
/* What profile or type i needs of the machine: the systems it allows (none:
 * every system), whether it requires KVM, and programs on PATH. A target
 * runs where both its profile and its type allow it. */
enum manifest_of { MANIFEST_PROFILE, MANIFEST_TYPE };
size_t manifest_system_count(const struct manifest *m, enum manifest_of of, size_t i);
const char *manifest_system(const struct manifest *m, enum manifest_of of, size_t i, size_t k);
bool manifest_requires_kvm(const struct manifest *m, enum manifest_of of, size_t i);
/* Its requires' programs: each requirement names programs, one of which
 * must be on PATH, given as "podman docker". */
size_t manifest_program_count(const struct manifest *m, enum manifest_of of, size_t i);
const char *manifest_program(const struct manifest *m, enum manifest_of of, size_t i, size_t k);

/* What the manifest holds that is allowed but suspicious (a key one edit
 * away from one up knows), one line each, without "up: warning: ". */
size_t manifest_warning_count(const struct manifest *m);
const char *manifest_warning(const struct manifest *m, size_t i);

/* The flake app of target (p, t): the profile's override, else the
 * template; "" when p does not list t. */
const char *manifest_app(const struct manifest *m, size_t p, size_t t);

#endif
