#include "config.h"

#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache_inputs.h"
#include "cache_probe.h"
#include "cache_trace.h"
#include "child.h"
#include "fs.h"

/* The throwaway flake: every kind of access, and what its answer is. */
static const char flake_nix[] =
	"{\n  outputs = { self }: {\n    probe = {\n"
	"      import = (import ./imported.nix).x;\n"
	"      readFile = builtins.readFile ./read.txt;\n"
	"      readDir = builtins.attrNames (builtins.readDir ./listed);\n"
	"      present = builtins.pathExists ./present;\n"
	"      absent = builtins.pathExists ./absent;\n"
	"      hashFile = builtins.substring 0 8 (builtins.hashFile \"sha256\" ./hashed);\n"
	"      link = builtins.readFile ./link;\n"
	"      copied = builtins.stringLength \"${./copied}\" > 0;\n"
	"      path = builtins.stringLength (builtins.path { path = ./pathed; name = \"p\"; }) > 0;\n"
	"    };\n  };\n}\n";
static const char answer[] =
	"{\"absent\":false,\"copied\":true,\"hashFile\":\"aaa94026\",\"import\":1,\"link\":\"t\","
	"\"path\":true,\"present\":true,\"readDir\":[\"x\"],\"readFile\":\"r\"}";
/* Each access, and the file whose log line proves it was seen. */
static const char *const seen[] = { "imported.nix", "read.txt", "listed", "present", "absent",
	"hashed", "link", "target", "copied/inner", "pathed/inner" };
/* Why a nix is not trusted: the first ten match seen[]. */
static const char *const verdicts[] = {
	"this nix's log does not name files read with import",
	"this nix's log does not name files read with readFile",
	"this nix's log does not name directories read with readDir",
	"this nix's log does not name files tested with pathExists",
	"this nix's log does not name missing files tested with pathExists",
	"this nix's log does not name files read with hashFile",
	"this nix's log does not name symbolic links read through",
	"this nix's log does not name where a symbolic link leads",
	"this nix's log does not name directories copied whole (\"${./dir}\")",
	"this nix's log does not name directories copied with builtins.path",
	"this nix's log does not say exactly which files the probe read",
	"nix answered the probe otherwise than expected" };

static bool write_file(const char *dir, const char *name, const char *text)
{
	struct buf path;
	buf_init(&path);
	buf_printf(&path, "%s/%s", dir, name);
	FILE *f = fopen(path.data, "we");
	bool ok = f && fputs(text, f) >= 0;
	ok = f && fclose(f) == 0 && ok;
	buf_free(&path);
	return ok;
}

static bool make_tree(const char *dir)
{
	struct buf p;
	buf_init(&p);
	static const char *const dirs[] = { "listed", "copied", "pathed" };
	bool ok = true;
	for (size_t i = 0; ok && i < 3; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, dirs[i]);
		ok = mkdir(p.data, 0700) == 0;
	}
	buf_reset(&p);
	buf_printf(&p, "%s/link", dir);
	ok = ok && symlink("target", p.data) == 0 && write_file(dir, "flake.nix", flake_nix) &&
	     write_file(dir, "imported.nix", "{ x = 1; }\n") && write_file(dir, "read.txt", "r") &&
	     write_file(dir, "listed/x", "x") && write_file(dir, "present", "p") &&
	     write_file(dir, "hashed", "h") && write_file(dir, "target", "t") &&
	     write_file(dir, "copied/inner", "c") && write_file(dir, "pathed/inner", "p");
	buf_free(&p);
	return ok;
}

static bool run(char *const *argv)
{
	struct child c;
	struct buf out, err;
	struct child_wait w = { 10000, NULL, 1 << 20, 1 << 20, false, false, 0 };
	if (!child_start(&c, argv))
		return false;
	buf_init(&out);
	buf_init(&err);
	int status = child_finish(&c, &w, &out, &err);
	buf_free(&out);
	buf_free(&err);
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool commit(const char *dir)
{
	char *init[] = { "git", "-C", (char *)dir, "init", "-q", NULL };
	char *add[] = { "git", "-C", (char *)dir, "add", "-A", NULL };
	char *ci[] = { "git", "-C", (char *)dir, "-c", "user.name=up", "-c",
		"user.email=up@localhost", "-c", "commit.gpgsign=false", "commit", "-qm", "probe", NULL };
	return run(init) && run(add) && run(ci);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* The probe itself: NULL when the log named every access, else why not. */
static const char *probe(struct nix *nx, long timeout_ms)
{
	const char *tmp = getenv("TMPDIR");
	struct buf dir, json, log, err, file;
	const char *why = NULL;
	buf_init(&dir);
	buf_init(&json);
	buf_init(&log);
	buf_init(&err);
	buf_init(&file);
	buf_printf(&dir, "%s/up-probe.XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
	if (!mkdtemp(dir.data)) {
		why = "the probe's flake cannot be made in $TMPDIR";
		goto out;
	}
	char *real = realpath(dir.data, NULL);
	if (real) {
		buf_reset(&dir);
		buf_puts(&dir, real);
		free(real);
	}
	if (!make_tree(dir.data) || !commit(dir.data)) {
		why = "the probe's flake cannot be made (git is needed)";
		goto out;
	}
	struct nix_request rq = { .flake = dir.data, .attr = "probe", .verbose = true,
				  .timeout_ms = timeout_ms };
	if (nix_eval(nx, &rq, &json, &log, &err) || rq.log_cut) {
		why = "nix could not evaluate the probe's flake";
		goto out;
	}
	if (strcmp(buf_str(&json), answer) && strncmp(buf_str(&json), answer, sizeof answer - 1)) {
		why = verdicts[11];
		goto out;
	}
	struct cache_trace tr;
	if (!cache_trace_read(&tr, buf_str(&log), log.len, dir.data) || !cache_trace_expand(&tr, 100)) {
		why = verdicts[10];
	} else {
		strlist_sort(&tr.read);
		for (size_t i = 0; !why && i < sizeof seen / sizeof *seen; i++) {
			buf_reset(&file);
			buf_printf(&file, "%s/%s", dir.data, seen[i]);
			if (!strlist_find(&tr.read, file.data))
				why = verdicts[i];
		}
	}
	cache_trace_free(&tr);
out:
	if (dir.len)
		nftw(dir.data, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	buf_free(&dir);
	buf_free(&json);
	buf_free(&log);
	buf_free(&err);
	buf_free(&file);
	return why;
}

void cache_probe_run(struct cache_probe *p, struct nix *nx, const char *cache_dir, long timeout_ms,
		     bool may_run)
{
	struct cache_key key;
	struct cache c;
	struct cache_entry e;
	memset(p, 0, sizeof *p);
	cache_key_init(&key);
	cache_key_add(&key, "up-probe", "1");
	cache_inputs_add(&key, nx);
	memset(&c, 0, sizeof c);
	if (cache_dir) { /* apart from the entries, in probe/ */
		struct buf dir;
		buf_init(&dir);
		buf_printf(&dir, "%s/probe", cache_dir);
		cache_open(&c, &key, dir.data);
		buf_free(&dir);
	}
	cache_key_free(&key);
	if (cache_get(&c, &e)) {
		unsigned i = e.flags;
		p->traced = i == 0;
		p->why = i > 0 && i <= sizeof verdicts / sizeof *verdicts ? verdicts[i - 1] : NULL;
		cache_entry_free(&e);
		if (p->traced || p->why) {
			cache_free(&c);
			return;
		}
	}
	if (!may_run) {
		cache_free(&c);
		p->why = "this nix is not probed yet (a TAB does not wait for it; the next evaluation outside a TAB runs it)";
		return;
	}
	p->ran = true;
	const char *why = probe(nx, timeout_ms);
	unsigned kept = 0;
	for (size_t i = 0; why && i < sizeof verdicts / sizeof *verdicts; i++)
		if (!strcmp(why, verdicts[i]))
			kept = (unsigned)i + 1;
	p->traced = !why;
	p->why = why;
	if (p->traced || kept) { /* a probe that could not run at all is not kept */
		struct buf none;
		buf_init(&none);
		cache_put(&c, kept, &none, "", 0);
		buf_free(&none);
	}
	cache_free(&c);
}
