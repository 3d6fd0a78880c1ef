#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "fs.h"
#include "term.h"
#include "text.h"

extern char **environ;

static const int passed_on[3] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t pending;   /* a signal to pass on, or 0 */

static void on_signal(int sig)
{
	pending = sig;
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

static bool start(struct child *c, const char *file, char *const *argv)
{
	int po[2], pe[2];
	if (!cloexec_pipe(po))
		return false;
	if (!cloexec_pipe(pe)) {
		close(po[0]);
		close(po[1]);
		return false;
	}
	/* The signals wait until the handlers that pass them on are in place;
	 * the child starts with none blocked and each at its default. */
	sigset_t block, was, none;
	sigemptyset(&block);
	sigemptyset(&none);
	for (int i = 0; i < 3; i++)
		sigaddset(&block, passed_on[i]);
	sigprocmask(SIG_BLOCK, &block, &was);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &block);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	int rc = posix_spawn(&c->pid, file, &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(po[1]);
	close(pe[1]);
	if (rc == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal; /* no SA_RESTART: poll() wakes up */
		sigemptyset(&sa.sa_mask);
		pending = 0;
		for (int i = 0; i < 3; i++)
			sigaction(passed_on[i], &sa, &c->old[i]);
	}
	sigprocmask(SIG_SETMASK, &was, NULL);
	if (rc != 0) {
		close(po[0]);
		close(pe[0]);
		errno = rc;
		return false;
	}
	c->out = po[0];
	c->err = pe[0];
	fcntl(c->out, F_SETFL, O_NONBLOCK);
	fcntl(c->err, F_SETFL, O_NONBLOCK);
	return true;
}

bool child_start(struct child *c, char *const *argv)
{
	struct buf file;
	buf_init(&file);
	bool ok = fs_which(argv[0], &file) && start(c, file.data, argv);
	int e = errno;
	buf_free(&file);
	errno = e;
	return ok;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The progress line: what runs, for how long, and the last line the
 * command wrote, cut to the terminal and shown safely. *drawn keeps the
 * widest line drawn (on TERM=dumb, padded to the terminal's width), for
 * erase(). The line leaves ECHO_ROOM columns free, so that the terminal's
 * echo of a Ctrl-C ("^C") stays on it and is erased with it, rather than
 * wrap and leave the line behind. */
enum { ECHO_ROOM = 3 };
static void progress(const char *what, long ms, const struct buf *err, size_t *drawn)
{
	struct winsize ws;
	size_t width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : 80;
	struct buf line;
	buf_init(&line);
	buf_printf(&line, "up: %s (%ld s)", what, ms / 1000);
	const char *text = buf_str(err), *end = text + err->len;
	while (end > text && end[-1] == '\n')
		end--;
	const char *start = end;
	while (start > text && start[-1] != '\n')
		start--;
	if (start < end)
		buf_puts(&line, ": ");
	width = width > ECHO_ROOM + 1 ? width - ECHO_ROOM : 1;
	for (const char *p = start; p < end && line.len < width; p++)
		buf_putc(&line, text_plain_ascii((unsigned char)*p) ? *p : '?');
	if (line.len > width)
		line.len = width;
	bool dumb = term_plain();
	fprintf(stderr, "\r%.*s%s", (int)line.len, line.data, dumb ? "" : "\033[K");
	size_t wide = line.len;
	for (; dumb && wide < width; wide++)
		fputc(' ', stderr);
	fflush(stderr);
	buf_free(&line);
	*drawn = wide > *drawn ? wide : *drawn ? *drawn : 1;
}

/* Blanks the progress line, as wide as it was drawn. */
static void erase(size_t drawn)
{
	if (!drawn)
		return;
	if (term_plain())
		fprintf(stderr, "\r%*s\r", (int)drawn, "");
	else
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* What one read brought, kept within w's bounds. */
static void keep(struct child *c, struct child_wait *w, bool is_err, const char *data, size_t n,
		 struct buf *out, struct buf *err, struct buf *tail)
{
	if (!is_err) {
		if (w->out_max && out->len + n > w->out_max) {
			if (!w->out_cut)
				kill(c->pid, SIGTERM);
			w->out_cut = true;
			return;
		}
		buf_add(out, data, n);
		return;
	}
	size_t room = !w->err_max ? n : err->len < w->err_max ? w->err_max - err->len : 0;
	if (room > n)
		room = n;
	buf_add(err, data, room);
	if (room == n)
		return;
	buf_add(tail, data + room, n - room);
	if (tail->len > 2 * CHILD_TAIL) {
		size_t drop = tail->len - CHILD_TAIL;
		memmove(tail->data, tail->data + drop, CHILD_TAIL);
		tail->len = CHILD_TAIL;
		tail->data[tail->len] = '\0';
		w->err_cut += drop;
	}
}

int child_finish(struct child *c, struct child_wait *w, struct buf *out, struct buf *err)
{
	struct pollfd fds[2] = { { c->out, POLLIN, 0 }, { c->err, POLLIN, 0 } };
	struct buf tail;
	char chunk[65536];
	long start = now_ms(), killed_at = 0, shown_at = 0, wait = 250;
	int status = 0, last = 0, open_fds = 2;
	bool exited = false;
	size_t shown = 0;
	buf_init(&tail);
	w->timed_out = w->out_cut = false;
	w->err_cut = 0;
	while (open_fds > 0) {
		long now = now_ms();
		if (pending) {
			last = pending;
			pending = 0;
			kill(c->pid, last);
		}
		if (w->timeout_ms && !w->timed_out && now - start >= w->timeout_ms) {
			w->timed_out = true;
			kill(c->pid, SIGTERM);
			killed_at = now;
		}
		if (killed_at && now - killed_at >= 1000)
			kill(c->pid, SIGKILL);
		if (w->progress && now - start >= 1000 && now - shown_at >= 250 &&
		    isatty(STDERR_FILENO)) {
			progress(w->progress, now - start, tail.len ? &tail : err, &shown);
			shown_at = now;
		}
		if (!exited && waitpid(c->pid, &status, WNOHANG) == c->pid)
			exited = true; /* what is left in the pipes is read without waiting */
		if (poll(fds, 2, exited ? 0 : (int)wait) <= 0) {
			if (exited)
				break;
			continue;
		}
		for (int k = 0; k < 2; k++) {
			if (fds[k].fd < 0 || !fds[k].revents)
				continue;
			ssize_t n = read(fds[k].fd, chunk, sizeof chunk);
			if (n > 0) {
				keep(c, w, k == 1, chunk, (size_t)n, out, err, &tail);
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(fds[k].fd);
				fds[k].fd = -1;
				open_fds--;
			}
		}
	}
	for (int k = 0; k < 2; k++)
		if (fds[k].fd >= 0)
			close(fds[k].fd);
	while (!exited && waitpid(c->pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			break;
		}
		if (pending) {
			last = pending;
			pending = 0;
			kill(c->pid, last);
		}
	}
	if (w->err_cut)
		buf_printf(err, "%s[... %zu bytes of output cut ...]\n",
			   err->len && err->data[err->len - 1] != '\n' ? "\n" : "", w->err_cut);
	buf_add(err, buf_str(&tail), tail.len);
	buf_free(&tail);
	erase(shown);
	for (int i = 0; i < 3; i++)
		sigaction(passed_on[i], &c->old[i], NULL);
	if (last || pending)
		raise(last ? last : pending); /* up ends as it was asked to, after nix */
	return status;
}
