#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json.h"
#include "options.h"
#include "quote.h"
#include "suggest.h"
#include "target.h"
#include "text.h"

enum { LIST_MAX = 24, ALTERNATIVES_MAX = 8 };

static void name_list(struct buf *out, const char *label, const char *const *names, size_t n)
{
	buf_printf(out, "%s:", label);
	for (size_t i = 0; i < n && i < LIST_MAX; i++)
		buf_printf(out, " %s", names[i]);
	if (n > LIST_MAX)
		buf_printf(out, " ... and %zu more (%s --list shows all)", n - LIST_MAX, options_self());
}

/* "unknown KIND 'WORD'; did you mean ...?", then the KINDs there are. */
static void unknown(struct buf *msg, const char *kind, const char *word,
		    const char *const *names, size_t n)
{
	buf_printf(msg, "unknown %s ", kind);
	text_show_name(msg, word);
	buf_puts(msg, "; ");
	size_t before = msg->len;
	suggest(msg, word, names, n);
	if (msg->len != before)
		buf_puts(msg, "\n  ");
	struct buf label;
	buf_init(&label);
	buf_printf(&label, "%ss", kind);
	name_list(msg, label.data, names, n);
	buf_free(&label);
}

static const char **profile_names(const struct manifest *m)
{
	const char **names = xcalloc(manifest_profile_count(m), sizeof *names);
	for (size_t p = 0; p < manifest_profile_count(m); p++)
		names[p] = manifest_profile_name(m, p);
	return names;
}

static const char **type_names(const struct manifest *m, size_t p)
{
	size_t n = p == MANIFEST_NONE ? manifest_type_count(m) : manifest_profile_type_count(m, p);
	const char **names = xcalloc(n, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = manifest_type_name(m, p == MANIFEST_NONE ? manifest_type_in_order(m, i)
						     : manifest_profile_type(m, p, i));
	return names;
}

/* Why type (a name that is not one the profile lists) cannot be had. */
static void type_trouble(struct buf *msg, const struct manifest *m, size_t p, const char *type)
{
	size_t nt = manifest_profile_type_count(m, p);
	const char **names = type_names(m, p);
	if (manifest_type_find(m, type) == MANIFEST_NONE) {
		const char **every = type_names(m, MANIFEST_NONE);
		unknown(msg, "type", type, every, manifest_type_count(m));
		free(every);
		buf_printf(msg, "\n  profile '%s' lists ", manifest_profile_name(m, p));
		name_list(msg, "types", names, nt);
	} else {
		buf_printf(msg, "profile '%s' does not list type '%s'\n  ",
			   manifest_profile_name(m, p), type);
		name_list(msg, "its types", names, nt);
	}
	free(names);
}

int target_resolve(struct target *tg, const struct manifest *m, const struct target_words *w,
		   struct buf *err)
{
	const char *profile = w->profile, *type = w->type;
	struct buf msg;
	buf_init(&msg);
	bool apps = manifest_from_apps(m);
	tg->profile = profile ? manifest_profile_find(m, profile) : manifest_profile_default(m);
	if (tg->profile == MANIFEST_NONE && !profile) {
		/* A flake's apps without one called default. */
		const char **names = profile_names(m);
		buf_puts(&msg, "the flake has no manifest and no default app, so there is nothing to run "
			 "without a name; name one of its apps\n  ");
		name_list(&msg, "apps", names, manifest_profile_count(m));
		free(names);
	} else if (tg->profile == MANIFEST_NONE) {
		const char **names = profile_names(m);
		unknown(&msg, apps ? "app" : "profile", profile, names, manifest_profile_count(m));
		free(names);
	} else if (!type || apps) {
		tg->type = manifest_type_default(m, tg->profile);
	} else {
		tg->type = manifest_type_find(m, type);
		if (tg->type == MANIFEST_NONE || !manifest_profile_lists(m, tg->profile, tg->type))
			type_trouble(&msg, m, tg->profile, type);
	}
	int rc = msg.len ? fail(err, EXIT_USAGE, "%s", msg.data) : 0;
	buf_free(&msg);
	return rc;
}

/* What profile or type i needs, checked. */
static int needs_met(const struct manifest *m, size_t i, enum manifest_of of,
		     struct platform *pf, struct buf *reason, struct buf *fix)
{
	size_t n = manifest_system_count(m, of, i);
	const char **systems = xcalloc(n, sizeof *systems);
	for (size_t k = 0; k < n; k++)
		systems[k] = manifest_system(m, of, i, k);
	size_t np = manifest_program_count(m, of, i);
	const char **programs = xcalloc(np ? np : 1, sizeof *programs);
	for (size_t k = 0; k < np; k++)
		programs[k] = manifest_program(m, of, i, k);
	struct platform_needs needs = { systems, n, manifest_requires_kvm(m, of, i), programs, np };
	int rc = platform_check(pf, &needs, reason, fix);
	free(systems);
	free(programs);
	return rc;
}

/* target_available(), saying whether the profile (rather than the type)
 * is what this machine cannot run; the reason then names it. */
static int why_not(const struct target *tg, const struct manifest *m, struct platform *pf,
		   struct buf *reason, struct buf *fix, bool *by_profile)
{
	struct buf r;
	buf_init(&r);
	*by_profile = needs_met(m, tg->profile, MANIFEST_PROFILE, pf, &r, fix) != 0;
	if (*by_profile)
		buf_printf(reason, "profile '%s' %s", manifest_profile_name(m, tg->profile), buf_str(&r));
	buf_free(&r);
	return *by_profile ? EXIT_UNAVAILABLE : needs_met(m, tg->type, MANIFEST_TYPE, pf, reason, fix);
}

int target_available(const struct target *tg, const struct manifest *m, struct platform *pf,
		     struct buf *reason, struct buf *fix)
{
	bool by_profile;
	return why_not(tg, m, pf, reason, fix, &by_profile);
}

int target_why_not(const struct target *tg, const struct manifest *m, struct platform *pf,
		   struct buf *reason, struct buf *fix)
{
	bool by_profile;
	struct buf r;
	buf_init(&r);
	int rc = why_not(tg, m, pf, &r, fix, &by_profile);
	if (rc && !by_profile)
		buf_printf(reason, "type '%s' ", manifest_type_name(m, tg->type));
	buf_puts(reason, buf_str(&r));
	buf_free(&r);
	return rc;
}

int target_profile_available(const struct manifest *m, size_t p, struct platform *pf,
			     struct buf *reason, struct buf *fix)
{
	if (needs_met(m, p, MANIFEST_PROFILE, pf, reason, fix))
		return EXIT_UNAVAILABLE;
	struct buf r, f, first;
	size_t n = manifest_profile_type_count(m, p);
	int rc = EXIT_UNAVAILABLE;
	buf_init(&r);
	buf_init(&f);
	buf_init(&first);
	for (size_t i = 0; i < n && rc; i++) {
		size_t t = manifest_profile_type(m, p, i);
		buf_reset(&r);
		buf_reset(&f);
		rc = needs_met(m, t, MANIFEST_TYPE, pf, &r, &f);
		if (rc && i == 0) {
			buf_printf(&first, "type '%s' %s", manifest_type_name(m, t), buf_str(&r));
			buf_puts(fix, buf_str(&f));
		}
	}
	if (rc)
		buf_printf(reason, "%s: %s", n == 1 ? "its only type cannot run here"
			   : "none of its types can run here; the first", buf_str(&first));
	buf_free(&r);
	buf_free(&f);
	buf_free(&first);
	return rc;
}

bool target_needs_kvm(const struct target *tg, const struct manifest *m)
{
	return manifest_requires_kvm(m, MANIFEST_PROFILE, tg->profile) ||
	       manifest_requires_kvm(m, MANIFEST_TYPE, tg->type);
}

static bool lists_system(const struct manifest *m, size_t i, enum manifest_of of,
			 const char *system)
{
	size_t n = manifest_system_count(m, of, i);
	for (size_t k = 0; k < n; k++)
		if (!strcmp(manifest_system(m, of, i, k), system))
			return true;
	return n == 0;
}

bool target_meant_here(const struct target *tg, const struct manifest *m,
		       const struct platform *pf)
{
	return lists_system(m, tg->profile, MANIFEST_PROFILE, platform_system(pf)) &&
	       lists_system(m, tg->type, MANIFEST_TYPE, platform_system(pf));
}

const char *target_systems(const struct target *tg, const struct manifest *m, const char *here,
			   struct strlist *out)
{
	const char *first = NULL;
	for (int of = 0; of < 2; of++) {
		enum manifest_of which = of ? MANIFEST_PROFILE : MANIFEST_TYPE;
		enum manifest_of other = of ? MANIFEST_TYPE : MANIFEST_PROFILE;
		size_t i = of ? tg->profile : tg->type, j = of ? tg->type : tg->profile;
		if (!manifest_system_count(m, which, i) ||
		    (of && manifest_system_count(m, other, j)))
			continue;     /* a list of both: read once, from the type */
		for (size_t k = 0; k < manifest_system_count(m, which, i); k++) {
			const char *sys = manifest_system(m, which, i, k);
			if (!lists_system(m, j, other, sys))
				continue;
			strlist_add(out, sys);
			first = first ? first : sys;
		}
	}
	bool here_too = lists_system(m, tg->type, MANIFEST_TYPE, here) &&
			lists_system(m, tg->profile, MANIFEST_PROFILE, here);
	return here_too || !first ? here : first;
}

/* Appends "\n    nix run FLAKE#APP [-- ARGS]" for target (p, t). */
static void command_line(struct buf *out, const struct manifest *m,
			 const struct plan_context *ctx, size_t p, size_t t)
{
	struct plan pl;
	const char *app = manifest_app(m, p, t);
	plan_init(&pl);
	plan_build(&pl, ctx, manifest_profile_name(m, p), manifest_type_name(m, t), app);
	char *cmd = plan_command(&pl);
	buf_printf(out, "\n    %s", cmd);
	free(cmd);
	plan_free(&pl);
}

/* The runnable alternatives: the same profile's other types first, else
 * any target, as full commands. */
static void alternatives(struct buf *msg, const struct target *tg, const struct manifest *m,
			 struct platform *pf, const struct plan_context *ctx)
{
	struct buf scratch;
	size_t shown = 0;
	buf_init(&scratch);
	for (int pass = 0; pass < 2 && !shown; pass++)
		for (size_t p = 0; p < manifest_profile_count(m) && shown < ALTERNATIVES_MAX; p++) {
			if (pass == 0 && p != tg->profile)
				continue;
			for (size_t i = 0; i < manifest_profile_type_count(m, p) &&
			     shown < ALTERNATIVES_MAX; i++) {
				size_t t = manifest_profile_type(m, p, i);
				buf_reset(&scratch);
				if (target_available(&(struct target){ p, t }, m, pf, &scratch, &scratch))
					continue;
				if (!shown)
					buf_puts(msg, pass == 0 ? "\n  runnable here instead:"
						 : "\n  this profile has no type that runs here; runnable targets:");
				command_line(msg, m, ctx, p, t);
				shown++;
			}
		}
	if (!shown)
		buf_puts(msg, "\n  no target of this flake runs on this machine");
	buf_free(&scratch);
}

int target_check(const struct target *tg, const struct manifest *m, struct platform *pf,
		 const struct plan_context *ctx, struct buf *err)
{
	struct buf reason, fix, msg;
	buf_init(&reason);
	buf_init(&fix);
	buf_init(&msg);
	int rc = target_why_not(tg, m, pf, &reason, &fix);
	if (rc) {
		buf_printf(&msg, "profile '%s' type '%s' cannot run here: %s\n  fix: %s",
			   manifest_profile_name(m, tg->profile), manifest_type_name(m, tg->type),
			   reason.data, fix.data);
		alternatives(&msg, tg, m, pf, ctx);
		fail(err, rc, "%s", msg.data);
	}
	buf_free(&reason);
	buf_free(&fix);
	buf_free(&msg);
	return rc;
}

static void list_json(struct buf *out, const struct manifest *m, struct platform *pf, size_t only)
{
	bool apps = manifest_from_apps(m);
	cJSON *array = cJSON_CreateArray();
	struct buf reason, fix;
	buf_init(&reason);
	buf_init(&fix);
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		for (size_t i = 0; (only == MANIFEST_NONE || p == only) &&
		     i < manifest_profile_type_count(m, p); i++) {
			size_t t = manifest_profile_type(m, p, i);
			const char *app = manifest_app(m, p, t);
			buf_reset(&reason);
			bool ok = target_available(&(struct target){ p, t }, m, pf, &reason, &fix) == 0;
			cJSON *o = json_object_schema(apps ? JSON_SCHEMA_APPS : JSON_SCHEMA);
			cJSON_AddStringToObject(o, "profile", manifest_profile_name(m, p));
			json_add_string_or_null(o, "type", apps ? NULL : manifest_type_name(m, t));
			cJSON_AddStringToObject(o, "app", app);
			cJSON_AddBoolToObject(o, "available", ok);
			if (ok)
				cJSON_AddNullToObject(o, "reason");
			else
				cJSON_AddStringToObject(o, "reason", reason.data);
			cJSON_AddStringToObject(o, "profile_description", manifest_profile_description(m, p));
			json_add_string_or_null(o, "type_description",
						apps ? NULL : manifest_type_description(m, t));
			cJSON *aliases = cJSON_AddArrayToObject(o, "aliases");
			for (size_t k = 0; k < manifest_alias_count(m, p); k++)
				cJSON_AddItemToArray(aliases, cJSON_CreateString(manifest_alias(m, p, k)));
			struct strlist systems = { 0 };
			target_systems(&(struct target){ p, t }, m, platform_system(pf), &systems);
			cJSON *list = cJSON_AddArrayToObject(o, "systems");
			for (size_t k = 0; k < systems.n; k++)
				cJSON_AddItemToArray(list, cJSON_CreateString(systems.v[k]));
			strlist_free(&systems);
			cJSON_AddItemToArray(array, o);
		}
	}
	json_print(out, array);
	buf_free(&reason);
	buf_free(&fix);
}

/* A flake's apps: each one's name (as a person can read it) and
 * description. */
static void list_apps(struct buf *out, const struct manifest *m, size_t only)
{
	struct strlist shown = { 0 };
	int w = 3;
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		struct buf b;
		buf_init(&b);
		text_visible(&b, manifest_profile_name(m, p));
		w = (int)b.len > w ? (int)b.len : w;
		strlist_take(&shown, buf_take(&b));
	}
	buf_printf(out, "%-*s  %s\n", w, "APP", "DESCRIPTION");
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		if (only != MANIFEST_NONE && p != only)
			continue;
		struct buf d;
		buf_init(&d);
		text_visible(&d, manifest_profile_description(m, p));
		buf_printf(out, "%-*s  %s\n", w, shown.v[p], d.len ? d.data : "-");
		buf_free(&d);
	}
	strlist_free(&shown);
}

static void list_table(struct buf *out, const struct manifest *m, struct platform *pf, size_t only)
{
	if (manifest_from_apps(m)) {
		list_apps(out, m, only);
		return;
	}
	struct buf reason, fix;
	int wp = 7, wt = 4, wa = 3;
	buf_init(&reason);
	buf_init(&fix);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			buf_printf(out, "%-*s  %-*s  %-*s  %s\n", wp, "PROFILE", wt, "TYPE", wa, "APP",
				   "AVAILABLE");
		for (size_t p = 0; p < manifest_profile_count(m); p++) {
			const char *pn = manifest_profile_name(m, p);
			for (size_t i = 0; (only == MANIFEST_NONE || p == only) &&
			     i < manifest_profile_type_count(m, p); i++) {
				size_t t = manifest_profile_type(m, p, i);
				const char *tn = manifest_type_name(m, t);
				const char *app = manifest_app(m, p, t);
				if (pass == 0) {
					wp = (int)strlen(pn) > wp ? (int)strlen(pn) : wp;
					wt = (int)strlen(tn) > wt ? (int)strlen(tn) : wt;
					wa = (int)strlen(app) > wa ? (int)strlen(app) : wa;
				} else {
					buf_reset(&reason);
					bool ok = target_available(&(struct target){ p, t }, m, pf, &reason, &fix) == 0;
					buf_printf(out, "%-*s  %-*s  %-*s  %s%s\n", wp, pn, wt, tn, wa, app,
						   ok ? "yes" : "no: ", ok ? "" : reason.data);
				}
			}
		}
	}
	buf_free(&reason);
	buf_free(&fix);
}

void target_list(struct buf *out, const struct manifest *m, struct platform *pf,
		 size_t only_profile, bool json)
{
	if (json)
		list_json(out, m, pf, only_profile);
	else
		list_table(out, m, pf, only_profile);
}
