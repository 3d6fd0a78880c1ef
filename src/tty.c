#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include "buf.h"
#include "term.h"
#include "tty.h"

enum { MIN_ROWS = 4, MIN_COLS = 20 };

static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGWINCH };
enum { NSIGNALS = sizeof signals / sizeof *signals };
static struct sigaction old_actions[NSIGNALS];
static volatile sig_atomic_t got_cancel, got_stop, got_winch;

static void on_signal(int sig)
{
	if (sig == SIGWINCH)
		got_winch = 1;
	else if (sig == SIGTSTP)
		got_stop = 1;
	else
		got_cancel = sig;
}

static void catch_signals(struct tty *t)
{
	struct sigaction sa;
	sigset_t block;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	got_cancel = got_stop = got_winch = 0;
	for (size_t i = 0; i < NSIGNALS; i++) {
		sigaction(signals[i], NULL, &old_actions[i]);
		if (old_actions[i].sa_handler == SIG_IGN)   /* nohup, a background job */
			continue;
		sigaddset(&block, signals[i]);
		sigaction(signals[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &block, &t->old_mask);
	t->wait_mask = t->old_mask;
	for (size_t i = 0; i < NSIGNALS; i++)
		if (sigismember(&block, signals[i]))
			sigdelset(&t->wait_mask, signals[i]);
}

void tty_open(struct tty *t)
{
	memset(t, 0, sizeof *t);
	const char *locale = setlocale(LC_CTYPE, NULL);
	t->locale = xstrdup(locale ? locale : "C");
	setlocale(LC_CTYPE, "");
	t->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	t->color = term_colour();
	t->have_termios = tcgetattr(STDIN_FILENO, &t->saved) == 0;
	catch_signals(t);
	tty_measure(t);
}

int tty_close(struct tty *t)
{
	fflush(stdout);
	if (t->have_termios)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &t->saved);
	/* Pending signals reach on_signal() first, then the old handlers return. */
	sigprocmask(SIG_SETMASK, &t->old_mask, NULL);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(signals[i], &old_actions[i], NULL);
	setlocale(LC_CTYPE, t->locale);
	free(t->locale);
	t->locale = NULL;
	return got_cancel;
}

bool tty_cancelled(void)
{
	return got_cancel != 0;
}

/* Ctrl-Z: the terminal as found while stopped, the caller's mode after. */
static void suspend(struct tty *t)
{
	struct termios now;
	struct sigaction dfl, ours;
	sigset_t tstp;
	bool saved = tcgetattr(STDIN_FILENO, &now) == 0;

	got_stop = 0;
	if (t->have_termios)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &t->saved);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	raise(SIGTSTP);                         /* pending: it is blocked */
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);  /* stopped here until SIGCONT */
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	sigaction(SIGTSTP, &ours, NULL);
	if (saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &now);
}

int tty_read(struct tty *t, wchar_t *wc)
{
	char b[MB_LEN_MAX];
	size_t len = 0;

	for (;;) {
		if (got_cancel) {
			errno = EINTR;
			return TTY_ERROR;
		}
		if (got_stop) {
			suspend(t);
			return TTY_RESUMED;
		}
		if (got_winch) {
			got_winch = 0;
			return TTY_RESIZED;
		}
		fd_set in;
		FD_ZERO(&in);
		FD_SET(STDIN_FILENO, &in);
		if (pselect(STDIN_FILENO + 1, &in, NULL, NULL, NULL, &t->wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			return TTY_ERROR;
		}
		ssize_t got = read(STDIN_FILENO, b + len, 1);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0) {
			*wc = L'\0';
			return got == 0 ? TTY_EOF : TTY_ERROR;
		}
		len++;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t k = mbrtowc(wc, b, len, &st);
		if (k == (size_t)-2 && len < sizeof b)
			continue;               /* more bytes of this character */
		if (k == (size_t)-1 || k == (size_t)-2) {
			len = 0;                /* not a character here: dropped */
			continue;
		}
		return TTY_CHAR;
	}
}

void tty_measure(struct tty *t)
{
	struct winsize ws;
	t->rows = t->cols = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		t->rows = ws.ws_row;
		t->cols = ws.ws_col;
	}
	const char *names[2] = { "LINES", "COLUMNS" };
	int *dim[2] = { &t->rows, &t->cols };
	const int fallback[2] = { 24, 80 }, least[2] = { MIN_ROWS, MIN_COLS };
	for (int i = 0; i < 2; i++) {
		const char *v = getenv(names[i]);
		char *end;
		long x = v && *v ? strtol(v, &end, 10) : 0;
		if (*dim[i] <= 0 && x > 0 && x < 10000 && !*end)
			*dim[i] = (int)x;
		if (*dim[i] <= 0)
			*dim[i] = fallback[i];
		if (*dim[i] < least[i])
			*dim[i] = least[i];
	}
}

void tty_sgr(const struct tty *t, const char *code)
{
	if (t->color)
		printf("\033[%sm", code);
}

const char *tty_ellipsis(const struct tty *t)
{
	return t->utf8 ? "…" : "...";
}

/* The columns of the UTF-8 character at s; its length in *len. */
static int char_width(const struct tty *t, const char *s, size_t *len)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			n = i;
	*len = n;
	if (n == 1 || !t->utf8)
		return 1;
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc, s, n, &st) != n)
		return 1;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

int tty_width(const struct tty *t, const char *s)
{
	int w = 0;
	size_t len;
	for (; *s; s += len)
		w += char_width(t, s, &len);
	return w;
}

int tty_put_fit(const struct tty *t, const char *s, int width)
{
	int total = tty_width(t, s);
	if (total <= width) {
		fputs(s, stdout);
		return total;
	}
	const char *dots = tty_ellipsis(t);
	int room = width - tty_width(t, dots), used = 0;
	if (room < 1)
		return 0;
	size_t len;
	for (int w; *s && used + (w = char_width(t, s, &len)) <= room; s += len) {
		fwrite(s, 1, len, stdout);
		used += w;
	}
	fputs(dots, stdout);
	return used + tty_width(t, dots);
}

bool tty_controlling(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int tty_borrow_stdout(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fflush(stdout);
	int saved = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved < 0 || dup2(fd, STDOUT_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		saved = -1;
	}
	close(fd);
	return saved;
}

void tty_return_stdout(int saved)
{
	if (saved < 0)
		return;
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
}
