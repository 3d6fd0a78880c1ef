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

/* Whether profile or type i lets a target run on the named Nix platform: it lists none, or lists it. */
static bool allows(const struct manifest *m, enum manifest_of of, size_t i, const char *system)
{
	size_t n = manifest_system_count(m, of, i);
	for (size_t k = 0; k < n; k++)
		if (!strcmp(manifest_system(m, of, i, k), system))
			return true;
	return n == 0;
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

int matrix_computed(const struct matrix *mx, struct buf *out, struct buf *err)
{
	const struct manifest *m = mx->manifest;
	if (manifest_from_apps(m))
		return fail(err, EXIT_USAGE, "%s has no manifest and no githubActions.matrix: --matrix "
			    "lists a manifest's targets (up --init drafts one)", mx->flake);
	if (mx->system && !runner(mx->system))
		return fail(err, EXIT_USAGE, "no GitHub runner known for %s (up knows x86_64-linux, "
			    "aarch64-linux, x86_64-darwin, aarch64-darwin): give the flake a "
			    "githubActions of its own (up.lib.mkFlake's githubPlatforms.%s = [ \"LABEL\" "
			    "];), which --matrix then prints", mx->system, mx->system);
	cJSON *doc = cJSON_CreateObject(), *include = cJSON_AddArrayToObject(doc, "include");
	for (size_t r = 0; r < NRUNNERS; r++) {
		const char *system = runners[r].system;
		if (mx->system && strcmp(mx->system, system))
			continue;
		for (size_t p = 0; p < manifest_profile_count(m); p++)
			for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
				size_t t = manifest_profile_type(m, p, i);
				if (allows(m, MANIFEST_TYPE, t, system) && allows(m, MANIFEST_PROFILE, p, system))
					cJSON_AddItemToArray(include, entry(m, p, t, system, runners[r].label));
			}
	}
	json_print(out, doc);
	return 0;
}

/* The flake's own matrix: 0 with it in *doc, 1 when it has none, else the
 * error. */
static int own(const struct matrix *mx, cJSON **doc, struct buf *json, struct buf *err)
{
	struct buf log, nixerr;
	struct nix_request rq = { .flake = mx->flake, .attr = "githubActions.matrix" };
	buf_init(&log);
	buf_init(&nixerr);
	cache_nix_recall(mx->nix);
	int rc = nix_eval_output(mx->nix, &rq, json, &log, &nixerr);
	cache_nix_keep(mx->nix);
	*doc = rc ? NULL : cJSON_ParseWithLength(json->data, json->len);
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
	if (rc)
		cJSON_Delete(*doc), *doc = NULL;
	buf_free(&log);
	buf_free(&nixerr);
	return rc;
}

int matrix_own(const struct matrix *mx, struct buf *out, struct buf *err)
{
	struct buf json;
	buf_init(&json);
	cJSON *doc = NULL;
	int rc = own(mx, &doc, &json, err);
	if (!rc && !mx->system) {
		/* As nix gives it, byte for byte. */
		buf_add(out, json.data, json.len);
		if (!json.len || json.data[json.len - 1] != '\n')
			buf_putc(out, '\n');
		cJSON_Delete(doc);
	} else if (!rc) {
		/* This system's entries alone. */
		cJSON *include = cJSON_GetObjectItemCaseSensitive(doc, "include");
		for (cJSON *e = include->child, *next; e; e = next) {
			next = e->next;
			const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "system"));
			if (!s || strcmp(s, mx->system))
				cJSON_Delete(cJSON_DetachItemViaPointer(include, e));
		}
		json_print(out, doc);
	}
	buf_free(&json);
	return rc;
}
