#ifndef UP_TTY_H
#define UP_TTY_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <termios.h>
#include <wchar.h>

/* The terminal of stdin and stdout while the menu runs: its modes and
 * signals, its keys, its size, and how text fits on it.
 *
 * Signals. SIGINT, SIGTERM, SIGHUP and SIGQUIT cancel; SIGTSTP suspends;
 * SIGWINCH resizes. Their handlers only set flags, and they stay blocked
 * except while tty_read() waits in pselect(), so a signal always ends the
 * wait. (libedit's own EL_SIGNAL is not used: it sends each signal again
 * to the whole process group, and its reader retries a read that Ctrl-C
 * interrupted.) Signals ignored when up started (nohup) stay ignored. */
struct tty {
	bool have_termios;
	struct termios saved;   /* the terminal as found */
	sigset_t old_mask, wait_mask;
	char *locale;           /* LC_CTYPE as found */
	int rows, cols;
	bool color;             /* neither NO_COLOR nor TERM=dumb (or unset) */
	bool utf8;              /* the locale's codeset */
};

/* Takes the locale from the environment, saves the terminal and catches
 * the signals. */
void tty_open(struct tty *t);
/* Puts the terminal, the signals and the locale back. Returns the signal
 * that cancelled, or 0. */
int tty_close(struct tty *t);

/* tty_read(): a character in *wc; the end of input; an error (errno EINTR:
 * a signal cancelled); or an event the caller redraws for. */
enum { TTY_ERROR = -1, TTY_EOF = 0, TTY_CHAR = 1, TTY_RESUMED = 2, TTY_RESIZED = 3 };
int tty_read(struct tty *t, wchar_t *wc);
/* Whether a signal has cancelled (it stays so until the next tty_open). */
bool tty_cancelled(void);

/* When stdout is not the terminal (up | tee log) the menu is drawn on the
 * controlling terminal: tty_borrow_stdout() puts /dev/tty on stdout and
 * returns the stdout it replaced (-1: nothing done, no terminal to open);
 * tty_return_stdout() puts it back. */
int tty_borrow_stdout(void);
void tty_return_stdout(int saved);
/* Whether this process has a controlling terminal it can open. */
bool tty_controlling(void);

/* The size: the terminal's, else LINES and COLUMNS, else 80x24. */
void tty_measure(struct tty *t);
/* An SGR sequence ("1" bold, "0" reset), only when colour is on. */
void tty_sgr(const struct tty *t, const char *code);
/* "…" in UTF-8, else "...". */
const char *tty_ellipsis(const struct tty *t);
/* The columns text takes. */
int tty_width(const struct tty *t, const char *s);
/* Writes s in at most width columns, cut short with an ellipsis. Returns
 * the columns written. */
int tty_put_fit(const struct tty *t, const char *s, int width);

#endif
