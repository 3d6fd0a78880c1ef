#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	nx->error = NULL;
}

void nix_free(struct nix *nx)
{
	free(nx->error);
	nx->error = NULL;
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
const char *nix_bin(const struct nix *nx) { return nx->bin; }
const char *nix_error(const struct nix *nx) { return nx->error ? nx->error : ""; }

/* Runs argv with stdin from /dev/null, collecting stdout and stderr.
 * Returns the wait status, or -1 with errno set when it could not start. */
static int run(char *const *argv, struct buf *out, struct buf *err)
{
	int po[2], pe[2];
	if (pipe2(po, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		errno = rc;
		return -1;
	}

	struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
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

	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

static int disabled_features(const char *err)
{
	return strstr(err, "experimental Nix feature") && strstr(err, "is disabled");
}

int nix_eval(struct nix *nx, const char *flake, const char *attr, struct buf *out)
{
	struct buf installable, err;
	buf_init(&installable);
	buf_printf(&installable, "%s#%s", flake, attr);

	for (int attempt = 0; attempt < 2; attempt++) {
		const char *argv[NIX_PREFIX_MAX + 5];
		size_t n = nix_prefix(nx, argv);
		argv[n++] = "eval";
		argv[n++] = "--json";
		argv[n++] = installable.data;
		argv[n] = NULL;

		buf_init(&err);
		out->len = 0;
		int status = run((char *const *)argv, out, &err);
		if (status < 0) {
			int e = errno;
			buf_free(&err);
			buf_free(&installable);
			free(nx->error);
			nx->error = xstrdup(strerror(e));
			return e == ENOENT || e == EACCES || e == ENOTDIR ? EXIT_NONIX : EXIT_INTERNAL;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			buf_free(&err);
			buf_free(&installable);
			return 0;
		}
		if (attempt == 0 && !nx->extra_features && err.data && disabled_features(err.data)) {
			nx->extra_features = true;
			buf_free(&err);
			continue;
		}
		free(nx->error);
		if (WIFSIGNALED(status))
			buf_printf(&err, "(nix was killed by signal %d)\n", WTERMSIG(status));
		nx->error = buf_take(&err);
		break;
	}
	buf_free(&installable);
	return EXIT_MANIFEST;
}
