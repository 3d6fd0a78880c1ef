/* up: one entry point for everything a Nix flake can run.
 *
 * The whole flow: load the manifest -> choose a target -> check that this
 * machine can run it -> print the exact command -> become it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "completions.h"
#include "exitcode.h"
#include "cache.h"
#include "flake.h"
#include "manifest.h"
#include "menu.h"
#include "nix.h"
#include "options.h"
#include "plan.h"
#include "platform.h"
#include "target.h"

static int say(int code, const char *text)
{
	fprintf(stderr, "up: %s\n", text);
	return code;
}

static bool ci(void)
{
	const char *v = getenv("CI");
	return v && *v;
}

/* Step 2: PROFILE and TYPE from the command line, else the defaults. */
static int choose(struct target *tg, const struct options *o, const struct manifest *m,
		  struct platform *pf)
{
	bool terminal = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	struct buf err;
	buf_init(&err);

	if (o->interactive && (o->yes || !terminal || ci())) {
		buf_free(&err);
		return say(EXIT_USAGE, o->yes ? "--interactive and --yes contradict each other; drop one"
				       : !terminal ? "--interactive needs a terminal on stdin and stdout"
				       : "--interactive is refused while CI is set; unset CI or drop -i");
	}
	int rc = target_resolve(tg, m, o->profile, o->type, &err);
	if (rc) {
		fprintf(stderr, "up: %s\n", err.data);
		buf_free(&err);
		return rc;
	}
	buf_free(&err);
	/* The menu (SPEC §4): with -i, a given PROFILE is kept and only the
	 * type is asked, a given TYPE being its default. */
	if ((!o->profile || o->interactive) && terminal && !o->yes && !ci())
		return menu_choose(tg, m, pf, o->profile ? tg->profile : MANIFEST_NONE,
				   o->type ? tg->type : MANIFEST_NONE);
	if (!o->profile || !o->type) {
		const char *why = o->yes ? "--yes" : ci() ? "CI is set" : !terminal ? "no terminal"
			: "no TYPE given";
		if (!o->profile)
			fprintf(stderr, "up: %s: using defaults profile=%s type=%s\n", why,
				manifest_profile_name(m, tg->profile), manifest_type_name(m, tg->type));
		else
			fprintf(stderr, "up: %s: using default type=%s\n", why,
				manifest_type_name(m, tg->type));
	}
	return 0;
}

static int help(const struct options *o, struct flake *fl, int flake_rc, struct platform *pf)
{
	fputs(options_usage(), stdout);
	struct nix nx;
	struct manifest m;
	nix_init(&nx);
	manifest_init(&m);
	if (flake_rc == 0 && cache_load(&m, &nx, fl, o->attr, platform_system(pf), o->cache, true) == 0) {
		printf("\n%s", manifest_name(&m));
		if (*manifest_description(&m))
			printf(" - %s", manifest_description(&m));
		printf(" (%s)\nProfiles:\n", fl->ref);
		for (size_t p = 0; p < manifest_profile_count(&m); p++)
			printf("  %-20s %s\n", manifest_profile_name(&m, p),
			       manifest_profile_description(&m, p));
		printf("Types:\n");
		for (size_t t = 0; t < manifest_type_count(&m); t++)
			printf("  %-20s %s\n", manifest_type_name(&m, t), manifest_type_description(&m, t));
	} else {
		printf("\n(No manifest loaded: run up --list in a flake to see why.)\n");
	}
	manifest_free(&m);
	nix_free(&nx);
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt;
	char msg[512];
	int rc = options_parse(&opt, argc, argv, msg, sizeof msg);
	if (rc)
		return say(rc, msg);
	if (opt.version) {
		printf("up %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}

	/* Completions resolve the flake the completed words name. */
	if (opt.completions || opt.complete)
		return completions_main(&opt);

	struct flake fl;
	struct platform pf;
	flake_init(&fl);
	platform_init(&pf);
	rc = flake_resolve(&fl, opt.flake, msg, sizeof msg);
	if (opt.help) {
		rc = help(&opt, &fl, rc, &pf);
		flake_free(&fl);
		return rc;
	}
	if (rc) {
		flake_free(&fl);
		return say(rc, msg);
	}

	struct nix nx;
	struct manifest m;
	struct target tg;
	struct plan pl;
	struct buf err;
	nix_init(&nx);
	manifest_init(&m);
	plan_init(&pl);
	buf_init(&err);

	/* 1. Load. */
	if ((rc = cache_load(&m, &nx, &fl, opt.attr, platform_system(&pf), opt.cache, false)))
		goto out;

	if (opt.list) {
		size_t only = MANIFEST_NONE;
		if (opt.profile && (rc = target_resolve(&tg, &m, opt.profile, NULL, &err))) {
			fprintf(stderr, "up: %s\n", err.data);
			goto out;
		}
		if (opt.profile)
			only = tg.profile;
		target_list(stdout, &m, &pf, only, opt.json);
		goto out;
	}

	/* 2. Choose. */
	if ((rc = choose(&tg, &opt, &m, &pf)))
		goto out;

	/* 3. Check. */
	if ((rc = target_check(&tg, &m, &pf, &nx, fl.ref, opt.args, opt.nargs, &err))) {
		fprintf(stderr, "up: %s\n", err.data);
		goto out;
	}

	/* 4. Print, then become the command. */
	char *app = manifest_app(&m, tg.profile, tg.type);
	plan_build(&pl, &nx, fl.ref, manifest_profile_name(&m, tg.profile),
		   manifest_type_name(&m, tg.type), app, opt.args, opt.nargs);
	free(app);
	char *text = opt.json ? plan_json(&pl) : plan_command(&pl);
	if (opt.dry_run) {
		printf("%s\n", text);
		free(text);
		goto out;
	}
	fprintf(stderr, "Executing: %s\n", text);
	free(text);
	fflush(stdout);
	fflush(stderr);
	plan_exec(&pl);
	fprintf(stderr, "up: cannot run '%s': %s\n", pl.argv[0], strerror(errno));
	rc = errno == ENOENT ? EXIT_NONIX : EXIT_INTERNAL;
out:
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = say(EXIT_INTERNAL, "cannot write to stdout");
	buf_free(&err);
	plan_free(&pl);
	manifest_free(&m);
	nix_free(&nx);
	flake_free(&fl);
	return rc;
}
