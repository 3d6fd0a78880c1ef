/* libFuzzer: the manifest loader and every query on what it accepts.
 *
 * The input is read twice: as the JSON of `nix eval --json` (parsed,
 * validated, packed, then every query run on the packed form and on a copy
 * of it taken back as a cache entry would be), and as a packed form itself,
 * as a damaged cache entry would hand it over. Nothing may read outside its
 * block, leak, or crash; a parsed manifest must answer the same after the
 * round trip through its bytes. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

static size_t sink;

static void touch(const char *s)
{
	sink += strlen(s);
}

/* Every query, on every profile and type; with names, the finds too. */
static void query(const struct manifest *m, bool names)
{
	touch(manifest_name(m));
	touch(manifest_description(m));
	for (size_t i = 0; i < manifest_warning_count(m) + 1; i++)
		touch(manifest_warning(m, i));
	size_t np = manifest_profile_count(m), nt = manifest_type_count(m), first;
	if (np > 4096 || nt > 4096)
		return; /* a damaged count: the block bounds every read anyway */
	for (size_t t = 0; t < nt; t++) {
		touch(manifest_type_name(m, t));
		touch(manifest_type_description(m, t));
		for (size_t k = 0; k < manifest_system_count(m, MANIFEST_TYPE, t) && k < 64; k++)
			touch(manifest_system(m, MANIFEST_TYPE, t, k));
		sink += manifest_requires_kvm(m, MANIFEST_TYPE, t);
		if (names && manifest_type_find(m, manifest_type_name(m, t)) != t)
			abort();
	}
	for (size_t p = 0; p < np; p++) {
		const char *name = manifest_profile_name(m, p);
		touch(name);
		touch(manifest_profile_description(m, p));
		for (size_t k = 0; k < manifest_system_count(m, MANIFEST_PROFILE, p) && k < 64; k++)
			touch(manifest_system(m, MANIFEST_PROFILE, p, k));
		sink += manifest_requires_kvm(m, MANIFEST_PROFILE, p);
		size_t n = manifest_profile_type_count(m, p);
		for (size_t i = 0; i < n && i < 4096; i++) {
			size_t t = manifest_profile_type(m, p, i);
			touch(manifest_app(m, p, t));
			sink += manifest_profile_lists(m, p, t);
		}
		sink += manifest_type_default(m, p);
		sink += manifest_profile_prefix(m, name, &first);
		if (names && manifest_profile_find(m, name) != p)
			abort();
		if (names && manifest_profile_prefix(m, name, &first) < 1)
			abort();
	}
	for (size_t i = 0; i < np; i++)
		sink += manifest_profile_by_name(m, i);
	sink += manifest_profile_default(m);
	sink += manifest_profile_find(m, "default") + manifest_type_find(m, "runner");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m, back;
	struct buf err;
	manifest_init(&m);
	manifest_init(&back);
	buf_init(&err);
	if (manifest_parse(&m, (const char *)data, size, "fuzz#upManifest", &err) == 0) {
		query(&m, true);
		size_t len;
		const char *bytes = manifest_bytes(&m, &len);
		char *copy = malloc(len);
		memcpy(copy, bytes, len);
		if (!manifest_adopt(&back, copy, len))
			abort(); /* its own bytes must be taken back */
		if (strcmp(manifest_name(&back), manifest_name(&m)) ||
		    manifest_profile_count(&back) != manifest_profile_count(&m))
			abort();
		query(&back, true);
	}
	/* The input as a packed form: a damaged cache entry. */
	char *raw = malloc(size ? size : 1);
	memcpy(raw, data, size);
	if (manifest_adopt(&back, raw, size))
		query(&back, false);
	manifest_free(&m);
	manifest_free(&back);
	buf_free(&err);
	return 0;
}
