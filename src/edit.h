#ifndef UP_EDIT_H
#define UP_EDIT_H

#include <stdbool.h>

#include <histedit.h>

/* libedit, for the menu: loaded (dlopen) when a menu is first shown, not
 * linked, as libgit2 is (git_repo.h). Linking it, with the three libraries
 * it needs, costs every run about half a millisecond at start-up, and only
 * a menu uses it. The calls are edit.el_gets(...) and the like. */
#define EDIT_CALLS(X) \
	X(el_init) X(el_end) X(el_set) X(el_wset) X(el_get) X(el_gets) X(el_line) X(el_push) \
	X(el_deletestr) X(el_insertstr) X(el_resize) X(el_source) \
	X(history_init) X(history_end) X(history)

struct edit {
#define EDIT_DECLARE(f) __typeof__(f) *f;
	EDIT_CALLS(EDIT_DECLARE)
#undef EDIT_DECLARE
};

extern struct edit edit;

/* Loads libedit once: false (and why, dlerror's text) when it cannot. */
bool edit_load(const char **why);

#endif
