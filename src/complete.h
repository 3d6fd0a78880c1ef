#ifndef UP_COMPLETE_H
#define UP_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "manifest.h"
#include "options.h"
#include "platform.h"

/* `up --complete -- WORD...` (up(1) COMPLETIONS): the answer to a TAB press, for the
 * words after "up" (the last one the word being typed, possibly empty): one
 * "NAME<TAB>DESCRIPTION" a line. */

enum complete_what {
	COMPLETE_NOTHING,   /* nothing to offer (a word up cannot answer for) */
	COMPLETE_FILES,     /* the app's words, after TYPE: the shell's file names */
	COMPLETE_OPTION,    /* up's options */
	COMPLETE_VALUE,     /* the value of an option (--flake, --completions) */
	COMPLETE_PROFILE,   /* also the value of --list=PROFILE */
	COMPLETE_TYPE,      /* the types the profile lists */
};

/* What the words ask for, read as options_scan() reads them. */
struct complete_query {
	enum complete_what what;
	const char *cur;                   /* the part of the last word to complete */
	const struct option_spec *option;  /* COMPLETE_VALUE: whose value */
	size_t lead;                       /* bytes of "--NAME=" before cur */
	const char *word;                  /* the last word, whole */
	const char *flake;                 /* the flake the words name (--flake), or NULL */
	const char *attr;                  /* the attribute they name (--attr), or NULL */
	const char *profile;               /* COMPLETE_TYPE: the profile */
	bool long_only;                    /* COMPLETE_OPTION: after PROFILE, the long ones */
};

void complete_query(struct complete_query *q, char *const *words, size_t n);
/* The answer lines for q; m is the manifest for PROFILE and TYPE (NULL: none
 * could be loaded, so no names). With pf, a profile or type this machine
 * cannot run has UNAVAILABLE_MARK at the end of its description. Directories
 * for --flake are read from the file system, relative to the current
 * directory and HOME. */
#define UNAVAILABLE_MARK "(cannot run here)"
/* The one answer for the app's words: no NAME, "files" as description,
 * which the scripts take as "complete file names here". */
#define COMPLETE_FILES_LINE "\tfiles\n"
void complete_answer(struct buf *out, const struct complete_query *q, const struct manifest *m,
		     struct platform *pf);
/* The entry point: loads the manifest the words name (quietly, through the
 * cache, waiting for nix at most UP_COMPLETE_TIMEOUT seconds, by default
 * COMPLETE_TIMEOUT_MS) when names are asked for, and prints the answer. Any trouble
 * answers nothing: a TAB never prints errors. Returns 0, or 70 when stdout
 * cannot be written. */
enum { COMPLETE_TIMEOUT_MS = 2000 };
int complete_main(const struct options *o);

#endif
