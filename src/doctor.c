#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "completions.h"
#include "doctor.h"
#include "exitcode.h"
#include "flake.h"
#include "fs.h"
#include "json.h"
#include "cache_load.h"
#include "cache_nix.h"
#include "manifest.h"
#include "nix.h"
#include "options.h"
#include "platform.h"
#include "quote.h"
#include "git_repo.h"
#include "target.h"
#include "term.h"
#include "text.h"
#include "git_untracked.h"

enum status { OK, WARN, FAIL };
static const char *const status_word[] = { "ok", "warn", "FAIL" };
enum { LIST_MAX = 8 };

struct check {
	const char *name;
	enum status status;
	char *detail;
	char *fix;
};

struct doctor {
	struct check *v;
	size_t n;
	struct flake flake;
	struct platform platform;
	struct nix nix;
	struct load load;
	struct manifest manifest;
	bool loaded;
};

static void say(struct doctor *d, const char *name, enum status st, const char *fix,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void say(struct doctor *d, const char *name, enum status st, const char *fix,
		const char *fmt, ...)
{
	struct buf b, shown;
	va_list ap;
	buf_init(&b);
	buf_init(&shown);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	text_visible(&shown, buf_str(&b)); /* paths and nix's words: never raw */
	buf_free(&b);
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n++] = (struct check){ name, st, buf_take(&shown), fix ? xstrdup(fix) : NULL };
}

/* The first line of an error, without "up: ". */
static char *first_line(const char *text)
{
	const char *rest = skip_prefix(text, "up: ");
	text = rest ? rest : text;
	return xstrndup(text, strcspn(text, "\n"));
}

static void check_nix(struct doctor *d)
{
	struct buf version, path, err;
	buf_init(&version);
	buf_init(&path);
	buf_init(&err);
	nix_which(&d->nix, &path);
	if (nix_version(&d->nix, &version, &err) == 0)
		say(d, "nix", OK, NULL, "%s (%s)", version.data, buf_str(&path));
	else
		say(d, "nix", FAIL, "install Nix (https://nixos.org/download; on Debian: apt-get install "
		    "nix-bin), or point UP_NIX at the nix binary", "cannot run '%s'", d->nix.bin);
	buf_free(&version);
	buf_free(&path);
	buf_free(&err);
}

static bool check_flake(struct doctor *d, const struct options *o)
{
	struct buf err;
	buf_init(&err);
	int rc = flake_resolve(&d->flake, o->flake, &err);
	if (rc) {
		char *why = first_line(buf_str(&err));
		say(d, "flake", FAIL, "run up inside a flake, or name one with --flake REF; to start "
		    "one: nix flake init -t github:OWNER/up (README: Adopting up)", "%s", why);
		free(why);
	} else {
		say(d, "flake", OK, NULL, "%s (from %s)", d->flake.ref, d->flake.source);
	}
	buf_free(&err);
	return rc == 0;
}

static void check_manifest(struct doctor *d, const struct options *o)
{
	struct buf err;
	buf_init(&err);
	load_init(&d->load, &d->flake, o->attr, platform_system(&d->platform), &d->nix);
	d->load.attr_given = o->attr_given;
	d->load.no_cache = o->no_cache;
	d->load.refresh = o->refresh;
	d->load.quiet = true;
	d->load.explain = true;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d->loaded = manifest_load(&d->manifest, &d->load, &err) == 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	if (d->loaded && manifest_from_apps(&d->manifest)) {
		size_t n = manifest_profile_count(&d->manifest);
		say(d, "manifest", WARN, "up --init drafts one from the apps (README: Adopting up)",
		    "%s has no upManifest: its %zu app%s for %s %s offered (%s in %ld ms); a manifest "
		    "adds profiles x types, defaults, and the platform and KVM checks", d->flake.ref,
		    n, n == 1 ? "" : "s", platform_system(&d->platform), n == 1 ? "is" : "are",
		    d->load.warm ? "from the cache" : "evaluated", ms);
	} else if (d->loaded) {
		size_t targets = 0;
		for (size_t p = 0; p < manifest_profile_count(&d->manifest); p++)
			targets += manifest_profile_type_count(&d->manifest, p);
		size_t np = manifest_profile_count(&d->manifest), nt = manifest_type_count(&d->manifest);
		say(d, "manifest", OK, NULL, "%s#%s: %s, %zu profile%s, %zu type%s, %zu target%s (%s in %ld ms)",
		    d->flake.ref, o->attr, manifest_name(&d->manifest), np, np == 1 ? "" : "s",
		    nt, nt == 1 ? "" : "s", targets, targets == 1 ? "" : "s",
		    d->load.warm ? "from the cache" : "evaluated", ms);
	} else {
		/* nix's own text comes first; up's line says what it tried. */
		const char *mine = strstr(buf_str(&err), "up: ");
		char *why = first_line(mine ? mine : buf_str(&err));
		say(d, "manifest", FAIL, "run up --list to see nix's whole error, then fix the manifest "
		    "(or pick the attribute with --attr)", "%s", why);
		free(why);
	}
	bool apps = d->loaded && manifest_from_apps(&d->manifest);
	for (size_t i = 0; d->loaded && i < manifest_warning_count(&d->manifest); i++)
		say(d, apps ? "apps" : "keys", WARN, apps ? "rename the app, or run it as nix run does; "
		    "a manifest (up --init) offers the others" : "rename the key to the one up knows, "
		    "or to a name further from it", "%s", manifest_warning(&d->manifest, i));
	if (d->loaded && nix_extra_features(&d->nix))
		say(d, "flakes", WARN, "add 'experimental-features = nix-command flakes' to nix.conf",
		    "disabled in this nix; up adds --extra-experimental-features 'nix-command flakes'");
	else if (d->loaded)
		say(d, "flakes", OK, NULL, "enabled");
	buf_free(&err);
}

/* The untracked files of r but documentation: which, and how to add them. */
static void untracked_say(struct doctor *d, const struct repo *r)
{
	struct buf list, fix;
	buf_init(&list);
	buf_init(&fix);
	size_t n = untracked_describe(r, &r->untracked, LIST_MAX, &list, &fix);
	buf_printf(&fix, " (or ignore %s in .gitignore)", n == 1 ? "it" : "them");
	if (n)
		say(d, "git", WARN, fix.data, "%zu untracked file%s the flake cannot see: %s",
		    n, n == 1 ? "" : "s", list.data);
	else
		say(d, "git", OK, NULL, "%s: every file of the flake is tracked (or ignored)",
		    r->workdir);
	buf_free(&list);
	buf_free(&fix);
}

/* Untracked files anywhere in the flake: nix cannot see them. */
static void check_git(struct doctor *d)
{
	struct repo r;
	repo_init(&r);
	if (!d->flake.dir) {
		say(d, "git", OK, NULL, "%s is not a local flake", d->flake.ref);
	} else if (!repo_find(&r, d->flake.dir)) {
		say(d, "git", WARN, "git init && git add -A, so that nix sees what git tracks (and up "
		    "can cache the manifest)", "%s is not in a git repository: nix reads every file "
		    "in it", d->flake.dir);
	} else if (!repo_scan(&r)) {
		say(d, "git", WARN, "check that " UP_LIBGIT2 " can be loaded", "cannot read the status of "
		    "%s with libgit2", r.workdir);
	} else {
		untracked_say(d, &r);
	}
	repo_free(&r);
}

/* Whether apps.<system>.NAME, up's app (UP_AS_APP, else "up"), is up: its
 * meta carries upApp = true (up.lib.mkUpApp), read without a build, in an
 * eval of its own (an app whose meta cannot be read fails this one only).
 * When it is not there or not up, which app is (default last). */
static void check_up_app(struct doctor *d, const char *attr)
{
	const char *app = options_app();
	struct buf json, log, err, apply, quoted, fix;
	buf_init(&json);
	buf_init(&log);
	buf_init(&err);
	buf_init(&apply);
	buf_init(&quoted);
	buf_init(&fix);
	nix_string(&quoted, app);
	buf_printf(&apply, "a: let isUp = n: let r = builtins.tryEval (((a.${n}.meta or { }).upApp or "
		   "false) == true); in if r.success then r.value else null; up = if !(a ? %s) then "
		   "\"absent\" else let v = isUp %s; in if v == null then \"unreadable\" else if v "
		   "then \"up\" else \"other\"; names = builtins.attrNames a; in { inherit up; "
		   "marked = if up == \"up\" then [ ] else builtins.filter (n: n != \"default\" && isUp n "
		   "== true) names ++ builtins.filter (n: n == \"default\" && isUp n == true) names; }",
		   quoted.data, quoted.data);
	struct nix_request rq = { .flake = d->flake.ref, .attr = attr, .apply = apply.data };
	cJSON *got = nix_eval_output(&d->nix, &rq, &json, &log, &err) ? NULL
		     : cJSON_ParseWithLength(json.data, json.len);
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(got, "up"));
	const cJSON *marked = cJSON_GetObjectItemCaseSensitive(got, "marked");
	const char *mine = cJSON_GetStringValue(cJSON_GetArrayItem(marked, 0));
	if (mine && !text_is_name(mine, TEXT_APP_MAX))
		mine = NULL;
	if (mine)
		buf_printf(&fix, "if that is meant, run up as nix run .#%s -- --doctor; else drop the "
			   "old app from the flake's own outputs", mine);
	if (!s) {
		struct buf why;
		buf_init(&why);
		nix_error_line(&why, buf_str(&err));
		say(d, "up-app", WARN, "nix eval .#apps.<system>.<app>.meta says which", "cannot read "
		    "the metas of %s's apps, so whether %s.%s is up is not known: %s", d->flake.ref,
		    attr, app, buf_str(&why));
		buf_free(&why);
	} else if (!strcmp(s, "up")) {
		say(d, "up-app", OK, NULL, "%s.%s is up's own app (nix run .#%s)", attr, app, app);
	} else if (!strcmp(s, "other") && mine) {
		say(d, "up-app", WARN, fix.data, "%s.%s is not up's app (its meta has no upApp = "
		    "true): nix run .#%s runs something else; up's own is %s.%s", attr, app, app,
		    attr, mine);
	} else if (!strcmp(s, "other")) {
		say(d, "up-app", FAIL, "drop that app from the flake's own outputs (up.lib.mkFlake then "
		    "adds up's), or give up's app another name (up.lib.mkFlake { app = \"menu\"; ... }); "
		    "an app made by up.lib.mkUpApp keeps meta.upApp = true",
		    "%s.%s is not up's app (its meta has no upApp = true): nix run .#%s runs something "
		    "else, an old dispatcher perhaps", attr, app, app);
	} else if (!strcmp(s, "unreadable")) {
		say(d, "up-app", WARN, "nix eval .#apps.<system>.<app>.meta says why", "cannot "
		    "evaluate %s.%s's meta: whether it is up is not known", attr, app);
	} else if (mine) {
		say(d, "up-app", OK, NULL, "the flake has no app %s; up's own is %s.%s (nix run .#%s)",
		    app, attr, mine, mine);
	} else {
		say(d, "up-app", OK, NULL, "the flake has no app %s (up.lib.mkFlake adds one; up on PATH "
		    "needs none)", app);
	}
	cJSON_Delete(got);
	buf_free(&json);
	buf_free(&log);
	buf_free(&err);
	buf_free(&apply);
	buf_free(&quoted);
	buf_free(&fix);
}

/* Every target meant for this system has its app: one eval of the names. */
static void check_apps(struct doctor *d)
{
	struct buf json, log, err, attr, missing;
	size_t meant = 0, absent = 0;
	buf_init(&json);
	buf_init(&log);
	buf_init(&err);
	buf_init(&attr);
	buf_init(&missing);
	buf_printf(&attr, "apps.%s", platform_system(&d->platform));
	struct nix_request rq = { .flake = d->flake.ref, .attr = attr.data,
				  .apply = "builtins.attrNames" };
	cache_nix_recall(&d->nix);
	int rc = nix_eval_output(&d->nix, &rq, &json, &log, &err);
	cache_nix_keep(&d->nix);
	cJSON *names = rc ? NULL : cJSON_ParseWithLength(json.data, json.len);
	if (!cJSON_IsArray(names)) {
		cJSON_Delete(names);
		names = NULL;
	}
	const struct manifest *m = &d->manifest;
	for (size_t p = 0; names && p < manifest_profile_count(m); p++)
		for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
			struct target tg = { p, manifest_profile_type(m, p, i) };
			if (!target_meant_here(&tg, m, &d->platform))
				continue;
			meant++;
			const char *name = manifest_from_apps(m) ? manifest_profile_name(m, tg.profile)
					   : manifest_app(m, tg.profile, tg.type);
			bool found = false;
			const cJSON *n;
			cJSON_ArrayForEach(n, names)
				found = found || (cJSON_IsString(n) && !strcmp(n->valuestring, name));
			if (!found && absent++ < LIST_MAX)
				buf_printf(&missing, "%s%s", absent > 1 ? ", " : "", name);
		}
	if (!names) {
		struct buf why;
		buf_init(&why);
		nix_error_line(&why, buf_str(&err));
		/* mkFlake's refusals say what to do themselves. */
		bool refused = strstr(buf_str(&err), "up.lib.mkFlake: ") != NULL;
		say(d, "apps", FAIL, refused ? "do what up.lib.mkFlake says above" : "give the flake "
		    "apps.<system> (up.lib.mkApps builds one per target)", "cannot read %s#%s: %s",
		    d->flake.ref, attr.data, buf_str(&why));
		buf_free(&why);
	} else if (absent) {
		say(d, "apps", FAIL, "build them in apps.<system>, e.g. with up.lib.mkApps (one per "
		    "target), and check with up.lib.mkCheck", "%zu of %zu target%s for %s ha%s no app in "
		    "%s: %s%s", absent, meant, meant == 1 ? "" : "s", platform_system(&d->platform),
		    absent == 1 ? "s" : "ve", attr.data, missing.data,
		    absent > LIST_MAX ? ", ..." : "");
	} else {
		say(d, "apps", OK, NULL, "every target for %s has its app in %s (%zu)",
		    platform_system(&d->platform), attr.data, meant);
	}
	if (names)
		check_up_app(d, attr.data);
	cJSON_Delete(names);
	buf_free(&json);
	buf_free(&log);
	buf_free(&err);
	buf_free(&attr);
	buf_free(&missing);
}

/* A flake's apps: the default is the app called default, if any. */
static void check_default_app(struct doctor *d)
{
	if (manifest_profile_default(&d->manifest) != MANIFEST_NONE)
		say(d, "default", OK, NULL, "the app default (what up runs with no choice made)");
	else
		say(d, "default", WARN, "give the flake apps.<system>.default, or a manifest with "
		    "defaults", "no app called default: with no choice made and no terminal, up names "
		    "the apps and runs none");
}

/* This system; the default target, which must run here (else a failure);
 * the other targets meant for this machine that cannot run here (a
 * warning each kind, with the reason); and KVM. */
enum { NAMED_MAX = 3 };
static void check_machine(struct doctor *d)
{
	const struct manifest *m = &d->manifest;
	size_t all = 0, meant = 0, kvm = 0, cannot = 0;
	struct strlist why = { 0 }, which = { 0 };  /* each reason once, and its targets */
	struct target def = { manifest_profile_default(m), 0 };
	def.type = manifest_type_default(m, def.profile);
	struct buf reason, fix, names;
	buf_init(&reason);
	buf_init(&fix);
	buf_init(&names);
	for (size_t p = 0; p < manifest_profile_count(m); p++)
		for (size_t i = 0; i < manifest_profile_type_count(m, p); i++) {
			struct target tg = { p, manifest_profile_type(m, p, i) };
			all++;
			if (!target_meant_here(&tg, m, &d->platform))
				continue;
			meant++;
			kvm += target_needs_kvm(&tg, m);
			buf_reset(&reason);
			if ((tg.profile == def.profile && tg.type == def.type) ||
			    !target_why_not(&tg, m, &d->platform, &reason, &fix))
				continue;
			cannot++;
			size_t k = 0;
			while (k < why.n && strcmp(why.v[k], reason.data))
				k++;
			if (k == why.n) {
				strlist_add(&why, reason.data);
				strlist_add(&which, "");
			}
			buf_reset(&names);
			buf_printf(&names, "%s%s%s %s", which.v[k], *which.v[k] ? ", " : "",
				   manifest_profile_name(m, p), manifest_type_name(m, tg.type));
			free(which.v[k]);
			which.v[k] = buf_take(&names);
		}
	buf_reset(&names);
	for (size_t k = 0; k < why.n && k < NAMED_MAX; k++)
		buf_printf(&names, "%s%s (%s)", k ? "; " : "", why.v[k], which.v[k]);
	if (why.n > NAMED_MAX)
		buf_puts(&names, "; ...");
	strlist_free(&why);
	strlist_free(&which);
	say(d, "system", meant ? OK : WARN, meant ? NULL : "run up on a machine of a system the "
	    "manifest lists", "%s: %zu of %zu target%s %s meant for it", platform_system(&d->platform),
	    meant, all, all == 1 ? "" : "s", meant == 1 ? "is" : "are");

	buf_reset(&reason);
	buf_reset(&fix);
	const char *dp = manifest_profile_name(m, def.profile), *dt = manifest_type_name(m, def.type);
	if (target_why_not(&def, m, &d->platform, &reason, &fix) == 0)
		say(d, "default", OK, NULL, "%s %s runs here (what up runs with no choice made)", dp, dt);
	else
		say(d, "default", FAIL, fix.data, "%s %s, what up runs with no choice made, cannot run "
		    "here: %s", dp, dt, reason.data);
	if (cannot)
		say(d, "targets", WARN, "run them on a machine that has what they need, or choose "
		    "others: up --list says which run here", "%zu other target%s meant for this machine "
		    "cannot run here: %s", cannot, cannot == 1 ? "" : "s", names.data);
	else
		say(d, "targets", OK, NULL, "every target meant for this machine can run here");

	struct platform_needs needs = { NULL, 0, true, NULL, 0 };
	buf_reset(&reason);
	buf_reset(&fix);
	bool usable = platform_check(&d->platform, &needs, &reason, &fix) == 0;
	if (usable)
		say(d, "kvm", OK, NULL, "usable: /dev/kvm answers API version %d%s",
		    d->platform.kvm_version, kvm ? "" : " (no target here needs it)");
	else if (kvm)
		say(d, "kvm", WARN, fix.data, "%s (%zu target%s here need%s it)", reason.data, kvm,
		    kvm == 1 ? "" : "s", kvm == 1 ? "s" : "");
	else
		say(d, "kvm", OK, NULL, "not needed by any target here (it %s)", reason.data);
	buf_free(&reason);
	buf_free(&fix);
	buf_free(&names);
}

static void check_cache(struct doctor *d)
{
	char *dir = fs_xdg_dir("XDG_CACHE_HOME", ".cache");
	const char *holds = "; it holds while the tracked tree is unchanged";
	const struct load *ld = &d->load;
	if (ld->cache == LOAD_CACHE_USED && ld->warm)
		say(d, "cache", OK, NULL, "%s: this flake's entry is current (the manifest came from "
		    "it)%s", dir, holds);
	else if (ld->cache == LOAD_CACHE_USED && ld->failure_kept)
		say(d, "cache", OK, NULL, "%s: nix's evaluation failed (see manifest); the failure is "
		    "kept a minute, for completion alone, so that a TAB does not run it again", dir);
	else if (ld->cache == LOAD_CACHE_USED && ld->written)
		say(d, "cache", OK, NULL, "%s: this flake's entry was written now%s%s%s%s", dir,
		    ld->changed ? " (it was not current: " : "", ld->changed ? ld->changed : "",
		    ld->changed ? ")" : "", holds);
	else if (ld->cache == LOAD_CACHE_USED)
		say(d, "cache", OK, NULL, "%s: no entry was written for this flake: %s%s%s%s", dir,
		    ld->uncached ? ld->uncached : "what nix read changed while it evaluated, or the "
		    "entry could not be written; the next run tries again",
		    ld->changed ? " (since the last entry: " : "", ld->changed ? ld->changed : "",
		    ld->changed ? ")" : "");
	else if (ld->cache == LOAD_CACHE_OFF)
		say(d, "cache", OK, NULL, "not used (--no-cache)");
	else if (ld->cache == LOAD_CACHE_NONE)
		say(d, "cache", OK, NULL, "not used: %s", ld->uncached);
	else
		say(d, "cache", WARN, "make it a directory of your own with mode 0700 (mkdir -p DIR && "
		    "chmod 700 DIR), or point XDG_CACHE_HOME elsewhere", "not used, every run evaluates: "
		    "%s (%s)", ld->uncached, dir ? dir : "no directory");
	free(dir);
}

/* The completions of the user's shell ($SHELL). */
static void check_completions(struct doctor *d)
{
	const char *shell = getenv("SHELL"), *how;
	const char *name = shell && strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
	struct buf where;
	buf_init(&where);
	if (!name || !*name)
		say(d, "completions", WARN, "set SHELL, or see up --completions", "SHELL is not set");
	else if (completions_installed(name, &where, &how))
		say(d, "completions", OK, NULL, "%s: %s", name, where.data);
	else
		say(d, "completions", WARN, how, "none installed for %s", name);
	buf_free(&where);
}

static bool colour(void)
{
	return isatty(STDOUT_FILENO) && term_colour();
}

static void report_text(const struct doctor *d, struct buf *out, size_t fails, size_t warns)
{
	static const char *const sgr[] = { "32", "33", "31" };
	bool c = colour();
	for (size_t i = 0; i < d->n; i++) {
		const struct check *k = &d->v[i];
		if (c)
			buf_printf(out, "\033[%sm%-4s\033[0m  %-11s  %s\n", sgr[k->status],
				   status_word[k->status], k->name, k->detail);
		else
			buf_printf(out, "%-4s  %-11s  %s\n", status_word[k->status], k->name, k->detail);
		if (k->fix && k->status != OK)
			buf_printf(out, "%19sfix: %s\n", "", k->fix);
	}
	bool no_default = d->loaded && manifest_profile_default(&d->manifest) == MANIFEST_NONE;
	buf_printf(out, "%zu failed, %zu warning%s: %s\n", fails, warns, warns == 1 ? "" : "s",
		   fails ? "up cannot do its work here until each failure is fixed (exit 1)"
		   : no_default ? "up can run the flake's apps here, each named; the warnings say what "
		   "else to look at"
		   : warns ? "up can run this flake's default target here; the warnings say what else "
		   "to look at" : "up can run every target of this flake meant for this machine");
}

static void report_json(const struct doctor *d, struct buf *out, size_t fails)
{
	cJSON *o = json_object_schema(JSON_SCHEMA_DOCTOR), *checks = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "system", platform_system(&d->platform));
	if (d->flake.ref)
		cJSON_AddStringToObject(o, "flake", d->flake.ref);
	else
		cJSON_AddNullToObject(o, "flake");
	for (size_t i = 0; i < d->n; i++) {
		cJSON *k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "check", d->v[i].name);
		cJSON_AddStringToObject(k, "status", d->v[i].status == FAIL ? "fail" : status_word[d->v[i].status]);
		cJSON_AddStringToObject(k, "detail", d->v[i].detail);
		if (d->v[i].fix && d->v[i].status != OK)
			cJSON_AddStringToObject(k, "fix", d->v[i].fix);
		else
			cJSON_AddNullToObject(k, "fix");
		cJSON_AddItemToArray(checks, k);
	}
	cJSON_AddItemToObject(o, "checks", checks);
	cJSON_AddBoolToObject(o, "ok", fails == 0);
	json_print(out, o);
}

int doctor_main(const struct options *o)
{
	struct doctor d;
	struct buf out;
	size_t fails = 0, warns = 0;
	memset(&d, 0, sizeof d);
	buf_init(&out);
	flake_init(&d.flake);
	platform_init(&d.platform);
	nix_init(&d.nix);
	manifest_init(&d.manifest);
	buf_init(&d.load.notes);

	check_nix(&d);
	if (check_flake(&d, o)) {
		check_manifest(&d, o);
		check_git(&d);
	}
	if (d.loaded && manifest_from_apps(&d.manifest)) {
		check_apps(&d);       /* for up's app; every app offered is there */
		check_default_app(&d);
	} else if (d.loaded) {
		check_apps(&d);
		check_machine(&d);
		check_cache(&d);
	}
	check_completions(&d);

	for (size_t i = 0; i < d.n; i++) {
		fails += d.v[i].status == FAIL;
		warns += d.v[i].status == WARN;
	}
	if (o->json)
		report_json(&d, &out, fails);
	else
		report_text(&d, &out, fails, warns);
	int rc = fails ? 1 : EXIT_OK;
	if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len || fflush(stdout)) {
		fputs("up: cannot write to stdout\n", stderr);
		rc = EXIT_INTERNAL;
	}
	for (size_t i = 0; i < d.n; i++) {
		free(d.v[i].detail);
		free(d.v[i].fix);
	}
	free(d.v);
	buf_free(&out);
	manifest_free(&d.manifest);
	load_free(&d.load);
	platform_free(&d.platform);
	flake_free(&d.flake);
	return rc;
}
