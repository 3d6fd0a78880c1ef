#ifndef UP_MANIFEST_H
#define UP_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The manifest of SPEC §1, parsed and validated. Read it through the
 * functions below; the fields are manifest.c's own. Indexes are stable:
 * profiles in display order (attrset sorted, list as given), types sorted. */
struct manifest_type;
struct manifest_profile;

struct manifest {
	char *name;
	char *description;
	char *app;                     /* template */
	struct manifest_type *types;
	size_t ntypes;
	struct manifest_profile *profiles;
	size_t nprofiles;
	size_t default_profile;
	size_t default_type;           /* MANIFEST_NONE when not set */
};

#define MANIFEST_NONE ((size_t)-1)
enum { MANIFEST_NAME_MAX = 64 };

void manifest_init(struct manifest *m);
/* Parses and validates the JSON of `nix eval --json`. Returns 0, or 65 with
 * a message naming the offending profile, type or field appended to err. */
int manifest_parse(struct manifest *m, const char *json, size_t len, struct buf *err);
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
size_t manifest_type_system_count(const struct manifest *m, size_t t);
const char *manifest_type_system(const struct manifest *m, size_t t, size_t i);
bool manifest_type_requires_kvm(const struct manifest *m, size_t t);

/* The flake app of target (p, t): the profile's override, else the template.
 * A fresh string. */
char *manifest_app(const struct manifest *m, size_t p, size_t t);

/* Free text made safe for one line on a terminal: control characters
 * (C0, DEL, C1) become spaces, invalid UTF-8 bytes become '?'. */
char *manifest_clean_text(const char *s);
/* A name as it may be shown in a message: printable, quoted, cut short. */
void manifest_show_name(struct buf *out, const char *name);
bool manifest_valid_name(const char *name);

#endif
