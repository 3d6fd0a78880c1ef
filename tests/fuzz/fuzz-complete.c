/* libFuzzer: the answers to a TAB press.
 *
 * The input, split at NUL bytes, is the words after "up" (the last one
 * being completed). complete_query() reads them; complete_answer() answers
 * from a fixed manifest (profiles with hostile descriptions, systems that
 * exclude this machine) and from a small directory tree. Every answer line
 * must be NAME<TAB>DESCRIPTION with no other control character. The same
 * words are also a command line for options_parse(), which must accept
 * them (0) or say why (64), and never hand the app more words than given. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complete.h"
#include "options.h"
#include "words.h"

enum { WORDS_MAX = 16, INPUT_MAX = 4096 };

static const char manifest_json[] =
	"{\"version\":1,\"name\":\"fuzz\",\"types\":{\"runner\":{\"description\":\"Local\"},"
	"\"vm\":{\"description\":\"VM\\u202e\",\"requires\":[\"kvm\"]},"
	"\"far\":{\"systems\":[\"riscv64-none\"]}},"
	"\"profiles\":[{\"name\":\"default\",\"description\":\"a\\tb\\nc\\u001b[31m\"},"
	"{\"name\":\"low-latency\",\"types\":[\"vm\",\"runner\"]},"
	"{\"name\":\"list\",\"types\":[\"far\"]},"
	"{\"name\":\"mac\",\"systems\":[\"aarch64-darwin\"],\"description\":\"$(id) `x`\"}]}";

static struct manifest m;
static struct platform pf;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct buf err;
	buf_init(&err);
	manifest_init(&m);
	if (manifest_parse(&m, manifest_json, strlen(manifest_json), "fuzz", &err) != 0)
		abort();
	buf_free(&err);
	platform_init(&pf);
	/* Directories to complete --flake in, and a HOME. */
	char dir[] = "/tmp/up-fuzz-complete.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		abort();
	mkdir("flake", 0700);
	mkdir("dir with space", 0700);
	mkdir(".hidden", 0700);
	mkdir("flake/sub", 0700);
	int fd = open("flake/flake.nix", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		abort();
	close(fd);
	setenv("HOME", dir, 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > INPUT_MAX)
		return 0;
	char *text, *words[WORDS_MAX];
	size_t n = fuzz_words(data, size, &text, words, WORDS_MAX);
	struct complete_query q;
	struct buf out;
	buf_init(&out);
	complete_query(&q, words, n);
	complete_answer(&out, &q, &m, &pf);
	complete_answer(&out, &q, NULL, NULL);
	/* Every line: one tab, no other control byte. */
	const char *p = buf_str(&out);
	while (*p) {
		size_t len = strcspn(p, "\n"), tabs = 0;
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)p[i];
			tabs += c == '\t';
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				abort();
		}
		if (tabs != 1 || p[len] != '\n')
			abort();
		p += len + 1;
	}
	buf_free(&out);

	char *argv[WORDS_MAX + 2];
	argv[0] = "up";
	memcpy(argv + 1, words, n * sizeof *words);
	argv[n + 1] = NULL;
	struct options o;
	struct buf err;
	buf_init(&err);
	int rc = options_parse(&o, (int)n + 1, argv, &err);
	if ((rc != 0 && rc != 64) || (rc == 64) != (err.len > 0) || (rc == 0 && o.nargs > n))
		abort();
	buf_free(&err);
	free(text);
	return 0;
}
