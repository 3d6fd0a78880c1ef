#include "config.h"

#include <string.h>

#include "exitcode.h"
#include "manifest_eval.h"

/* Each app's meta.description, when it is a string, else null: an app
 * that cannot be evaluated (a throw) is offered without one. */
static const char apps_apply[] =
	"a: builtins.mapAttrs (n: v: let d = builtins.tryEval (if builtins.isAttrs v && "
	"builtins.isAttrs (v.meta or null) && builtins.isString (v.meta.description or null) "
	"then v.meta.description else null); in if d.success then d.value else null) a";

/* Whether nix's error says that the flake has no such attribute (rather
 * than a flake, or an attribute, that fails): "does not provide attribute
 * ... 'ATTR'", as nix 2.8 and nix 2.26 both word it. */
static bool missing(const char *err, const char *attr)
{
	const char *at = strstr(err, "does not provide attribute");
	if (!at)
		return false;
	struct buf quoted;
	buf_init(&quoted);
	buf_printf(&quoted, "'%s'", attr);
	const char *end = at + strcspn(at, "\n");
	const char *q = strstr(at, quoted.data);
	buf_free(&quoted);
	return q && q < end;
}

static int eval(struct manifest_eval *ev, const char *attr, const char *apply, struct buf *json,
		struct buf *err)
{
	struct buf log;
	buf_init(&log);
	ev->rq->attr = attr;
	ev->rq->apply = apply;
	int rc = nix_eval_output(ev->nix, ev->rq, json, &log, err);
	buf_free(&log);
	return rc;
}

int manifest_eval(struct manifest_eval *ev, struct manifest *m, struct buf *err)
{
	struct buf json, source, apps;
	buf_init(&json);
	buf_init(&source);
	buf_init(&apps);
	buf_printf(&source, "%s#%s", ev->rq->flake, ev->attr);
	size_t at = err->len;
	int rc = eval(ev, ev->attr, NULL, &json, err);
	if (rc == EXIT_MANIFEST && !ev->attr_given && !ev->rq->timed_out && !ev->rq->killed &&
	    missing(buf_str(err) + at, ev->attr)) {
		/* No manifest: the flake's apps, nix's error set aside. */
		buf_truncate(err, at);
		buf_printf(&apps, "apps.%s", ev->system);
		long left = ev->left ? ev->left() : -1;
		if (left > 0)
			ev->rq->timeout_ms = left;
		rc = left == 0 ? EXIT_MANIFEST : eval(ev, apps.data, apps_apply, &json, err);
		if (rc == EXIT_MANIFEST && missing(buf_str(err) + at, apps.data)) {
			buf_truncate(err, at);
			buf_reset(&json);
			buf_puts(&json, "{}");
			rc = 0;
		} else if (rc == EXIT_MANIFEST) {
			fail(err, rc, "%s has no upManifest, and its apps could not be evaluated "
			     "(nix's error is above); fix what it names", ev->rq->flake);
		}
		if (!rc)
			rc = manifest_parse_apps(m, buf_str(&json), json.len, ev->rq->flake, err);
	} else if (rc == EXIT_MANIFEST) {
		fail(err, rc, "could not evaluate %s (nix's error is above); %s", source.data,
		     nix_error_missing(buf_str(err) + at) ? "pick another flake with --flake, or "
		     "another attribute with --attr" : "fix what it names");
	} else if (!rc) {
		rc = manifest_parse(m, buf_str(&json), json.len, source.data, err);
	}
	ev->rq->attr = NULL;
	ev->rq->apply = NULL;
	buf_free(&json);
	buf_free(&source);
	buf_free(&apps);
	return rc;
}
