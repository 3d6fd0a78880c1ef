#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "exitcode.h"
#include "plan.h"
#include "quote.h"
#include "target.h"

enum { LIST_MAX = 24 };

/* Optimal string alignment distance, capped for long words. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 128 || lb > 128)
		return (size_t)-1;
	size_t d[129][129];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

/* The closest names to word among names, for "did you mean". */
static void suggest(struct buf *out, const char *word, const char *const *names, size_t n)
{
	size_t limit = strlen(word) / 3 + 1;
	if (limit > 3)
		limit = 3;
	const char *best[3] = { NULL, NULL, NULL };
	size_t bestd[3] = { (size_t)-1, (size_t)-1, (size_t)-1 };
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);
		/* A word that starts a name is as good as one typo. */
		if (*word && !strncmp(names[i], word, strlen(word)) && d > 1)
			d = 1;
		if (d > limit)
			continue;
		for (size_t k = 0; k < 3; k++)
			if (d < bestd[k]) {
				for (size_t j = 2; j > k; j--) {
					best[j] = best[j - 1];
					bestd[j] = bestd[j - 1];
				}
				best[k] = names[i];
				bestd[k] = d;
				break;
			}
	}
	if (!best[0])
		return;
	size_t count = best[1] ? best[2] ? 3 : 2 : 1;
	buf_puts(out, "did you mean ");
	for (size_t k = 0; k < count; k++)
		buf_printf(out, "%s'%s'", k == 0 ? "" : k + 1 == count ? " or " : ", ", best[k]);
	buf_puts(out, "?");
}

static void name_list(struct buf *out, const char *label, const char *const *names, size_t n)
{
	buf_printf(out, "%s:", label);
	for (size_t i = 0; i < n && i < LIST_MAX; i++)
		buf_printf(out, " %s", names[i]);
	if (n > LIST_MAX)
		buf_printf(out, " ... and %zu more (up --list shows all)", n - LIST_MAX);
}

static void unknown(struct buf *err, const char *kind, const char *word,
		    const char *const *names, size_t n, const char *label)
{
	buf_printf(err, "unknown %s ", kind);
	manifest_show_name(err, word);
	buf_puts(err, "; ");
	size_t before = err->len;
	suggest(err, word, names, n);
	if (err->len != before)
		buf_puts(err, "\n  ");
	name_list(err, label, names, n);
}

int target_resolve(struct target *tg, const struct manifest *m,
		   const char *profile, const char *type, struct buf *err)
{
	size_t np = manifest_profile_count(m);
	tg->profile = profile ? manifest_profile_find(m, profile) : manifest_profile_default(m);
	if (tg->profile == MANIFEST_NONE) {
		const char **names = xcalloc(np, sizeof *names);
		for (size_t p = 0; p < np; p++)
			names[p] = manifest_profile_name(m, p);
		unknown(err, "profile", profile, names, np, "profiles");
		free(names);
		return EXIT_USAGE;
	}
	size_t p = tg->profile;
	if (!type) {
		tg->type = manifest_type_default(m, p);
		return 0;
	}
	size_t nt = manifest_profile_type_count(m, p);
	const char **names = xcalloc(nt, sizeof *names);
	for (size_t i = 0; i < nt; i++)
		names[i] = manifest_type_name(m, manifest_profile_type(m, p, i));
	tg->type = manifest_type_find(m, type);
	int rc = 0;
	if (tg->type == MANIFEST_NONE) {
		size_t all = manifest_type_count(m);
		const char **every = xcalloc(all, sizeof *every);
		for (size_t t = 0; t < all; t++)
			every[t] = manifest_type_name(m, t);
		unknown(err, "type", type, every, all, "types");
		free(every);
		buf_printf(err, "\n  profile '%s' lists ", manifest_profile_name(m, p));
		name_list(err, "types", names, nt);
		rc = EXIT_USAGE;
	} else if (!manifest_profile_lists(m, p, tg->type)) {
		buf_printf(err, "profile '%s' does not list type '%s'\n  ",
			   manifest_profile_name(m, p), type);
		name_list(err, "its types", names, nt);
		rc = EXIT_USAGE;
	}
	free(names);
	return rc;
}

/* "  nix run FLAKE#APP [-- ARGS]" for target (p, t). */
static void command_line(struct buf *out, const struct manifest *m, const struct nix *nx,
			 const char *flake, size_t p, size_t t, char *const *args, size_t nargs)
{
	struct plan pl;
	char *app = manifest_app(m, p, t);
	plan_init(&pl);
	plan_build(&pl, nx, flake, manifest_profile_name(m, p), manifest_type_name(m, t),
		   app, args, nargs);
	char *cmd = plan_command(&pl);
	buf_printf(out, "\n    %s", cmd);
	free(cmd);
	free(app);
	plan_free(&pl);
}

int target_check(const struct target *tg, const struct manifest *m, struct platform *pf,
		 const struct nix *nx, const char *flake, char *const *args, size_t nargs,
		 struct buf *err)
{
	const char *reason = platform_reason(pf, m, tg->type);
	if (!reason)
		return 0;
	buf_printf(err, "profile '%s' type '%s' cannot run here: type '%s' %s\n  fix: %s",
		   manifest_profile_name(m, tg->profile), manifest_type_name(m, tg->type),
		   manifest_type_name(m, tg->type), reason, platform_fix(pf));

	/* Alternatives: the same profile's other types first, else any target. */
	size_t shown = 0;
	for (int pass = 0; pass < 2 && !shown; pass++) {
		for (size_t p = 0; p < manifest_profile_count(m) && shown < 8; p++) {
			if (pass == 0 && p != tg->profile)
				continue;
			for (size_t i = 0; i < manifest_profile_type_count(m, p) && shown < 8; i++) {
				size_t t = manifest_profile_type(m, p, i);
				if (platform_reason(pf, m, t))
					continue;
				if (!shown)
					buf_puts(err, pass == 0 ? "\n  runnable here instead:"
							      : "\n  this profile has no type that runs here; runnable targets:");
				command_line(err, m, nx, flake, p, t, args, nargs);
				shown++;
			}
		}
	}
	if (!shown)
		buf_puts(err, "\n  no target of this flake runs on this machine");
	return EXIT_UNAVAILABLE;
}

void target_list(FILE *out, const struct manifest *m, struct platform *pf,
		 size_t only_profile, bool json)
{
	cJSON *array = json ? cJSON_CreateArray() : NULL;
	size_t wp = 7, wt = 4, wa = 3;
	for (int pass = json ? 1 : 0; pass < 2; pass++) {
		if (pass == 1 && !json)
			fprintf(out, "%-*s  %-*s  %-*s  %s\n", (int)wp, "PROFILE", (int)wt, "TYPE",
				(int)wa, "APP", "AVAILABLE");
		for (size_t p = 0; p < manifest_profile_count(m); p++) {
			if (only_profile != MANIFEST_NONE && p != only_profile)
				continue;
			const char *pn = manifest_profile_name(m, p);
			for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
				size_t t = manifest_profile_type(m, p, i);
				const char *tn = manifest_type_name(m, t);
				char *app = manifest_app(m, p, t);
				if (pass == 0) {
					if (strlen(pn) > wp) wp = strlen(pn);
					if (strlen(tn) > wt) wt = strlen(tn);
					if (strlen(app) > wa) wa = strlen(app);
				} else {
					const char *reason = platform_reason(pf, m, t);
					if (json) {
						cJSON *o = cJSON_CreateObject();
						cJSON_AddStringToObject(o, "profile", pn);
						cJSON_AddStringToObject(o, "type", tn);
						cJSON_AddStringToObject(o, "app", app);
						cJSON_AddBoolToObject(o, "available", !reason);
						if (reason)
							cJSON_AddStringToObject(o, "reason", reason);
						else
							cJSON_AddNullToObject(o, "reason");
						cJSON_AddItemToArray(array, o);
					} else {
						fprintf(out, "%-*s  %-*s  %-*s  %s%s\n", (int)wp, pn, (int)wt, tn,
							(int)wa, app, reason ? "no: " : "yes",
							reason ? reason : "");
					}
				}
				free(app);
			}
		}
	}
	if (json) {
		char *text = cJSON_PrintUnformatted(array);
		if (text) {
			fprintf(out, "%s\n", text);
			cJSON_free(text);
		}
		cJSON_Delete(array);
	}
}
