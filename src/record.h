#ifndef UP_RECORD_H
#define UP_RECORD_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "deps.h"
#include "repo.h"

/* What a cache entry records besides the manifest (SPEC §6): what the
 * evaluation depended on, and what a warm run needs for the untracked
 * warning. Either the files nix read are known (from its log), or the entry
 * is keyed on the content of every tracked change (the full git key). */
struct record {
	bool git;               /* keyed on every tracked change */
	struct deps deps;       /* the files read, and git's HEAD, ref and index */
	struct strlist listing; /* the flake's top .nix files and profiles/ entries, as seen */
	struct strlist shown;   /* of those, the untracked ones (work tree paths) */
	struct strlist changed; /* git: "BLOB PATH" of every tracked change */
};

/* An evaluation to record. */
struct record_eval {
	const char *flake_dir;
	struct repo *repo;          /* its status read */
	const struct buf *log;      /* nix's -vvv log */
	const struct buf *json;     /* nix's answer */
	struct timespec start;      /* when nix started */
};

/* Fills rc: false when nothing should be recorded (a file changed while
 * nix read it). */
bool record_make(struct record *rc, const struct record_eval *ev);
/* Whether everything rc depends on is as recorded (a git key reads the
 * repository's status). */
bool record_valid(const struct record *rc, struct repo *r);
/* The untracked files a warm run warns about: those recorded and still
 * there, and whatever is new in the listing and untracked. */
void record_untracked(const struct record *rc, struct repo *r, const char *flake_dir,
		      struct strlist *out);
void record_write(const struct record *rc, struct buf *out);
bool record_read(struct record *rc, const struct buf *meta);
void record_free(struct record *rc);

#endif
