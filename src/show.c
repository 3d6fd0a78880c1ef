#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cache_nix.h"
#include "exitcode.h"
#include "json.h"
#include "show.h"
#include "text.h"

/* The app's program and meta.description, as apps.<system>.<app> has them. */
static int app_info(const struct show *s, const char *attr, char **program, char **description,
		    struct buf *err)
{
	struct buf json, log;
	struct nix_request rq = { .flake = s->context->flake, .attr = attr,
		.apply = "a: { program = a.program; description = a.meta.description or null; }" };
	buf_init(&json);
	buf_init(&log);
	*program = *description = NULL;
	cache_nix_recall(s->nix);
	int rc = nix_eval_output(s->nix, &rq, &json, &log, err);
	cache_nix_keep(s->nix);
	cJSON *o = rc ? NULL : cJSON_ParseWithLength(json.data, json.len);
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "program");
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "description");
	if (cJSON_IsString(p))
		*program = xstrdup(p->valuestring);
	if (cJSON_IsString(d))
		*description = xstrdup(d->valuestring);
	if (!rc && !*program)
		rc = fail(err, EXIT_MANIFEST, "%s is not an app with a program", attr);
	cJSON_Delete(o);
	buf_free(&json);
	buf_free(&log);
	return rc;
}

/* What --show says of a target, gathered once for either form. */
struct shown {
	const char *profile, *type, *app;
	const char *system;          /* whose apps the app is read from */
	struct strlist systems;      /* those the target is meant for (none: all) */
	struct buf attr;             /* apps.SYSTEM.APP */
	char *program, *description; /* the app's, or NULL */
	struct buf program_why;      /* without a program: why, for a person */
	bool available;
	struct buf reason, fix;
	char *command;
};

static void line(struct buf *out, const char *label, const char *text)
{
	buf_printf(out, "  %-12s %s\n", label, text);
}

static void show_json(const struct show *s, const struct target *tg, const struct shown *w,
		      struct buf *out)
{
	const struct manifest *m = s->manifest;
	bool apps = manifest_from_apps(m);
	cJSON *o = json_object_schema(apps ? JSON_SCHEMA_APPS : JSON_SCHEMA);
	cJSON_AddStringToObject(o, "profile", w->profile);
	json_add_string_or_null(o, "type", w->type);
	cJSON_AddStringToObject(o, "app", w->app);
	if (w->program)
		cJSON_AddStringToObject(o, "program", w->program);
	else
		cJSON_AddNullToObject(o, "program");
	if (w->description)
		cJSON_AddStringToObject(o, "description", w->description);
	else
		cJSON_AddNullToObject(o, "description");
	cJSON_AddStringToObject(o, "profile_description", manifest_profile_description(m, tg->profile));
	json_add_string_or_null(o, "type_description",
				apps ? NULL : manifest_type_description(m, tg->type));
	cJSON_AddBoolToObject(o, "available", w->available);
	if (w->available) {
		cJSON_AddNullToObject(o, "reason");
		cJSON_AddNullToObject(o, "fix");
	} else {
		cJSON_AddStringToObject(o, "reason", w->reason.data);
		cJSON_AddStringToObject(o, "fix", w->fix.data);
	}
	cJSON_AddStringToObject(o, "command", w->command);
	cJSON *list = cJSON_AddArrayToObject(o, "systems");
	for (size_t k = 0; k < w->systems.n; k++)
		cJSON_AddItemToArray(list, cJSON_CreateString(w->systems.v[k]));
	cJSON_AddStringToObject(o, "app_system", w->system);
	json_print(out, o);
}

static void show_text(const struct show *s, const struct target *tg, const struct shown *w,
		      struct buf *out)
{
	const struct manifest *m = s->manifest;
	const char *here = platform_system(s->platform);
	struct buf text;
	buf_init(&text);
	if (w->type) {
		buf_printf(out, "%s %s (%s)\n", w->profile, w->type, manifest_name(m));
	} else {   /* an app of a flake without a manifest: no profile, no type */
		text_visible(&text, w->profile);
		buf_printf(out, "%s (an app of the flake, which has no manifest)\n", text.data);
		buf_reset(&text);
	}
	buf_printf(&text, "%s (%s)", w->app, w->attr.data);
	line(out, "app", text.data);
	buf_reset(&text);
	text_visible(&text, w->program ? w->program : w->program_why.data);
	line(out, "program", text.data);
	buf_reset(&text);
	text_visible(&text, w->description ? w->description : "(none)");
	line(out, "description", text.data);
	if (w->type) {
		buf_reset(&text);
		buf_printf(&text, "%s: %s", w->profile, manifest_profile_description(m, tg->profile));
		line(out, "profile", text.data);
		buf_reset(&text);
		buf_printf(&text, "%s: %s", w->type, manifest_type_description(m, tg->type));
		line(out, "type", text.data);
	}
	if (w->systems.n) {
		buf_reset(&text);
		for (size_t k = 0; k < w->systems.n; k++)
			buf_printf(&text, "%s%s", k ? ", " : "", w->systems.v[k]);
		if (strcmp(w->system, here))
			buf_printf(&text, " (the app above is that of %s; this machine is %s)", w->system,
				   here);
		line(out, "meant for", text.data);
	}
	buf_reset(&text);
	if (w->available)
		buf_puts(&text, "yes");
	else
		buf_printf(&text, "no: %s\n  %-12s %s", w->reason.data, "fix", w->fix.data);
	line(out, "runs here", text.data);
	line(out, "command", w->command);
	buf_free(&text);
}

int show_target(const struct show *s, const struct target *tg, struct buf *out, struct buf *err)
{
	const struct manifest *m = s->manifest;
	struct shown w = { .profile = manifest_profile_name(m, tg->profile),
			   .type = manifest_from_apps(m) ? NULL : manifest_type_name(m, tg->type),
			   .app = manifest_app(m, tg->profile, tg->type) };
	struct buf eval_err;
	struct plan pl;
	buf_init(&w.attr);
	buf_init(&w.program_why);
	buf_init(&w.reason);
	buf_init(&w.fix);
	buf_init(&eval_err);
	plan_init(&pl);
	w.system = target_systems(tg, m, platform_system(s->platform), &w.systems);
	buf_printf(&w.attr, "apps.%s.", w.system);
	nix_fragment(&w.attr, w.app);
	int rc = app_info(s, w.attr.data, &w.program, &w.description, &eval_err);
	/* No program: say which way it is missing (the error itself follows). */
	bool missing = rc == EXIT_MANIFEST && nix_error_missing(buf_str(&eval_err));
	if (missing) {
		buf_printf(&w.program_why, "(none: the flake has no app %s for %s; see below)", w.app,
			   w.system);
	} else if (rc) {
		buf_puts(&w.program_why, "(could not be evaluated: ");
		nix_error_line(&w.program_why, buf_str(&eval_err));
		buf_puts(&w.program_why, ")");
	}
	w.available = target_why_not(tg, m, s->platform, &w.reason, &w.fix) == 0;
	plan_build(&pl, s->context, w.profile, w.type, w.app);
	w.command = plan_command(&pl);
	if (s->json)
		show_json(s, tg, &w, out);
	else
		show_text(s, tg, &w, out);
	if (missing) {
		fail(err, rc, "the flake has no app %s for %s (%s); give it one, e.g. with up.lib.mkApps, "
		     "which builds one per target", w.app, w.system, w.attr.data);
	} else if (rc) {
		buf_add(err, buf_str(&eval_err), eval_err.len);
		if (rc == EXIT_MANIFEST)
			fail(err, rc, "could not evaluate %s#%s (nix's error is above)",
			     s->context->flake, w.attr.data);
	}
	free(w.command);
	free(w.program);
	free(w.description);
	plan_free(&pl);
	buf_free(&w.attr);
	buf_free(&w.program_why);
	strlist_free(&w.systems);
	buf_free(&w.reason);
	buf_free(&w.fix);
	buf_free(&eval_err);
	return rc;
}
