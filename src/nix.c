#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exitcode.h"
#include "fs.h"
#include "child.h"
#include "nix.h"
#include "text.h"

static const char features[] = "nix-command flakes";

void nix_init(struct nix *nx)
{
	const char *env = getenv("UP_NIX");
	nx->bin = env && *env ? env : "nix";
	nx->extra_features = false;
	nx->form = NIX_FORM_UNKNOWN;
	nx->form_learnt = false;
}

size_t nix_prefix(const struct nix *nx, const char **words)
{
	size_t n = 0;
	words[n++] = nx->bin;
	if (nx->extra_features) {
		words[n++] = "--extra-experimental-features";
		words[n++] = features;
	}
	return n;
}

bool nix_extra_features(const struct nix *nx) { return nx->extra_features; }
void nix_set_extra_features(struct nix *nx, bool on) { nx->extra_features = on; }

static bool stat_line(struct buf *out, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	buf_printf(out, " %s %lld %lld %lld", path, (long long)st.st_ino, (long long)st.st_size,
		   (long long)st.st_mtime);
	return true;
}

bool nix_which(const struct nix *nx, struct buf *path)
{
	return fs_which(nx->bin, path);
}

void nix_identity(const struct nix *nx, struct buf *out)
{
	struct buf p;
	buf_init(&p);
	buf_puts(out, nx->bin);
	if (nix_which(nx, &p))
		stat_line(out, p.data);
	buf_free(&p);
}

/* Starts a nix command: 0, or 127 (with how to install nix) or 70. */
static int spawn(const struct nix *nx, const char **argv, struct child *c, struct buf *err)
{
	if (child_start(c, (char *const *)argv))
		return 0;
	int e = errno;
	if (e == ENOENT || e == EACCES || e == ENOTDIR)
		return fail(err, EXIT_NONIX, "cannot run nix ('%s'): %s\n"
			    "  install Nix (https://nixos.org/download; on Debian: "
			    "apt-get install nix-bin),\n  or point UP_NIX at the nix binary",
			    nx->bin, strerror(e));
	return fail(err, EXIT_INTERNAL, "cannot run nix ('%s'): %s", nx->bin, strerror(e));
}

int nix_version(struct nix *nx, struct buf *out, struct buf *err)
{
	const char *argv[] = { nx->bin, "--version", NULL };
	struct child c;
	struct buf text;
	int rc = spawn(nx, argv, &c, err);
	if (rc)
		return rc;
	buf_init(&text);
	struct child_wait w = { 0 };
	int status = child_finish(&c, &w, out, &text);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = fail(err, EXIT_NONIX, "'%s --version' failed: %s", nx->bin, buf_str(&text));
	while (out->len && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	buf_free(&text);
	return rc;
}

static bool disabled_features(const char *err)
{
	return strstr(err, "experimental Nix feature") && strstr(err, "is disabled");
}

/* nix's error text, as shown: no control character but newlines and tabs; at most the first
 * and the last ERROR_LINES lines (and ERROR_BYTES each), saying how much
 * was left out between them. */
enum { ERROR_LINES = 25, ERROR_BYTES = 8192 };

static void shown_lines(struct buf *err, const char *from, const char *to)
{
	for (const char *s = from; s < to;) {
		size_t len;
		if (*s == '\n' || *s == '\t' || !text_unsafe(s, &len)) {
			len = *s == '\n' || *s == '\t' ? 1 : len;
			buf_add(err, s, len);
		} else {
			for (size_t i = 0; i < len; i++)
				buf_printf(err, "\\x%02x", (unsigned char)s[i]);
		}
		s += len;
	}
}

static void error_text(struct buf *err, const struct buf *log, size_t dropped)
{
	const char *text = buf_str(log), *end = text + log->len;
	const char *head = text, *tail = end;
	for (size_t n = 0; n < ERROR_LINES && head < end; n++) {
		const char *nl = memchr(head, '\n', (size_t)(end - head));
		head = nl ? nl + 1 : end;
	}
	if ((size_t)(head - text) > ERROR_BYTES)
		head = text + ERROR_BYTES;
	for (size_t n = 0; n < ERROR_LINES && tail > head; n++)
		for (tail--; tail > head && tail[-1] != '\n';)
			tail--;
	if ((size_t)(end - tail) > ERROR_BYTES)
		tail = end - ERROR_BYTES;
	if (tail <= head) {
		shown_lines(err, text, end);
	} else {
		size_t cut = 0;
		for (const char *p = head; p < tail; p++)
			cut += *p == '\n';
		shown_lines(err, text, head);
		buf_puts(err, head[-1] == '\n' ? "" : "\n");
		if (dropped)
			buf_printf(err, "[... %zu bytes of nix's output left out here ...]\n",
				   (size_t)(tail - head) + dropped);
		else
			buf_printf(err, "[... %zu lines (%zu bytes) of nix's output left out here ...]\n",
				   cut, (size_t)(tail - head));
		shown_lines(err, tail, end);
	}
	if (err->len && err->data[err->len - 1] != '\n')
		buf_putc(err, '\n');
}

int nix_eval(struct nix *nx, struct nix_request *rq, struct buf *json, struct buf *log,
	     struct buf *err)
{
	struct buf installable, doing;
	int rc = 0;
	buf_init(&installable);
	buf_init(&doing);
	buf_printf(&installable, "%s#%s", rq->flake, rq->attr);
	/* (as the user names it: the absolute form's dot is nix's business) */
	buf_printf(&doing, "evaluating %s#%s with nix", rq->flake,
		   rq->attr[0] == '.' ? rq->attr + 1 : rq->attr);
	struct child_wait w = { rq->timeout_ms, rq->progress ? doing.data : NULL, JSON_MAX, LOG_MAX,
				false, false, 0 };

	for (int attempt = 0; attempt < 2; attempt++) {
		const char *argv[NIX_PREFIX_MAX + 9];
		size_t n = nix_prefix(nx, argv);
		argv[n++] = "eval";
		argv[n++] = "--json";
		if (rq->apply) {
			argv[n++] = "--apply";
			argv[n++] = rq->apply;
		}
		argv[n++] = installable.data;
		argv[n] = NULL;

		struct child c;
		buf_reset(log);
		buf_reset(json);
		if ((rc = spawn(nx, argv, &c, err)))
			break;
		if (attempt == 0 && rq->meanwhile)
			rq->meanwhile(rq->arg);
		int status = child_finish(&c, &w, json, log);
		rq->timed_out = w.timed_out;
		if (w.timed_out) {
			rc = fail(err, EXIT_MANIFEST, "nix did not answer within %ld ms", rq->timeout_ms);
			break;
		}
		if (w.out_cut) {
			rc = fail(err, EXIT_MANIFEST, "nix's answer is larger than %d MiB", JSON_MAX >> 20);
			break;
		}
		if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			rc = 0;
			break;
		}
		if (attempt == 0 && !nx->extra_features && disabled_features(buf_str(log))) {
			nx->extra_features = true;
			continue;
		}
		rc = EXIT_MANIFEST;
		error_text(err, log, w.err_cut);
		rq->killed = status == -1 || WIFSIGNALED(status);
		if (status != -1 && WIFSIGNALED(status))
			buf_printf(err, "(nix was killed by signal %d)\n", WTERMSIG(status));
		break;
	}
	buf_free(&installable);
	buf_free(&doing);
	return rc;
}

bool nix_error_missing(const char *nix_error)
{
	static const char *const says[] = { "does not provide attribute",
		"could not find a flake.nix file", "is not part of a flake",
		"does not contain a '/flake.nix' file", "cannot find flake", "unable to download" };
	for (size_t i = 0; i < sizeof says / sizeof *says; i++)
		if (strstr(nix_error, says[i]))
			return true;
	return false;
}

/* Whether nix's error says it has no attribute named '.ATTR' (the dot as
 * part of the name): it does not know the absolute form. */
static bool took_dot_as_name(const char *err, const char *attr)
{
	const char *at = strstr(err, "does not provide attribute");
	struct buf quoted;
	buf_init(&quoted);
	buf_printf(&quoted, "'.%s'", attr);
	bool took = at && strstr(at, quoted.data) && strstr(at, quoted.data) < at + strcspn(at, "\n");
	buf_free(&quoted);
	return took;
}

int nix_eval_output(struct nix *nx, struct nix_request *rq, struct buf *json, struct buf *log,
		    struct buf *err)
{
	const char *attr = rq->attr;
	int rc;
	if (nx->form != NIX_FORM_RELATIVE) {
		struct buf dotted;
		buf_init(&dotted);
		buf_printf(&dotted, ".%s", attr);
		size_t at = err->len;
		rq->attr = dotted.data;
		rc = nix_eval(nx, rq, json, log, err);
		rq->attr = attr;
		/* Learnt only from what says it: an answer, or "no such
		 * attribute" of the name (taken, and not there), or of the
		 * name with its dot (refused); any other error says nothing. */
		bool refused = rc == EXIT_MANIFEST && took_dot_as_name(buf_str(err) + at, attr);
		bool taken = rc == 0 || (rc == EXIT_MANIFEST && !refused &&
					 strstr(buf_str(err) + at, "does not provide attribute"));
		buf_free(&dotted);
		if (taken && nx->form == NIX_FORM_UNKNOWN) {
			nx->form = NIX_FORM_ABSOLUTE;
			nx->form_learnt = true;
		}
		if (!refused)
			return rc;
		buf_truncate(err, at);
		buf_reset(json);
		nx->form = NIX_FORM_RELATIVE;   /* (also when it was kept wrongly: kept anew) */
		nx->form_learnt = true;
	}
	return nix_eval(nx, rq, json, log, err);
}

bool nix_fragment_ok(const char *name)
{
	return *name && !strchr(name, '"');
}

void nix_fragment(struct buf *out, const char *name)
{
	static const char keep[] = "-._~!$&'()*+,;=:@/? ";
	bool quote = strchr(name, '.') != NULL;
	if (quote)
		buf_putc(out, '"');
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		bool plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			     (*s >= '0' && *s <= '9') || (*s && strchr(keep, *s));
		if (plain)
			buf_putc(out, (char)*s);
		else
			buf_printf(out, "%%%02X", *s);
	}
	if (quote)
		buf_putc(out, '"');
}

void nix_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '\\' || *s == '"' || *s == '$')
			buf_putc(out, '\\');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

void nix_error_line(struct buf *out, const char *err)
{
	const char *found = NULL, *where = NULL;
	for (const char *line = err; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		const char *p = line + strspn(line, " ");
		const char *text = skip_prefix(p, "error: ");
		if (text && text[strspn(text, " ")] != '\n' && text[strspn(text, " ")]) {
			found = text;
			const char *next = p + strcspn(p, "\n");
			next += strspn(next, " \n"); /* nix 2.8 leaves a blank line before "at" */
			where = skip_prefix(next, "at ");
		}
	}
	if (found) {
		buf_add(out, found, strcspn(found, "\n"));
		if (where) {
			size_t n = strcspn(where, "\n");
			buf_printf(out, " (at %.*s)", (int)(n && where[n - 1] == ':' ? n - 1 : n), where);
		}
		return;
	}
	const char *e = strstr(err, "up: ");
	e = e ? e + 4 : err;
	buf_add(out, e, strcspn(e, "\n"));
}
