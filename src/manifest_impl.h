#ifndef UP_MANIFEST_IMPL_H
#define UP_MANIFEST_IMPL_H

/* The manifest's inside, for the files of the manifest module only.
 *
 * A parsed manifest is a draft (plain structs, as the parser fills them);
 * manifest_pack() turns it into the packed form every query reads: one
 * block of bytes, written to and read from the cache as it is, so that a
 * warm run neither parses nor validates again, and a query costs the same
 * whatever the manifest's size (names are found by binary search). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "manifest.h"

/* What a type or a profile needs of the machine. */
struct draft_needs {
	struct strlist systems;   /* none: every system */
	bool kvm;
	struct strlist programs;  /* each a requirement: names one of which must be on
				   * PATH, separated by spaces ("podman docker") */
};

struct draft_type {
	char *name;
	char *description;
	struct draft_needs needs;
};

struct draft_profile {
	char *name;
	char *description;
	size_t *types;    /* indexes into draft.types */
	size_t ntypes;
	char **apps;      /* per type index: the override, or NULL */
	char **app_of;    /* per listed type (types[i]): its app (draft_fill_apps) */
	struct strlist aliases; /* other names the profile answers to */
	struct draft_needs needs;
};

struct draft {
	char *name;
	char *description;
	char *app;                     /* the template */
	struct draft_type *types;      /* sorted by name */
	size_t *type_order;            /* indexes into types, in display order */
	size_t ntypes;
	struct draft_profile *profiles; /* in display order */
	size_t nprofiles;
	size_t default_profile;
	size_t default_type;           /* MANIFEST_NONE when not set */
	struct strlist warnings;       /* what is suspicious but allowed */
	size_t nwarned;                /* how many, kept or not */
	bool from_apps;                /* no manifest: the flake's apps (manifest_apps.c) */
};

void draft_free(struct draft *d);
size_t draft_type_find(const struct draft *d, const char *name);
size_t draft_profile_find(const struct draft *d, const char *name);
/* The profile called name, or that has it among its aliases. */
size_t draft_profile_named(const struct draft *d, const char *name);
bool draft_lists(const struct draft *d, size_t p, size_t t);
/* The app template's placeholders: TEMPLATE_PROFILE or TEMPLATE_TYPE when s
 * starts with "{profile}" or "{type}" (*len its length), else TEMPLATE_TEXT. */
enum template_part { TEMPLATE_TEXT, TEMPLATE_PROFILE, TEMPLATE_TYPE };
enum template_part draft_template_part(const char *s, size_t *len);
/* Every target's app, the override else the template filled in, into each
 * profile's app_of. */
void draft_fill_apps(struct draft *d);
/* manifest_rules.c: the rules over more than one field. A key of obj that
 * up does not know but is one edit away from one of known (NULL-ended) is
 * a warning in d, "WHERE has the key ..." (where: "profile 'x'"). */
enum { WARNINGS_MAX = 10 };
void draft_near_keys(struct draft *d, const cJSON *obj, const char *where,
		     const char *const *known);
/* Once every key is seen: the warnings beyond WARNINGS_MAX, counted. */
void draft_warned(struct draft *d);
/* The app template uses no braces but {profile} and {type}: 0, or 65. */
int draft_check_template(const char *app, struct buf *msg);
/* What root is, when it is no manifest at all (no version, types or
 * profiles): "it is an attribute set of 'x86_64-linux', ...". Returns 65. */
int draft_not_manifest(const cJSON *root, struct buf *msg);
/* Every target's app is a valid app name, and its own: 0, or 65 with what
 * is wrong (naming both targets that share an app) in msg. */
int draft_check_apps(const struct draft *d, struct buf *msg);
/* No alias is a profile's name or another alias: 0, or 65 naming both. */
int draft_check_aliases(const struct draft *d, struct buf *msg);

/* The packed form of d, into m (whatever m held is freed); false when it
 * would be 4 GiB or more. */
bool manifest_pack(struct manifest *m, const struct draft *d);

/* The packed form. Offsets count bytes from the start of the block; a
 * string offset of 0 means none. Every table is 4-byte aligned. */
enum { MF_MAGIC = 0x464d5055, MF_VERSION = 4, MF_NONE = UINT32_MAX, MF_FROM_APPS = 1 };

struct mf_head {
	uint32_t magic, version, size;
	uint32_t name, description;        /* strings */
	uint32_t ntypes, types;            /* struct mf_type[ntypes], sorted by name */
	uint32_t type_order;               /* uint32_t[ntypes]: type indexes, display order */
	uint32_t nprofiles, profiles;      /* struct mf_profile[nprofiles], display order */
	uint32_t sorted;                   /* uint32_t[nprofiles]: profile indexes by name */
	uint32_t default_profile, default_type;
	uint32_t nwarnings, warnings;      /* uint32_t[nwarnings]: strings */
	uint32_t naliases, aliases;        /* struct mf_alias[naliases], sorted by name */
	uint32_t flags;                    /* MF_FROM_APPS: default_profile may be MF_NONE */
};

struct mf_alias {
	uint32_t name, profile;
};

struct mf_needs {
	uint32_t nsystems, systems;        /* uint32_t[nsystems]: strings */
	uint32_t kvm;
	uint32_t nprograms, programs;      /* uint32_t[nprograms]: strings, "a b" each */
};

struct mf_type {
	uint32_t name, description;
	struct mf_needs needs;
};

struct mf_profile {
	uint32_t name, description;
	uint32_t ntypes, types;            /* uint32_t[ntypes]: type indexes, in the profile's order */
	uint32_t apps;                     /* uint32_t[ntypes]: the app of each, a string */
	uint32_t naliases, aliases;        /* uint32_t[naliases]: strings, as given */
	struct mf_needs needs;
};

#endif
