/* The command line of SPEC §2: options first, PROFILE, TYPE, the app's words. */
#include "config.h"

#include <stdlib.h>

#include "../../src/options.h"
#include "tap.h"

#define ARGV(...) ((char *[]){ "up", __VA_ARGS__, NULL })
#define ARGC(v) argc_of(v)

static int argc_of(char **v)
{
	int n = 0;
	while (v[n])
		n++;
	return n;
}

static int parse(struct options *o, char **argv)
{
	char err[256];
	return options_parse(o, argc_of(argv), argv, err, sizeof err);
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int main(void)
{
	struct options o;
	char **v;

	v = ARGV("-n", "default", "runner", "--", "a", "--", "b");
	tap_ok(parse(&o, v) == 0 && o.dry_run && str_eq(o.profile, "default") &&
	       str_eq(o.type, "runner") && o.nargs == 3 && str_eq(o.args[0], "a") &&
	       str_eq(o.args[1], "--") && str_eq(o.args[2], "b"),
	       "only the leading -- after TYPE is dropped");

	v = ARGV("default", "runner", "-n", "--yes");
	tap_ok(parse(&o, v) == 0 && !o.dry_run && !o.yes && o.nargs == 2 &&
	       str_eq(o.args[0], "-n"), "options stop at the first positional word");

	v = ARGV("list", "help");
	tap_ok(parse(&o, v) == 0 && str_eq(o.profile, "list") && str_eq(o.type, "help") &&
	       !o.list && !o.help, "profiles called list and help are not commands");

	v = ARGV("-ny", "--flake", "github:o/r", "--attr=other");
	tap_ok(parse(&o, v) == 0 && o.dry_run && o.yes && str_eq(o.flake, "github:o/r") &&
	       str_eq(o.attr, "other") && !o.profile, "bundled short options, long values both ways");

	v = ARGV("default", "--", "x");
	tap_ok(parse(&o, v) == 0 && str_eq(o.profile, "default") && !o.type && o.nargs == 1 &&
	       str_eq(o.args[0], "x"), "PROFILE -- ARG leaves TYPE to the defaults");

	v = ARGV("--", "default", "runner");
	tap_ok(parse(&o, v) == 0 && str_eq(o.profile, "default") && str_eq(o.type, "runner"),
	       "-- before PROFILE ends the options");

	v = ARGV("--dry");
	tap_ok(parse(&o, v) == 0 && o.dry_run, "unambiguous long prefix accepted");

	v = ARGV("-n", "--json");
	tap_ok(parse(&o, v) == 0 && o.json && o.dry_run && str_eq(o.attr, "upManifest"),
	       "--json with --dry-run; attr defaults to upManifest");

	v = ARGV("--complete", "--", "--flake", "x", "def");
	tap_ok(parse(&o, v) == 0 && o.complete && o.nwords == 3 && str_eq(o.words[2], "def"),
	       "--complete keeps every word after --");

	struct { char **argv; const char *what; } bad[] = {
		{ ARGV("--bogus"), "unknown long option" },
		{ ARGV("-x"), "unknown short option" },
		{ ARGV("--flake"), "missing value" },
		{ ARGV("--flake="), "empty value" },
		{ ARGV("--dry-run=yes"), "value for a flag" },
		{ ARGV("--json"), "--json alone" },
		{ ARGV("--doctor"), "an option of later work" },
		{ ARGV("--list", "a", "b"), "--list with a TYPE" },
		{ ARGV("--static"), "--static without --completions" },
		{ ARGV("--complete", "x"), "--complete without --" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		tap_ok(parse(&o, bad[i].argv) == 64, "usage error 64: %s", bad[i].what);
	return tap_done();
}
