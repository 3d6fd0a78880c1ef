#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "exitcode.h"
#include "manifest.h"

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
	char **apps;      /* per type index: override, or NULL */
};

enum { APP_NAME_MAX = 255 };

void manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof *m);
	m->default_type = MANIFEST_NONE;
}

void manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->ntypes; i++) {
		struct manifest_type *t = &m->types[i];
		free(t->name);
		free(t->description);
		for (size_t k = 0; k < t->nsystems; k++)
			free(t->systems[k]);
		free(t->systems);
	}
	for (size_t i = 0; i < m->nprofiles; i++) {
		struct manifest_profile *p = &m->profiles[i];
		free(p->name);
		free(p->description);
		free(p->types);
		if (p->apps)
			for (size_t k = 0; k < m->ntypes; k++)
				free(p->apps[k]);
		free(p->apps);
	}
	free(m->types);
	free(m->profiles);
	free(m->name);
	free(m->description);
	free(m->app);
	manifest_init(m);
}

/* ---- text ---- */

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (n == 0 || s[0] > 0xf4)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if (n == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)))
		return 0;
	if (n == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)))
		return 0;
	return n;
}

char *manifest_clean_text(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	while (*s >= 0x20 && *s < 0x7f)
		s++;
	if (!*s)
		return xstrdup(text); /* printable ASCII: nothing to clean */

	struct buf b;
	buf_init(&b);
	s = (const unsigned char *)text;
	while (*s) {
		size_t n = utf8_len(s);
		if (n == 0) {
			buf_putc(&b, '?');
			s++;
		} else if (n == 1 && (*s < 0x20 || *s == 0x7f)) {
			buf_putc(&b, ' ');
			s++;
		} else if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			buf_putc(&b, ' '); /* C1 control, U+0080..U+009F */
			s += 2;
		} else {
			buf_add(&b, (const char *)s, n);
			s += n;
		}
	}
	return buf_take(&b);
}

void manifest_show_name(struct buf *out, const char *name)
{
	size_t n = 0;
	buf_putc(out, '\'');
	for (const unsigned char *s = (const unsigned char *)name; *s; s++, n++) {
		if (n == 64) {
			buf_puts(out, "...");
			break;
		}
		if (*s < 0x20 || *s >= 0x7f || *s == '\\' || *s == '\'')
			buf_printf(out, "\\x%02x", *s);
		else
			buf_putc(out, (char)*s);
	}
	buf_putc(out, '\'');
}

bool manifest_valid_name(const char *name)
{
	size_t n = 0;
	for (const char *s = name; *s; s++, n++) {
		char c = *s;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '_';
		if (!alnum && (n == 0 || (c != '+' && c != '-')))
			return false;
	}
	return n >= 1 && n <= MANIFEST_NAME_MAX;
}

/* App names follow the same rule, with room for "{profile}-{type}". */
static bool valid_app(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > APP_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '_';
		if (!alnum && (i == 0 || (c != '+' && c != '-')))
			return false;
	}
	return true;
}

/* ---- errors ---- */

struct parse {
	struct manifest *m;
	struct buf *err;
	char **scratch;    /* strings made for messages, freed with the parse */
	size_t nscratch;
};

/* Hands the text in b over to the parse, which frees it at the end. */
static const char *keep(struct parse *ps, struct buf *b)
{
	ps->scratch = xrealloc(ps->scratch, (ps->nscratch + 1) * sizeof *ps->scratch);
	return ps->scratch[ps->nscratch++] = buf_take(b);
}

/* A name as a message shows it. */
static const char *shown(struct parse *ps, const char *name)
{
	struct buf b;
	buf_init(&b);
	manifest_show_name(&b, name);
	return keep(ps, &b);
}

/* "profile 'x'" or "type 'y'", for the start of a message. */
static const char *who(struct parse *ps, const char *kind, const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s ", kind);
	manifest_show_name(&b, name);
	return keep(ps, &b);
}

static int fail(struct parse *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parse *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_puts(ps->err, s);
	free(s);
	return EXIT_MANIFEST;
}

static const char *json_kind(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "a list";
	if (cJSON_IsObject(v)) return "an attribute set";
	return "something else";
}

static const cJSON *field(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* An optional string field; NULL when absent. */
static int opt_string(struct parse *ps, const cJSON *obj, const char *key,
		      const char *where, const char **out)
{
	const cJSON *v = field(obj, key);
	*out = NULL;
	if (!v)
		return 0;
	if (!cJSON_IsString(v) || !v->valuestring)
		return fail(ps, "%s: field '%s' must be a string, not %s",
			    where, key, json_kind(v));
	*out = v->valuestring;
	return 0;
}

/* ---- systems ---- */

static const char *const arches[] = {
	"x86_64", "i686", "aarch64", "armv5tel", "armv6l", "armv7l", "armv7a",
	"armv6m", "riscv32", "riscv64", "powerpc", "powerpc64", "powerpc64le",
	"mips", "mipsel", "mips64", "mips64el", "s390", "s390x", "loongarch64",
	"wasm32", "wasm64", "m68k", "microblaze", "microblazeel", "or1k",
	"sparc", "sparc64", "avr", "arc", "vc4", "javascript", NULL,
};
static const char *const kernels[] = {
	"linux", "darwin", "freebsd", "openbsd", "netbsd", "cygwin", "windows",
	"none", "genode", "redox", "wasi", "ghcjs", "mmixware", "solaris",
	"illumos", NULL,
};

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(list[i], s, n))
			return true;
	return false;
}

static bool valid_system(const char *s)
{
	const char *dash = strchr(s, '-');
	return dash && in_list(arches, s, (size_t)(dash - s)) &&
	       in_list(kernels, dash + 1, strlen(dash + 1));
}

/* ---- entries of an attribute set or a list ---- */

/* A named member of "types" or "profiles", with where it stood. */
struct entry {
	const char *name;
	const cJSON *item;
	size_t index;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The object's members sorted by name, as Nix shows an attribute set. */
static struct entry *sorted_members(const cJSON *obj, size_t *n)
{
	struct entry *e = xcalloc((size_t)cJSON_GetArraySize(obj), sizeof *e);
	const cJSON *item;
	*n = 0;
	cJSON_ArrayForEach(item, obj) {
		e[*n] = (struct entry){ item->string, item, *n };
		(*n)++;
	}
	qsort(e, *n, sizeof *e, cmp_entry);
	return e;
}

/* The head of a type or profile: an attribute set, with an optional description. */
static int parse_head(struct parse *ps, const cJSON *v, const char *w, char **description)
{
	const char *desc;
	if (!cJSON_IsObject(v))
		return fail(ps, "%s: must be an attribute set like { description = \"...\"; }, not %s",
			    w, json_kind(v));
	if (opt_string(ps, v, "description", w, &desc))
		return EXIT_MANIFEST;
	*description = manifest_clean_text(desc ? desc : "");
	return 0;
}

/* An optional list field that must not be empty; *out is NULL when absent. */
static int list_field(struct parse *ps, const cJSON *v, const char *key, const char *w,
		      const char *shape, const char *if_empty, const cJSON **out)
{
	*out = field(v, key);
	if (!*out)
		return 0;
	if (!cJSON_IsArray(*out))
		return fail(ps, "%s: field '%s' must be %s, not %s", w, key, shape, json_kind(*out));
	if (cJSON_GetArraySize(*out) == 0)
		return fail(ps, "%s: field '%s' is empty; %s", w, key, if_empty);
	return 0;
}

static bool name_ok(struct parse *ps, const char *kind, const char *name)
{
	if (manifest_valid_name(name))
		return true;
	fail(ps, "%s: a %s name must match [A-Za-z0-9_][A-Za-z0-9_+-]{0,63}",
	     who(ps, kind, name), kind);
	return false;
}

/* ---- types ---- */

static int parse_type(struct parse *ps, struct manifest_type *t, const cJSON *v)
{
	const char *w = who(ps, "type", t->name);
	const cJSON *list, *e;
	size_t k = 0;
	if (parse_head(ps, v, w, &t->description))
		return EXIT_MANIFEST;

	if (list_field(ps, v, "systems", w, "a list of Nix system strings",
		       "it could run nowhere; list systems such as \"x86_64-linux\", "
		       "or drop the field to allow all", &list))
		return EXIT_MANIFEST;
	if (list)
		t->systems = xcalloc((size_t)cJSON_GetArraySize(list), sizeof *t->systems);
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsString(e))
			return fail(ps, "%s: systems[%zu] must be a string, not %s", w, k, json_kind(e));
		if (!valid_system(e->valuestring))
			return fail(ps, "%s: systems[%zu] %s is not a Nix system string "
				    "(ARCH-KERNEL, such as x86_64-linux or aarch64-darwin)",
				    w, k, shown(ps, e->valuestring));
		t->systems[t->nsystems++] = xstrdup(e->valuestring);
		k++;
	}

	if (list_field(ps, v, "requires", w, "a list such as [ \"kvm\" ]",
		       "drop it, or list [ \"kvm\" ]", &list))
		return EXIT_MANIFEST;
	k = 0;
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsString(e))
			return fail(ps, "%s: requires[%zu] must be a string, not %s", w, k, json_kind(e));
		if (strcmp(e->valuestring, "kvm"))
			return fail(ps, "%s: requires[%zu] %s is not a capability up knows; "
				    "the known one is \"kvm\"", w, k, shown(ps, e->valuestring));
		t->kvm = true;
		k++;
	}
	return 0;
}

static int parse_types(struct parse *ps, const cJSON *types)
{
	struct manifest *m = ps->m;
	if (!types)
		return fail(ps, "field 'types' is missing: declare at least one type, "
			    "such as types = { runner = { description = \"Local process\"; }; }");
	if (!cJSON_IsObject(types))
		return fail(ps, "field 'types' must be an attribute set of types, not %s",
			    json_kind(types));
	if (cJSON_GetArraySize(types) == 0)
		return fail(ps, "field 'types' is empty: declare at least one type");

	size_t n;
	struct entry *e = sorted_members(types, &n);
	m->types = xcalloc(n, sizeof *m->types);
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		m->types[k].name = xstrdup(e[k].name);
		m->ntypes = k + 1;
		rc = name_ok(ps, "type", e[k].name) ? parse_type(ps, &m->types[k], e[k].item)
						    : EXIT_MANIFEST;
	}
	free(e);
	return rc;
}

/* ---- profiles ---- */

static int parse_profile_types(struct parse *ps, struct manifest_profile *p, const cJSON *v,
			       const char *w)
{
	struct manifest *m = ps->m;
	const cJSON *list, *e;
	size_t k = 0;
	if (list_field(ps, v, "types", w, "a list of type names",
		       "list at least one type, or drop the field to allow every type", &list))
		return EXIT_MANIFEST;
	if (!list) {
		p->types = xcalloc(m->ntypes, sizeof *p->types);
		for (size_t t = 0; t < m->ntypes; t++)
			p->types[p->ntypes++] = t;
		return 0;
	}
	p->types = xcalloc((size_t)cJSON_GetArraySize(list), sizeof *p->types);
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsString(e))
			return fail(ps, "%s: types[%zu] must be a string, not %s", w, k, json_kind(e));
		size_t t = manifest_type_find(m, e->valuestring);
		if (t == MANIFEST_NONE) {
			struct buf declared;
			buf_init(&declared);
			for (size_t j = 0; j < m->ntypes; j++)
				buf_printf(&declared, " %s", m->types[j].name);
			fail(ps, "%s: types[%zu] %s is not declared in 'types' (declared:%s)",
			     w, k, shown(ps, e->valuestring), declared.data);
			buf_free(&declared);
			return EXIT_MANIFEST;
		}
		for (size_t j = 0; j < p->ntypes; j++)
			if (p->types[j] == t)
				return fail(ps, "%s: types[%zu] lists type '%s' twice", w, k,
					    m->types[t].name);
		p->types[p->ntypes++] = t;
		k++;
	}
	return 0;
}

static int parse_profile_apps(struct parse *ps, struct manifest_profile *p, size_t pi,
			      const cJSON *v, const char *w)
{
	struct manifest *m = ps->m;
	const cJSON *app = field(v, "app"), *e;
	if (!app)
		return 0;
	if (!cJSON_IsObject(app))
		return fail(ps, "%s: field 'app' must be an attribute set of type = \"app-name\", "
			    "such as app = { container = \"origin-container\"; }, not %s",
			    w, json_kind(app));
	p->apps = xcalloc(m->ntypes, sizeof *p->apps);
	cJSON_ArrayForEach(e, app) {
		const char *key = shown(ps, e->string);
		size_t t = manifest_type_find(m, e->string);
		if (t == MANIFEST_NONE || !manifest_profile_lists(m, pi, t))
			return fail(ps, "%s: app.%s names a type the profile does not list", w, key);
		if (!cJSON_IsString(e))
			return fail(ps, "%s: app.%s must be a string, not %s", w, key, json_kind(e));
		if (!valid_app(e->valuestring))
			return fail(ps, "%s: app.%s %s is not a valid app name "
				    "(letters, digits, '_', '+', '-')", w, key, shown(ps, e->valuestring));
		p->apps[t] = xstrdup(e->valuestring);
	}
	return 0;
}

static int parse_profile(struct parse *ps, size_t pi, const cJSON *v)
{
	struct manifest_profile *p = &ps->m->profiles[pi];
	const char *w = who(ps, "profile", p->name);
	if (parse_head(ps, v, w, &p->description) || parse_profile_types(ps, p, v, w) ||
	    parse_profile_apps(ps, p, pi, v, w))
		return EXIT_MANIFEST;
	return 0;
}

/* The list form: every element an attribute set with a string name. */
static struct entry *list_members(struct parse *ps, const cJSON *list, size_t *n)
{
	struct entry *e = xcalloc((size_t)cJSON_GetArraySize(list), sizeof *e);
	const cJSON *item;
	*n = 0;
	cJSON_ArrayForEach(item, list) {
		const cJSON *name = cJSON_IsObject(item) ? field(item, "name") : NULL;
		if (!cJSON_IsObject(item))
			fail(ps, "profiles[%zu] must be an attribute set with a name, not %s",
			     *n, json_kind(item));
		else if (!name)
			fail(ps, "profiles[%zu] has no field 'name'", *n);
		else if (!cJSON_IsString(name))
			fail(ps, "profiles[%zu]: field 'name' must be a string, not %s",
			     *n, json_kind(name));
		else {
			e[*n] = (struct entry){ name->valuestring, item, *n };
			(*n)++;
			continue;
		}
		free(e);
		return NULL;
	}
	/* Names must be unique: sort a copy and compare neighbours. */
	struct entry *s = xcalloc(*n, sizeof *s);
	memcpy(s, e, *n * sizeof *s);
	qsort(s, *n, sizeof *s, cmp_entry);
	for (size_t k = 1; k < *n; k++)
		if (!strcmp(s[k - 1].name, s[k].name)) {
			fail(ps, "profile %s appears twice in the list (profiles[%zu] and profiles[%zu])",
			     shown(ps, s[k].name), s[k - 1].index, s[k].index);
			free(e);
			e = NULL;
			break;
		}
	free(s);
	return e;
}

static int parse_profiles(struct parse *ps, const cJSON *profiles)
{
	struct manifest *m = ps->m;
	if (!profiles)
		return fail(ps, "field 'profiles' is missing: declare at least one profile, "
			    "such as profiles = { default = { description = \"...\"; }; }");
	bool list = cJSON_IsArray(profiles);
	if (!list && !cJSON_IsObject(profiles))
		return fail(ps, "field 'profiles' must be an attribute set or a list of "
			    "{ name = ...; }, not %s", json_kind(profiles));
	if (cJSON_GetArraySize(profiles) == 0)
		return fail(ps, "field 'profiles' is empty: declare at least one profile");

	size_t n;
	struct entry *e = list ? list_members(ps, profiles, &n) : sorted_members(profiles, &n);
	if (!e)
		return EXIT_MANIFEST;
	m->profiles = xcalloc(n, sizeof *m->profiles);
	int rc = 0;
	for (size_t k = 0; k < n && !rc; k++) {
		m->profiles[k].name = xstrdup(e[k].name);
		m->nprofiles = k + 1;
		rc = name_ok(ps, "profile", e[k].name) ? parse_profile(ps, k, e[k].item)
						       : EXIT_MANIFEST;
	}
	free(e);
	return rc;
}

/* ---- top level ---- */

static int parse_template(struct parse *ps, const char *app)
{
	/* Only {profile} and {type} may appear; any other brace is an error. */
	for (const char *s = app; *s; s++) {
		if (*s == '{') {
			if (!strncmp(s, "{profile}", 9)) {
				s += 8;
				continue;
			}
			if (!strncmp(s, "{type}", 6)) {
				s += 5;
				continue;
			}
			return fail(ps, "field 'app' %s: only {profile} and {type} may appear in braces",
				    shown(ps, app));
		}
		if (*s == '}')
			return fail(ps, "field 'app': '}' without a matching {profile} or {type}");
	}
	return 0;
}

static int parse_defaults(struct parse *ps, const cJSON *defaults)
{
	struct manifest *m = ps->m;
	const char *profile = NULL, *type = NULL;
	if (defaults) {
		if (!cJSON_IsObject(defaults))
			return fail(ps, "field 'defaults' must be an attribute set like "
				    "{ profile = \"default\"; type = \"runner\"; }, not %s",
				    json_kind(defaults));
		if (opt_string(ps, defaults, "profile", "defaults", &profile) ||
		    opt_string(ps, defaults, "type", "defaults", &type))
			return EXIT_MANIFEST;
	}
	if (profile) {
		m->default_profile = manifest_profile_find(m, profile);
		if (m->default_profile == MANIFEST_NONE)
			return fail(ps, "defaults.profile %s names no profile", shown(ps, profile));
	} else {
		size_t d = manifest_profile_find(m, "default");
		m->default_profile = d != MANIFEST_NONE ? d : 0;
	}
	if (type) {
		m->default_type = manifest_type_find(m, type);
		if (m->default_type == MANIFEST_NONE)
			return fail(ps, "defaults.type %s names no type", shown(ps, type));
	}
	return 0;
}

int manifest_parse(struct manifest *m, const char *json, size_t len, struct buf *err)
{
	struct parse ps = { m, err, NULL, 0 };
	manifest_free(m);
	cJSON *root = cJSON_ParseWithLength(json, len);
	int rc = 0;
	const char *s;
	if (!root) {
		rc = fail(&ps, "the manifest is not valid JSON");
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		rc = fail(&ps, "the manifest must be an attribute set, not %s", json_kind(root));
		goto out;
	}
	const cJSON *version = field(root, "version");
	if (!version) {
		rc = fail(&ps, "field 'version' is missing: add version = 1;");
		goto out;
	}
	if (!cJSON_IsNumber(version) || version->valuedouble != 1.0) {
		if (cJSON_IsNumber(version))
			rc = fail(&ps, "field 'version' is %g, but this up reads version 1 only",
				  version->valuedouble);
		else
			rc = fail(&ps, "field 'version' must be the number 1, not %s",
				  json_kind(version));
		goto out;
	}
	if ((rc = opt_string(&ps, root, "name", "manifest", &s)))
		goto out;
	m->name = manifest_clean_text(s ? s : "up");
	if ((rc = opt_string(&ps, root, "description", "manifest", &s)))
		goto out;
	m->description = manifest_clean_text(s ? s : "");
	if ((rc = opt_string(&ps, root, "app", "manifest", &s)))
		goto out;
	m->app = xstrdup(s ? s : "{profile}-{type}");
	if ((rc = parse_template(&ps, m->app)))
		goto out;
	if ((rc = parse_types(&ps, field(root, "types"))))
		goto out;
	if ((rc = parse_profiles(&ps, field(root, "profiles"))))
		goto out;
	if ((rc = parse_defaults(&ps, field(root, "defaults"))))
		goto out;

	/* Every target's app must be a name nix run can take. */
	for (size_t p = 0; p < m->nprofiles && !rc; p++)
		for (size_t i = 0; i < m->profiles[p].ntypes && !rc; i++) {
			size_t t = m->profiles[p].types[i];
			char *app = manifest_app(m, p, t);
			if (!valid_app(app))
				rc = fail(&ps, "field 'app' gives profile '%s' type '%s' the app %s, "
					  "which is not a valid app name (letters, digits, '_', '+', '-')",
					  m->profiles[p].name, m->types[t].name, shown(&ps, app));
			free(app);
		}
out:
	cJSON_Delete(root);
	for (size_t i = 0; i < ps.nscratch; i++)
		free(ps.scratch[i]);
	free(ps.scratch);
	if (rc)
		manifest_free(m);
	return rc;
}

/* ---- queries ---- */

const char *manifest_name(const struct manifest *m) { return m->name; }
const char *manifest_description(const struct manifest *m) { return m->description; }
size_t manifest_profile_count(const struct manifest *m) { return m->nprofiles; }
const char *manifest_profile_name(const struct manifest *m, size_t p) { return m->profiles[p].name; }
const char *manifest_profile_description(const struct manifest *m, size_t p) { return m->profiles[p].description; }
size_t manifest_profile_default(const struct manifest *m) { return m->default_profile; }
size_t manifest_profile_type_count(const struct manifest *m, size_t p) { return m->profiles[p].ntypes; }
size_t manifest_profile_type(const struct manifest *m, size_t p, size_t i) { return m->profiles[p].types[i]; }
size_t manifest_type_count(const struct manifest *m) { return m->ntypes; }
const char *manifest_type_name(const struct manifest *m, size_t t) { return m->types[t].name; }
const char *manifest_type_description(const struct manifest *m, size_t t) { return m->types[t].description; }
size_t manifest_type_system_count(const struct manifest *m, size_t t) { return m->types[t].nsystems; }
const char *manifest_type_system(const struct manifest *m, size_t t, size_t i) { return m->types[t].systems[i]; }
bool manifest_type_requires_kvm(const struct manifest *m, size_t t) { return m->types[t].kvm; }

size_t manifest_profile_find(const struct manifest *m, const char *name)
{
	for (size_t p = 0; p < m->nprofiles; p++)
		if (!strcmp(m->profiles[p].name, name))
			return p;
	return MANIFEST_NONE;
}

size_t manifest_type_find(const struct manifest *m, const char *name)
{
	for (size_t t = 0; t < m->ntypes; t++)
		if (!strcmp(m->types[t].name, name))
			return t;
	return MANIFEST_NONE;
}

bool manifest_profile_lists(const struct manifest *m, size_t p, size_t t)
{
	for (size_t i = 0; i < m->profiles[p].ntypes; i++)
		if (m->profiles[p].types[i] == t)
			return true;
	return false;
}

size_t manifest_type_default(const struct manifest *m, size_t p)
{
	if (m->default_type != MANIFEST_NONE && manifest_profile_lists(m, p, m->default_type))
		return m->default_type;
	return m->profiles[p].types[0];
}

char *manifest_app(const struct manifest *m, size_t p, size_t t)
{
	if (m->profiles[p].apps && m->profiles[p].apps[t])
		return xstrdup(m->profiles[p].apps[t]);
	struct buf b;
	buf_init(&b);
	for (const char *s = m->app; *s;) {
		if (!strncmp(s, "{profile}", 9)) {
			buf_puts(&b, m->profiles[p].name);
			s += 9;
		} else if (!strncmp(s, "{type}", 6)) {
			buf_puts(&b, m->types[t].name);
			s += 6;
		} else {
			buf_putc(&b, *s++);
		}
	}
	return buf_take(&b);
}
