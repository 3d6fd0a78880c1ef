#ifndef UP_NIX_H
#define UP_NIX_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The nix binary (UP_NIX, else "nix" on PATH) and whether this run needs
 * --extra-experimental-features 'nix-command flakes'. */
struct nix {
	const char *bin;
	bool extra_features;
	enum nix_form {           /* how FLAKE#ATTR names a top-level output */
		NIX_FORM_UNKNOWN,       /* not asked yet: the absolute form is tried */
		NIX_FORM_ABSOLUTE,      /* FLAKE#.ATTR (nix 2.26 takes it) */
		NIX_FORM_RELATIVE,      /* FLAKE#ATTR: nix looks under packages.<system>
					 * and legacyPackages.<system> first (nix 2.8) */
	} form;
	bool form_learnt;         /* out: form was learnt by this run, to be kept */
};

void nix_init(struct nix *nx);
/* One `nix eval --json FLAKE#ATTR`. */
struct nix_request {
	const char *flake;
	const char *attr;
	void (*meanwhile)(void *arg);  /* work to do while nix evaluates, or NULL */
	void *arg;
	const char *apply;             /* --apply EXPR (up's own, never the user's), or NULL */
	long timeout_ms;               /* 0: as long as it takes; else nix is stopped then */
	bool progress;                 /* after a second, say on the terminal what runs */
	bool timed_out;                /* out: nix was stopped at timeout_ms */
	bool killed;                   /* out: nix was ended by a signal */
};
/* How much of nix's answer and of its stderr is kept. */
enum { JSON_MAX = 256 << 20, LOG_MAX = 16 << 20 };
/* Runs rq: the JSON into json, nix's stderr into log. Returns 0; 127 when
 * nix cannot be run, with how to install it in err; 65 when the eval
 * failed (or timed out, or answered more than JSON_MAX), with nix's own
 * error text in err, bounded and with control characters escaped; 70 when
 * it could not be started. Retries once with the experimental features
 * when nix says they are disabled, and keeps them. Signals to up reach nix
 * (child.h). */
int nix_eval(struct nix *nx, struct nix_request *rq, struct buf *json, struct buf *log,
	     struct buf *err);
/* nix_eval() of rq->attr as a top-level output of the flake: in the
 * absolute form FLAKE#.ATTR where this nix takes it, so that nix does not
 * evaluate packages.<system> and legacyPackages.<system> first. Whether
 * it does is learnt from its answer (a nix that does not reads ".ATTR" as
 * a name, and says it is not there: then the plain form, at once) and kept
 * in nx->form. */
int nix_eval_output(struct nix *nx, struct nix_request *rq, struct buf *json, struct buf *log,
		    struct buf *err);
/* What nix's error text says, read in one place (nix words it, and up
 * tests it on each nix it knows). Whether the flake, or the attribute asked
 * for, is not there (rather than wrong inside): */
bool nix_error_missing(const char *err);
/* Its one line for a person, appended to out: the innermost "error: ..."
 * (nix 2.26 nests them) with where it points, else up's own "up: ..." line
 * without the "up: ", else the first line. */
void nix_error_line(struct buf *out, const char *err);
/* An attribute name as the fragment of a flake reference (FLAKE#...)
 * takes it, appended to out: nix reads the fragment as part of a URL,
 * %-decodes it, then splits it at '.' outside double quotes; so a name
 * that holds a '.' is quoted, and every byte outside what a URL's fragment
 * holds as it is is %-encoded. A name of letters, digits, '_', '+', '-'
 * (every manifest's app) comes out as it is. Not for a name that holds a
 * '"', which nix cannot quote (nix_fragment_ok). */
void nix_fragment(struct buf *out, const char *name);
bool nix_fragment_ok(const char *name);
/* s as a nix string literal, appended to out: "...", with \\, \" and \$
 * escaped, so that it is data in an expression up writes. */
void nix_string(struct buf *out, const char *s);
/* `nix --version` into out ("nix (Nix) 2.8.0"): 0, or 127/70 as nix_eval(). */
int nix_version(struct nix *nx, struct buf *out, struct buf *err);
/* The words that start every nix command of this run: the binary, then the
 * feature flag if needed. Returns how many (at most NIX_PREFIX_MAX). */
enum { NIX_PREFIX_MAX = 3 };
size_t nix_prefix(const struct nix *nx, const char **words);
bool nix_extra_features(const struct nix *nx);
/* For a manifest from the cache: what the eval that made it needed. */
void nix_set_extra_features(struct nix *nx, bool on);
/* The file the binary is, as PATH finds it, into path (emptied first):
 * false when there is none. */
bool nix_which(const struct nix *nx, struct buf *path);
/* Which file the binary is now, for the cache key: its name, then the path
 * it is found at and that file's inode, size and mtime. */
void nix_identity(const struct nix *nx, struct buf *out);

#endif
