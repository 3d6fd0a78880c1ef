#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exitcode.h"
#include "nix.h"

extern char **environ;

static const char features[] = "nix-command flakes";

void nix_init(struct nix *nx)
{
	const char *env = getenv("UP_NIX");
	nx->bin = env && *env ? env : "nix";
	nx->extra_features = false;
}

size_t nix_prefix(const struct nix *nx, const char **words)
{
	size_t n = 0;
	words[n++] = nx->bin;
	if (nx->extra_features) {
		words[n++] = "--extra-experimental-features";
		words[n++] = features;
	}
	return n;
}

bool nix_extra_features(const struct nix *nx) { return nx->extra_features; }
void nix_set_extra_features(struct nix *nx, bool on) { nx->extra_features = on; }

static bool stat_line(struct buf *out, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	buf_printf(out, " %s %lld %lld %lld", path, (long long)st.st_ino, (long long)st.st_size,
		   (long long)st.st_mtime);
	return true;
}

bool nix_which(const struct nix *nx, struct buf *path)
{
	struct stat st;
	buf_reset(path);
	if (strchr(nx->bin, '/')) {
		buf_puts(path, nx->bin);
		return stat(nx->bin, &st) == 0 && S_ISREG(st.st_mode);
	}
	for (const char *dirs = getenv("PATH"); dirs && *dirs;) {
		const char *end = strchr(dirs, ':');
		size_t n = end ? (size_t)(end - dirs) : strlen(dirs);
		buf_reset(path);
		buf_printf(path, "%.*s/%s", (int)n, n ? dirs : ".", nx->bin);
		if (stat(path->data, &st) == 0 && S_ISREG(st.st_mode) && access(path->data, X_OK) == 0)
			return true;
		dirs = end ? end + 1 : NULL;
	}
	buf_reset(path);
	return false;
}

void nix_identity(const struct nix *nx, struct buf *out)
{
	struct buf p;
	buf_init(&p);
	buf_puts(out, nx->bin);
	if (nix_which(nx, &p))
		stat_line(out, p.data);
	buf_free(&p);
}

/* A pipe whose ends are not inherited (pipe2 is not on every system). */
static bool cloexec_pipe(int fd[2])
{
	if (pipe(fd) < 0)
		return false;
	if (fcntl(fd[0], F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd[1], F_SETFD, FD_CLOEXEC) == 0)
		return true;
	close(fd[0]);
	close(fd[1]);
	return false;
}

/* Reads both pipes to their end, into out and err. */
static void collect(int fo, int fe, struct buf *out, struct buf *err)
{
	struct pollfd fds[2] = { { fo, POLLIN, 0 }, { fe, POLLIN, 0 } };
	struct buf *bufs[2] = { out, err };
	int open_fds = 2;
	char chunk[65536];
	while (open_fds > 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int k = 0; k < 2; k++) {
			if (fds[k].fd < 0 || !fds[k].revents)
				continue;
			ssize_t n = read(fds[k].fd, chunk, sizeof chunk);
			if (n > 0) {
				buf_add(bufs[k], chunk, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[k].fd);
				fds[k].fd = -1;
				open_fds--;
			}
		}
	}
	for (int k = 0; k < 2; k++)
		if (fds[k].fd >= 0)
			close(fds[k].fd);
}

/* A started command: its pid and the read ends of its stdout and stderr. */
struct child {
	pid_t pid;
	int out, err;
};

/* Starts argv with stdin from /dev/null; false with errno set when it
 * could not start. */
static bool start(char *const *argv, struct child *c)
{
	int po[2], pe[2];
	if (!cloexec_pipe(po))
		return false;
	if (!cloexec_pipe(pe)) {
		close(po[0]);
		close(po[1]);
		return false;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	int rc = posix_spawnp(&c->pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		errno = rc;
		return false;
	}
	c->out = po[0];
	c->err = pe[0];
	return true;
}

/* Reads the child's output to its end and waits for it: its wait status. */
static int finish(struct child *c, struct buf *out, struct buf *err)
{
	int status = 0;
	collect(c->out, c->err, out, err);
	while (waitpid(c->pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* Starts a nix command: 0, or 127 (with how to install nix) or 70. */
static int spawn(const struct nix *nx, const char **argv, struct child *c, struct buf *err)
{
	if (start((char *const *)argv, c))
		return 0;
	int e = errno;
	if (e == ENOENT || e == EACCES || e == ENOTDIR)
		return fail(err, EXIT_NONIX, "cannot run nix ('%s'): %s\n"
			    "  install Nix (https://nixos.org/download; on Debian: "
			    "apt-get install nix-bin),\n  or point UP_NIX at the nix binary",
			    nx->bin, strerror(e));
	return fail(err, EXIT_INTERNAL, "cannot run nix ('%s'): %s", nx->bin, strerror(e));
}

int nix_version(struct nix *nx, struct buf *out, struct buf *err)
{
	const char *argv[] = { nx->bin, "--version", NULL };
	struct child c;
	struct buf text;
	int rc = spawn(nx, argv, &c, err);
	if (rc)
		return rc;
	buf_init(&text);
	int status = finish(&c, out, &text);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = fail(err, EXIT_NONIX, "'%s --version' failed: %s", nx->bin, buf_str(&text));
	while (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	buf_free(&text);
	return rc;
}

static bool disabled_features(const char *err)
{
	return strstr(err, "experimental Nix feature") && strstr(err, "is disabled");
}

/* nix's error text: in a verbose log, from its first "error:" line on. */
static void error_text(struct buf *err, const struct buf *log, bool verbose)
{
	const char *text = buf_str(log), *at;
	if (verbose && strncmp(text, "error:", 6) && (at = strstr(text, "\nerror:")))
		text = at + 1;
	buf_puts(err, text);
	if (*text && text[strlen(text) - 1] != '\n')
		buf_putc(err, '\n');
}

int nix_eval(struct nix *nx, const struct nix_request *rq, struct buf *json, struct buf *log,
	     struct buf *err)
{
	struct buf installable;
	int rc = 0;
	buf_init(&installable);
	buf_printf(&installable, "%s#%s", rq->flake, rq->attr);

	for (int attempt = 0; attempt < 2; attempt++) {
		const char *argv[NIX_PREFIX_MAX + 9];
		size_t n = nix_prefix(nx, argv);
		argv[n++] = "eval";
		argv[n++] = "--json";
		if (rq->verbose) {
			argv[n++] = "-vvv";
			argv[n++] = "--no-eval-cache";
		}
		if (rq->apply) {
			argv[n++] = "--apply";
			argv[n++] = rq->apply;
		}
		argv[n++] = installable.data;
		argv[n] = NULL;

		struct child c;
		buf_reset(log);
		buf_reset(json);
		if ((rc = spawn(nx, argv, &c, err)))
			break;
		if (attempt == 0 && rq->meanwhile)
			rq->meanwhile(rq->arg);
		int status = finish(&c, json, log);
		if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			rc = 0;
			break;
		}
		if (attempt == 0 && !nx->extra_features && disabled_features(buf_str(log))) {
			nx->extra_features = true;
			continue;
		}
		rc = EXIT_MANIFEST;
		error_text(err, log, rq->verbose);
		if (status != -1 && WIFSIGNALED(status))
			buf_printf(err, "(nix was killed by signal %d)\n", WTERMSIG(status));
		break;
	}
	buf_free(&installable);
	return rc;
}
