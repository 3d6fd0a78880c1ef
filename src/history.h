#ifndef UP_HISTORY_H
#define UP_HISTORY_H

#include <stddef.h>

#include <histedit.h>

/* Earlier menu choices, for Up and Down: one file, $XDG_STATE_HOME/up/history
 * (default ~/.local/state/up/history), lines "profile NAME" and "type NAME",
 * newest last. Failing to read or write it only loses the history.
 * (The functions are hist_*: libedit owns the name history_*.) */
struct hist {
	History *file;   /* the file's lines */
	History *view;   /* one screen's earlier choices */
	char *dir;       /* of the file; NULL: no history */
	char *path;      /* the file */
};

void hist_open(struct hist *h);
/* The earlier choices of kind that name one of names, each once, newest
 * first, for libedit's EL_HIST. Valid until the next call or hist_close(). */
History *hist_view(struct hist *h, const char *kind, const char *const *names, size_t n);
void hist_add(struct hist *h, const char *kind, const char *name);
/* Writes the file (directories created 0700, the file replaced atomically). */
void hist_save(struct hist *h);
void hist_close(struct hist *h);

#endif
