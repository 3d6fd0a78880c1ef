#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cache_nix.h"
#include "exitcode.h"
#include "json.h"
#include "matrix.h"

/* GitHub's documented runner labels, as up.lib.githubPlatforms has them. */
static const struct { const char *system, *label; } runners[] = {
	{ "x86_64-linux", "ubuntu-24.04" },
	{ "aarch64-linux", "ubuntu-24.04-arm" },
	{ "x86_64-darwin", "macos-15-intel" },
	{ "aarch64-darwin", "macos-15" },
};
enum { NRUNNERS = sizeof runners / sizeof runners[0] };

static const char *runner(const char *system)
{
	for (size_t i = 0; i < NRUNNERS; i++)
		if (!strcmp(runners[i].system, system))
			return runners[i].label;
	return NULL;
}

/* Whether profile or type i allows system (it names none, or names it). */
static bool allows(const struct manifest *m, enum manifest_of of, size_t i, const char *system)
{
	size_t n = manifest_system_count(m, of, i);
	for (size_t k = 0; k < n; k++)
		if (!strcmp(manifest_system(m, of, i, k), system))
			return true;
	return n == 0;
}

/* The systems the manifest names, known ones in up's order first, then the
 * others in order of appearance; the four known ones when it names none. */
static void named_systems(const struct manifest *m, struct strlist *out)
{
	struct strlist seen = { 0 };
	for (int of = 0; of < 2; of++) {
		size_t n = of ? manifest_profile_count(m) : manifest_type_count(m);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < manifest_system_count(m, of ? MANIFEST_PROFILE : MANIFEST_TYPE, i); k++) {
				const char *s = manifest_system(m, of ? MANIFEST_PROFILE : MANIFEST_TYPE, i, k);
				bool dup = false;
				for (size_t j = 0; j < seen.n && !dup; j++)
					dup = !strcmp(seen.v[j], s);
				if (!dup)
					strlist_add(&seen, s);
			}
	}
	for (size_t r = 0; r < NRUNNERS; r++)
		for (size_t j = 0; j < seen.n; j++)
			if (!strcmp(seen.v[j], runners[r].system) || !seen.n)
				strlist_add(out, runners[r].system);
	if (!seen.n)
		for (size_t r = 0; r < NRUNNERS; r++)
			strlist_add(out, runners[r].system);
	for (size_t j = 0; j < seen.n; j++)
		if (!runner(seen.v[j]))
			strlist_add(out, seen.v[j]);
	strlist_free(&seen);
}

/* Each requirement of profile or type i: the programs it names, a list. */
static void add_programs(cJSON *list, const struct manifest *m, enum manifest_of of, size_t i)
{
	for (size_t k = 0; k < manifest_program_count(m, of, i); k++) {
		cJSON *alts = cJSON_CreateArray();
		const char *s = manifest_program(m, of, i, k);
		while (*s) {
			size_t len = strcspn(s, " ");
			char *name = xstrndup(s, len);
			cJSON_AddItemToArray(alts, cJSON_CreateString(name));
			free(name);
			s += len + (s[len] == ' ');
		}
		cJSON_AddItemToArray(list, alts);
	}
}

/* One entry, its keys in the order nix prints an attribute set's. */
static cJSON *entry(const struct manifest *m, size_t p, size_t t, const char *system,
		    const char *label)
{
	cJSON *e = cJSON_CreateObject(), *os = cJSON_CreateArray(), *programs = cJSON_CreateArray();
	const char *app = manifest_app(m, p, t);
	struct buf attr;
	buf_init(&attr);
	buf_printf(&attr, "githubActions.checks.%s.\"%s\"", system, app);
	cJSON_AddStringToObject(e, "attr", attr.data);
	cJSON_AddBoolToObject(e, "kvm", manifest_requires_kvm(m, MANIFEST_TYPE, t) ||
			      manifest_requires_kvm(m, MANIFEST_PROFILE, p));
	cJSON_AddStringToObject(e, "name", app);
	cJSON_AddItemToArray(os, cJSON_CreateString(label));
	cJSON_AddItemToObject(e, "os", os);
	cJSON_AddStringToObject(e, "profile", manifest_profile_name(m, p));
	add_programs(programs, m, MANIFEST_TYPE, t);
	add_programs(programs, m, MANIFEST_PROFILE, p);
	cJSON_AddItemToObject(e, "programs", programs);
	cJSON_AddStringToObject(e, "system", system);
	cJSON_AddStringToObject(e, "type", manifest_type_name(m, t));
	buf_free(&attr);
	return e;
}

static int computed(const struct matrix *mx, cJSON *include, struct buf *err)
{
	const struct manifest *m = mx->manifest;
	struct strlist systems = { 0 };
	if (mx->system)
		strlist_add(&systems, mx->system);
	else
		named_systems(m, &systems);
	int rc = 0;
	for (size_t s = 0; s < systems.n && !rc; s++) {
		const char *label = runner(systems.v[s]);
		bool any = false;
		for (size_t p = 0; p < manifest_profile_count(m); p++)
			for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
				size_t t = manifest_profile_type(m, p, i);
				if (!allows(m, MANIFEST_TYPE, t, systems.v[s]) ||
				    !allows(m, MANIFEST_PROFILE, p, systems.v[s]))
					continue;
				any = true;
				if (label)
					cJSON_AddItemToArray(include, entry(m, p, t, systems.v[s], label));
			}
		if (any && !label)
			rc = fail(err, EXIT_USAGE, "no GitHub runner known for %s: give the flake a "
				  "githubActions of its own (up.lib.mkFlake's githubPlatforms.%s = [ "
				  "\"LABEL\" ];), which --matrix then prints", systems.v[s], systems.v[s]);
	}
	strlist_free(&systems);
	return rc;
}

/* The flake's own matrix: 0 with it in *doc, 1 when it has none, else the
 * error. */
static int own(const struct matrix *mx, cJSON **doc, struct buf *err)
{
	struct buf json, log, nixerr;
	struct nix_request rq = { .flake = mx->flake, .attr = "githubActions.matrix" };
	buf_init(&json);
	buf_init(&log);
	buf_init(&nixerr);
	cache_nix_recall(mx->nix);
	int rc = nix_eval_output(mx->nix, &rq, &json, &log, &nixerr);
	cache_nix_keep(mx->nix);
	*doc = rc ? NULL : cJSON_ParseWithLength(json.data, json.len);
	const cJSON *include = cJSON_GetObjectItemCaseSensitive(*doc, "include");
	if (!rc && !cJSON_IsArray(include))
		rc = fail(err, EXIT_MANIFEST, "%s#githubActions.matrix is not a matrix ({ include = "
			  "[ ... ]; })", mx->flake);
	else if (rc == EXIT_MANIFEST && strstr(buf_str(&nixerr), "does not provide attribute"))
		rc = 1;
	else if (rc) {
		buf_add(err, buf_str(&nixerr), nixerr.len);
		if (rc == EXIT_MANIFEST)
			fail(err, rc, "could not evaluate %s#githubActions.matrix (nix's error is above)",
			     mx->flake);
	}
	buf_free(&json);
	buf_free(&log);
	buf_free(&nixerr);
	return rc;
}

int matrix_run(const struct matrix *mx, struct buf *out, struct buf *err)
{
	if (manifest_from_apps(mx->manifest))
		return fail(err, EXIT_USAGE, "%s has no manifest: --matrix lists a manifest's targets "
			    "on every system it names (up --init drafts one)", mx->flake);
	cJSON *doc = NULL;
	int rc = own(mx, &doc, err);
	if (rc == 1) {
		doc = cJSON_CreateObject();
		rc = computed(mx, cJSON_AddArrayToObject(doc, "include"), err);
	} else if (!rc && mx->system) {
		/* The flake's own, this system's entries alone. */
		cJSON *include = cJSON_GetObjectItemCaseSensitive(doc, "include");
		for (cJSON *e = include->child, *next; e; e = next) {
			next = e->next;
			const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "system"));
			if (!s || strcmp(s, mx->system))
				cJSON_Delete(cJSON_DetachItemViaPointer(include, e));
		}
	}
	if (!rc)
		json_print(out, doc);
	else
		cJSON_Delete(doc);
	return rc;
}
