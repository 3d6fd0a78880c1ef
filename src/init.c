#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "exitcode.h"
#include "init.h"
#include "nix.h"
#include "text.h"

/* One app as the draft takes it. */
struct app {
	const char *name, *description;
	char *profile;      /* its profile, or NULL: left out */
	const char *type;   /* its type (a part of the name, or the type "app") */
};

/* The type of apps kept as they are: "app", unless a name's own part is. */
static const char *as_is_type(const struct app *v, size_t n)
{
	static const char *const names[] = { "app", "run", "as-is" };
	for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
		bool taken = false;
		for (size_t i = 0; i < n && !taken; i++)
			taken = v[i].profile && v[i].type && !strcmp(v[i].type, names[k]);
		if (!taken)
			return names[k];
	}
	return NULL;
}

/* Splits each name at its last '-' when the part after it is shared by
 * another name; then strips the prefix every such profile shares (up to a
 * '-'), which the template carries. */
static char *split(struct app *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *dash = strrchr(v[i].name, '-');
		if (!dash || dash == v[i].name || !text_is_name(dash + 1, TEXT_NAME_MAX))
			continue;
		size_t shared = 0;
		for (size_t k = 0; k < n; k++) {
			const char *d = strrchr(v[k].name, '-');
			shared += d && d != v[k].name && !strcmp(d, dash);
		}
		if (shared < 2)
			continue;
		v[i].profile = xstrndup(v[i].name, (size_t)(dash - v[i].name));
		v[i].type = dash + 1;
	}
	size_t common = SIZE_MAX;
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].profile)
			continue;
		if (!first)
			common = strlen(first = v[i].profile);
		size_t k = 0;
		while (k < common && first[k] == v[i].profile[k])
			k++;
		common = k;
	}
	while (first && common > 0 && first[common - 1] != '-')
		common--;
	for (size_t i = 0; first && common && i < n; i++)
		if (v[i].profile && !text_is_name(v[i].profile + common, TEXT_NAME_MAX))
			common = 0;
	char *prefix = xstrndup(first ? first : "", first ? common : 0);
	for (size_t i = 0; i < n; i++) {
		if (v[i].profile && common)
			memmove(v[i].profile, v[i].profile + common, strlen(v[i].profile + common) + 1);
		if (v[i].profile && !text_is_name(v[i].profile, TEXT_NAME_MAX)) {
			free(v[i].profile);
			v[i].profile = NULL;
			v[i].type = NULL;
		}
	}
	return prefix;
}

/* Whether a name is a Nix identifier (else it is written quoted). */
static bool bare(const char *s)
{
	static const char *const words[] = { "if", "then", "else", "let", "in", "with", "rec",
		"inherit", "assert", "or", NULL };
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-' || *p == '\''))
			return false;
	for (size_t k = 0; words[k]; k++)
		if (!strcmp(s, words[k]))
			return false;
	return true;
}

/* v as Nix: the top two levels on lines of their own, the rest inline. */
static void nix_value(struct buf *out, const cJSON *v, int depth)
{
	const char *sep = depth < 2 ? "\n" : " ";
	if (cJSON_IsString(v)) {
		nix_string(out, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		buf_printf(out, "%d", v->valueint);
	} else if (cJSON_IsBool(v)) {
		buf_puts(out, cJSON_IsTrue(v) ? "true" : "false");
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		bool obj = cJSON_IsObject(v);
		buf_puts(out, obj ? "{" : "[");
		for (const cJSON *e = v->child; e; e = e->next) {
			buf_puts(out, sep);
			if (depth < 2)
				buf_printf(out, "%*s", 2 * (depth + 1), "");
			if (obj) {
				if (bare(e->string))
					buf_puts(out, e->string);
				else
					nix_string(out, e->string);
				buf_puts(out, " = ");
			}
			nix_value(out, e, depth + 1);
			if (obj)
				buf_putc(out, ';');
		}
		buf_puts(out, sep);
		if (depth < 2 && v->child)
			buf_printf(out, "%*s", 2 * depth, "");
		buf_puts(out, obj ? "}" : "]");
	}
}

/* The draft as JSON: what manifest_parse() checks and nix_value() writes. */
static cJSON *draft(struct app *v, size_t n, const char *prefix, const char *as_is,
		    const char *name)
{
	cJSON *doc = cJSON_CreateObject(), *types = cJSON_CreateArray();
	cJSON *profiles = cJSON_CreateObject();
	cJSON_AddNumberToObject(doc, "version", 1);
	cJSON_AddStringToObject(doc, "name", name);
	if (*prefix) {
		struct buf t;
		buf_init(&t);
		buf_printf(&t, "%s{profile}-{type}", prefix);
		cJSON_AddStringToObject(doc, "app", t.data);
		buf_free(&t);
	}
	bool has_default = false, as_is_used = false;
	struct strlist order = { 0 };       /* the types, in the order the names show them */
	for (size_t i = 0; i < n; i++) {
		if (v[i].profile && v[i].type) {
			bool seen = false;
			for (size_t k = 0; k < order.n && !seen; k++)
				seen = !strcmp(order.v[k], v[i].type);
			if (!seen)
				strlist_add(&order, v[i].type);
		}
		as_is_used = as_is_used || (v[i].profile && !v[i].type);
		has_default = has_default || (v[i].profile && !v[i].type && !strcmp(v[i].name, "default"));
	}
	if (as_is_used)
		strlist_add(&order, as_is);
	if (has_default) {
		cJSON *d = cJSON_AddObjectToObject(doc, "defaults");
		cJSON_AddStringToObject(d, "profile", "default");
		cJSON_AddStringToObject(d, "type", as_is);
	}
	for (size_t k = 0; k < order.n; k++) {
		cJSON *t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "name", order.v[k]);
		if (as_is_used && k == order.n - 1)
			cJSON_AddStringToObject(t, "description", "the app as the flake has it");
		cJSON_AddItemToArray(types, t);
	}
	cJSON_AddItemToObject(doc, "types", types);
	for (size_t i = 0; i < n; i++) {
		if (!v[i].profile)
			continue;
		cJSON *p = cJSON_GetObjectItemCaseSensitive(profiles, v[i].profile);
		if (!p) {
			p = cJSON_AddObjectToObject(profiles, v[i].profile);
			cJSON_AddArrayToObject(p, "types");
		}
		const char *type = v[i].type ? v[i].type : as_is;
		if (!v[i].type) {
			if (*v[i].description)
				cJSON_AddStringToObject(p, "description", v[i].description);
			cJSON_AddStringToObject(cJSON_AddObjectToObject(p, "app"), as_is, v[i].name);
		}
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(p, "types"), cJSON_CreateString(type));
	}
	/* Each profile's types in the types' order; none listed when it has all. */
	for (cJSON *p = profiles->child; p; p = p->next) {
		cJSON *listed = cJSON_DetachItemFromObjectCaseSensitive(p, "types"), *mine = cJSON_CreateArray();
		for (size_t k = 0; k < order.n; k++)
			for (const cJSON *t = listed->child; t; t = t->next)
				if (!strcmp(t->valuestring, order.v[k])) {
					cJSON_AddItemToArray(mine, cJSON_CreateString(order.v[k]));
					break;
				}
		cJSON_Delete(listed);
		if ((size_t)cJSON_GetArraySize(mine) == order.n)
			cJSON_Delete(mine);
		else
			cJSON_AddItemToObject(p, "types", mine);
	}
	cJSON_AddItemToObject(doc, "profiles", profiles);
	strlist_free(&order);
	return doc;
}

/* The lines flake.nix needs, as Nix comments. */
static void flake_lines(struct buf *out)
{
	buf_puts(out, "# Then export it from flake.nix (every target's app is the flake's own already):\n"
		 "#   upManifest = import ./profiles/default.nix;   # beside the flake's outputs\n"
		 "# or, with up's library, which adds up's own app and a check that every target\n"
		 "# has its app (README: Adopting up):\n"
		 "#   inputs.up.url = \"github:OWNER/up\";\n"
		 "#   outputs = { self, up, ... }: up.lib.mkFlake {\n"
		 "#     inherit self;\n"
		 "#     manifest = import ./profiles/default.nix;\n"
		 "#     outputs = { ... };   # the flake's outputs as they were: all kept\n"
		 "#   };\n"
		 "# then git add profiles/default.nix (a flake sees only what git tracks).\n");
}

static int write_file(const char *dir, const struct buf *text, struct buf *path, struct buf *err)
{
	struct stat st;
	buf_printf(path, "%s/profiles", dir);
	if (mkdir(path->data, 0777) != 0 && errno != EEXIST)
		return fail(err, EXIT_INTERNAL, "cannot make %s: %s", path->data, strerror(errno));
	/* A real directory of the flake's, not a link to elsewhere. */
	if (lstat(path->data, &st) != 0 || !S_ISDIR(st.st_mode))
		return fail(err, EXIT_USAGE, "%s is not a directory (a file, or a symbolic link): "
			    "--init --write writes profiles/default.nix only into a directory of the "
			    "flake's own", path->data);
	buf_puts(path, "/default.nix");
	int fd = open(path->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd < 0 && errno == EEXIST)
		return fail(err, EXIT_USAGE, "%s exists: --init --write never writes over it (up --init "
			    "prints the draft; compare, or move the file away first)", path->data);
	if (fd < 0)
		return fail(err, EXIT_INTERNAL, "cannot write %s: %s", path->data, strerror(errno));
	bool ok = write(fd, text->data, text->len) == (ssize_t)text->len;
	ok = close(fd) == 0 && ok;
	if (!ok) {
		unlink(path->data);
		return fail(err, EXIT_INTERNAL, "cannot write %s", path->data);
	}
	return 0;
}

int init_run(const struct init *in, struct buf *out, struct buf *err)
{
	const struct manifest *m = in->apps;
	if (!manifest_from_apps(m))
		return fail(err, EXIT_USAGE, "%s has a manifest already (upManifest): --init drafts one "
			    "for a flake without; up --list shows what it holds", in->flake);
	if (in->write && !in->dir)
		return fail(err, EXIT_USAGE, "%s is not a local directory: --init --write writes "
			    "profiles/default.nix into one; up --init prints the draft", in->flake);
	size_t n = manifest_profile_count(m), kept = 0, typed = 0;
	struct app *v = xcalloc(n ? n : 1, sizeof *v);
	struct strlist out_of = { 0 };
	/* The apps a manifest can name first: the others are left out. */
	size_t fit = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = manifest_profile_name(m, i);
		if (text_is_name(name, TEXT_APP_MAX))
			v[fit++] = (struct app){ name, manifest_profile_description(m, i), NULL, NULL };
		else
			strlist_add(&out_of, name);
	}
	char *prefix = split(v, fit);
	const char *as_is = as_is_type(v, fit);
	for (size_t i = 0; i < fit; i++) {
		if (!v[i].profile && as_is && text_is_name(v[i].name, TEXT_NAME_MAX))
			v[i].profile = xstrdup(v[i].name);
		else if (!v[i].profile)
			strlist_add(&out_of, v[i].name);
		kept += v[i].profile != NULL;
		typed += v[i].type != NULL;
	}
	char *base = in->dir ? strrchr(in->dir, '/') : NULL;
	const char *name = base && text_is_name(base + 1, TEXT_NAME_MAX) ? base + 1 : "up";
	cJSON *doc = draft(v, fit, prefix, as_is ? as_is : "app", name);
	char *json = cJSON_PrintUnformatted(doc);
	struct manifest check;
	struct buf why, text, path;
	manifest_init(&check);
	buf_init(&why);
	buf_init(&text);
	buf_init(&path);
	int rc = 0;
	if (!kept)
		rc = fail(err, EXIT_USAGE, "none of the apps of %s can be a manifest's target (names of "
			  "letters, digits, '_', '+', '-'): there is nothing to draft", in->flake);
	else if (!json || manifest_parse(&check, json, strlen(json), "(the draft)", &why))
		rc = fail(err, EXIT_INTERNAL, "the draft is not a valid manifest (a bug in up): %s",
			  skip_prefix(buf_str(&why), "up: ") ? skip_prefix(buf_str(&why), "up: ")
			  : buf_str(&why));
	if (!rc) {
		buf_printf(&text, "# profiles/default.nix: drafted by up --init from the apps of %s on %s.\n"
			   "# %zu of %zu apps: %zu as profiles x types", in->flake, in->system, kept, n, typed);
		if (*prefix)
			buf_printf(&text, " (apps %s<profile>-<type>)", prefix);
		buf_printf(&text, ", %zu as they are (type %s).\n", kept - typed, as_is ? as_is : "app");
		for (size_t k = 0; k < out_of.n; k++) {
			buf_puts(&text, "# Left out: ");
			text_visible(&text, out_of.v[k]);
			buf_puts(&text, " (a manifest's app is a name of letters, digits, '_', '+', '-', at "
				 "most 255 long, and a profile's at most 64; nix run runs it as it is).\n");
		}
		buf_puts(&text, "# Check the names, add descriptions (man up: THE MANIFEST).\n");
		nix_value(&text, doc, 0);
		buf_putc(&text, '\n');
	}
	if (!rc && in->write && !(rc = write_file(in->dir, &text, &path, err))) {
		buf_printf(out, "wrote %s: %zu target%s from %zu app%s\n", path.data, kept,
			   kept == 1 ? "" : "s", n, n == 1 ? "" : "s");
		flake_lines(out);
	} else if (!rc && !in->write) {
		buf_add(out, text.data, text.len);
		flake_lines(out);
	}
	manifest_free(&check);
	buf_free(&why);
	buf_free(&text);
	buf_free(&path);
	cJSON_free(json);
	cJSON_Delete(doc);
	for (size_t i = 0; i < fit; i++)
		free(v[i].profile);
	free(v);
	free(prefix);
	strlist_free(&out_of);
	return rc;
}
