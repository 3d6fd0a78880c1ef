/* up: one entry point for everything a Nix flake can run.
 *
 * The whole flow, as main() below reads: load the manifest -> choose a
 * target -> check that this machine can run it -> print the exact command
 * -> become it. Every step says what went wrong in r->err (exitcode.h);
 * only this file, the menu and the completion entry points print. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "complete.h"
#include "completions.h"
#include "doctor.h"
#include "exitcode.h"
#include "flake.h"
#include "fs.h"
#include "init.h"
#include "matrix.h"
#include "cache_load.h"
#include "manifest.h"
#include "menu.h"
#include "nix.h"
#include "options.h"
#include "plan.h"
#include "platform.h"
#include "show.h"
#include "target.h"
#include "text.h"
#include "tty.h"

/* Everything one run holds. */
struct run {
	struct options opt;
	struct flake flake;
	struct platform platform;
	struct nix nix;
	struct load load;
	struct manifest manifest;
	struct target target;
	struct plan plan;
	char **app_words;      /* a flake's apps: TYPE given back to the app's words */
	struct buf out;        /* for stdout, written at the end */
	struct buf err;        /* for stderr */
};

static bool ci(void)
{
	const char *v = getenv("CI");
	return v && *v;
}

/* Says on stderr what the loading had to say, once. */
static void say_notes(struct run *r)
{
	fputs(buf_str(&r->load.notes), stderr);
	buf_reset(&r->load.notes);
}

/* A profile in --help: its name (and aliases), its description. */
static void help_profile(struct buf *out, const struct manifest *m, size_t p)
{
	size_t start = out->len;
	buf_puts(out, "  ");
	text_visible(out, manifest_profile_name(m, p));
	for (size_t k = 0; k < manifest_alias_count(m, p); k++)
		buf_printf(out, "%s%s", k ? ", " : " (", manifest_alias(m, p, k));
	if (manifest_alias_count(m, p))
		buf_putc(out, ')');
	size_t used = out->len - start;
	buf_printf(out, "%*s%s\n", used < 22 ? (int)(23 - used) : 1, "",
		   manifest_profile_description(m, p));
}

/* --help: the usage, then this flake's profiles and types when it has them. */
static int help(struct run *r, int flake_rc)
{
	const struct manifest *m = &r->manifest;
	const struct flake *f = &r->flake;
	options_usage(&r->out);
	r->load.cache_only = true;   /* --help never runs nix */
	r->load.quiet = true;
	if (flake_rc) {
		buf_puts(&r->out, "\nNo flake to list: ");
		nix_error_line(&r->out, buf_str(&r->err));
		buf_putc(&r->out, '\n');
	} else if (manifest_load(&r->manifest, &r->load, &r->err) == 0) {
		buf_printf(&r->out, "\n%s", manifest_name(m));
		if (*manifest_description(m))
			buf_printf(&r->out, " - %s", manifest_description(m));
		buf_puts(&r->out, "\nFlake: ");
		text_show_path(&r->out, f->dir ? f->dir : f->ref);
		bool apps = manifest_from_apps(m);
		buf_printf(&r->out, " (from %s)\n%s:\n", f->source,
			   apps ? "Apps (the flake has no manifest: up --init drafts one)" : "Profiles");
		for (size_t p = 0; p < manifest_profile_count(m); p++)
			help_profile(&r->out, m, p);
		if (!apps)
			buf_puts(&r->out, "Types:\n");
		for (size_t i = 0; !apps && i < manifest_type_count(m); i++) {
			size_t t = manifest_type_in_order(m, i);
			buf_printf(&r->out, "  %-20s %s\n", manifest_type_name(m, t),
				   manifest_type_description(m, t));
		}
	} else {
		buf_puts(&r->out, "\nFlake: ");
		text_show_path(&r->out, f->dir ? f->dir : f->ref);
		buf_printf(&r->out, " (from %s)\n%s --list shows its profiles and types (reading them "
			   "runs nix; --help never does, and lists them once they are in the cache).\n",
			   f->source, options_self());
	}
	buf_reset(&r->load.notes);
	buf_reset(&r->err);
	return 0;
}

/* A flake without a manifest offers its apps, which have no type: the
 * word taken for TYPE is the app's first. */
static int apps_only(struct run *r)
{
	struct options *o = &r->opt;
	if (!o->type)
		return 0;
	if (o->show)
		return fail(&r->err, EXIT_USAGE, "--show takes an APP and nothing after it ('%s'): this "
			    "flake has no manifest, so its apps have no types", o->type);
	r->app_words = xcalloc(o->nargs + 2, sizeof *r->app_words);
	r->app_words[0] = (char *)o->type;
	memcpy(r->app_words + 1, o->args, o->nargs * sizeof *o->args);
	o->args = r->app_words;
	o->nargs++;
	o->type = NULL;
	return 0;
}

/* --list [PROFILE]. */
static int list(struct run *r)
{
	size_t only = MANIFEST_NONE;
	if (r->opt.profile) {
		struct target_words w = { r->opt.profile, NULL, NULL, 0 };
		int rc = target_resolve(&r->target, &r->manifest, &w, &r->err);
		if (rc)
			return rc;
		only = r->target.profile;
	}
	target_list(&r->out, &r->manifest, &r->platform, only, r->opt.json);
	return 0;
}

/* --show [PROFILE [TYPE]]: what the target is (the defaults fill in). */
static int show(struct run *r)
{
	struct plan_context ctx = { &r->nix, r->flake.ref, r->opt.args, r->opt.nargs };
	struct show s = { &r->manifest, &r->platform, &r->nix, &ctx, r->opt.json };
	struct target_words w = { r->opt.profile, r->opt.type, r->opt.args, r->opt.nargs };
	int rc = target_resolve(&r->target, &r->manifest, &w, &r->err);
	return rc ? rc : show_target(&s, &r->target, &r->out, &r->err);
}

/* Step 2: PROFILE and TYPE from the command line, the menu, or the defaults. */
static int choose(struct run *r)
{
	const struct options *o = &r->opt;
	const struct manifest *m = &r->manifest;
	/* A terminal on stdin is enough: when stdout is not one (up | tee
	 * log), the menu is drawn on the controlling terminal. */
	bool out_tty = isatty(STDOUT_FILENO);
	bool terminal = isatty(STDIN_FILENO) && (out_tty || tty_controlling());

	if (o->interactive && (o->yes || !terminal || ci()))
		return fail(&r->err, EXIT_USAGE, "%s",
			    o->yes ? "--interactive and --yes contradict each other; drop one"
			    : !terminal ? "--interactive needs a terminal on stdin"
			    : "--interactive is refused while CI is set; unset CI or drop -i");
	bool menu = (!o->profile || o->interactive) && terminal && !o->yes && !ci();
	struct target_words w = { o->profile, o->type, o->args, o->nargs };
	/* (a flake's apps without a default: no failure, the menu shows them all) */
	int rc = menu && !o->profile && manifest_profile_default(m) == MANIFEST_NONE ? 0
		 : target_resolve(&r->target, m, &w, &r->err);
	if (rc)
		return rc;
	/* The menu (up(1) CHOOSING): with -i, a given PROFILE is kept and only the
	 * type is asked, a given TYPE being its default. */
	if (menu) {
		int saved = out_tty ? -1 : tty_borrow_stdout();
		rc = menu_choose(&r->target, m, &r->platform,
				 o->profile ? r->target.profile : MANIFEST_NONE,
				 o->type ? r->target.type : MANIFEST_NONE);
		tty_return_stdout(saved);
		return rc;
	}
	if (manifest_from_apps(m)) {
		if (!o->profile)
			fprintf(stderr, "up: %s: using the default app, default\n", o->yes ? "--yes"
				: ci() ? "CI is set" : "no terminal");
	} else if (!o->profile || !o->type) {
		const char *why = o->yes ? "--yes" : ci() ? "CI is set" : !terminal ? "no terminal"
			: "no TYPE given";
		if (!o->profile)
			fprintf(stderr, "up: %s: using defaults profile=%s type=%s\n", why,
				manifest_profile_name(m, r->target.profile),
				manifest_type_name(m, r->target.type));
		else
			fprintf(stderr, "up: %s: using default type=%s\n", why,
				manifest_type_name(m, r->target.type));
	}
	return 0;
}

/* Step 4: the command, on stdout alone for --dry-run, else said on stderr
 * and become. */
static int print_and_run(struct run *r, const struct plan_context *ctx)
{
	const struct manifest *m = &r->manifest;
	plan_build(&r->plan, ctx, manifest_profile_name(m, r->target.profile),
		   manifest_from_apps(m) ? NULL : manifest_type_name(m, r->target.type),
		   manifest_app(m, r->target.profile, r->target.type));
	char *text = r->opt.json ? plan_json(&r->plan) : plan_command(&r->plan);
	if (r->opt.dry_run) {
		buf_printf(&r->out, "%s\n", text);
		free(text);
		return 0;
	}
	fprintf(stderr, "Executing: %s\n", text);
	free(text);
	fflush(stdout);
	fflush(stderr);
	return plan_exec(&r->plan, &r->err);
}

static int run(struct run *r)
{
	int rc = flake_resolve(&r->flake, r->opt.flake, &r->err);
	if (r->opt.help)
		return help(r, rc);
	if (rc)
		return rc;
	/* --matrix: the flake's own needs no manifest. */
	struct matrix mx = { &r->manifest, &r->nix, r->flake.ref, r->opt.matrix_system };
	if (r->opt.matrix && (rc = matrix_own(&mx, &r->out, &r->err)) != 1)
		return rc;

	/* 1. Load. */
	if ((rc = manifest_load(&r->manifest, &r->load, &r->err)))
		return rc;
	say_notes(r);
	if (r->opt.matrix)
		return matrix_computed(&mx, &r->out, &r->err);
	if (manifest_from_apps(&r->manifest) && (rc = apps_only(r)))
		return rc;
	if (r->opt.init) {
		struct init in = { &r->manifest, r->flake.ref, r->flake.dir,
				   platform_system(&r->platform), r->opt.write };
		return init_run(&in, &r->out, &r->err);
	}
	if (r->opt.list)
		return list(r);
	if (r->opt.show)
		return show(r);

	/* 2. Choose. */
	if ((rc = choose(r)))
		return rc;

	/* 3. Check. */
	struct plan_context ctx = { &r->nix, r->flake.ref, r->opt.args, r->opt.nargs };
	if ((rc = target_check(&r->target, &r->manifest, &r->platform, &ctx, &r->err)))
		return rc;

	/* 4. Print, then become the command. */
	return print_and_run(r, &ctx);
}

/* Says what there is to say, and makes it 70 when stdout cannot take it. */
static int finish(struct run *r, int rc)
{
	say_notes(r);
	fputs(buf_str(&r->err), stderr);
	if (fwrite(buf_str(&r->out), 1, r->out.len, stdout) != r->out.len || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		fputs("up: cannot write to stdout\n", stderr);
		if (rc == 0)
			rc = EXIT_INTERNAL;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct run r;
	memset(&r, 0, sizeof r);
	buf_init(&r.out);
	buf_init(&r.err);
	fs_std_fds();
	int rc = options_parse(&r.opt, argc, argv, &r.err);
	if (rc == 0 && r.opt.version)   /* as GNU tools say it */
		buf_printf(&r.out, "up %s\nCopyright (C) 2026 The up authors.\n"
			   "License MIT: <https://opensource.org/licenses/MIT>.\n"
			   "This is free software: you are free to change and redistribute it.\n"
			   "There is NO WARRANTY, to the extent permitted by law.\n", PACKAGE_VERSION);
	else if (rc == 0 && r.opt.complete)
		return complete_main(&r.opt);     /* the flake the completed words name */
	else if (rc == 0 && r.opt.completions)
		return completions_main(&r.opt);
	else if (rc == 0 && r.opt.doctor)
		return doctor_main(&r.opt);
	else if (rc == 0) {
		flake_init(&r.flake);
		platform_init(&r.platform);
		nix_init(&r.nix);
		load_init(&r.load, &r.flake, r.opt.attr, platform_system(&r.platform), &r.nix);
		r.load.no_cache = r.opt.no_cache;
		r.load.attr_given = r.opt.attr_given;
		r.load.refresh = r.opt.refresh;
		r.load.progress = !r.opt.json && isatty(STDERR_FILENO);
		manifest_init(&r.manifest);
		plan_init(&r.plan);
		rc = run(&r);
	}
	rc = finish(&r, rc);
	buf_free(&r.out);
	buf_free(&r.err);
	plan_free(&r.plan);
	free(r.app_words);
	manifest_free(&r.manifest);
	load_free(&r.load);
	platform_free(&r.platform);
	flake_free(&r.flake);
	return rc;
}
