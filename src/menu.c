/* The interactive menu of SPEC §4, on libedit.
 *
 * Two screens, each a list and a prompt read with el_gets(): the profiles
 * (unless PROFILE was given with -i), then the types that profile lists.
 * A profile that lists a single type gets no second question.
 *
 * Choosing. At "profile [DEFAULT]> " Enter takes the default. Otherwise,
 * in this order: an exact name, a number from the list, a unique prefix, a
 * unique substring (prefix and substring ignore case) selects. Input that
 * matches several names lists just those and comes back on the prompt line,
 * to type more; input that matches nothing says so. TAB completes: it
 * extends the input to the longest common prefix of the names starting
 * with it (or to the one name containing it) and, when it cannot extend,
 * lists the candidates. Up and Down walk the earlier choices, newest first,
 * kept in $XDG_STATE_HOME/up/history (default ~/.local/state/up/history,
 * directories created 0700; failing to write it only loses the history).
 * Types this machine cannot run are listed with the reason and refused
 * when chosen; the default type is the manifest's, or the first one that
 * can run here. When none can, nothing is asked: the check says why.
 *
 * Fitting the screen. Every list fits the terminal together with the line
 * above it and the prompt, so nothing scrolls the header away:
 *  - all entries fit one to a line: numbers, names and descriptions;
 *  - else the numbers and names in columns, without descriptions;
 *  - else as many as the columns hold, in manifest order, and a last line
 *    "… N more: type to filter (a prefix or substring), TAB to complete".
 * A fragment that matches too many names gets the same treatment for its
 * matches alone, so with 500 profiles in 80x24 a few keystrokes narrow the
 * list down to any profile, and a number or a full name selects one
 * whether it is shown or not. The size comes from the terminal
 * (TIOCGWINSZ), else LINES and COLUMNS, else 80x24, and is measured again
 * for every list; a resize (SIGWINCH) redraws the prompt line.
 *
 * Terminals. Colour (bold headers, dim descriptions, red reasons) unless
 * NO_COLOR is set or TERM is dumb or unset. With TERM=dumb, libedit
 * redraws with carriage returns and spaces only, so no escape sequence is
 * written at all. Outside a UTF-8 locale "—" and "…" are written as "-" and
 * "...", and libedit reads single bytes (names are ASCII).
 *
 * Leaving. Ctrl-C (SIGINT), or Ctrl-D on an empty line, cancels: the
 * terminal is set back to the termios found at the start, a newline ends
 * the prompt line, and the result is 130. SIGTERM, SIGHUP and SIGQUIT do
 * the same and are then raised again. Ctrl-Z gives the terminal back while
 * stopped. libedit's own signal handling (EL_SIGNAL) is not used: it sends
 * each signal again to the whole process group, and its reader retries a
 * read that Ctrl-C interrupted, so el_gets() would not return. Instead the
 * handlers here only set flags; the signals stay blocked except while the
 * read function given to libedit (EL_GETCFN) waits in pselect(), so a
 * signal always ends the wait and el_gets() returns. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>

#include "buf.h"
#include "exitcode.h"
#include "menu.h"

enum {
	HISTORY_MAX = 200,      /* entries kept in the history file */
	MIN_ROWS = 4,
	MIN_COLS = 20,
};

static const char HINT_MORE[] = "type to filter (a prefix or substring), TAB to complete";
static const char HINT_NARROW[] = "type more to narrow it down, TAB to complete";

struct item {
	size_t index;           /* the profile or type in the manifest */
	const char *name;
	const char *desc;
	char *reason;           /* why this machine cannot run it; NULL if it can */
	char *fix;
};

struct menu {
	EditLine *el;
	History *file;          /* the history file: "profile NAME", "type NAME" */
	History *view;          /* this screen's earlier choices */
	char *dir;              /* of the history file; NULL: no history */
	const char *kind;       /* "profile" or "type" */
	struct item *items;
	size_t n;
	size_t *pos;            /* n positions into items, for matches */
	char prompt[MANIFEST_NAME_MAX + 32];
	int rows, cols;
	bool color, utf8;
	bool have_tty;
	struct termios tty;     /* the terminal as found */
	sigset_t old_mask, wait_mask;
	char *locale;           /* LC_CTYPE as found */
};

/* Signals: the handlers only set flags, read_key() acts on them. */
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

static void catch_signals(struct menu *mu)
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
	sigprocmask(SIG_BLOCK, &block, &mu->old_mask);
	mu->wait_mask = mu->old_mask;
	for (size_t i = 0; i < NSIGNALS; i++)
		if (sigismember(&block, signals[i]))
			sigdelset(&mu->wait_mask, signals[i]);
}

static void release_signals(struct menu *mu)
{
	/* Pending signals reach on_signal() first, then the old handlers return. */
	sigprocmask(SIG_SETMASK, &mu->old_mask, NULL);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(signals[i], &old_actions[i], NULL);
}

static struct menu *menu_of(EditLine *el)
{
	void *mu = NULL;
	el_get(el, EL_CLIENTDATA, &mu);
	return mu;
}

/* Ctrl-Z: the terminal as found while stopped, libedit's mode after. */
static void suspend(struct menu *mu)
{
	struct termios now;
	struct sigaction dfl, ours;
	sigset_t tstp;
	bool saved = tcgetattr(STDIN_FILENO, &now) == 0;

	got_stop = 0;
	if (mu->have_tty)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &mu->tty);
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
	el_set(mu->el, EL_REFRESH);
}

/* libedit's read function (EL_GETCFN): one character, 0 at end of input,
 * -1 with errno EINTR when a signal cancels the menu. */
static int read_key(EditLine *el, wchar_t *wc)
{
	struct menu *mu = menu_of(el);
	char b[MB_LEN_MAX];
	size_t len = 0;

	for (;;) {
		if (got_cancel) {
			errno = EINTR;
			return -1;
		}
		if (got_stop)
			suspend(mu);
		if (got_winch) {
			got_winch = 0;
			el_resize(el);
			fputs("\r", stdout);   /* the prompt again, over itself */
			el_set(el, EL_REFRESH);
		}
		fd_set in;
		FD_ZERO(&in);
		FD_SET(STDIN_FILENO, &in);
		if (pselect(STDIN_FILENO + 1, &in, NULL, NULL, NULL, &mu->wait_mask) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		ssize_t got = read(STDIN_FILENO, b + len, 1);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0) {
			*wc = L'\0';
			return (int)got;
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
		return 1;
	}
}

/* Text on the terminal. */

static void measure(struct menu *mu)
{
	struct winsize ws;
	mu->rows = mu->cols = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
		mu->rows = ws.ws_row;
		mu->cols = ws.ws_col;
	}
	const char *names[2] = { "LINES", "COLUMNS" };
	int *dim[2] = { &mu->rows, &mu->cols };
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

static void sgr(const struct menu *mu, const char *code)
{
	if (mu->color)
		printf("\033[%sm", code);
}

static const char *ellipsis(const struct menu *mu)
{
	return mu->utf8 ? "…" : "...";
}

/* The columns of the UTF-8 character at s; its length in *len. */
static int char_width(const struct menu *mu, const char *s, size_t *len)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (!s[i])
			n = i;
	*len = n;
	if (n == 1 || !mu->utf8)
		return 1;
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc, s, n, &st) != n)
		return 1;
	int w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

static int text_width(const struct menu *mu, const char *s)
{
	int w = 0;
	size_t len;
	for (; *s; s += len)
		w += char_width(mu, s, &len);
	return w;
}

/* Writes s in at most width columns, cut short with an ellipsis.
 * Returns the columns written. */
static int put_fit(const struct menu *mu, const char *s, int width)
{
	int total = text_width(mu, s);
	if (total <= width) {
		fputs(s, stdout);
		return total;
	}
	int room = width - text_width(mu, ellipsis(mu)), used = 0;
	if (room < 1)
		return 0;
	size_t len;
	for (int w; *s && used + (w = char_width(mu, s, &len)) <= room; s += len) {
		fwrite(s, 1, len, stdout);
		used += w;
	}
	fputs(ellipsis(mu), stdout);
	return used + text_width(mu, ellipsis(mu));
}

static void header(const struct menu *mu, const char *title, const char *desc)
{
	const char *dash = mu->utf8 ? " — " : " - ";
	int width = mu->cols - 1;
	sgr(mu, "1");
	int used = put_fit(mu, title, width);
	sgr(mu, "0");
	if (*desc && width - used > 3 + 8) {
		fputs(dash, stdout);
		put_fit(mu, desc, width - used - 3);
	}
	putchar('\n');
}

static size_t digits(size_t n)
{
	size_t d = 1;
	for (; n >= 10; n /= 10)
		d++;
	return d;
}

/* Writes text from column indent on, wrapped at spaces to the width of the
 * screen, or only counts the lines when !print. Returns the lines. */
static size_t wrap(const struct menu *mu, const char *text, int indent, bool print)
{
	int width = mu->cols - 1 - indent, col = 0;
	size_t lines = 1;
	if (print)
		printf("%*s", indent, "");
	while (*text) {
		size_t len = strcspn(text, " ");
		char *word = xmalloc(len + 1);
		memcpy(word, text, len);
		word[len] = '\0';
		int w = text_width(mu, word);
		if (col && col + 1 + w > width) {
			lines++;
			col = 0;
			if (print)
				printf("\n%*s", indent, "");
		} else if (col) {
			col++;
			if (print)
				putchar(' ');
		}
		col += print ? put_fit(mu, word, width - col) : w < width - col ? w : width - col;
		free(word);
		text += len;
		text += strspn(text, " ");
	}
	if (print)
		putchar('\n');
	return lines;
}

/* Where an entry's reason starts: under the description when that leaves
 * room enough, else under the name. */
static int reason_indent(const struct menu *mu, int numw, int namew)
{
	int descol = 2 + numw + 2 + namew + 2;
	return mu->cols - 1 - descol >= 30 ? descol : 2 + numw + 2;
}

static size_t reason_lines(const struct menu *mu, const struct item *it, int numw, int namew,
			   bool print)
{
	struct buf b;
	if (!it->reason)
		return 0;
	buf_init(&b);
	buf_printf(&b, "unavailable: %s", it->reason);
	if (print)
		sgr(mu, "31");
	size_t lines = wrap(mu, b.data, reason_indent(mu, numw, namew), print);
	if (print)
		sgr(mu, "0");
	buf_free(&b);
	return lines;
}

/* One entry a line: "  N) name  description", and the reason below. */
static void list_lines(const struct menu *mu, const size_t *pos, size_t k, int numw, int namew)
{
	int width = mu->cols - 1;
	for (size_t i = 0; i < k; i++) {
		const struct item *it = &mu->items[pos[i]];
		int used = printf("  %*zu) ", numw, pos[i] + 1);
		int descol = used + namew + 2;
		if (*it->desc && width - descol >= 8) {
			printf("%-*s  ", namew, it->name);
			sgr(mu, "2");
			put_fit(mu, it->desc, width - descol);
			sgr(mu, "0");
		} else {
			fputs(it->name, stdout);
		}
		putchar('\n');
		reason_lines(mu, it, numw, namew, true);
	}
}

/* Lists k entries (positions into items) in at most `lines` lines: one a
 * line with descriptions if they fit, else names in columns, else as many
 * as the columns hold and a line that says how many more and what to do. */
static void show_list(const struct menu *mu, const size_t *pos, size_t k, int lines,
		      const char *hint)
{
	size_t numw = 1, namew = 1, reasons = 0;
	for (size_t i = 0; i < k; i++) {
		size_t w = strlen(mu->items[pos[i]].name);
		if (digits(pos[i] + 1) > numw)
			numw = digits(pos[i] + 1);
		if (w > namew)
			namew = w;
	}
	for (size_t i = 0; i < k && k <= (size_t)lines; i++)
		reasons += reason_lines(mu, &mu->items[pos[i]], (int)numw, (int)namew, false);
	if (lines < 1)
		lines = 1;
	if (k + reasons <= (size_t)lines) {
		list_lines(mu, pos, k, (int)numw, (int)namew);
		return;
	}
	size_t cell = numw + 2 + namew, room = (size_t)mu->cols - 1 - 2;
	size_t ncols = (room + 2) / (cell + 2);
	if (ncols < 1)
		ncols = 1;
	size_t rows = (k + ncols - 1) / ncols, shown = k;
	if (rows > (size_t)lines) {
		rows = lines > 1 ? (size_t)lines - 1 : 1;
		shown = rows * ncols;
	}
	for (size_t r = 0; r < rows; r++) {
		fputs("  ", stdout);
		for (size_t c = 0; c < ncols && c * rows + r < shown; c++) {
			size_t i = c * rows + r;
			bool last = c + 1 == ncols || (c + 1) * rows + r >= shown;
			printf("%s%*zu) ", c ? "  " : "", (int)numw, pos[i] + 1);
			if (mu->items[pos[i]].reason)
				sgr(mu, "2");
			printf("%-*s", last ? 0 : (int)namew, mu->items[pos[i]].name);
			if (mu->items[pos[i]].reason)
				sgr(mu, "0");
		}
		putchar('\n');
	}
	if (shown < k)
		printf("%s %zu more: %s\n", ellipsis(mu), k - shown, hint);
}

/* Matching input to entries. */

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return !*needle;
}

/* The entries word selects, into mu->pos: an exact name, a number in the
 * list, the names it starts (ignoring case), else the names it is part of. */
static size_t match(struct menu *mu, const char *word)
{
	size_t k = 0, len = strlen(word);
	for (size_t i = 0; i < mu->n; i++)
		if (!strcmp(mu->items[i].name, word)) {
			mu->pos[0] = i;
			return 1;
		}
	if (len && len <= 9 && strspn(word, "0123456789") == len) {
		size_t num = (size_t)strtoul(word, NULL, 10);
		if (num >= 1 && num <= mu->n) {
			mu->pos[0] = num - 1;
			return 1;
		}
	}
	for (size_t i = 0; i < mu->n; i++)
		if (!strncasecmp(mu->items[i].name, word, len))
			mu->pos[k++] = i;
	if (k)
		return k;
	for (size_t i = 0; i < mu->n; i++)
		if (contains_nocase(mu->items[i].name, word))
			mu->pos[k++] = i;
	return k;
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* TAB (EL_ADDFN "up-complete"): the input before the cursor, completed to
 * the longest common prefix of the names it starts (or to the one name it
 * is part of); the candidates are listed when it cannot be extended. */
static unsigned char complete(EditLine *el, int ch)
{
	struct menu *mu = menu_of(el);
	const LineInfo *li = el_line(el);
	const char *start = li->buffer;
	(void)ch;
	while (start < li->cursor && (*start == ' ' || *start == '\t'))
		start++;
	size_t len = (size_t)(li->cursor - start), k = 0;
	char *word = xmalloc(len + 1);
	memcpy(word, start, len);
	word[len] = '\0';

	for (size_t i = 0; i < mu->n; i++)
		if (!strncmp(mu->items[i].name, word, len))
			mu->pos[k++] = i;
	bool prefix = k > 0;
	if (!prefix && len)
		for (size_t i = 0; i < mu->n; i++)
			if (contains_nocase(mu->items[i].name, word))
				mu->pos[k++] = i;

	unsigned char rc = CC_REFRESH;
	if (k == 0) {
		rc = CC_REFRESH_BEEP;
	} else if (!prefix && k == 1) {
		el_deletestr(el, (int)len);     /* ASCII: it is part of a name */
		el_insertstr(el, mu->items[mu->pos[0]].name);
	} else {
		const char *first = mu->items[mu->pos[0]].name;
		size_t common = prefix ? strlen(first) : len;
		for (size_t j = 1; j < k && prefix; j++) {
			size_t c = common_prefix(first, mu->items[mu->pos[j]].name);
			if (c < common)
				common = c;
		}
		if (common > len) {
			char *more = xstrdup(first + len);
			more[common - len] = '\0';
			el_insertstr(el, more);
			free(more);
		} else if (k > 1) {
			putchar('\n');
			measure(mu);
			show_list(mu, mu->pos, k, mu->rows - 2, HINT_NARROW);
			fflush(stdout);
			rc = CC_REDISPLAY;
		}
	}
	free(word);
	return rc;
}

/* History: one file, "profile NAME" and "type NAME" a line, newest last. */

static char *state_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct buf b;
	buf_init(&b);
	if (state && *state == '/')
		buf_printf(&b, "%s/up", state);
	else if (home && *home == '/')
		buf_printf(&b, "%s/.local/state/up", home);
	else
		return NULL;
	return buf_take(&b);
}

static void history_open(struct menu *mu)
{
	HistEvent ev;
	mu->dir = state_dir();
	if (!mu->dir)
		return;
	mu->file = history_init();
	if (!mu->file)
		return;
	history(mu->file, &ev, H_SETSIZE, HISTORY_MAX);
	struct buf path;
	buf_init(&path);
	buf_printf(&path, "%s/history", mu->dir);
	history(mu->file, &ev, H_LOAD, path.data);      /* none yet: fine */
	buf_free(&path);
}

/* The earlier choices of this screen's kind that name one of its entries,
 * each once, for Up and Down. */
static void history_view(struct menu *mu)
{
	HistEvent ev;
	if (mu->view)
		history_end(mu->view);
	mu->view = history_init();
	if (!mu->view)
		return;
	history(mu->view, &ev, H_SETSIZE, HISTORY_MAX);
	if (mu->file) {
		size_t kl = strlen(mu->kind), k = 0;
		bool *seen = xcalloc(mu->n, sizeof *seen);
		for (int r = history(mu->file, &ev, H_FIRST); r != -1;
		     r = history(mu->file, &ev, H_NEXT)) {
			if (strncmp(ev.str, mu->kind, kl) || ev.str[kl] != ' ')
				continue;
			for (size_t i = 0; i < mu->n; i++)
				if (!seen[i] && !strcmp(mu->items[i].name, ev.str + kl + 1)) {
					seen[i] = true;
					mu->pos[k++] = i;
				}
		}
		while (k--)
			history(mu->view, &ev, H_ENTER, mu->items[mu->pos[k]].name);
		free(seen);
	}
	el_set(mu->el, EL_HIST, history, mu->view);
}

/* mkdir -p, new directories 0700. */
static bool make_dirs(char *path)
{
	for (char *s = path + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		int r = mkdir(path, 0700);
		*s = c;
		if (r && errno != EEXIST)
			return false;
		if (!c)
			return true;
	}
}

static void history_add(struct menu *mu, const char *kind, const char *name)
{
	HistEvent ev;
	struct buf b;
	if (!mu->file)
		return;
	buf_init(&b);
	buf_printf(&b, "%s %s", kind, name);
	history(mu->file, &ev, H_ENTER, b.data);
	buf_free(&b);
}

/* Written to a temporary file and renamed; a failure only costs history. */
static void history_save(struct menu *mu)
{
	HistEvent ev;
	struct buf tmp, path;
	if (!mu->file || !make_dirs(mu->dir))
		return;
	buf_init(&tmp);
	buf_init(&path);
	buf_printf(&tmp, "%s/history.XXXXXX", mu->dir);
	buf_printf(&path, "%s/history", mu->dir);
	int fd = mkstemp(tmp.data);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	if (f) {
		bool ok = history(mu->file, &ev, H_SAVE_FP, f) >= 0;
		ok = !ferror(f) && ok;
		if (fclose(f) || !ok || rename(tmp.data, path.data))
			unlink(tmp.data);
	} else if (fd >= 0) {
		close(fd);
		unlink(tmp.data);
	}
	buf_free(&tmp);
	buf_free(&path);
}

/* Screens. */

static void free_items(struct menu *mu)
{
	for (size_t i = 0; i < mu->n; i++) {
		free(mu->items[i].reason);
		free(mu->items[i].fix);
	}
	free(mu->items);
	free(mu->pos);
	mu->items = NULL;
	mu->pos = NULL;
	mu->n = 0;
}

static void new_items(struct menu *mu, const char *kind, size_t n)
{
	free_items(mu);
	mu->kind = kind;
	mu->n = n;
	mu->items = xcalloc(n, sizeof *mu->items);
	mu->pos = xcalloc(n, sizeof *mu->pos);
}

static char *prompt_of(EditLine *el)
{
	return menu_of(el)->prompt;
}

static int cancelled(void)
{
	putchar('\n');
	fflush(stdout);
	return EXIT_CANCELLED;
}

/* Reads until the input selects an entry this machine can run: 0 with its
 * position in *choice, or 130. */
static int ask(struct menu *mu, size_t def, size_t *choice)
{
	struct buf shown;
	buf_init(&shown);
	snprintf(mu->prompt, sizeof mu->prompt, "%s [%s]> ", mu->kind, mu->items[def].name);
	history_view(mu);
	for (;;) {
		int count = 0;
		fflush(stdout);
		const char *line = got_cancel ? NULL : el_gets(mu->el, &count);
		if (!line || got_cancel) {
			buf_free(&shown);
			return cancelled();
		}
		char *word = xstrdup(line + strspn(line, " \t"));
		size_t len = strlen(word);
		while (len && strchr(" \t\r\n", word[len - 1]))
			word[--len] = '\0';
		size_t k = 1;
		if (len)
			k = match(mu, word);
		else
			mu->pos[0] = def;
		shown.len = 0;
		manifest_show_name(&shown, word);
		if (k == 1 && !mu->items[mu->pos[0]].reason) {
			*choice = mu->pos[0];
			free(word);
			buf_free(&shown);
			return 0;
		}
		measure(mu);
		if (k == 1) {
			const struct item *it = &mu->items[mu->pos[0]];
			sgr(mu, "31");
			printf("%s %s cannot run here: %s\n", mu->kind, it->name, it->reason);
			sgr(mu, "0");
			printf("  %s; choose another %s\n", it->fix, mu->kind);
		} else if (k == 0) {
			printf("no %s matches %s: type a number from 1 to %zu, a name or part of one; "
			       "TAB completes\n", mu->kind, shown.data, mu->n);
		} else {
			printf("%s matches %zu %ss:\n", shown.data, k, mu->kind);
			show_list(mu, mu->pos, k, mu->rows - 2, HINT_NARROW);
			el_push(mu->el, word);  /* name characters: part of them all */
		}
		free(word);
	}
}

static int choose_profile(struct menu *mu, const struct manifest *m, size_t *profile)
{
	size_t n = manifest_profile_count(m), choice;
	new_items(mu, "profile", n);
	for (size_t p = 0; p < n; p++) {
		mu->items[p].index = p;
		mu->items[p].name = manifest_profile_name(m, p);
		mu->items[p].desc = manifest_profile_description(m, p);
		mu->pos[p] = p;
	}
	measure(mu);
	header(mu, manifest_name(m), manifest_description(m));
	show_list(mu, mu->pos, n, mu->rows - 2, HINT_MORE);
	int rc = ask(mu, manifest_profile_default(m), &choice);
	if (!rc) {
		*profile = choice;
		history_add(mu, "profile", mu->items[choice].name);
	}
	return rc;
}

/* The default: the one asked for, else the manifest's, else the first
 * that can run here; MANIFEST_NONE when none can. */
static size_t type_default(const struct menu *mu, const struct manifest *m, size_t p,
			   size_t wanted)
{
	size_t mdef = manifest_type_default(m, p), first = MANIFEST_NONE, def = MANIFEST_NONE;
	for (size_t i = 0; i < mu->n; i++) {
		if (mu->items[i].reason)
			continue;
		if (first == MANIFEST_NONE)
			first = i;
		if (mu->items[i].index == wanted)
			return i;
		if (mu->items[i].index == mdef)
			def = i;
	}
	return def != MANIFEST_NONE ? def : first;
}

static int choose_type(struct menu *mu, const struct manifest *m, struct platform *pf,
		       size_t p, size_t *type)
{
	size_t n = manifest_profile_type_count(m, p), choice;
	new_items(mu, "type", n);
	for (size_t i = 0; i < n; i++) {
		struct item *it = &mu->items[i];
		it->index = manifest_profile_type(m, p, i);
		it->name = manifest_type_name(m, it->index);
		it->desc = manifest_type_description(m, it->index);
		const char *reason = platform_reason(pf, m, it->index);
		if (reason) {
			it->reason = xstrdup(reason);
			it->fix = xstrdup(platform_fix(pf));
		}
		mu->pos[i] = i;
	}
	size_t def = type_default(mu, m, p, *type);
	if (def == MANIFEST_NONE) {     /* nothing runs here: the check says why */
		if (*type == MANIFEST_NONE)
			*type = manifest_type_default(m, p);
		return 0;
	}
	if (n == 1) {
		printf("%s has a single type: %s\n", manifest_profile_name(m, p), mu->items[0].name);
		*type = mu->items[0].index;
		return 0;
	}
	measure(mu);
	struct buf title;
	buf_init(&title);
	buf_printf(&title, "Types for %s", manifest_profile_name(m, p));
	header(mu, title.data, manifest_profile_description(m, p));
	buf_free(&title);
	show_list(mu, mu->pos, n, mu->rows - 2, HINT_MORE);
	int rc = ask(mu, def, &choice);
	if (!rc) {
		*type = mu->items[choice].index;
		history_add(mu, "type", mu->items[choice].name);
	}
	return rc;
}

/* Setting up and putting everything back. */

static int menu_close(struct menu *mu)
{
	fflush(stdout);
	if (mu->el)
		el_end(mu->el);
	if (mu->have_tty)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &mu->tty);
	release_signals(mu);
	if (mu->view)
		history_end(mu->view);
	if (mu->file)
		history_end(mu->file);
	free_items(mu);
	free(mu->dir);
	setlocale(LC_CTYPE, mu->locale);
	free(mu->locale);
	return got_cancel;
}

static int menu_open(struct menu *mu)
{
	memset(mu, 0, sizeof *mu);
	const char *locale = setlocale(LC_CTYPE, NULL);
	mu->locale = xstrdup(locale ? locale : "C");
	setlocale(LC_CTYPE, "");
	mu->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	const char *term = getenv("TERM"), *nocolor = getenv("NO_COLOR");
	mu->color = term && *term && strcmp(term, "dumb") && !(nocolor && *nocolor);
	mu->have_tty = tcgetattr(STDIN_FILENO, &mu->tty) == 0;
	catch_signals(mu);

	fflush(stdout);
	mu->el = el_init("up", stdin, stdout, stderr);
	if (!mu->el) {
		fputs("up: cannot start the line editor (libedit) on this terminal\n", stderr);
		menu_close(mu);
		return EXIT_INTERNAL;
	}
	el_set(mu->el, EL_CLIENTDATA, (void *)mu);
	el_set(mu->el, EL_EDITOR, "emacs");
	el_set(mu->el, EL_PROMPT, prompt_of);
	el_set(mu->el, EL_GETCFN, read_key);
	/* Wide, because el_set() copies name and help for good (a leak). */
	el_wset(mu->el, EL_ADDFN, L"up-complete", L"complete a profile or type name", complete);
	el_set(mu->el, EL_BIND, "^I", "up-complete", NULL);
	el_source(mu->el, NULL);        /* ~/.editrc, as every libedit program */
	history_open(mu);
	return 0;
}

int menu_choose(struct target *tg, const struct manifest *m, struct platform *pf,
		size_t profile, size_t type)
{
	struct menu mu;
	int rc = menu_open(&mu);
	if (rc)
		return rc;
	if (profile == MANIFEST_NONE) {
		rc = choose_profile(&mu, m, &profile);
		type = MANIFEST_NONE;
	}
	if (!rc)
		rc = choose_type(&mu, m, pf, profile, &type);
	if (!rc) {
		history_save(&mu);
		tg->profile = profile;
		tg->type = type;
	}
	int sig = menu_close(&mu);
	if (rc && sig && sig != SIGINT) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return rc;
}
