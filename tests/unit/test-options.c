/* The command line of up(1) OPTIONS: options first, PROFILE, TYPE, the app's words. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "options.h"
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
	struct buf err;
	buf_init(&err);
	int rc = options_parse(o, argc_of(argv), argv, &err);
	buf_free(&err);
	return rc;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* --help's option lines come from the table, aligned. */
static void usage(void)
{
	struct buf b;
	size_t n;
	const struct option_spec *table = options_table(&n);
	buf_init(&b);
	options_usage(&b);
	tap_ok(!strncmp(b.data, "Usage: up [OPTION]... [PROFILE [TYPE]] [--] [ARG]...\n", 53),
	       "the usage line first");
	for (size_t i = 0; i < n; i++) {
		struct buf line;
		buf_init(&line);
		buf_printf(&line, "\n  %c%c%c ", table[i].letter ? '-' : ' ',
			   table[i].letter ? table[i].letter : ' ', table[i].letter ? ',' : ' ');
		buf_printf(&line, "--%s%s%s%s", table[i].name,
			   !table[i].arg ? "" : table[i].optional ? "[=" : " ",
			   table[i].arg ? table[i].arg : "", table[i].optional ? "]" : "");
		char *at = strstr(b.data, line.data);
		int listed = at != NULL;
		tap_ok(listed == !table[i].hidden, "--%s is %s the help", table[i].name,
		       table[i].hidden ? "not in" : "in");
		if (at && strlen(line.data) - 1 <= 25)
			tap_ok(!strncmp(at + 1 + 27, table[i].help, strlen(table[i].help)),
			       "--%s: its help starts in column 27", table[i].name);
		buf_free(&line);
	}
	tap_ok(strstr(b.data, "  -n, --dry-run            resolve and check") &&
	       strstr(b.data, "  -l, --list[=PROFILE]     every target") &&
	       strstr(b.data, "      --completions SHELL  print a completion script"),
	       "short and long names, values, two spaces at least");
	buf_free(&b);
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* options_scan: the words of a command line being typed, read leniently. */
static void scan(void)
{
	struct options_scan s;
	char *w1[] = { "-n", "--flake", "f", "--attr=a", "prof", "" };
	options_scan(&s, w1, 6);
	tap_ok(same(s.flake, "f") && same(s.attr, "a") && same(s.profile, "prof") &&
	       s.positional == 1 && !s.ended && !s.value_of, "values, flags and a profile");
	char *w1b[] = { "prof", "--flake", "x", "" };
	options_scan(&s, w1b, 4);
	tap_ok(same(s.flake, "x") && same(s.profile, "prof") && s.positional == 1,
	       "after PROFILE, a long option spelled in full is read (its value too)");
	char *w1c[] = { "prof", "--fl", "x", "" };
	options_scan(&s, w1c, 4);
	tap_ok(!s.flake && s.positional == 2, "... an abbreviation is not (up refuses it there)");
	char *w2[] = { "--fla", "" };
	options_scan(&s, w2, 2);
	tap_ok(s.value_of && s.value_of->id == OPT_FLAKE && !s.ended,
	       "the last word is the value of an option named by a prefix");
	char *w3[] = { "p", "--", "x", "" };
	options_scan(&s, w3, 4);
	tap_ok(s.positional >= 2 && same(s.profile, "p"), "-- after PROFILE: the rest is the app's");
	char *w4[] = { "--", "--flake", "" };
	options_scan(&s, w4, 3);
	tap_ok(!s.profile && !s.flake && s.positional >= 2,
	       "after --, an option's name is neither an option nor a profile: the app's");
	char *w5[] = { "--bogus", "--json", "" };
	options_scan(&s, w5, 3);
	tap_ok(!s.ended && s.positional == 0, "unknown options and flags are passed over");
	char *w6[] = { "--list", "" };
	options_scan(&s, w6, 2);
	tap_ok(!s.value_of && !s.ended, "--list's value is never the next word");
	char *w7[] = { "--list", "p", "" };
	options_scan(&s, w7, 3);
	tap_ok(same(s.profile, "p") && s.positional == 1, "--list PROFILE: a positional PROFILE");
	tap_ok(options_named("--fl") && options_named("--fl")->id == OPT_FLAKE &&
	       options_named("--flake=x")->id == OPT_FLAKE && !options_named("--") &&
	       !options_named("--complete") && options_named("--comp")->id == OPT_COMPLETIONS &&
	       !options_named("-n") && !options_named("--x"),
	       "options_named: exact, unique prefix, =VALUE; hidden options are not named");
}

/* An ambiguous long option names its candidates; running as a flake's
 * app, the messages say how to run up that way. */
static void messages(void)
{
	struct options o;
	struct buf err;
	buf_init(&err);
	char **v = ARGV("--d");
	setenv("UP_AS_APP", "up", 1);
	unsetenv("UP_DEFAULT_FLAKE");
	int rc = options_parse(&o, argc_of(v), v, &err);
	tap_ok(rc == 64 && strstr(buf_str(&err), "ambiguous option '--d': it could be --dry-run, --doctor;"),
	       "an ambiguous option lists what it could be: %s", buf_str(&err));
	tap_ok(strstr(buf_str(&err), "try 'nix run .#up -- --help'") != NULL,
	       "as a flake's app, the hint says nix run .#up --");
	buf_reset(&err);
	options_usage(&err);
	tap_ok(!strncmp(buf_str(&err), "Usage: nix run .#up -- [OPTION]...", 34) &&
	       strstr(buf_str(&err), "  nix run .#up -- --list "),
	       "... and so do the usage and its examples");
	unsetenv("UP_AS_APP");
	buf_free(&err);
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

	/* After PROFILE: up's long options spelled in full, or a refusal. */
	v = ARGV("default", "runner", "--dry-run");
	tap_ok(parse(&o, v) == 0 && o.dry_run && o.nargs == 0,
	       "PROFILE TYPE --dry-run is a dry run, never a run");
	v = ARGV("default", "--flake", "x", "runner", "a", "--json", "--dry-run", "b");
	tap_ok(parse(&o, v) == 0 && str_eq(o.flake, "x") && str_eq(o.type, "runner") && o.json &&
	       o.dry_run && o.nargs == 2 && str_eq(o.args[0], "a") && str_eq(o.args[1], "b"),
	       "long options between and after the words, the app's words gathered in order");
	v = ARGV("default", "runner", "-", "x");
	tap_ok(parse(&o, v) == 0 && o.nargs == 2 && str_eq(o.args[0], "-"),
	       "'-' alone is a word, not an option");
	v = ARGV("--", "default", "runner", "--port", "-n");
	tap_ok(parse(&o, v) == 0 && str_eq(o.type, "runner") && !o.dry_run && o.nargs == 2 &&
	       str_eq(o.args[0], "--port") && str_eq(o.args[1], "-n"),
	       "after a leading --, PROFILE and TYPE, then every word is the app's, as it is");
	struct { char **argv; const char *what, *hint; } refused[] = {
		{ ARGV("-n", "default", "runner", "-n", "5"), "a short option after PROFILE",
		  "\n  up -n default runner -- -n 5" },
		{ ARGV("default", "runner", "--port", "9000"), "an option up does not have",
		  "\n  up default runner -- --port 9000" },
		{ ARGV("default", "runner", "--dry"), "an abbreviation after PROFILE",
		  "\n  up default runner -- --dry" },
		{ ARGV("default", "-x"), "after PROFILE alone", "\n  up default -- -x" },
		{ ARGV("default", "runner", "a b", "-y"), "after the app's words",
		  "\n  up default runner 'a b' -- -y" },
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct buf err;
		buf_init(&err);
		int rc = options_parse(&o, argc_of(refused[i].argv), refused[i].argv, &err);
		tap_ok(rc == 64 && strstr(buf_str(&err), "after PROFILE is not an option of up's") &&
		       strstr(buf_str(&err), refused[i].hint),
		       "refused (64), %s, with the command that gives it to the app: %s",
		       refused[i].what, buf_str(&err));
		buf_free(&err);
	}

	v = ARGV("list", "help");
	tap_ok(parse(&o, v) == 0 && str_eq(o.profile, "list") && str_eq(o.type, "help") &&
	       !o.list && !o.help, "profiles called list and help are not commands");

	v = ARGV("-ny", "--flake", "github:o/r", "--attr=other");
	tap_ok(parse(&o, v) == 0 && o.dry_run && o.yes && str_eq(o.flake, "github:o/r") &&
	       str_eq(o.attr, "other") && !o.profile, "bundled short options, long values both ways");

	v = ARGV("default", "--", "x");
	tap_ok(parse(&o, v) == 0 && str_eq(o.profile, "default") && !o.type && o.nargs == 1 &&
	       str_eq(o.args[0], "x"), "PROFILE -- ARG leaves TYPE to the defaults");

	v = ARGV("-n", "--", "--port", "9000");
	tap_ok(parse(&o, v) == 0 && o.dry_run && !o.profile && !o.type && o.nargs == 2 &&
	       str_eq(o.args[0], "--port") && str_eq(o.args[1], "9000"),
	       "-- --port 9000: no profile starts with -, so the defaults, and the words are the app's");

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
		{ ARGV("--explain"), "an option up does not have" },
		{ ARGV("--doctor", "default"), "--doctor with a PROFILE" },
		{ ARGV("--show", "-n"), "--show with --dry-run" },
		{ ARGV("--show", "p", "t", "x"), "--show with words after TYPE" },
		{ ARGV("--list", "a", "b"), "--list with a TYPE" },
		{ ARGV("--list=a", "b"), "--list=PROFILE and another PROFILE" },
		{ ARGV("--list=a", "a", "t"), "--list=PROFILE with a TYPE" },
		{ ARGV("--list="), "--list= without a profile" },
		{ ARGV("--static"), "--static without --completions" },
		{ ARGV("--complete", "x"), "--complete without --" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		tap_ok(parse(&o, bad[i].argv) == 64, "usage error 64: %s", bad[i].what);

	v = ARGV("--list=debug");
	tap_ok(parse(&o, v) == 0 && o.list && str_eq(o.profile, "debug") && !o.type,
	       "--list=PROFILE, as the man page shows --list [PROFILE]");
	v = ARGV("-l", "debug");
	tap_ok(parse(&o, v) == 0 && o.list && str_eq(o.profile, "debug"), "-l PROFILE");
	v = ARGV("--list", "debug");
	tap_ok(parse(&o, v) == 0 && o.list && str_eq(o.profile, "debug"),
	       "--list PROFILE: the word after --list is PROFILE, not a value");
	v = ARGV("--list=debug", "debug");
	tap_ok(parse(&o, v) == 0 && o.list && str_eq(o.profile, "debug"), "--list=P P: the same one");
	v = ARGV("--li=debug");
	tap_ok(parse(&o, v) == 0 && o.list && str_eq(o.profile, "debug"), "--li=PROFILE (a prefix)");

	v = ARGV("--no-cache", "--refresh");
	tap_ok(parse(&o, v) == 0 && o.no_cache && o.refresh, "--no-cache and --refresh are flags");

	usage();
	messages();
	scan();
	return tap_done();
}
