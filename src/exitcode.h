#ifndef UP_EXITCODE_H
#define UP_EXITCODE_H

/* The exit codes of up(1) CHECKING; values follow sysexits(3).
 *
 * The convention of every module: a function that returns int returns 0 on
 * success or one of these codes, and says what went wrong (and what to do)
 * in the `struct buf *err` its caller passed, as lines "up: ...\n" ready
 * for stderr (see fail() in buf.h). Functions that cannot fail in a way the
 * user must hear of return bool or nothing. Only main, the menu and the
 * completion entry points write to the terminal. */
enum exitcode {
	EXIT_OK = 0,
	EXIT_USAGE = 64,       /* bad option, unknown profile/type, no terminal for -i */
	EXIT_MANIFEST = 65,    /* manifest invalid or eval failed */
	EXIT_UNAVAILABLE = 69, /* target cannot run on this machine */
	EXIT_INTERNAL = 70,    /* a bug or an exhausted resource */
	EXIT_NONIX = 127,      /* nix not found */
	EXIT_CANCELLED = 130,  /* menu cancelled */
};

#endif
