#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fs.h"
#include "edit.h"
#include "history.h"

enum { HISTORY_MAX = 200 };

void hist_open(struct hist *h)
{
	HistEvent ev;
	struct buf path;
	memset(h, 0, sizeof *h);
	h->dir = fs_xdg_dir("XDG_STATE_HOME", ".local/state");
	if (!h->dir || !(h->file = edit.history_init()))
		return;
	edit.history(h->file, &ev, H_SETSIZE, HISTORY_MAX);
	buf_init(&path);
	buf_printf(&path, "%s/history", h->dir);
	h->path = buf_take(&path);
	edit.history(h->file, &ev, H_LOAD, h->path);      /* none yet: fine */
}

History *hist_view(struct hist *h, const char *kind, const char *const *names, size_t n)
{
	HistEvent ev;
	if (h->view)
		edit.history_end(h->view);
	if (!(h->view = edit.history_init()))
		return NULL;
	edit.history(h->view, &ev, H_SETSIZE, HISTORY_MAX);
	if (!h->file)
		return h->view;
	size_t kl = strlen(kind), k = 0;
	bool *seen = xcalloc(n, sizeof *seen);
	size_t *order = xcalloc(n, sizeof *order);
	for (int r = edit.history(h->file, &ev, H_FIRST); r != -1; r = edit.history(h->file, &ev, H_NEXT)) {
		if (strncmp(ev.str, kind, kl) || ev.str[kl] != ' ')
			continue;
		for (size_t i = 0; i < n; i++)
			if (!seen[i] && !strcmp(names[i], ev.str + kl + 1)) {
				seen[i] = true;
				order[k++] = i;
			}
	}
	while (k--)
		edit.history(h->view, &ev, H_ENTER, names[order[k]]);
	free(seen);
	free(order);
	return h->view;
}

void hist_add(struct hist *h, const char *kind, const char *name)
{
	HistEvent ev;
	struct buf b;
	if (!h->file)
		return;
	buf_init(&b);
	buf_printf(&b, "%s %s", kind, name);
	edit.history(h->file, &ev, H_ENTER, b.data);
	buf_free(&b);
}

void hist_save(struct hist *h)
{
	HistEvent ev;
	struct fs_atomic file;
	if (h->file && fs_mkdirs(h->dir) && fs_atomic_open(&file, h->path))
		fs_atomic_commit(&file, edit.history(h->file, &ev, H_SAVE_FP, file.file) >= 0);
}

void hist_close(struct hist *h)
{
	if (h->view)
		edit.history_end(h->view);
	if (h->file)
		edit.history_end(h->file);
	free(h->dir);
	free(h->path);
	memset(h, 0, sizeof *h);
}
