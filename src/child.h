#ifndef UP_CHILD_H
#define UP_CHILD_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "buf.h"

/* A command up runs and waits for (nix eval, nix --version): its stdout
 * and stderr read to their end within bounds, and never an orphan.
 *
 * While it runs, SIGINT, SIGTERM and SIGHUP to up are passed on to it; once
 * it has ended, up ends by the same signal. A time bound kills it (TERM,
 * then KILL a second later). Its stderr is kept up to a bound from the
 * start, then only its last CHILD_TAIL bytes, and how much was dropped is
 * counted. After about a second, a progress line can say on the terminal
 * what it is doing; it is erased when the command ends. */
enum { CHILD_TAIL = 64 * 1024 };

struct child {
	pid_t pid;
	int out, err;            /* the read ends of its stdout and stderr */
	struct sigaction old[3]; /* up's own handlers, put back when it ends */
};

struct child_wait {
	long timeout_ms;         /* 0: wait as long as it takes */
	const char *progress;    /* on a terminal: "evaluating .#upManifest", or NULL */
	size_t out_max;          /* bytes of stdout kept (0: all); past that, it fails */
	size_t err_max;          /* bytes of stderr kept from the start (0: all) */
	/* out */
	bool timed_out;
	bool out_cut;            /* stdout was larger than out_max */
	size_t err_cut;          /* bytes of stderr dropped between start and tail */
};

/* Starts argv (PATH searched) with stdin from /dev/null: true, or false
 * with errno set. argv[0] is looked up first (fs_which), so that a program
 * that is missing or cannot be run is an error here (ENOENT, EACCES) on
 * every system, also where posix_spawnp reports it as a child that exits
 * 127 (as under valgrind). */
bool child_start(struct child *c, char *const *argv);
/* Reads its output (stdout into out, stderr into err) to the end and waits
 * for it, as w says: its wait status, or -1. */
int child_finish(struct child *c, struct child_wait *w, struct buf *out, struct buf *err);

#endif
