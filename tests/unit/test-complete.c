/* The --complete protocol: what a TAB press asks for, and the lines that
 * answer it (NAME<TAB>DESCRIPTION). */
#include "config.h"

#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complete.h"
#include "tap.h"

#define W(...) ((char *[]){ __VA_ARGS__ })
#define N(...) (sizeof((char *[]){ __VA_ARGS__ }) / sizeof(char *))
#define ANSWER(m, ...) answer(m, W(__VA_ARGS__), N(__VA_ARGS__))

static const char manifest_json[] =
	"{\"version\":1,\"types\":{\"runner\":{\"description\":\"Local process\"},"
	"\"vm\":{\"description\":\"NixOS VM\"},\"container\":{}},"
	"\"profiles\":{\"default\":{\"description\":\"2 s segments\"},"
	"\"low-latency\":{\"description\":\"1 s\",\"types\":[\"vm\",\"runner\"]},"
	"\"list\":{\"types\":[\"runner\"]}}}";

/* The answer to the words, as text. */
static char *answer(const struct manifest *m, char **words, size_t n)
{
	struct complete_query q;
	struct buf out;
	buf_init(&out);
	complete_query(&q, words, n);
	complete_answer(&out, &q, m, NULL);
	return buf_take(&out);
}

static void is(char *got, const char *want, const char *what)
{
	tap_ok(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		printf("#   got:      [%s]\n#   expected: [%s]\n", got, want);
	free(got);
}

static void asks(char **words, size_t n, enum complete_what what, const char *cur,
		 const char *profile, const char *what_text)
{
	struct complete_query q;
	complete_query(&q, words, n);
	tap_ok(q.what == what && !strcmp(q.cur, cur) &&
	       (profile ? q.profile && !strcmp(q.profile, profile) : 1), "%s", what_text);
}

static void queries(void)
{
	asks(W(""), 1, COMPLETE_PROFILE, "", NULL, "an empty word: a profile");
	asks(NULL, 0, COMPLETE_PROFILE, "", NULL, "no words at all: a profile");
	asks(W("de"), 1, COMPLETE_PROFILE, "de", NULL, "a word: a profile");
	asks(W("-"), 1, COMPLETE_OPTION, "-", NULL, "a dash: an option");
	asks(W("default", ""), 2, COMPLETE_TYPE, "", "default", "after PROFILE: its type");
	asks(W("default", "runner", ""), 3, COMPLETE_FILES, "", NULL, "after TYPE: the app's words, file names");
	asks(W("default", "--", ""), 3, COMPLETE_FILES, "", NULL, "after PROFILE --: the app's");
	asks(W("--", ""), 2, COMPLETE_PROFILE, "", NULL, "-- ends the options: a profile");
	asks(W("--", "-"), 2, COMPLETE_FILES, "-", NULL, "after --, a word with a dash is no profile: the app's");
	asks(W("--", "--port", ""), 3, COMPLETE_FILES, "", NULL, "... nor is what follows it");
	asks(W("-n", "-y", ""), 3, COMPLETE_PROFILE, "", NULL, "flags are skipped");
	asks(W("--flake", ""), 2, COMPLETE_VALUE, "", NULL, "--flake SPACE: its value");
	asks(W("--flake=./a"), 1, COMPLETE_VALUE, "./a", NULL, "--flake=: its value");
	asks(W("--fl", "x", ""), 3, COMPLETE_PROFILE, "", NULL, "an option's prefix takes its value");
	asks(W("--attr", "other", "p", ""), 4, COMPLETE_TYPE, "", "p", "--attr VALUE is skipped");
	asks(W("--dry-run=x"), 1, COMPLETE_NOTHING, "x", NULL, "a flag's =VALUE: nothing");
	asks(W("--comp", ""), 2, COMPLETE_VALUE, "", NULL, "--comp is --completions (--complete is hidden)");
	asks(W("--bogus", "d"), 2, COMPLETE_PROFILE, "d", NULL, "an unknown option is skipped");

	struct complete_query q;
	complete_query(&q, W("--flake", "a", "--attr=b", "--flake=c", ""), 5);
	tap_ok(q.flake && !strcmp(q.flake, "c") && q.attr && !strcmp(q.attr, "b"),
	       "the last --flake and --attr count");
}

static void options_and_values(void)
{
	is(ANSWER(NULL, "--fl"), "--flake\tthe flake to read and run (env UP_FLAKE)\n", "options by prefix");
	is(ANSWER(NULL, "-n"), "-n\tresolve and check, print the command, run nothing\n", "a short option");
	char *all = ANSWER(NULL, "-");
	tap_ok(!strncmp(all, "-n\t", 3) && strstr(all, "\n--dry-run\t") && strstr(all, "\n--version\t") &&
	       !strstr(all, "--complete\t"), "a dash: every option but the hidden one, short first");
	free(all);
	is(ANSWER(NULL, "--completions", ""),
	   "bash\tcompletion script for bash\nzsh\tcompletion script for zsh\nfish\tcompletion script for fish\n",
	   "--completions: the shells");
	is(ANSWER(NULL, "--completions=z"), "--completions=zsh\tcompletion script for zsh\n",
	   "--completions=z: the value after the option");
	is(ANSWER(NULL, "--attr", ""), "", "--attr: no values offered");
	is(ANSWER(NULL, "--dry-run=x"), "", "a flag takes no value");
}

static void directories(void)
{
	char *dir = tap_scratch("up-complete");
	char *cwd = getcwd(NULL, 0);
	if (!dir || chdir(dir) != 0) {
		tap_ok(0, "a scratch directory");
		free(cwd);
		return;
	}
	mkdir("alpha", 0700);
	mkdir("alpha/inner", 0700);
	mkdir("beta", 0700);
	mkdir(".hidden", 0700);
	mkdir("new\nline", 0700);
	close(creat("alpha/flake.nix", 0600));
	close(creat("file", 0600));
	setenv("HOME", dir, 1);
	is(ANSWER(NULL, "--flake", ""), "alpha/\tflake\nbeta/\tdirectory\n",
	   "--flake: directories, flakes said so; no files, no hidden, no control characters");
	is(ANSWER(NULL, "--flake", "."), ".hidden/\tdirectory\n", "hidden ones when asked for");
	is(ANSWER(NULL, "--flake", "alpha/"), "alpha/inner/\tdirectory\n", "inside a directory");
	is(ANSWER(NULL, "--flake=a"), "--flake=alpha/\tflake\n", "--flake=PATH");
	is(ANSWER(NULL, "--flake", "~/b"), "~/beta/\tdirectory\n", "~/ is HOME, and stays ~/");
	unlink("alpha/flake.nix");
	unlink("file");
	const char *dirs[] = { "alpha/inner", "alpha", "beta", ".hidden", "new\nline" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		rmdir(dirs[i]);
	if (chdir(cwd) != 0 || rmdir(dir) != 0)
		tap_ok(0, "the scratch directory is removed");
	free(cwd);
}

static void names(void)
{
	struct manifest m;
	struct buf err;
	manifest_init(&m);
	buf_init(&err);
	int rc = manifest_parse(&m, manifest_json, strlen(manifest_json), "test", &err);
	tap_ok(rc == 0, "the test manifest parses");
	is(ANSWER(&m, ""), "default\t2 s segments\nlist\t\nlow-latency\t1 s\n", "every profile");
	is(ANSWER(&m, "l"), "list\t\nlow-latency\t1 s\n", "profiles by prefix");
	is(ANSWER(NULL, "l"), "", "no manifest: no names");
	is(ANSWER(&m, "low-latency", ""), "vm\tNixOS VM\nrunner\tLocal process\n",
	   "only the profile's types, in its order");
	is(ANSWER(&m, "default", "c"), "container\t\n", "types by prefix");
	is(ANSWER(&m, "nope", ""), "", "an unknown profile has no types");
	is(ANSWER(&m, "-n", "--", "list", ""), "runner\tLocal process\n", "after options and --");
	is(ANSWER(&m, "list", "runner", ""), "\tfiles\n", "after TYPE: file names, the app's");
	buf_free(&err);
	manifest_free(&m);
}

/* With this machine's platform: what it cannot run is marked. A system
 * that no machine has ("riscv64-none") stands for another machine. */
static void marks(void)
{
	static const char json[] =
		"{\"version\":1,\"types\":{\"runner\":{\"description\":\"Local\"},"
		"\"far\":{\"systems\":[\"riscv64-none\"]}},"
		"\"profiles\":[{\"name\":\"dev\",\"description\":\"dev\"},"
		"{\"name\":\"mac\",\"description\":\"macOS\",\"systems\":[\"riscv64-none\"]},"
		"{\"name\":\"farther\",\"types\":[\"far\"]}]}";
	struct manifest m;
	struct platform pf;
	struct complete_query q;
	struct buf err, out;
	manifest_init(&m);
	platform_init(&pf);
	buf_init(&err);
	buf_init(&out);
	int rc = manifest_parse(&m, json, strlen(json), "test", &err);
	tap_ok(rc == 0, "a manifest with profile systems parses %s", buf_str(&err));
	complete_query(&q, W(""), 1);
	complete_answer(&out, &q, &m, &pf);
	is(buf_take(&out), "dev\tdev\nmac\tmacOS (cannot run here)\nfarther\t(cannot run here)\n",
	   "profiles this machine cannot run (its systems, or none of its types) are marked");
	complete_query(&q, W("dev", ""), 2);
	complete_answer(&out, &q, &m, &pf);
	is(buf_take(&out), "far\t(cannot run here)\nrunner\tLocal\n", "and so are types");
	complete_query(&q, W("--list=m"), 1);
	complete_answer(&out, &q, &m, &pf);
	is(buf_take(&out), "--list=mac\tmacOS (cannot run here)\n", "--list=PROFILE completes profiles");
	buf_free(&err);
	platform_free(&pf);
	manifest_free(&m);
}

int main(void)
{
	queries();
	options_and_values();
	directories();
	names();
	marks();
	return tap_done();
}
