#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "screen.h"

void screen_header(const struct tty *t, const char *title, const char *desc)
{
	const char *dash = t->utf8 ? " — " : " - ";
	int width = t->cols - 1;
	tty_sgr(t, "1");
	int used = tty_put_fit(t, title, width);
	tty_sgr(t, "0");
	if (*desc && width - used > 3 + 8) {
		fputs(dash, stdout);
		tty_put_fit(t, desc, width - used - 3);
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
static size_t wrap(const struct tty *t, const char *text, int indent, bool print)
{
	int width = t->cols - 1 - indent, col = 0;
	size_t lines = 1;
	if (print)
		printf("%*s", indent, "");
	while (*text) {
		size_t len = strcspn(text, " ");
		char *word = xstrndup(text, len);
		int w = tty_width(t, word);
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
		col += print ? tty_put_fit(t, word, width - col) : w < width - col ? w : width - col;
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
static int reason_indent(const struct tty *t, int numw, int namew)
{
	int descol = 2 + numw + 2 + namew + 2;
	return t->cols - 1 - descol >= 30 ? descol : 2 + numw + 2;
}

static size_t reason_lines(const struct tty *t, const struct item *it, int numw, int namew,
			   bool print)
{
	struct buf b;
	if (!it->reason)
		return 0;
	buf_init(&b);
	buf_printf(&b, "unavailable: %s", it->reason);
	if (print)
		tty_sgr(t, "31");
	size_t lines = wrap(t, b.data, reason_indent(t, numw, namew), print);
	if (print)
		tty_sgr(t, "0");
	buf_free(&b);
	return lines;
}

/* A list being drawn: k entries, at positions pos into items. */
struct listing {
	const struct tty *t;
	const struct item *items;
	const size_t *pos;
	size_t k;
	int numw, namew;   /* the widest number and name */
};

/* One entry a line: "  N) name  description", and the reason below. */
static void list_lines(const struct listing *l)
{
	int width = l->t->cols - 1;
	for (size_t i = 0; i < l->k; i++) {
		const struct item *it = &l->items[l->pos[i]];
		int used = printf("  %*zu) ", l->numw, l->pos[i] + 1);
		int descol = used + l->namew + 2;
		if (*it->desc && width - descol >= 8) {
			printf("%-*s  ", l->namew, it->name);
			tty_sgr(l->t, "2");
			tty_put_fit(l->t, it->desc, width - descol);
			tty_sgr(l->t, "0");
		} else {
			fputs(it->name, stdout);
		}
		putchar('\n');
		reason_lines(l->t, it, l->numw, l->namew, true);
	}
}

/* Numbers and names in columns, down then across, in at most `lines`
 * lines; what does not fit is counted on a last line with the hint. */
static void list_columns(const struct listing *l, size_t lines, const char *hint)
{
	size_t cell = (size_t)(l->numw + 2 + l->namew), room = (size_t)l->t->cols - 1 - 2;
	size_t ncols = (room + 2) / (cell + 2);
	if (ncols < 1)
		ncols = 1;
	size_t rows = (l->k + ncols - 1) / ncols, shown = l->k;
	if (rows > lines) {
		rows = lines > 1 ? lines - 1 : 1;
		shown = rows * ncols;
	}
	for (size_t r = 0; r < rows; r++) {
		fputs("  ", stdout);
		for (size_t c = 0; c < ncols && c * rows + r < shown; c++) {
			const struct item *it = &l->items[l->pos[c * rows + r]];
			bool last = c + 1 == ncols || (c + 1) * rows + r >= shown;
			printf("%s%*zu) ", c ? "  " : "", l->numw, l->pos[c * rows + r] + 1);
			if (it->reason)
				tty_sgr(l->t, "2");
			printf("%-*s", last ? 0 : l->namew, it->name);
			if (it->reason)
				tty_sgr(l->t, "0");
		}
		putchar('\n');
	}
	if (shown < l->k)
		printf("%s %zu more: %s\n", tty_ellipsis(l->t), l->k - shown, hint);
}

void screen_list(const struct tty *t, const struct item *items, const size_t *pos, size_t k,
		 const char *hint)
{
	struct listing l = { t, items, pos, k, 1, 1 };
	size_t reasons = 0, lines = t->rows > 3 ? (size_t)t->rows - 2 : 1;
	for (size_t i = 0; i < k; i++) {
		int w = (int)strlen(items[pos[i]].name), d = (int)digits(pos[i] + 1);
		l.numw = d > l.numw ? d : l.numw;
		l.namew = w > l.namew ? w : l.namew;
	}
	for (size_t i = 0; i < k && k <= lines; i++)
		reasons += reason_lines(t, &items[pos[i]], l.numw, l.namew, false);
	if (k + reasons <= lines)
		list_lines(&l);
	else
		list_columns(&l, lines, hint);
}
