/* The manifest from the JSON of `nix eval --json`, validated against every
 * rule of up(1) THE MANIFEST. Each refusal names the profile, type or field. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json.h"
#include "manifest.h"
#include "manifest_impl.h"
#include "system.h"
#include "text.h"

struct parse {
	struct draft *m;
	struct buf msg;      /* what is wrong, once something is */
	struct strlist scratch; /* names made for messages, freed with the parse */
	bool not_manifest;   /* what was read is no manifest at all */
};

/* A name as a message shows it; with a kind, "profile 'x'". Freed with ps. */
static const char *shown(struct parse *ps, const char *kind, const char *name)
{
	struct buf b;
	buf_init(&b);
	if (kind)
		buf_printf(&b, "%s ", kind);
	text_show_name(&b, name);
	strlist_take(&ps->scratch, buf_take(&b));
	return ps->scratch.v[ps->scratch.n - 1];
}

static int bad(struct parse *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct parse *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&ps->msg, fmt, ap);
	va_end(ap);
	return EXIT_MANIFEST;
}

/* false from a json_* getter: its message is in ps->msg already. */
static int got(bool ok)
{
	return ok ? 0 : EXIT_MANIFEST;
}

/* The list form of profiles or types (field): each an attribute set with a
 * string name, each name once. NULL after a message. */
static int by_natural_name(const void *a, const void *b)
{
	return text_natural_cmp(((const struct json_member *)a)->name,
				((const struct json_member *)b)->name);
}

/* An attrset's names in the order they are shown: natural order. */
static void natural_order(struct json_member *e, size_t n)
{
	qsort(e, n, sizeof *e, by_natural_name);
}

static struct json_member *list_members(struct parse *ps, const cJSON *list, const char *field,
					size_t *n)
{
	const char *kind = !strcmp(field, "types") ? "type" : "profile";
	struct json_member *e = xcalloc((size_t)cJSON_GetArraySize(list), sizeof *e);
	const cJSON *item;
	*n = 0;
	cJSON_ArrayForEach(item, list) {
		const cJSON *name = cJSON_IsObject(item) ? json_field(item, "name") : NULL;
		if (!cJSON_IsObject(item))
			bad(ps, "%s[%zu] must be an attribute set with a name, not %s",
			    field, *n, json_kind(item));
		else if (!name)
			bad(ps, "%s[%zu] has no field 'name'", field, *n);
		else if (!cJSON_IsString(name))
			bad(ps, "%s[%zu]: field 'name' must be a string, not %s", field, *n,
			    json_kind(name));
		else {
			e[*n] = (struct json_member){ name->valuestring, item, *n };
			(*n)++;
			continue;
		}
		free(e);
		return NULL;
	}
	struct json_member *s = xcalloc(*n, sizeof *s);
	memcpy(s, e, *n * sizeof *s);
	json_sort_members(s, *n);
	size_t k = json_repeated(s, *n);
	if (k < *n) {
		bad(ps, "%s %s appears twice in the list (%s[%zu] and %s[%zu])", kind,
		    shown(ps, NULL, s[k].name), field, s[k - 1].index, field, s[k].index);
		free(e);
		e = NULL;
	}
	free(s);
	return e;
}

/* The head of a type or profile: an attribute set, with an optional description. */
static int parse_head(struct parse *ps, const cJSON *v, const char *w, char **description)
{
	const char *desc;
	if (!cJSON_IsObject(v))
		return bad(ps, "%s: must be an attribute set like { description = \"...\"; }, not %s",
			   w, json_kind(v));
	if (!json_opt_string(v, "description", w, &desc, &ps->msg))
		return EXIT_MANIFEST;
	*description = text_clean(desc ? desc : "");
	return 0;
}

/* One way to say a name is wrong, for profiles, types, aliases and apps:
 * "WHAT is not a valid KIND name (RULE)". */
#define NAME_RULE "a letter, digit or '_', then letters, digits, '_', '+' or '-', at most 64 bytes"
#define APP_RULE "letters, digits, '_', '+', '-'"

static int check_name(struct parse *ps, const char *kind, const char *name)
{
	if (text_is_name(name, TEXT_NAME_MAX))
		return 0;
	return bad(ps, "%s is not a valid %s name (%s)", shown(ps, kind, name), kind, NAME_RULE);
}

/* ---- systems and requires, of a type or a profile ---- */

/* The strings of an optional list field of v, appended to out: 0, or 65
 * when it is no list of strings. */
static int string_list(struct parse *ps, const cJSON *v, const struct json_list *field,
		       const char *w, struct strlist *out)
{
	const cJSON *list, *e;
	size_t k = 0;
	if (!json_opt_list(v, field, w, &list, &ps->msg))
		return EXIT_MANIFEST;
	cJSON_ArrayForEach(e, list) {
		if (!json_string_at(e, field->key, k++, w, &ps->msg))
			return EXIT_MANIFEST;
		strlist_add(out, e->valuestring);
	}
	return 0;
}

static int parse_systems(struct parse *ps, struct draft_needs *t, const cJSON *v, const char *w)
{
	static const struct json_list field = { "systems", "a list of Nix system strings",
		"it could run nowhere; list systems such as \"x86_64-linux\", "
		"or drop the field to allow all" };
	int rc = string_list(ps, v, &field, w, &t->systems);
	for (size_t k = 0; !rc && k < t->systems.n; k++)
		if (!system_valid(t->systems.v[k]))
			rc = bad(ps, "%s: systems[%zu] %s is not a Nix system string "
				 "(ARCH-KERNEL, such as x86_64-linux or aarch64-darwin)",
				 w, k, shown(ps, NULL, t->systems.v[k]));
	return rc;
}

/* A program's name as requires takes it: a file name on PATH (no '/',
 * no space, nothing a shell would read). */
static bool program_name(const char *s)
{
	return *s && strlen(s) <= TEXT_NAME_MAX &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-") == strlen(s);
}

/* { program = [ "podman" "docker" ]; }: one of them on PATH, kept as
 * "podman docker". */
static int parse_program(struct parse *ps, struct draft_needs *t, const cJSON *e, size_t k,
			 const char *w)
{
	static const char *const keys[] = { "program", NULL };
	const cJSON *list = json_field(e, "program"), *p;
	struct buf names;
	for (const cJSON *f = e->child; f; f = f->next) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], f->string))
			i++;
		if (!keys[i])
			return bad(ps, "%s: requires[%zu] has the key %s; a requirement of programs is "
				   "{ program = [ \"podman\" \"docker\" ]; }", w, k, shown(ps, NULL, f->string));
	}
	if (!cJSON_IsArray(list) || !cJSON_GetArraySize(list))
		return bad(ps, "%s: requires[%zu] needs program = [ ... ]: a non-empty list of "
			   "program names, one of which must be on PATH", w, k);
	buf_init(&names);
	cJSON_ArrayForEach(p, list) {
		if (!cJSON_IsString(p) || !program_name(p->valuestring)) {
			buf_free(&names);
			return bad(ps, "%s: requires[%zu].program holds %s, which is not a program's name "
				   "(letters, digits, . _ + -)", w, k,
				   cJSON_IsString(p) ? shown(ps, NULL, p->valuestring) : json_kind(p));
		}
		buf_printf(&names, "%s%s", names.len ? " " : "", p->valuestring);
	}
	strlist_take(&t->programs, buf_take(&names));
	return 0;
}

static int parse_requires(struct parse *ps, struct draft_needs *t, const cJSON *v, const char *w)
{
	static const struct json_list field = { "requires", "a list such as [ \"kvm\" ]",
		"drop it, or list [ \"kvm\" ]" };
	const cJSON *list, *e;
	size_t k = 0;
	int rc = 0;
	if (!json_opt_list(v, &field, w, &list, &ps->msg))
		return EXIT_MANIFEST;
	cJSON_ArrayForEach(e, list) {
		if (cJSON_IsObject(e))
			rc = parse_program(ps, t, e, k, w);
		else if (!cJSON_IsString(e))
			rc = bad(ps, "%s: requires[%zu] must be \"kvm\" or { program = [ ... ]; }, not %s",
				 w, k, json_kind(e));
		else if (strcmp(e->valuestring, "kvm"))
			rc = bad(ps, "%s: requires[%zu] %s is not a capability up knows; the known one is "
				 "\"kvm\" (a program is required as { program = [ \"NAME\" ]; })", w, k,
				 shown(ps, NULL, e->valuestring));
		else
			t->kvm = true;
		if (rc)
			return rc;
		k++;
	}
	return 0;
}

static int parse_needs(struct parse *ps, struct draft_needs *n, const cJSON *v, const char *w)
{
	int rc = parse_systems(ps, n, v, w);
	return rc ? rc : parse_requires(ps, n, v, w);
}

/* ---- types ---- */

static const char *const type_keys[] = { "name", "description", "systems", "requires", NULL };

static int parse_types(struct parse *ps, const cJSON *types)
{
	struct draft *m = ps->m;
	if (!types)
		return bad(ps, "field 'types' is missing: declare at least one type, "
			   "such as types = { runner = { description = \"Local process\"; }; }");
	bool list = cJSON_IsArray(types);
	if (!list && !cJSON_IsObject(types))
		return bad(ps, "field 'types' must be an attribute set of types or a list of "
			   "{ name = ...; }, not %s", json_kind(types));
	if (cJSON_GetArraySize(types) == 0)
		return bad(ps, "field 'types' is empty: declare at least one type");

	/* Kept sorted by name; a list gives the display order, an attrset
	 * natural order (svc2 before svc10). */
	size_t n;
	struct json_member *e = list ? list_members(ps, types, "types", &n)
				     : json_sorted_members(types, &n);
	if (!e)
		return EXIT_MANIFEST;
	if (!list)
		natural_order(e, n);
	for (size_t k = 0; k < n; k++)
		e[k].index = k;      /* the display position */
	json_sort_members(e, n);
	m->types = xcalloc(n, sizeof *m->types);
	m->type_order = xcalloc(n, sizeof *m->type_order);
	for (size_t k = 0; k < n; k++)
		m->type_order[e[k].index] = k;
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		struct draft_type *t = &m->types[k];
		const char *w = shown(ps, "type", e[k].name);
		t->name = xstrdup(e[k].name);
		m->ntypes = k + 1;
		if (!(rc = check_name(ps, "type", t->name)) &&
		    !(rc = parse_head(ps, e[k].item, w, &t->description)))
			rc = parse_needs(ps, &t->needs, e[k].item, w);
		if (!rc)
			draft_near_keys(m, e[k].item, w, type_keys);
	}
	free(e);
	return rc;
}

/* ---- profiles ---- */

static int parse_profile_types(struct parse *ps, struct draft_profile *p, const cJSON *v,
			       const char *w)
{
	struct draft *m = ps->m;
	const cJSON *list, *e;
	size_t k = 0;
	static const struct json_list field = { "types", "a list of type names",
		"list at least one type, or drop the field to allow every type" };
	if (!json_opt_list(v, &field, w, &list, &ps->msg))
		return EXIT_MANIFEST;
	p->types = xcalloc(list ? (size_t)cJSON_GetArraySize(list) : m->ntypes, sizeof *p->types);
	if (!list) {
		for (size_t i = 0; i < m->ntypes; i++)
			p->types[p->ntypes++] = m->type_order[i];
		return 0;
	}
	cJSON_ArrayForEach(e, list) {
		if (!json_string_at(e, "types", k, w, &ps->msg))
			return EXIT_MANIFEST;
		size_t t = draft_type_find(m, e->valuestring);
		if (t == MANIFEST_NONE) {
			bad(ps, "%s: types[%zu] %s is not declared in 'types' (declared:", w, k,
			    shown(ps, NULL, e->valuestring));
			for (size_t j = 0; j < m->ntypes; j++)
				bad(ps, " %s", m->types[m->type_order[j]].name);
			return bad(ps, ")");
		}
		if (draft_lists(m, (size_t)(p - m->profiles), t))
			return bad(ps, "%s: types[%zu] lists type '%s' twice", w, k, m->types[t].name);
		p->types[p->ntypes++] = t;
		k++;
	}
	return 0;
}

static int parse_profile_apps(struct parse *ps, struct draft_profile *p, const cJSON *v,
			      const char *w)
{
	struct draft *m = ps->m;
	const cJSON *app = json_field(v, "app"), *e;
	if (!app)
		return 0;
	if (!cJSON_IsObject(app))
		return bad(ps, "%s: field 'app' must be an attribute set of type = \"app-name\", "
			   "such as app = { container = \"origin-container\"; }, not %s",
			   w, json_kind(app));
	p->apps = xcalloc(m->ntypes, sizeof *p->apps);
	cJSON_ArrayForEach(e, app) {
		const char *key = shown(ps, NULL, e->string);
		size_t t = draft_type_find(m, e->string);
		if (t == MANIFEST_NONE || !draft_lists(m, (size_t)(p - m->profiles), t))
			return bad(ps, "%s: app.%s names a type the profile does not list", w, key);
		if (!cJSON_IsString(e))
			return bad(ps, "%s: app.%s must be a string, not %s", w, key, json_kind(e));
		if (!text_is_name(e->valuestring, TEXT_APP_MAX))
			return bad(ps, "%s: app.%s %s is not a valid app name (%s)", w, key,
				   shown(ps, NULL, e->valuestring), APP_RULE);
		p->apps[t] = xstrdup(e->valuestring);
	}
	return 0;
}

/* aliases: other names for the profile, each a valid profile name. */
static int parse_aliases(struct parse *ps, struct draft_profile *p, const cJSON *v, const char *w)
{
	static const struct json_list field = { "aliases", "a list of names",
		"list names such as [ \"stress\" ], or drop the field" };
	int rc = string_list(ps, v, &field, w, &p->aliases);
	for (size_t k = 0; !rc && k < p->aliases.n; k++)
		if (!text_is_name(p->aliases.v[k], TEXT_NAME_MAX))
			rc = bad(ps, "%s: aliases[%zu] %s is not a valid alias (%s)", w, k,
				 shown(ps, NULL, p->aliases.v[k]), NAME_RULE);
	return rc;
}

static const char *const profile_keys[] = { "name", "description", "types", "app", "systems",
	"requires", "settings", "aliases", NULL };

static int parse_profiles(struct parse *ps, const cJSON *profiles)
{
	struct draft *m = ps->m;
	if (!profiles)
		return bad(ps, "field 'profiles' is missing: declare at least one profile, "
			   "such as profiles = { default = { description = \"...\"; }; }");
	bool list = cJSON_IsArray(profiles);
	if (!list && !cJSON_IsObject(profiles))
		return bad(ps, "field 'profiles' must be an attribute set or a list of "
			   "{ name = ...; }, not %s", json_kind(profiles));
	if (cJSON_GetArraySize(profiles) == 0)
		return bad(ps, "field 'profiles' is empty: declare at least one profile");

	size_t n;
	struct json_member *e = list ? list_members(ps, profiles, "profiles", &n)
				     : json_sorted_members(profiles, &n);
	if (!e)
		return EXIT_MANIFEST;
	if (!list)   /* an attrset: shown in natural order (svc2 before svc10) */
		natural_order(e, n);
	m->profiles = xcalloc(n, sizeof *m->profiles);
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		struct draft_profile *p = &m->profiles[k];
		const char *w = shown(ps, "profile", e[k].name);
		p->name = xstrdup(e[k].name);
		m->nprofiles = k + 1;
		if (!(rc = check_name(ps, "profile", p->name)) &&
		    !(rc = parse_head(ps, e[k].item, w, &p->description)) &&
		    !(rc = parse_profile_types(ps, p, e[k].item, w)) &&
		    !(rc = parse_profile_apps(ps, p, e[k].item, w)) &&
		    !(rc = parse_aliases(ps, p, e[k].item, w)))
			rc = parse_needs(ps, &p->needs, e[k].item, w);
		if (!rc)
			draft_near_keys(m, e[k].item, w, profile_keys);
	}
	free(e);
	return rc;
}

/* ---- top level ---- */

static int parse_version(struct parse *ps, const cJSON *version)
{
	if (!version)
		return bad(ps, "field 'version' is missing: add version = 1;");
	if (cJSON_IsNumber(version) && version->valuedouble == 1.0)
		return 0;
	if (cJSON_IsNumber(version))
		return bad(ps, "field 'version' is %g, but this up reads version 1 only",
			   version->valuedouble);
	return bad(ps, "field 'version' must be the number 1, not %s", json_kind(version));
}

static int parse_defaults(struct parse *ps, const cJSON *defaults)
{
	struct draft *m = ps->m;
	const char *profile = NULL, *type = NULL;
	if (defaults && !cJSON_IsObject(defaults))
		return bad(ps, "field 'defaults' must be an attribute set like "
			   "{ profile = \"default\"; type = \"runner\"; }, not %s", json_kind(defaults));
	static const char *const keys[] = { "profile", "type", NULL };
	if (defaults && (!json_opt_string(defaults, "profile", "defaults", &profile, &ps->msg) ||
			 !json_opt_string(defaults, "type", "defaults", &type, &ps->msg)))
		return EXIT_MANIFEST;
	if (defaults)
		draft_near_keys(m, defaults, "field 'defaults'", keys);
	if (profile) {
		m->default_profile = draft_profile_named(m, profile);
		if (m->default_profile == MANIFEST_NONE)
			return bad(ps, "defaults.profile %s names no profile", shown(ps, NULL, profile));
	} else {
		size_t d = draft_profile_named(m, "default");
		m->default_profile = d != MANIFEST_NONE ? d : 0;
	}
	if (type) {
		m->default_type = draft_type_find(m, type);
		if (m->default_type == MANIFEST_NONE)
			return bad(ps, "defaults.type %s names no type", shown(ps, NULL, type));
	}
	return 0;
}

static const char *const root_keys[] = { "version", "name", "description", "app", "defaults",
	"types", "profiles", NULL };

static int parse_root(struct parse *ps, const cJSON *root)
{
	struct draft *m = ps->m;
	const char *name, *desc, *app;
	int rc;
	if (!cJSON_IsObject(root) || (!json_field(root, "version") && !json_field(root, "types") &&
				       !json_field(root, "profiles"))) {
		ps->not_manifest = true;
		return draft_not_manifest(root, &ps->msg);
	}
	if ((rc = parse_version(ps, json_field(root, "version"))) ||
	    (rc = got(json_opt_string(root, "name", "manifest", &name, &ps->msg))) ||
	    (rc = got(json_opt_string(root, "description", "manifest", &desc, &ps->msg))) ||
	    (rc = got(json_opt_string(root, "app", "manifest", &app, &ps->msg))))
		return rc;
	m->name = text_clean(name ? name : "up");
	m->description = text_clean(desc ? desc : "");
	m->app = xstrdup(app ? app : "{profile}-{type}");
	draft_near_keys(m, root, "the manifest", root_keys);
	if ((rc = draft_check_template(m->app, &ps->msg)) ||
	    (rc = parse_types(ps, json_field(root, "types"))) ||
	    (rc = parse_profiles(ps, json_field(root, "profiles"))) ||
	    (rc = draft_check_aliases(m, &ps->msg)) ||
	    (rc = parse_defaults(ps, json_field(root, "defaults"))))
		return rc;
	draft_fill_apps(m);
	if ((rc = draft_check_apps(m, &ps->msg)))
		return rc;
	draft_warned(m);
	return 0;
}

int manifest_parse(struct manifest *m, const char *json, size_t len, const char *source,
		   struct buf *err)
{
	struct draft d = { .default_type = MANIFEST_NONE };
	struct parse ps = { .m = &d };
	buf_init(&ps.msg);
	cJSON *root = json_parse_document(json, len, &ps.msg);
	int rc = root ? parse_root(&ps, root) : EXIT_MANIFEST;
	cJSON_Delete(root);
	if (!rc && !manifest_pack(m, &d))
		rc = bad(&ps, "it is too large (4 GiB or more once packed)");
	if (rc && ps.not_manifest)
		fail(err, rc, "%s is not an up manifest: %s", source, buf_str(&ps.msg));
	else if (rc)
		fail(err, rc, "invalid manifest %s: %s", source, buf_str(&ps.msg));
	draft_free(&d);
	strlist_free(&ps.scratch);
	buf_free(&ps.msg);
	return rc;
}
