#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "json.h"
#include "plan.h"
#include "quote.h"

void plan_init(struct plan *pl)
{
	memset(pl, 0, sizeof *pl);
}

void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->argc; i++)
		free(pl->argv[i]);
	free(pl->argv);
	free(pl->profile);
	free(pl->type);
	free(pl->app);
	plan_init(pl);
}

void plan_build(struct plan *pl, const struct plan_context *ctx, const char *profile,
		const char *type, const char *app)
{
	const char *prefix[NIX_PREFIX_MAX];
	size_t np = nix_prefix(ctx->nix, prefix);
	struct buf installable;

	plan_free(pl);
	pl->profile = xstrdup(profile);
	pl->type = type ? xstrdup(type) : NULL;
	pl->app = xstrdup(app);
	buf_init(&installable);
	buf_printf(&installable, "%s#", ctx->flake);
	nix_fragment(&installable, app);

	pl->argv = xcalloc(np + 4 + ctx->nargs, sizeof *pl->argv);
	for (size_t i = 0; i < np; i++)
		pl->argv[pl->argc++] = xstrdup(prefix[i]);
	pl->argv[pl->argc++] = xstrdup("run");
	pl->argv[pl->argc++] = buf_take(&installable);
	if (ctx->nargs) {
		pl->argv[pl->argc++] = xstrdup("--");
		for (size_t i = 0; i < ctx->nargs; i++)
			pl->argv[pl->argc++] = xstrdup(ctx->args[i]);
	}
	pl->argv[pl->argc] = NULL;
}

char *plan_command(const struct plan *pl)
{
	return quote_argv(pl->argv);
}

char *plan_json(const struct plan *pl)
{
	cJSON *o = json_object_schema(pl->type ? JSON_SCHEMA : JSON_SCHEMA_APPS);
	cJSON *argv = cJSON_CreateArray();
	char *command = plan_command(pl);
	cJSON_AddStringToObject(o, "profile", pl->profile);
	json_add_string_or_null(o, "type", pl->type);
	cJSON_AddStringToObject(o, "app", pl->app);
	for (size_t i = 0; i < pl->argc; i++)
		cJSON_AddItemToArray(argv, cJSON_CreateString(pl->argv[i]));
	cJSON_AddItemToObject(o, "argv", argv);
	cJSON_AddStringToObject(o, "command", command);
	free(command);
	struct buf text;
	buf_init(&text);
	json_print(&text, o);
	if (!text.len)
		buf_puts(&text, "null\n");
	text.data[--text.len] = '\0';
	return buf_take(&text);
}

int plan_exec(const struct plan *pl, struct buf *err)
{
	execvp(pl->argv[0], pl->argv);
	int e = errno;
	return fail(err, e == ENOENT ? EXIT_NONIX : EXIT_INTERNAL, "cannot run '%s': %s",
		    pl->argv[0], strerror(e));
}
