/* The interactive menu of up(1) CHOOSING, on libedit: its screens and prompts.
 *
 * Two screens, each a list (screen.c) and a prompt read with el_gets(): the
 * profiles (unless PROFILE was given with -i), then the types that profile
 * lists. A profile that lists a single type gets no second question.
 *
 * Choosing. At "profile [DEFAULT]> " Enter takes the default; otherwise
 * match.c decides: an exact name, a number from the list, then the names
 * the input starts or else is part of (ignoring case); one such name
 * selects it. Input that matches several names lists just those and comes
 * back on the prompt line, to type more; input that matches nothing says
 * so. TAB completes with the same rule: to the longest prefix the
 * candidates share, or to the one name the input is part of, and lists
 * them when it cannot extend. Up and Down walk the earlier choices
 * (history.c). Profiles and types this machine cannot run (a profile when
 * none of its types can) are listed with the reason and refused when
 * chosen; the default is the manifest's, else the first that can run here.
 * When none can, nothing is asked: the check says why.
 *
 * A list that does not fit shows what fits and "… N more: type to filter",
 * and a fragment that matches too many names gets the same for its matches
 * alone, so with 500 profiles in 80x24 a few keystrokes reach any profile;
 * a number or a full name selects one whether it is shown or not. The size
 * is measured again for every list; a resize redraws the prompt line.
 *
 * Terminals (tty.c): colour unless NO_COLOR or TERM is dumb or unset; with
 * TERM=dumb, libedit redraws with carriage returns and spaces only, so no
 * escape sequence is written at all. Outside a UTF-8 locale "—" and "…"
 * are written as "-" and "...", and libedit reads single bytes.
 *
 * Leaving. Ctrl-C, or Ctrl-D on an empty line, cancels: the terminal is set
 * back to the termios found at the start, a newline ends the prompt line,
 * and the result is 130. SIGTERM, SIGHUP and SIGQUIT do the same and are
 * then raised again. Ctrl-Z gives the terminal back while stopped. */
#include "config.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <histedit.h>

#include "exitcode.h"
#include "edit.h"
#include "history.h"
#include "match.h"
#include "menu.h"
#include "screen.h"
#include "text.h"
#include "tty.h"

static const char HINT_MORE[] = "type to filter (a prefix or substring), TAB to complete";
static const char HINT_NARROW[] = "type more to narrow it down, TAB to complete";

struct menu {
	EditLine *el;
	struct tty tty;
	bool tty_opened;
	struct hist hist;
	const char *kind;       /* "profile" or "type" */
	const struct manifest *m; /* for the profiles' aliases */
	struct item *items;
	const char **names;     /* the items' names, for match.c */
	size_t n;
	size_t *pos;            /* n positions into items, for matches */
	char prompt[TEXT_NAME_MAX + 32];
};

static struct menu *menu_of(EditLine *el)
{
	void *mu = NULL;
	edit.el_get(el, EL_CLIENTDATA, &mu);
	return mu;
}

/* libedit's read function (EL_GETCFN): one character, 0 at end of input,
 * -1 with errno EINTR when a signal cancels the menu. */
static int read_key(EditLine *el, wchar_t *wc)
{
	struct menu *mu = menu_of(el);
	for (;;) {
		int r = tty_read(&mu->tty, wc);
		if (r == TTY_RESIZED) {
			edit.el_resize(el);
			fputs("\r", stdout);   /* the prompt again, over itself */
		}
		if (r == TTY_RESIZED || r == TTY_RESUMED) {
			edit.el_set(el, EL_REFRESH);
			continue;
		}
		return r;
	}
}

/* The k entries the input matches (positions in mu->pos), listed for the
 * terminal as it is now. */
static void list_matches(struct menu *mu, size_t k)
{
	tty_measure(&mu->tty);
	screen_list(&mu->tty, mu->items, mu->pos, k, HINT_NARROW);
}

/* TAB (EL_ADDFN "up-complete"): the input before the cursor, completed as
 * match_complete() says; the candidates are listed when it cannot extend. */
static unsigned char complete(EditLine *el, int ch)
{
	struct menu *mu = menu_of(el);
	const LineInfo *li = edit.el_line(el);
	const char *start = li->buffer;
	(void)ch;
	while (start < li->cursor && (*start == ' ' || *start == '\t'))
		start++;
	size_t len = (size_t)(li->cursor - start);
	char *word = xstrndup(start, len), *text;
	size_t k = match_complete(mu->names, mu->n, word, mu->pos, &text);
	unsigned char rc = CC_REFRESH;
	if (k == 0) {
		rc = CC_REFRESH_BEEP;
	} else if (text) {
		edit.el_deletestr(el, (int)len);     /* ASCII: names are */
		edit.el_insertstr(el, text);
	} else if (k > 1 || match_is_number(word)) {   /* a number: the one entry it names */
		putchar('\n');
		list_matches(mu, k);
		fflush(stdout);
		rc = CC_REDISPLAY;
	}
	free(text);
	free(word);
	return rc;
}

static void free_items(struct menu *mu)
{
	for (size_t i = 0; i < mu->n; i++) {
		free(mu->items[i].reason);
		free(mu->items[i].fix);
	}
	free(mu->items);
	free(mu->names);
	free(mu->pos);
	mu->items = NULL;
	mu->names = NULL;
	mu->pos = NULL;
	mu->n = 0;
}

static void new_items(struct menu *mu, const char *kind, size_t n)
{
	free_items(mu);
	mu->kind = kind;
	mu->n = n;
	mu->items = xcalloc(n, sizeof *mu->items);
	mu->names = xcalloc(n, sizeof *mu->names);
	mu->pos = xcalloc(n, sizeof *mu->pos);
}

static void set_item(struct menu *mu, size_t i, size_t index, const char *name, const char *desc)
{
	mu->items[i].index = index;
	mu->items[i].name = mu->names[i] = name;
	mu->items[i].desc = desc;
	mu->pos[i] = i;
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

/* What the input selected when it is not one entry this machine can run. */
static void explain(struct menu *mu, const char *word, size_t k)
{
	struct buf shown;
	buf_init(&shown);
	text_show_name(&shown, word);
	if (k == 1) {
		const struct item *it = &mu->items[mu->pos[0]];
		tty_sgr(&mu->tty, "31");
		printf("%s %s cannot run here: %s\n", mu->kind, it->name, it->reason);
		tty_sgr(&mu->tty, "0");
		printf("  %s; choose another %s\n", it->fix, mu->kind);
	} else if (k == 0) {
		printf("no %s matches %s: type a number from 1 to %zu, a name or part of one; "
		       "TAB completes\n", mu->kind, shown.data, mu->n);
	} else {
		printf("%s matches %zu %ss:\n", shown.data, k, mu->kind);
		list_matches(mu, k);
		edit.el_push(mu->el, word);  /* name characters: part of them all */
	}
	buf_free(&shown);
}

/* In the profile menu, a profile's exact name or alias selects it (its
 * position, which is the profile's index, in *pos). */
static bool alias_of(const struct menu *mu, const char *word, size_t *pos)
{
	if (!mu->m || strcmp(mu->kind, "profile"))
		return false;
	size_t p = manifest_profile_find(mu->m, word);
	if (p == MANIFEST_NONE || p >= mu->n)
		return false;
	*pos = p;
	return true;
}

/* Reads until the input selects an entry this machine can run: 0 with its
 * position in *choice, or 130. */
static int ask(struct menu *mu, size_t def, size_t *choice)
{
	snprintf(mu->prompt, sizeof mu->prompt, "%s [%s]> ", mu->kind, mu->items[def].name);
	History *earlier = hist_view(&mu->hist, mu->kind, mu->names, mu->n);
	if (earlier)
		edit.el_set(mu->el, EL_HIST, edit.history, earlier);
	for (;;) {
		int count = 0;
		fflush(stdout);
		const char *line = tty_cancelled() ? NULL : edit.el_gets(mu->el, &count);
		if (!line || tty_cancelled())
			return cancelled();
		char *word = xstrdup(line + strspn(line, " \t"));
		size_t len = strlen(word), k = 1;
		while (len && strchr(" \t\r\n", word[len - 1]))
			word[--len] = '\0';
		/* A number first (digits alone always are one), then an exact
		 * name or alias, a prefix, a part of a name (match.c). */
		if (len && (match_is_number(word) || !alias_of(mu, word, &mu->pos[0])))
			k = match_select(mu->names, mu->n, word, mu->pos);
		else if (!len)
			mu->pos[0] = def;
		if (k == 1 && !mu->items[mu->pos[0]].reason) {
			*choice = mu->pos[0];
			free(word);
			return 0;
		}
		explain(mu, word, k);
		free(word);
	}
}

/* The screen (title, desc, the entries) and the question: 0 with the
 * chosen entry's index in *index, remembered in the history; or 130. */
static int show_and_ask(struct menu *mu, const char *title, const char *desc, size_t def,
			size_t *index)
{
	size_t choice;
	tty_measure(&mu->tty);
	screen_header(&mu->tty, title, desc);
	screen_list(&mu->tty, mu->items, mu->pos, mu->n, HINT_MORE);
	int rc = ask(mu, def, &choice);
	if (!rc) {
		*index = mu->items[choice].index;
		hist_add(&mu->hist, mu->kind, mu->items[choice].name);
	}
	return rc;
}

/* The profiles (p: MANIFEST_NONE) or the types profile p lists, each
 * marked with why when this machine cannot run it. */
static void fill(struct menu *mu, const struct manifest *m, struct platform *pf, size_t p)
{
	struct buf reason, fix;
	bool profiles = p == MANIFEST_NONE;
	size_t n = profiles ? manifest_profile_count(m) : manifest_profile_type_count(m, p);
	buf_init(&reason);
	buf_init(&fix);
	new_items(mu, !profiles ? "type" : manifest_from_apps(m) ? "app" : "profile", n);
	mu->m = m;
	for (size_t i = 0; i < n; i++) {
		size_t t = profiles ? i : manifest_profile_type(m, p, i);
		buf_reset(&reason);
		buf_reset(&fix);
		if (profiles)
			set_item(mu, i, i, manifest_profile_name(m, i), manifest_profile_description(m, i));
		else
			set_item(mu, i, t, manifest_type_name(m, t), manifest_type_description(m, t));
		if (profiles ? target_profile_available(m, i, pf, &reason, &fix)
		    : target_available(&(struct target){ p, t }, m, pf, &reason, &fix)) {
			mu->items[i].reason = xstrdup(buf_str(&reason));
			mu->items[i].fix = xstrdup(buf_str(&fix));
		}
	}
	buf_free(&reason);
	buf_free(&fix);
}

/* The default: the one asked for (wanted, a position), when it can run
 * here, else the first that can; MANIFEST_NONE when none can. */
static size_t first_runnable(const struct menu *mu, size_t wanted)
{
	if (wanted < mu->n && !mu->items[wanted].reason)
		return wanted;
	for (size_t i = 0; i < mu->n; i++)
		if (!mu->items[i].reason)
			return i;
	return MANIFEST_NONE;
}

static int choose_profile(struct menu *mu, const struct manifest *m, struct platform *pf,
			  size_t *profile)
{
	fill(mu, m, pf, MANIFEST_NONE);
	size_t def = first_runnable(mu, manifest_profile_default(m));
	if (def == MANIFEST_NONE) {     /* nothing runs here: the check says why */
		*profile = manifest_profile_default(m);
		return 0;
	}
	return show_and_ask(mu, manifest_name(m), manifest_description(m), def, profile);
}

/* The default type: the one asked for, else the manifest's, else the
 * first that can run here; MANIFEST_NONE when none can. */
static size_t type_default(const struct menu *mu, const struct manifest *m, size_t p,
			   size_t wanted)
{
	size_t mdef = manifest_type_default(m, p), def = MANIFEST_NONE;
	for (size_t i = 0; i < mu->n; i++) {
		if (mu->items[i].reason)
			continue;
		if (mu->items[i].index == wanted)
			return i;
		if (mu->items[i].index == mdef)
			def = i;
	}
	return first_runnable(mu, def);
}

static int choose_type(struct menu *mu, const struct manifest *m, struct platform *pf,
		       size_t p, size_t *type)
{
	fill(mu, m, pf, p);
	size_t def = type_default(mu, m, p, *type);
	if (def == MANIFEST_NONE) {     /* nothing runs here: the check says why */
		if (*type == MANIFEST_NONE)
			*type = manifest_type_default(m, p);
		return 0;
	}
	if (mu->n == 1) {
		printf("%s has a single type: %s\n", manifest_profile_name(m, p), mu->items[0].name);
		*type = mu->items[0].index;
		return 0;
	}
	struct buf title;
	buf_init(&title);
	buf_printf(&title, "Types for %s", manifest_profile_name(m, p));
	int rc = show_and_ask(mu, title.data, manifest_profile_description(m, p), def, type);
	buf_free(&title);
	return rc;
}

/* Setting up and putting everything back. */

static int menu_close(struct menu *mu)
{
	fflush(stdout);
	if (mu->el)
		edit.el_end(mu->el);
	int sig = mu->tty_opened ? tty_close(&mu->tty) : 0;
	hist_close(&mu->hist);
	free_items(mu);
	return sig;
}

static int menu_open(struct menu *mu)
{
	const char *why;
	memset(mu, 0, sizeof *mu);
	if (!edit_load(&why)) {
		fprintf(stderr, "up: cannot load libedit (%s), which shows the menu: %s\n"
			"  install it again (Debian: apt-get install libedit2), or name the target: "
			"up PROFILE TYPE\n", UP_LIBEDIT, why);
		return EXIT_INTERNAL;
	}
	tty_open(&mu->tty);
	mu->tty_opened = true;
	fflush(stdout);
	mu->el = edit.el_init("up", stdin, stdout, stderr);
	if (!mu->el)
		return EXIT_INTERNAL;
	edit.el_set(mu->el, EL_CLIENTDATA, (void *)mu);
	edit.el_set(mu->el, EL_EDITOR, "emacs");
	edit.el_set(mu->el, EL_PROMPT, prompt_of);
	edit.el_set(mu->el, EL_GETCFN, read_key);
	/* Wide, because el_set() copies name and help for good (a leak). */
	edit.el_wset(mu->el, EL_ADDFN, L"up-complete", L"complete a profile or type name", complete);
	edit.el_set(mu->el, EL_BIND, "^I", "up-complete", NULL);
	edit.el_source(mu->el, NULL);        /* ~/.editrc, as every libedit program */
	hist_open(&mu->hist);
	return 0;
}

int menu_choose(struct target *tg, const struct manifest *m, struct platform *pf,
		size_t profile, size_t type)
{
	struct menu mu;
	int rc = menu_open(&mu);
	if (rc) {
		if (mu.el || mu.tty_opened)
			fputs("up: cannot start the line editor (libedit) on this terminal\n", stderr);
		menu_close(&mu);
		return rc;
	}
	if (profile == MANIFEST_NONE) {
		rc = choose_profile(&mu, m, pf, &profile);
		type = MANIFEST_NONE;
	}
	if (!rc && manifest_from_apps(m))
		type = 0;      /* a flake's apps: nothing more to choose */
	else if (!rc)
		rc = choose_type(&mu, m, pf, profile, &type);
	if (!rc) {
		hist_save(&mu.hist);
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
