/* Property test: `sh -c` of quote_argv's text yields the argv byte for byte,
 * for random byte strings (quotes, $, backticks, newlines, empty strings,
 * non-UTF-8), under every POSIX shell on the machine. */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "quote.h"
#include "tap.h"

extern char **environ;

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

/* A random word: biased towards the characters a shell cares about. */
static char *word(void)
{
	static const char special[] = "'\"$`\\\n\t !#&;|<>(){}[]*?~=%^,:@+-./ ";
	size_t n = next() % 12;
	char *w = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned r = next() % 4;
		unsigned char c;
		if (r == 0)
			c = (unsigned char)special[next() % (sizeof special - 1)];
		else if (r == 1)
			c = (unsigned char)(1 + next() % 255); /* any byte but NUL */
		else
			c = (unsigned char)('a' + next() % 26);
		w[i] = (char)c;
	}
	w[n] = '\0';
	return w;
}

/* SHELL -c "printf '%s\0' TEXT": what it printed, into got; true when it
 * ran and exited 0. */
static int run_printf(const char *shell, const char *text, struct buf *got)
{
	struct buf script;
	buf_init(&script);
	buf_printf(&script, "printf '%%s\\0' %s", text);
	int fd[2];
	if (pipe(fd) < 0)
		return 0;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	char *sargv[] = { (char *)shell, "-c", script.data, NULL };
	pid_t pid;
	int rc = posix_spawn(&pid, shell, &fa, NULL, sargv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	char chunk[4096];
	ssize_t n;
	while (rc == 0 && (n = read(fd[0], chunk, sizeof chunk)) > 0)
		buf_add(got, chunk, (size_t)n);
	close(fd[0]);
	int status = 1;
	if (rc == 0)
		waitpid(pid, &status, 0);
	buf_free(&script);
	return rc == 0 && status == 0;
}

/* Runs SHELL -c 'printf "%s\0" WORDS' and reads what it printed. */
static int roundtrip(const char *shell, char *const *argv, size_t argc)
{
	struct buf got, want;
	buf_init(&got);
	buf_init(&want);
	char *quoted = quote_argv(argv);
	int ran = run_printf(shell, quoted, &got);
	free(quoted);
	for (size_t i = 0; i < argc; i++)
		buf_add(&want, argv[i], strlen(argv[i]) + 1);
	int same = ran && got.len == want.len && !memcmp(got.data,
							  want.data, got.len);
	buf_free(&want);
	buf_free(&got);
	return same;
}

static void fixed(const char *shell)
{
	char *cases[][4] = {
		{ "", NULL },
		{ "it's", "\"q\"", "$(touch /tmp/up-never)", NULL },
		{ "`id`", "a\nb", "\\", NULL },
		{ "#comment", "~", "*", NULL },
		{ "a=b", "-", "--", NULL },
		{ "\xff\xfe", "\xc3\x28", "caf\xc3\xa9", NULL },
		{ "'", "''", "'\\''", NULL },
		{ "=ls", "=", "==x", NULL },   /* zsh: =ls is the path of ls */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = 0;
		while (cases[i][n])
			n++;
		char *argv[6] = { "printf-arg" };
		for (size_t k = 0; k < n; k++)
			argv[k] = cases[i][k];
		argv[n] = NULL;
		tap_ok(roundtrip(shell, argv, n), "%s: fixed case %zu round-trips", shell, i);
	}
}

/* quote_visible(): no byte that a terminal acts on, and the same word
 * back from the shell. */
static int visible_roundtrip(const char *shell, const char *word)
{
	struct buf b, got;
	buf_init(&b);
	buf_init(&got);
	quote_visible(&b, word);
	int clean = 1;
	for (const unsigned char *p = (const unsigned char *)b.data; *p; p++)
		clean = clean && *p >= 0x20 && *p < 0x7f;
	int same = run_printf(shell, b.data, &got) && got.len == strlen(word) + 1 &&
		   !memcmp(got.data, word, got.len);
	buf_free(&got);
	buf_free(&b);
	return clean && same;
}

int main(void)
{
	const char *shells[] = { "/bin/sh", "/bin/dash", "/bin/bash", "/usr/bin/zsh" };
	struct buf b;
	buf_init(&b);

	/* Words that need no quotes stay as they are. */
	char *plain[] = { "nix", "run", ".#default-runner", "--", "a=b", "x,y:z@1%+", NULL };
	char *text = quote_argv(plain);
	tap_ok(!strcmp(text, "nix run .#default-runner -- a=b x,y:z@1%+"), "plain words unquoted: %s", text);
	free(text);
	char *tricky[] = { "if", "#x", "a=b", "", NULL };
	text = quote_argv(tricky);
	tap_ok(!strcmp(text, "'if' '#x' a=b ''"), "reserved command word, leading #, empty: %s", text);
	free(text);
	char *equals[] = { "x", "=ls", "a=b", NULL };
	text = quote_argv(equals);
	tap_ok(!strcmp(text, "x '=ls' a=b"), "a word starting with '=' is quoted (zsh expands it): %s", text);
	free(text);
	char *assign[] = { "A=b", NULL };
	text = quote_argv(assign);
	tap_ok(!strcmp(text, "'A=b'"), "a command word with '=' is quoted: %s", text);
	free(text);

	struct buf v;
	buf_init(&v);
	quote_visible(&v, "profiles/a b.nix");
	tap_ok(!strcmp(v.data, "'profiles/a b.nix'"), "quote_visible: a printable word as quote_word: %s", v.data);
	buf_reset(&v);
	quote_visible(&v, "x\033]0;t\007\xe2\x80\xae%'\\");
	tap_ok(!strcmp(v.data, "\"$(printf 'x\\033]0;t\\007\\342\\200\\256\\045\\047\\134')\""),
	       "quote_visible: escapes, bidi, %%, quote and backslash in octal: %s", v.data);
	buf_free(&v);

	for (size_t s = 0; s < sizeof shells / sizeof shells[0]; s++) {
		if (access(shells[s], X_OK) != 0)
			continue;
		fixed(shells[s]);
		static const char *const hostile[] = {
			"profiles/\033]0;pwned\007x.nix", "a\033[2Jb", "\xe2\x80\xaegpj.nix",
			"zero\xe2\x80\x8bw", "%d%s\\n'\"$(id)`", "\xff\xfe bad utf8", "tab\there",
			"new\nline", "\xc2\x9b" "31m", "-<ls\033", "--x\a",
		};
		for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
			tap_ok(visible_roundtrip(shells[s], hostile[i]),
			       "%s: quote_visible case %zu: only printable ASCII, and the word back", shells[s], i);
		int good = 0, total = 300;
		for (int i = 0; i < total; i++) {
			size_t argc = 1 + next() % 5;
			char *argv[7];
			for (size_t k = 0; k < argc; k++)
				argv[k] = word();
			argv[argc] = NULL;
			good += roundtrip(shells[s], argv, argc);
			for (size_t k = 0; k < argc; k++)
				free(argv[k]);
		}
		tap_ok(good == total, "%s: %d of %d random argvs round-trip byte for byte", shells[s], good, total);
	}
	buf_free(&b);
	return tap_done();
}
