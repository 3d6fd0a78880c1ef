#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "json.h"
#include "show.h"

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
	int rc = nix_eval(s->nix, &rq, &json, &log, err);
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

static void line(struct buf *out, const char *label, const char *text)
{
	buf_printf(out, "  %-12s %s\n", label, text);
}

int show_target(const struct show *s, const struct target *tg, struct buf *out, struct buf *err)
{
	const struct manifest *m = s->manifest;
	const char *profile = manifest_profile_name(m, tg->profile);
	const char *type = manifest_type_name(m, tg->type);
	const char *app = manifest_app(m, tg->profile, tg->type);
	struct buf attr, reason, fix, eval_err, text;
	struct plan pl;
	char *program, *description;
	buf_init(&attr);
	buf_init(&reason);
	buf_init(&fix);
	buf_init(&eval_err);
	buf_init(&text);
	plan_init(&pl);
	struct strlist systems = { 0 };
	const char *system = target_systems(tg, m, platform_system(s->platform), &systems);
	bool elsewhere = strcmp(system, platform_system(s->platform)) != 0;
	buf_printf(&attr, "apps.%s.%s", system, app);
	int rc = app_info(s, attr.data, &program, &description, &eval_err);
	bool available = target_why_not(tg, m, s->platform, &reason, &fix) == 0;
	plan_build(&pl, s->context, profile, type, app);
	char *command = plan_command(&pl);
	if (s->json) {
		cJSON *o = json_object();
		cJSON_AddStringToObject(o, "profile", profile);
		cJSON_AddStringToObject(o, "type", type);
		cJSON_AddStringToObject(o, "app", app);
		if (program)
			cJSON_AddStringToObject(o, "program", program);
		else
			cJSON_AddNullToObject(o, "program");
		if (description)
			cJSON_AddStringToObject(o, "description", description);
		else
			cJSON_AddNullToObject(o, "description");
		cJSON_AddStringToObject(o, "profile_description", manifest_profile_description(m, tg->profile));
		cJSON_AddStringToObject(o, "type_description", manifest_type_description(m, tg->type));
		cJSON_AddBoolToObject(o, "available", available);
		if (available) {
			cJSON_AddNullToObject(o, "reason");
			cJSON_AddNullToObject(o, "fix");
		} else {
			cJSON_AddStringToObject(o, "reason", reason.data);
			cJSON_AddStringToObject(o, "fix", fix.data);
		}
		cJSON_AddStringToObject(o, "command", command);
		cJSON *list = cJSON_AddArrayToObject(o, "systems");
		for (size_t k = 0; k < systems.n; k++)
			cJSON_AddItemToArray(list, cJSON_CreateString(systems.v[k]));
		cJSON_AddStringToObject(o, "app_system", system);
		json_print(out, o);
	} else {
		buf_printf(out, "%s %s (%s)\n", profile, type, manifest_name(m));
		buf_printf(&text, "%s (%s)", app, attr.data);
		line(out, "app", text.data);
		line(out, "program", program ? program : "(not in the flake: see below)");
		line(out, "description", description ? description : "(none)");
		buf_reset(&text);
		buf_printf(&text, "%s: %s", profile, manifest_profile_description(m, tg->profile));
		line(out, "profile", text.data);
		buf_reset(&text);
		buf_printf(&text, "%s: %s", type, manifest_type_description(m, tg->type));
		line(out, "type", text.data);
		buf_reset(&text);
		for (size_t k = 0; k < systems.n; k++)
			buf_printf(&text, "%s%s", k ? ", " : "", systems.v[k]);
		if (systems.n) {
			buf_puts(&text, elsewhere ? " (the app above is that of " : "");
			if (elsewhere)
				buf_printf(&text, "%s; this machine is %s)", system, platform_system(s->platform));
			line(out, "meant for", text.data);
			buf_reset(&text);
		}
		if (available)
			buf_puts(&text, "yes");
		else
			buf_printf(&text, "no: %s\n  %-12s %s", reason.data, "fix", fix.data);
		line(out, "runs here", text.data);
		line(out, "command", command);
	}
	if (rc == EXIT_MANIFEST && strstr(buf_str(&eval_err), "does not provide attribute"))
		fail(err, rc, "the flake has no app %s for %s (%s); give it one, e.g. with up.lib.mkApps, "
		     "which builds one per target", app, system, attr.data);
	else if (rc)
		buf_add(err, buf_str(&eval_err), eval_err.len);
	if (rc == EXIT_MANIFEST && !strstr(buf_str(&eval_err), "does not provide attribute"))
		fail(err, rc, "could not evaluate %s#%s (nix's error is above)", s->context->flake,
		     attr.data);
	free(command);
	free(program);
	free(description);
	plan_free(&pl);
	buf_free(&attr);
	strlist_free(&systems);
	buf_free(&reason);
	buf_free(&fix);
	buf_free(&eval_err);
	buf_free(&text);
	return rc;
}
