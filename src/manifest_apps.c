/* A flake without a manifest (up(1) THE MANIFEST): its apps for this
 * system become the targets, each an app with no type, described by its
 * meta.description. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json.h"
#include "manifest.h"
#include "manifest_impl.h"
#include "nix.h"
#include "text.h"

static int by_natural_name(const void *a, const void *b)
{
	return text_natural_cmp(((const struct json_member *)a)->name,
				((const struct json_member *)b)->name);
}

/* Why an app is not offered, or NULL: a name nix cannot name in a flake
 * reference, one that would reach a terminal as control characters, or
 * one up would read as an option. */
static const char *unfit(const char *name)
{
	if (!nix_fragment_ok(name))
		return *name ? "a flake reference cannot name it (nix has no quoting for a '\"' in "
			       "an attribute)" : "its name is empty";
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7f)
			return "its name holds a control character";
	if (*name == '-')
		return "its name starts with '-', as an option's does";
	return NULL;
}

int manifest_parse_apps(struct manifest *m, const char *json, size_t len, const char *flake,
			struct buf *err)
{
	struct draft d = { .default_type = MANIFEST_NONE, .default_profile = MANIFEST_NONE };
	struct buf msg;
	size_t n = 0;
	buf_init(&msg);
	cJSON *root = json_parse_document(json, len, &msg);
	struct json_member *e = cJSON_IsObject(root) ? json_sorted_members(root, &n) : NULL;
	qsort(e, n, sizeof *e, by_natural_name);
	d.from_apps = true;
	d.name = xstrdup("apps");
	d.description = xstrdup("");
	d.app = xstrdup("");
	d.ntypes = 1;
	d.types = xcalloc(1, sizeof *d.types);
	d.types[0].name = xstrdup("");
	d.types[0].description = xstrdup("");
	d.type_order = xcalloc(1, sizeof *d.type_order);
	d.profiles = xcalloc(n ? n : 1, sizeof *d.profiles);
	for (size_t i = 0; i < n; i++) {
		const char *why = unfit(e[i].name);
		if (why) {
			struct buf w;
			buf_init(&w);
			buf_puts(&w, "the app ");
			text_show_name(&w, e[i].name);
			buf_printf(&w, " is not offered: %s", why);
			strlist_take(&d.warnings, buf_take(&w));
			continue;
		}
		struct draft_profile *p = &d.profiles[d.nprofiles];
		const char *desc = cJSON_GetStringValue(e[i].item);
		p->name = xstrdup(e[i].name);
		p->description = text_clean(desc ? desc : "");
		p->ntypes = 1;
		p->types = xcalloc(1, sizeof *p->types);
		p->app_of = xcalloc(1, sizeof *p->app_of);
		p->app_of[0] = xstrdup(e[i].name);
		if (!strcmp(e[i].name, "default"))
			d.default_profile = d.nprofiles;
		d.nprofiles++;
	}
	int rc = 0;
	if (!root) {
		rc = fail(err, EXIT_MANIFEST, "cannot read the apps of %s: %s", flake, buf_str(&msg));
	} else if (!d.nprofiles) {
		rc = fail(err, EXIT_MANIFEST, "%s has no upManifest, and no app for this system to "
			  "offer instead (packages are not offered: evaluating them needs their "
			  "dependencies); give the flake apps, or a manifest (README: Adopting up)",
			  flake);
	} else if (!manifest_pack(m, &d)) {
		rc = fail(err, EXIT_MANIFEST, "the apps of %s are too many (4 GiB or more once "
			  "packed)", flake);
	}
	free(e);
	cJSON_Delete(root);
	draft_free(&d);
	buf_free(&msg);
	return rc;
}
