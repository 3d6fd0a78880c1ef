#ifndef UP_MANIFEST_IMPL_H
#define UP_MANIFEST_IMPL_H

/* The manifest's parts, for the files of the manifest module only. */
#include <stdbool.h>
#include <stddef.h>

struct manifest_type {
	char *name;
	char *description;
	char **systems;
	size_t nsystems;
	bool kvm;
};

struct manifest_profile {
	char *name;
	char *description;
	size_t *types;    /* indexes into manifest.types */
	size_t ntypes;
	char **apps;      /* per type index: the override, or NULL */
};

#endif
