#ifndef UP_CACHE_TRACE_H
#define UP_CACHE_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The traced mode of the cache (up(1) GIT AND THE CACHE): which local files a `nix eval
 * -vvv` read, from its log. nix names the store copies it read; each is
 * mapped back to the local tree it was copied from (the flake's own git
 * tree, local path inputs). Lines are taken only when they are exactly of
 * the form nix writes ("evaluating file 'P'", "checking access to 'P'",
 * "got tree 'S' from 'URL'", ...); a line of such a kind that is not is a
 * reason not to trust the log.
 *
 * Then cache_trace_expand() adds what reading those paths depends on: the
 * target of every symbolic link (followed to the end) and every file and
 * directory under a directory that was read (a directory may have been
 * copied whole, "${./dir}", builtins.path). */
struct cache_trace {
	struct strlist own;     /* files read from the flake's own tree (local paths) */
	struct strlist inputs;  /* files read from local path inputs */
	struct strlist read;    /* own and inputs, expanded (cache_trace_expand) */
	char *store;            /* the store path of the flake's own tree */
	bool whole;             /* the evaluation read the own tree's top directory itself */
	const char *why;        /* why the files read cannot be known */
};

/* Reads the log of an evaluation of the flake in flake_dir. false (why
 * set) when the log does not say exactly which files were read. */
bool cache_trace_read(struct cache_trace *tr, const char *log, size_t len, const char *flake_dir);
/* Adds links' targets and directories' contents to tr->read (at most
 * limit paths: false, why set, past it). */
bool cache_trace_expand(struct cache_trace *tr, size_t limit);
void cache_trace_free(struct cache_trace *tr);

#endif
