/* libFuzzer: quoting, with a real round trip through dash.
 *
 * The input, split at NUL bytes, is an argv. quote_argv()'s text, run by
 * `dash -c 'printf "%s\0" TEXT'`, must give back every word byte for byte;
 * quote_visible() must write nothing a terminal acts on and, run the same
 * way, give back the word (unless it ends with a newline, which $(...)
 * drops, as quote.h says). */
#include "config.h"

#include <errno.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quote.h"
#include "words.h"

extern char **environ;

enum { WORDS_MAX = 8, INPUT_MAX = 4096 };

/* dash -c "printf '%s\0' TEXT": what it printed, or false. */
static bool run(const char *text, struct buf *got)
{
	struct buf script;
	int fd[2];
	buf_init(&script);
	buf_printf(&script, "printf '%%s\\0' %s", text);
	if (pipe(fd) < 0)
		abort();
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	char *argv[] = { "/bin/dash", "-c", script.data, NULL };
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	char chunk[4096];
	ssize_t n;
	/* libFuzzer's timers interrupt reads and waits: go on after them. */
	while (rc == 0 && ((n = read(fd[0], chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			buf_add(got, chunk, (size_t)n);
	close(fd[0]);
	int status = 1;
	while (rc == 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	buf_free(&script);
	return rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > INPUT_MAX)
		return 0;
	char *text, *argv[WORDS_MAX + 1];
	size_t argc = fuzz_words(data, size, &text, argv, WORDS_MAX);
	argv[argc] = NULL;
	struct buf want;
	buf_init(&want);
	for (size_t i = 0; i < argc; i++)
		buf_add(&want, argv[i], strlen(argv[i]) + 1);

	char *quoted = quote_argv(argv);
	struct buf got;
	buf_init(&got);
	/* The first word is the command word: quote_argv() quotes it as one. */
	if (!run(quoted, &got) || got.len != want.len || memcmp(got.data, want.data, got.len))
		abort();

	for (size_t i = 0; i < argc; i++) {
		struct buf v, back;
		buf_init(&v);
		buf_init(&back);
		quote_visible(&v, argv[i]);
		for (const unsigned char *p = (const unsigned char *)buf_str(&v); *p; p++)
			if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0))
				abort(); /* a control character would reach the terminal */
		size_t len = strlen(argv[i]);
		if (!run(buf_str(&v), &back))
			abort();
		if (!(len && argv[i][len - 1] == '\n') &&
		    (back.len != len + 1 || memcmp(back.data, argv[i], len)))
			abort();
		buf_free(&v);
		buf_free(&back);
	}
	free(quoted);
	free(text);
	buf_free(&want);
	buf_free(&got);
	return 0;
}
